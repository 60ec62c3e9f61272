import { Hono } from 'hono';
import { sessionRequestSchema } from '../../protocol/session.js';
import { type IdentifyHook, identifyVisitor } from '../identify.js';
import { bearerToken, readJsonBody } from '../request.js';
import type { Caller, SessionService } from '../sessions.js';

export function sessionRoutes(sessions: SessionService, identify: IdentifyHook | undefined) {
  const callerOf = async (c: Parameters<typeof bearerToken>[0]): Promise<Caller> => ({
    sessionToken: bearerToken(c),
    visitor: await identifyVisitor(identify, c.req.raw),
  });

  return new Hono()
    .post('/', async (c) => {
      const caller = await callerOf(c);
      const prechat = await readJsonBody(c, sessionRequestSchema);
      return c.json(await sessions.start(caller, prechat));
    })
    .post('/refresh', async (c) => c.json(sessions.refresh(await callerOf(c))))
    .post('/end', async (c) => c.json(await sessions.end(await callerOf(c))));
}
