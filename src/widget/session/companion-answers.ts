import type { ContextResponse } from '../../protocol/context.js';
import type { ErrorBody } from '../../protocol/errors.js';
import type { EndResponse, RefreshResponse, SessionResponse, VisitorResponse } from '../../protocol/session.js';

/**
 * Whether an answer is the companion's, as far as the widget relies on it.
 *
 * The companion's answers are held to the zod schemas of src/protocol by its
 * own tests; these checks are the browser's cheap guard against a stranger
 * answering instead (a proxy's page, a wrong URL), so that it fails with a
 * clear error, without shipping a schema library to every visitor.
 */

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

const hasText = (value: Fields, ...keys: string[]) => keys.every((key) => typeof value[key] === 'string' && value[key] !== '');

export function isSessionResponse(answer: unknown): answer is SessionResponse {
  if (!isObject(answer) || !hasText(answer, 'identity', 'conversationSid', 'token', 'tokenExpiresAt', 'sessionToken')) return false;
  const { backend } = answer;
  return isObject(backend) && (backend['kind'] === 'twilio' || (backend['kind'] === 'emulator' && hasText(backend, 'realtimeUrl')));
}

export function isVisitorResponse(answer: unknown): answer is VisitorResponse {
  return isObject(answer) && typeof answer['identified'] === 'boolean';
}

export function isRefreshResponse(answer: unknown): answer is RefreshResponse {
  return isObject(answer) && hasText(answer, 'token', 'tokenExpiresAt', 'sessionToken');
}

export function isEndResponse(answer: unknown): answer is EndResponse {
  return isObject(answer) && answer['state'] === 'closed';
}

export function isContextResponse(answer: unknown): answer is ContextResponse {
  if (!isObject(answer)) return false;
  const { link, history, memory } = answer;
  return (
    isObject(link) &&
    hasText(link, 'status') &&
    isObject(history) &&
    Array.isArray(history['items']) &&
    history['items'].every((item) => isObject(item) && hasText(item, 'conversationId', 'channel', 'startedAt')) &&
    isObject(memory) &&
    isObject(memory['traits']) &&
    Array.isArray(memory['observations'])
  );
}

export function isErrorBody(answer: unknown): answer is ErrorBody {
  return isObject(answer) && isObject(answer['error']) && hasText(answer['error'], 'code', 'message');
}
