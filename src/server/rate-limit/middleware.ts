import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from '../errors.js';
import { clientAddress } from './client-ip.js';
import type { RateLimitResult, RateLimitStore } from './store.js';

/** Limits are requests per minute. */
const WINDOW_MS = 60_000;

export interface RateLimitOptions {
  store: RateLimitStore;
  /** Requests per minute from one client address; 0 turns the limit off. */
  perIp: number;
  /** Requests per minute for one visitor (valid session token); 0 turns it off. */
  perSession: number;
  /** Reverse proxies in front of the companion whose X-Forwarded-For is believed. */
  trustedProxies: number;
  /** The identity a session token vouches for; undefined when forged, tampered or expired. */
  sessionIdentity(token: string): string | undefined;
}

interface Counted {
  limit: number;
  result: RateLimitResult;
}

/**
 * Counts every request but plain health checks against its client address,
 * and requests with a valid session token also against that visitor. A token
 * that does not verify adds no key of its own, so made-up tokens cannot buy
 * fresh allowances. Over a limit → 429 with Retry-After. CORS preflights
 * never get here: the CORS middleware, mounted before, answers them.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { store, perIp, perSession, trustedProxies, sessionIdentity } = options;

  const count = async (key: string, limit: number): Promise<Counted | undefined> => {
    try {
      return { limit, result: await store.hit(key, WINDOW_MS, limit) };
    } catch (error) {
      // A broken shared store must not take the chat down with it: fail open, loudly.
      console.error('bridge-chat companion: rate-limit store failed; request let through:', error);
      return undefined;
    }
  };

  return async (c, next) => {
    if (isShallowHealthCheck(c)) return next();

    const counted: Counted[] = [];
    if (perIp > 0) {
      const ip = await count(`ip:${clientAddress(c, trustedProxies) ?? 'unknown'}`, perIp);
      if (ip) counted.push(ip);
    }
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization')?.trim() ?? '')?.[1];
    const identity = token === undefined || perSession === 0 ? undefined : sessionIdentity(token);
    if (identity !== undefined && counted.every(({ result }) => result.allowed)) {
      const session = await count(`session:${identity}`, perSession);
      if (session) counted.push(session);
    }

    const refused = counted.find(({ result }) => !result.allowed);
    if (refused) {
      const seconds = refused.result.retryAfterSeconds;
      throw new HttpError(429, 'rate_limited', `Too many requests; try again in ${seconds} s.`, {
        ...rateLimitHeaders(refused),
        'Retry-After': String(seconds),
      });
    }
    // The limit closest to running out, so clients can pace themselves.
    const tightest = counted.sort((a, b) => a.result.remaining - b.result.remaining)[0];
    if (tightest) for (const [name, value] of Object.entries(rateLimitHeaders(tightest))) c.header(name, value);
    return next();
  };
}

/**
 * `/healthz` answers load balancers without touching Twilio, so it is never
 * limited; `?deep=1` calls Twilio and counts like any other request. Matched
 * by suffix so it holds under a mount prefix such as `/chat`.
 */
const isShallowHealthCheck = (c: Context) => c.req.path.endsWith('/healthz') && c.req.query('deep') === undefined;

/** The RateLimit-* fields of the IETF draft, for one limit. */
const rateLimitHeaders = ({ limit, result }: Counted) => ({
  'RateLimit-Limit': String(limit),
  'RateLimit-Remaining': String(result.remaining),
  'RateLimit-Reset': String(result.retryAfterSeconds),
});
