/** The outcome of counting one request against a limit. */
export interface RateLimitResult {
  /** False once the key has used up its limit for the current window. */
  allowed: boolean;
  /** Requests left in the current window (0 when refused). */
  remaining: number;
  /** Whole seconds until the window resets (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Where request counts live. The companion ships an in-memory store; when
 * several instances serve one site, plug in a shared one (Redis, a database…)
 * so that a visitor's requests are counted once across all of them.
 *
 * `hit` counts one request for `key` in a fixed window of `windowMs` that
 * starts with the key's first request, and says whether it is within `limit`.
 */
export interface RateLimitStore {
  hit(key: string, windowMs: number, limit: number): Promise<RateLimitResult>;
}

export const isRateLimitStore = (value: unknown): value is RateLimitStore =>
  typeof (value as RateLimitStore | null)?.hit === 'function';
