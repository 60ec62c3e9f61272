import type { ContextResponse } from '../../protocol/context.js';
import type { ErrorCode } from '../../protocol/errors.js';
import type { EndResponse, RefreshResponse, SessionRequest, SessionResponse, VisitorResponse } from '../../protocol/session.js';
import { WidgetError, type WidgetErrorCode } from '../errors.js';
import {
  isContextResponse,
  isEndResponse,
  isErrorBody,
  isRefreshResponse,
  isSessionResponse,
  isVisitorResponse,
} from './companion-answers.js';

/** The longest wait a companion's Retry-After may impose before the chat tries again by itself. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** The companion's failure answer, with how long it asked the widget to wait (its Retry-After, in ms; 0 when it did not say). */
export class CompanionError extends WidgetError {
  constructor(
    code: WidgetErrorCode,
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(code, message);
  }
}

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
  return callCompanion('POST', '/session', call, isSessionResponse, details);
}

/** Whether the site's identify hook recognises the visitor as a signed-in user. */
export function requestVisitor(call: CompanionCall): Promise<VisitorResponse> {
  return callCompanion('GET', '/session/visitor', call, isVisitorResponse);
}

/** A fresh access token (and renewed session token) for the session `sessionToken` stands for. */
export function requestRefresh(call: CompanionCall): Promise<RefreshResponse> {
  return callCompanion('POST', '/session/refresh', call, isRefreshResponse, {});
}

/** Ends (closes) the session's conversation. */
export function requestEnd(call: CompanionCall): Promise<EndResponse> {
  return callCompanion('POST', '/session/end', call, isEndResponse, {});
}

/** The session's link status, history (the page after `historyPageToken`, else the first) and memory. */
export function requestContext(call: CompanionCall, historyPageToken: string | undefined): Promise<ContextResponse> {
  const query = historyPageToken ? `?${new URLSearchParams({ historyPageToken })}` : '';
  return callCompanion('GET', `/context${query}`, call, isContextResponse);
}

type Guard<T> = (answer: unknown) => answer is T;

/** A GET, or a POST with its JSON body; the answer must pass `understood`. */
function callCompanion<T>(method: 'GET', path: string, call: CompanionCall, understood: Guard<T>): Promise<T>;
function callCompanion<T>(method: 'POST', path: string, call: CompanionCall, understood: Guard<T>, body: object): Promise<T>;
async function callCompanion<T>(
  method: 'GET' | 'POST',
  path: string,
  { sessionUrl, sessionToken, siteHeaders, signal }: CompanionCall,
  understood: Guard<T>,
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
  if (!response.ok) throw companionError(response, answer);
  if (!understood(answer)) {
    throw new WidgetError('invalid_session_response', 'The chat service sent an answer the widget does not understand.');
  }
  return answer;
}

/**
 * The companion's own error (it only sends the codes of the shared ErrorCode contract), or, from
 * something else in its place (a proxy's or load balancer's page), one by the HTTP status: 5xx and
 * 429 may heal, so the chat tries again after them; another 4xx will not.
 */
function companionError({ status, headers }: Response, body: unknown): CompanionError {
  // Capped: a proxy's "come back tomorrow" must not park the chat for a day.
  const retryAfterMs = Math.min(Number(headers.get('retry-after')) * 1000 || 0, MAX_RETRY_AFTER_MS);
  return isErrorBody(body)
    ? new CompanionError(body.error.code as ErrorCode, body.error.message, retryAfterMs)
    : new CompanionError(
        status === 401 ? 'unauthorized' : status === 429 ? 'rate_limited' : status < 500 ? 'bad_request' : 'upstream_error',
        `The chat service answered with HTTP ${status}.`,
        retryAfterMs,
      );
}
