import { EMAIL_ADDRESS } from '../../protocol/email.js';
import { MAX_EMAIL_LENGTH, MAX_MESSAGE_BYTES, MAX_NAME_LENGTH, utf8Bytes } from '../../protocol/limits.js';
import type { SessionDetails } from '../controllers/session.controller.js';
import type { PrechatField, PrechatFieldName } from '../settings/panel-settings.js';

/** Why a pre-chat answer cannot be sent; each is the key of the message shown under the field. */
export type PrechatProblem = 'fieldRequired' | 'emailInvalid' | 'fieldTooLong';

export type PrechatValues = Partial<Record<PrechatFieldName, string>>;
export type PrechatProblems = Partial<Record<PrechatFieldName, PrechatProblem>>;

/**
 * What is wrong with one answer (surrounding spaces do not count), or undefined
 * when it can be sent: the limits `POST /session` enforces, from the same module.
 */
export function checkPrechatField(field: PrechatField, raw: string): PrechatProblem | undefined {
  const value = raw.trim();
  if (value === '') return field.required ? 'fieldRequired' : undefined;
  switch (field.name) {
    case 'name':
      return value.length > MAX_NAME_LENGTH ? 'fieldTooLong' : undefined;
    case 'email':
      if (value.length > MAX_EMAIL_LENGTH) return 'fieldTooLong';
      return EMAIL_ADDRESS.test(value) ? undefined : 'emailInvalid';
    case 'message':
      return utf8Bytes(value) > MAX_MESSAGE_BYTES ? 'fieldTooLong' : undefined;
  }
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
