import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../protocol/errors.js';
import { limitRequestBody } from './body-limit.js';
import { BridgeHealthProbe } from './bridge/health-probe.js';
import { ContextService } from './context/context-service.js';
import { cors } from './cors.js';
import { HttpError } from './errors.js';
import { optionsFromProcessEnv } from './process-env.js';
import { MemoryRateLimitStore } from './rate-limit/memory-store.js';
import { rateLimit } from './rate-limit/middleware.js';
import { contextRoutes } from './routes/context.js';
import { healthRoutes } from './routes/health.js';
import { sessionRoutes } from './routes/session.js';
import { SessionTokens } from './session-token.js';
import { SessionService } from './sessions.js';
import { type CompanionOptions, parseCompanionOptions } from './settings.js';
import { createTwilioClient } from './twilio/client.js';

/** Request bodies are small JSON documents (at most a 32 KB first message); anything bigger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The companion: the widget's only server. A Hono app, so it runs anywhere a
 * fetch handler does (Node, Express via an adapter, edge runtimes).
 * Without options it reads the environment (and `.env`, when present).
 * Throws a SettingsError naming the first bad option.
 */
export function createCompanion(options: CompanionOptions = optionsFromProcessEnv()): Hono {
  const settings = parseCompanionOptions(options);
  const tokens = new SessionTokens(settings.sessionSecrets, settings.sessionTtlSeconds);
  const twilio = createTwilioClient(settings);
  const sessions = new SessionService({ settings, twilio, tokens });
  // One cached bridge lookup for the deep health check and /context's `not-bridged`.
  const bridge = new BridgeHealthProbe(twilio, settings.serviceSid);

  const app = new Hono();
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.use(
    cors({
      allowedOrigins: settings.allowedOrigins,
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', ...settings.allowedHeaders],
      // Readable cross-origin, so a browser client can back off on 429 and 503.
      exposeHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
      maxAgeSeconds: 600,
    }),
  );
  // After CORS, so a 429 carries the grant the widget needs to read it.
  app.use(
    rateLimit({
      store: settings.rateLimitStore ?? new MemoryRateLimitStore(),
      perIp: settings.rateLimitPerIp,
      perSession: settings.rateLimitPerSession,
      trustedProxies: settings.trustProxy,
      sessionIdentity: (token) => tokens.verify(token)?.identity,
    }),
  );
  app.use(
    limitRequestBody(
      MAX_BODY_BYTES,
      () => new HttpError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`),
    ),
  );
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, allow) =>
        c.json(errorBody('method_not_allowed', `Use ${allow.join(' or ')} for ${c.req.path}.`), 405, {
          Allow: allow.join(', '),
        }),
    }),
  );

  app.route('/session', sessionRoutes(sessions, settings.identify));
  app.route('/context', contextRoutes(sessions, new ContextService({ settings, twilio, bridge }), settings.identify));
  app.route('/healthz', healthRoutes(bridge));

  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(error.toBody(), error.status, error.headers);
    if (error instanceof HTTPException) {
      return c.json(errorBody(codeForStatus(error.status), error.message || 'Bad request.'), error.status);
    }
    console.error('bridge-chat companion: unexpected error', error);
    return c.json(errorBody('internal_error', 'Something went wrong on our side.'), 500);
  });
  return app;
}

const errorBody = (code: ErrorCode, message: string) => ({ error: { code, message } });

function codeForStatus(status: ContentfulStatusCode): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 413) return 'payload_too_large';
  if (status >= 500) return 'internal_error';
  return 'bad_request';
}
