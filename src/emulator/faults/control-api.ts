import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { z } from 'zod';
import { FAULT_SCOPES, type FaultPlan } from './fault-plan.js';

/** What the control API can act on beyond the fault plan. */
export interface FaultTargets {
  plan: FaultPlan;
  dropAllSockets(): number;
  expireTokens(): void;
  pauseBridge(): void;
  resumeBridge(): void;
}

export const CONTROL_PATH = '/__emulator/faults';

const status = z.union([z.literal(429), z.literal(503)]);
const retryAfterSeconds = z.int().min(0).max(3600).default(1);

const scope = z.enum(FAULT_SCOPES).optional();

// One object rather than a union, so a bad field is named in the error.
const failSchema = z
  .strictObject({
    count: z.int().min(1).max(100_000).optional(),
    ratio: z.number().min(0).max(1).optional(),
    status,
    retryAfterSeconds,
    scope,
  })
  // Narrowing here (rather than a refine) hands the route a count or a ratio, never a guessed default.
  .transform(({ count, ratio, ...rest }, ctx) => {
    if (count !== undefined && ratio === undefined) return { ...rest, count };
    if (ratio !== undefined && count === undefined) return { ...rest, ratio };
    ctx.addIssue({ code: 'custom', message: 'give either count or ratio', input: { count, ratio } });
    return z.NEVER;
  });

const isLoopback = (address: string | undefined) =>
  address !== undefined && (/^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address));

/**
 * The fault-injection control API, for tests: loopback callers only, and only
 * when the emulator was started with fault injection on.
 *
 *   GET    /__emulator/faults                 current settings, and `injected`: what was failed and
 *                                             dropped since the emulator started (kept by DELETE)
 *   DELETE /__emulator/faults                 back to normal (bridge resumed too)
 *   POST   /__emulator/faults/latency         {ms}
 *   POST   /__emulator/faults/fail            {count, status: 429|503, retryAfterSeconds?, scope?}
 *                                             or {ratio: 0..1, status, retryAfterSeconds?, scope?}
 *   POST   /__emulator/faults/drop-sockets    drops every realtime socket → {dropped}
 *
 * Latency and failures meet every REST request and every realtime data request
 * (the socket's handshake and token refreshes excepted: dropping sockets and
 * expiring tokens are their faults). A failure with a `scope` (`conversations`,
 * `orchestrator`, `memory`) hits only that product's requests, so one can go
 * down while the others work; without one it hits everything. Each scope keeps
 * its own rules; a `ratio` of 0 clears that scope's share.
 *   POST   /__emulator/faults/expire-tokens   every access token issued so far counts as expired
 *   POST   /__emulator/faults/bridge          {paused: boolean}
 */
export function createControlApi(targets: FaultTargets): Hono<{ Bindings: HttpBindings }> {
  const { plan } = targets;
  const app = new Hono<{ Bindings: HttpBindings }>().basePath(CONTROL_PATH);

  app.use(async (c, next) => {
    if (!isLoopback(c.env?.incoming?.socket?.remoteAddress)) {
      return c.json({ error: 'The fault-injection API answers loopback callers only.' }, 403);
    }
    await next();
  });

  const body = async <T>(c: { req: { json(): Promise<unknown> } }, schema: z.ZodType<T>): Promise<T> =>
    schema.parse(await c.req.json());

  app.get('/', (c) => c.json({ ...plan.settings, injected: plan.injected }));
  app.delete('/', (c) => {
    plan.reset();
    targets.resumeBridge();
    return c.json(plan.settings);
  });
  app.post('/latency', async (c) => {
    const { ms } = await body(c, z.strictObject({ ms: z.int().min(0).max(60_000) }));
    plan.update({ latencyMs: ms });
    return c.json(plan.settings);
  });
  app.post('/fail', async (c) => {
    const { scope, status, retryAfterSeconds, ...amount } = await body(c, failSchema);
    const changes =
      'count' in amount
        ? { failNext: { remaining: amount.count, status, retryAfterSeconds } }
        : { failShare: amount.ratio > 0 ? { ratio: amount.ratio, status, retryAfterSeconds } : null };
    if (scope) plan.updateScoped(scope, changes);
    else plan.update(changes);
    return c.json(plan.settings);
  });
  app.post('/drop-sockets', (c) => {
    const dropped = targets.dropAllSockets();
    plan.recordDroppedSockets(dropped);
    return c.json({ dropped });
  });
  app.post('/expire-tokens', (c) => {
    targets.expireTokens();
    return c.json({ expired: true });
  });
  app.post('/bridge', async (c) => {
    const { paused } = await body(c, z.strictObject({ paused: z.boolean() }));
    if (paused) targets.pauseBridge();
    else targets.resumeBridge();
    return c.json({ paused });
  });

  app.notFound((c) => c.json({ error: `No fault-injection route ${c.req.method} ${c.req.path}.` }, 404));
  app.onError((error, c) => {
    if (error instanceof z.ZodError) {
      const problems = error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
      return c.json({ error: problems.join('; ') }, 400);
    }
    if (error instanceof SyntaxError) return c.json({ error: 'The body must be JSON.' }, 400);
    console.error('[bridge-chat emulator] fault-injection request failed:', error);
    return c.json({ error: 'Fault-injection request failed.' }, 500);
  });
  return app;
}
