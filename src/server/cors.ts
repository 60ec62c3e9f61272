import type { MiddlewareHandler } from 'hono';

export interface CorsPolicy {
  /** Exact origins (`scheme://host[:port]`) whose pages may call the companion; any other gets no CORS headers. */
  allowedOrigins: readonly string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  /** Response headers a granted page may read. */
  exposeHeaders: readonly string[];
  maxAgeSeconds: number;
}

/**
 * Cross-origin access for allowlisted origins only. Every OPTIONS request is
 * answered here as a preflight (the companion has no OPTIONS routes).
 *
 * Other requests get their headers on the handler's own response, through
 * `c.res.headers`: `c.header()` after the handler, or a new Response, would
 * make @hono/node-server rebuild the answer as a stream instead of writing it
 * to the socket in one go.
 */
export function cors(policy: CorsPolicy): MiddlewareHandler {
  const allowed = new Set(policy.allowedOrigins);
  const preflightGrant = {
    'Access-Control-Allow-Methods': policy.allowMethods.join(','),
    'Access-Control-Allow-Headers': policy.allowHeaders.join(','),
    'Access-Control-Max-Age': String(policy.maxAgeSeconds),
  };
  const exposeHeaders = policy.exposeHeaders.join(',');

  return async (c, next) => {
    const origin = c.req.header('origin');
    const grantedOrigin = origin !== undefined && allowed.has(origin) ? origin : undefined;
    if (c.req.method === 'OPTIONS') {
      // Vary in every case: the answer depends on Origin, so a shared cache must not hand one origin's to another.
      const headers =
        grantedOrigin === undefined
          ? { Vary: 'Origin' }
          : { 'Access-Control-Allow-Origin': grantedOrigin, ...preflightGrant, Vary: 'Origin' };
      return c.body(null, 204, headers);
    }

    // Runs for error answers too (Hono turns a thrown error into c.res before next() returns),
    // so a 429 stays readable by the widget.
    await next();
    const headers = c.res.headers;
    if (grantedOrigin !== undefined) {
      headers.set('Access-Control-Allow-Origin', grantedOrigin);
      if (exposeHeaders !== '') headers.set('Access-Control-Expose-Headers', exposeHeaders);
    }
    headers.append('Vary', 'Origin');
  };
}
