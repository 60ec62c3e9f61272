import type { RealtimeRequestType } from '../realtime/protocol.js';
import { ConnectionLostError, RealtimeRequestError, type Request } from './connection.js';

/** How reads are retried: the shape of the SDK's `backoffConfigOverride` client option. */
export interface BackoffConfig {
  /** The first wait (ms); each retry doubles it, up to `max`. */
  min: number;
  max: number;
  /** Attempts in all, the first included. */
  maxAttemptsCount: number;
}

/** The SDK's own defaults: three attempts, waiting 1 s, then 2 s (4 s at most). */
export const DEFAULT_BACKOFF: BackoffConfig = { min: 1_000, max: 4_000, maxAttemptsCount: 3 };

/** Requests that only read: asking again changes nothing. */
const READS: ReadonlySet<RealtimeRequestType> = new Set([
  'getConversation',
  'getMessages',
  'getParticipants',
  'getMediaContentUrl',
]);

/** Twilio's "try again later": throttled, bad gateway, unavailable, gateway timeout. */
const TRANSIENT_CODES = new Set([20429, 20502, 20503, 20504]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failure that asking again later may cure: a throttled or unavailable answer, or a dropped connection. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ConnectionLostError) return true;
  return error instanceof RealtimeRequestError && TRANSIENT_CODES.has(error.code);
}

/**
 * `request`, with reads retried as the SDK retries its GETs: after a throttled
 * or unavailable answer, or a connection lost while waiting for one. Writes
 * (a send, a read horizon) are never repeated here: their callers decide.
 */
export function retryingReads(request: Request, backoff: BackoffConfig): Request {
  return async (type, params) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await request(type, params);
      } catch (error) {
        if (!READS.has(type) || attempt >= backoff.maxAttemptsCount || !isTransient(error)) throw error;
        await sleep(Math.min(backoff.max, backoff.min * 2 ** (attempt - 1)));
      }
    }
  };
}
