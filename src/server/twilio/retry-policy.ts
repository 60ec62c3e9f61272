/**
 * When and how long to wait before asking Twilio again. Twilio answers 429
 * (too many requests) and 503 (unavailable) without acting on the request,
 * so those are retried for every method, message creates included. A request
 * that may have reached Twilio (reset, timeout) is retried only when it is
 * safe to repeat (GET/HEAD); a refused or unresolved connection never left,
 * so it is retried like a 503.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 turns retries off. */
  maxAttempts: number;
  /** Time for all attempts and waits of one call; a wait that would overrun it is not taken. */
  budgetMs: number;
  /** First backoff step; each retry doubles it, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

const RETRIED_STATUSES = new Set([429, 503]);
const SAFE_METHODS = new Set(['GET', 'HEAD']);
/** Connection errors that mean the request was never sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export type Outcome = { status: number; retryAfter?: string } | { errorCode?: string };

export function isRetryable(method: string, outcome: Outcome): boolean {
  if ('status' in outcome) return RETRIED_STATUSES.has(outcome.status);
  if (outcome.errorCode !== undefined && NOT_SENT.has(outcome.errorCode)) return true;
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Exponential backoff with equal jitter (half fixed, half random) for retry
 * number `retry` (1, 2, …), never shorter than the server's Retry-After
 * (seconds or an HTTP date).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  retryAfter: string | undefined,
  now: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const backoff = step / 2 + random() * (step / 2);
  return Math.max(backoff, retryAfterMs(retryAfter, now));
}

function retryAfterMs(value: string | undefined, now: number): number {
  if (value === undefined || value.trim() === '') return 0;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? 0 : Math.max(0, date - now);
}
