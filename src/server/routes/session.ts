import { Hono } from 'hono';
import { sessionRequestSchema } from '../../protocol/session.js';
import type { IdentifyHook } from '../identify.js';
import { readJsonBody } from '../request.js';
import type { SessionService } from '../sessions.js';
import { callerOf } from './caller.js';

export function sessionRoutes(sessions: SessionService, identify: IdentifyHook | undefined) {
  return new Hono()
    .post('/', async (c) => {
      const caller = await callerOf(c, identify);
      const prechat = await readJsonBody(c, sessionRequestSchema);
      return c.json(await sessions.start(caller, prechat));
    })
    .post('/refresh', async (c) => c.json(sessions.refresh(await callerOf(c, identify))))
    .post('/end', async (c) => c.json(await sessions.end(await callerOf(c, identify))));
}
