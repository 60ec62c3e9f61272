import { errorBodySchema, type ErrorCode } from '../../protocol/errors.js';
import { sessionResponseSchema, type SessionResponse } from '../../protocol/session.js';
import { WidgetError } from '../errors.js';

/** Asks the companion at `sessionUrl` (no trailing slash) for a chat session; `sessionToken` resumes an earlier one. */
export async function requestSession(
  sessionUrl: string,
  sessionToken: string | undefined,
  signal: AbortSignal,
): Promise<SessionResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (sessionToken) headers.authorization = `Bearer ${sessionToken}`;
  let response: Response;
  try {
    response = await fetch(`${sessionUrl}/session`, {
      method: 'POST',
      headers,
      body: '{}',
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new WidgetError('companion_unreachable', 'The chat service cannot be reached.', { cause: error });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw companionError(response.status, body);
  const session = sessionResponseSchema.safeParse(body);
  if (!session.success) {
    throw new WidgetError('invalid_session_response', 'The chat service sent an answer the widget does not understand.');
  }
  return session.data;
}

function companionError(status: number, body: unknown): WidgetError {
  const parsed = errorBodySchema.safeParse(body);
  // The companion only sends the codes of the shared ErrorCode contract.
  if (parsed.success) return new WidgetError(parsed.data.error.code as ErrorCode, parsed.data.error.message);
  if (status === 401) return new WidgetError('unauthorized', 'The chat session is no longer valid.');
  return new WidgetError('upstream_error', `The chat service answered with HTTP ${status}.`);
}
