import { z } from 'zod';
import {
  conversationClosed,
  invalidParameter,
  mediaAlreadySent,
  mediaNotFound,
  participantAlreadyExists,
  timerFormatInvalid,
  timerTooShort,
  uniqueNameTaken,
  type TwilioApiError,
} from '../errors.js';
import { WriteRefused } from './store.js';
import { parseIsoDuration } from './timers.js';

/** Request-parameter checks shared by the Conversations v1 routes. */

export const jsonText = z.string().refine(isJsonText, 'must be valid JSON');

/** Validates Twilio parameters; the first problem becomes a 20001 naming the parameter. */
export function parseParams<T extends z.ZodType>(schema: T, params: Record<string, string>): z.output<T> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'parameter');
  throw invalidParameter(
    issue?.code === 'invalid_type' && params[name] === undefined
      ? `Missing required parameter ${name} in the post body`
      : `Invalid parameter ${name}: ${issue?.message ?? 'invalid value'}`,
  );
}

/** Twilio's floors for conversation timers. */
const TIMER_MINIMUM_MS = { Inactive: 60_000, Closed: 10 * 60_000 } as const;

/**
 * `Timers.Inactive` / `Timers.Closed`: milliseconds, null to remove the timer
 * (`PT0S`), undefined when absent. Below Twilio's floor is 50375 / 50376, not a
 * duration 50379 / 50380.
 */
export function parseTimer(timer: 'Inactive' | 'Closed', raw: string | undefined): number | null | undefined {
  if (raw === undefined) return undefined;
  const ms = parseIsoDuration(raw);
  if (ms === undefined) throw timerFormatInvalid(timer, raw);
  if (ms === 0) return null;
  if (ms < TIMER_MINIMUM_MS[timer]) throw timerTooShort(timer);
  return ms;
}

/** Runs a store write, turning a refusal into Twilio's error for it. */
export function refusalsAsTwilioErrors<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof WriteRefused) throw twilioErrorFor(error);
    throw error;
  }
}

export function twilioErrorFor(refusal: WriteRefused): TwilioApiError {
  switch (refusal.reason) {
    case 'unique-name-taken':
      return uniqueNameTaken(refusal.message);
    case 'identity-already-participant':
      return participantAlreadyExists(refusal.message);
    case 'conversation-closed':
      return conversationClosed(refusal.subject);
    case 'media-not-found':
      return mediaNotFound(refusal.subject);
    case 'media-already-sent':
      return mediaAlreadySent(refusal.subject);
  }
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
