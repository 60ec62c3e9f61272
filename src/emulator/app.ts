import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { methodNotAllowed as allowOnlyRouteMethods } from 'hono/method-not-allowed';
import { verifyAccessToken } from './access-token.js';
import { requireApiKey } from './auth.js';
import { internalError, methodNotAllowed, payloadTooLarge, resourceNotFound, TwilioApiError } from './errors.js';
import { REST_BODY_MAX_BYTES } from './limits.js';
import type { EmulatorOptions } from './options.js';
import { conversationsV1Routes } from './classic/routes.js';
import type { ConversationStore } from './classic/store.js';
import { twilioPath } from './classic/wire.js';
import { mediaRoutes } from './media/routes.js';
import type { Orchestrator } from './orchestrator/orchestrator.js';
import { memoryV1Routes } from './memory/routes.js';
import type { MemoryStore } from './memory/store.js';

/**
 * The emulator's REST surface: products routed by the first path segment
 * (`/conversations/v1/...` for `https://conversations.twilio.com/v1/...`),
 * Twilio's Basic auth in front, and every failure answered in Twilio's
 * error form (never a stack trace, never HTML).
 */
export function createRestApp(
  options: EmulatorOptions,
  store: ConversationStore,
  orchestrator?: Orchestrator,
  memory?: MemoryStore,
): Hono {
  const app = new Hono();
  const wireContext = { accountSid: options.accountSid, serviceSid: options.serviceSid };
  const media = mediaRoutes(store.media, options.serviceSid, {
    ...options,
    verifyToken: (token) => verifyAccessToken(token, options),
  });

  // Browsers reach media directly: CORS preflights (OPTIONS) are answered there, before the method check.
  app.route('/media', media.content);
  app.route('/mcs/v1', media.mcs);
  app.use(
    allowOnlyRouteMethods({
      app,
      onMethodNotAllowed: (c, allowed) =>
        c.json(methodNotAllowed(c.req.method).toBody(), 405, { Allow: allowed.join(', ') }),
    }),
  );
  // Media comes first: signed URLs carry their own authorization, MCS checks its own (API key or access
  // token), and uploads have the media cap, not the REST body limit.
  app.use(requireApiKey(options));
  app.use(
    bodyLimit({
      maxSize: REST_BODY_MAX_BYTES,
      onError: (c) => c.json(payloadTooLarge(REST_BODY_MAX_BYTES).toBody(), 413),
    }),
  );

  app.route('/conversations/v1', conversationsV1Routes(store, wireContext));
  if (orchestrator) app.route('/conversations/v2', orchestrator.routes());
  if (memory) app.route('/memory/v1', memoryV1Routes(memory));

  app.notFound((c) => c.json(resourceNotFound(twilioPath(c.req.path)).toBody(), 404));
  app.onError((error, c) => {
    if (error instanceof TwilioApiError) return c.json(error.toBody(), error.status);
    console.error('[bridge-chat emulator] unexpected error on %s %s:', c.req.method, c.req.path, error);
    return c.json(internalError().toBody(), 500);
  });
  return app;
}
