import { Hono } from 'hono';
import { sessionRequestSchema, type VisitorResponse } from '../../protocol/session.js';
import { type IdentifyHook, identifyVisitor } from '../identify.js';
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
    // Only the site's identify hook, no Twilio call: cheap enough to ask before every first open,
    // so the widget skips its pre-chat form for signed-in users.
    .get('/visitor', async (c) => {
      const answer: VisitorResponse = { identified: (await identifyVisitor(identify, c.req.raw)) !== undefined };
      // Depends on the caller's cookies or headers: no cache may share or keep it.
      c.header('Cache-Control', 'no-store');
      return c.json(answer);
    })
    .post('/refresh', async (c) => c.json(sessions.refresh(await callerOf(c, identify))))
    .post('/end', async (c) => c.json(await sessions.end(await callerOf(c, identify))));
}
