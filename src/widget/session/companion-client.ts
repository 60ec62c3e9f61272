import type { z } from 'zod/mini';
import { type ContextResponse, contextResponseSchema } from '../../protocol/context.js';
import { errorBodySchema, type ErrorCode } from '../../protocol/errors.js';
import {
  type EndResponse,
  endResponseSchema,
  type RefreshResponse,
  refreshResponseSchema,
  type SessionRequest,
  type SessionResponse,
  sessionResponseSchema,
  type VisitorResponse,
  visitorResponseSchema,
} from '../../protocol/session.js';
import { WidgetError } from '../errors.js';

/** How a call reaches the companion: as which session, with which of the site's own headers. */
export interface CompanionCall {
  /** The companion's base URL, without a trailing slash. */
  sessionUrl: string;
  sessionToken: string | undefined;
  /** The site's own headers (`getAuthHeaders`), e.g. its signed-in user's session. */
  siteHeaders: Record<string, string>;
  signal: AbortSignal;
}

/**
 * Asks the companion for a chat session; a `sessionToken` resumes an earlier one.
 * `details` are the pre-chat fields (used only when a new conversation starts).
 */
export function requestSession(call: CompanionCall, details: SessionRequest = {}): Promise<SessionResponse> {
  return callCompanion('POST', '/session', call, sessionResponseSchema, details);
}

/** Whether the site's identify hook recognises the visitor as a signed-in user. */
export function requestVisitor(call: CompanionCall): Promise<VisitorResponse> {
  return callCompanion('GET', '/session/visitor', call, visitorResponseSchema);
}

/** A fresh access token (and renewed session token) for the session `sessionToken` stands for. */
export function requestRefresh(call: CompanionCall): Promise<RefreshResponse> {
  return callCompanion('POST', '/session/refresh', call, refreshResponseSchema, {});
}

/** Ends (closes) the session's conversation. */
export function requestEnd(call: CompanionCall): Promise<EndResponse> {
  return callCompanion('POST', '/session/end', call, endResponseSchema, {});
}

/** The session's link status, history (the page after `historyPageToken`, else the first) and memory. */
export function requestContext(call: CompanionCall, historyPageToken: string | undefined): Promise<ContextResponse> {
  const query = historyPageToken ? `?${new URLSearchParams({ historyPageToken })}` : '';
  return callCompanion('GET', `/context${query}`, call, contextResponseSchema);
}

/** A GET, or a POST with its JSON body. */
function callCompanion<T>(method: 'GET', path: string, call: CompanionCall, schema: z.ZodMiniType<T>): Promise<T>;
function callCompanion<T>(method: 'POST', path: string, call: CompanionCall, schema: z.ZodMiniType<T>, body: object): Promise<T>;
async function callCompanion<T>(
  method: 'GET' | 'POST',
  path: string,
  { sessionUrl, sessionToken, siteHeaders, signal }: CompanionCall,
  schema: z.ZodMiniType<T>,
  body?: object,
): Promise<T> {
  // The site's headers never replace the widget's own.
  const headers: Record<string, string> = { ...siteHeaders };
  if (body) headers['content-type'] = 'application/json';
  if (sessionToken) headers.authorization = `Bearer ${sessionToken}`;
  const url = `${sessionUrl}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : null, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new WidgetError('companion_unreachable', 'The chat service cannot be reached.', { cause: error });
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw companionError(response.status, answer);
  const parsed = schema.safeParse(answer);
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
