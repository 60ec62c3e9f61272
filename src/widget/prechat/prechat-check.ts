import {
  MAX_EMAIL_LENGTH,
  MAX_MESSAGE_BYTES,
  MAX_NAME_LENGTH,
  sessionRequestSchema,
  utf8Bytes,
} from '../../protocol/session.js';
import type { SessionDetails } from '../controllers/session.controller.js';
import type { PrechatField, PrechatFieldName } from '../settings/panel-settings.js';

/** Why a pre-chat answer cannot be sent; each is the key of the message shown under the field. */
export type PrechatProblem = 'fieldRequired' | 'emailInvalid' | 'fieldTooLong';

export type PrechatValues = Partial<Record<PrechatFieldName, string>>;
export type PrechatProblems = Partial<Record<PrechatFieldName, PrechatProblem>>;

/**
 * Each form field checked by the companion's own schema for it (so the form
 * accepts exactly what `POST /session` accepts), and the limit that tells
 * "too long" from "malformed".
 */
const rules = {
  name: { schema: sessionRequestSchema.shape.name, tooLong: (value: string) => value.length > MAX_NAME_LENGTH },
  email: { schema: sessionRequestSchema.shape.email, tooLong: (value: string) => value.length > MAX_EMAIL_LENGTH },
  message: {
    schema: sessionRequestSchema.shape.firstMessage,
    tooLong: (value: string) => utf8Bytes(value) > MAX_MESSAGE_BYTES,
  },
} satisfies Record<PrechatFieldName, unknown>;

/** What is wrong with one answer (surrounding spaces do not count), or undefined when it can be sent. */
export function checkPrechatField(field: PrechatField, raw: string): PrechatProblem | undefined {
  const value = raw.trim();
  if (value === '') return field.required ? 'fieldRequired' : undefined;
  const rule = rules[field.name];
  if (rule.schema.safeParse(value).success) return undefined;
  return rule.tooLong(value) ? 'fieldTooLong' : 'emailInvalid';
}

/** The answers as session details (trimmed, empty ones left out), and what is wrong with them. */
export function checkPrechat(
  fields: readonly PrechatField[],
  values: PrechatValues,
): { details: SessionDetails; problems: PrechatProblems } {
  const details: SessionDetails = {};
  const problems: PrechatProblems = {};
  for (const field of fields) {
    const value = (values[field.name] ?? '').trim();
    const problem = checkPrechatField(field, value);
    if (problem) problems[field.name] = problem;
    else if (value === '') continue;
    else if (field.name === 'message') details.firstMessage = value;
    else details[field.name] = value;
  }
  return { details, problems };
}
