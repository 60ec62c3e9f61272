import { Hono } from 'hono';
import { sessionRequestSchema } from '../../protocol/session.js';
import { bearerToken, readJsonBody } from '../request.js';
import type { SessionService } from '../sessions.js';

export function sessionRoutes(sessions: SessionService) {
  return new Hono().post('/', async (c) => {
    const sessionToken = bearerToken(c);
    await readJsonBody(c, sessionRequestSchema);
    return c.json(await sessions.start(sessionToken));
  });
}
