import type { z } from 'zod/mini';
import { errorBodySchema, type ErrorCode } from '../../protocol/errors.js';
import {
  type RefreshResponse,
  refreshResponseSchema,
  type SessionResponse,
  sessionResponseSchema,
} from '../../protocol/session.js';
import { WidgetError } from '../errors.js';

/** Asks the companion at `sessionUrl` (no trailing slash) for a chat session; `sessionToken` resumes an earlier one. */
export function requestSession(
  sessionUrl: string,
  sessionToken: string | undefined,
  signal: AbortSignal,
): Promise<SessionResponse> {
  return callCompanion(`${sessionUrl}/session`, sessionToken, sessionResponseSchema, signal);
}

/** A fresh access token (and renewed session token) for the session `sessionToken` stands for. */
export function requestRefresh(sessionUrl: string, sessionToken: string, signal: AbortSignal): Promise<RefreshResponse> {
  return callCompanion(`${sessionUrl}/session/refresh`, sessionToken, refreshResponseSchema, signal);
}

async function callCompanion<T>(
  url: string,
  sessionToken: string | undefined,
  schema: z.ZodMiniType<T>,
  signal: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sessionToken) headers.authorization = `Bearer ${sessionToken}`;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: '{}', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new WidgetError('companion_unreachable', 'The chat service cannot be reached.', { cause: error });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw companionError(response.status, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new WidgetError('invalid_session_response', 'The chat service sent an answer the widget does not understand.');
  }
  return parsed.data;
}

function companionError(status: number, body: unknown): WidgetError {
  const parsed = errorBodySchema.safeParse(body);
  // The companion only sends the codes of the shared ErrorCode contract.
  if (parsed.success) return new WidgetError(parsed.data.error.code as ErrorCode, parsed.data.error.message);
  if (status === 401) return new WidgetError('unauthorized', 'The chat session is no longer valid.');
  return new WidgetError('upstream_error', `The chat service answered with HTTP ${status}.`);
}
