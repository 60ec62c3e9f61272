import { Hono } from 'hono';
import type { BridgeHealthProbe } from '../bridge/health-probe.js';

/** `/healthz`: the process is up (no Twilio call). `?deep=1`: Twilio answers and bridges the service, or 503. */
export function healthRoutes(bridge: BridgeHealthProbe) {
  return new Hono().get('/', async (c) => {
    if (!['1', 'true'].includes(c.req.query('deep') ?? '')) return c.json({ status: 'ok' });
    const health = await bridge.check();
    return c.json(health, health.status === 'ok' ? 200 : 503);
  });
}
