import { Hono } from 'hono';
import { contextResponseSchema } from '../../protocol/context.js';
import type { ContextService } from '../context/context-service.js';
import type { IdentifyHook } from '../identify.js';
import type { SessionService } from '../sessions.js';
import { callerOf } from './caller.js';

/**
 * `GET /context` (Bearer): only ever the caller's own session, by the same
 * rules as `/session/refresh`. The session token alone says which
 * conversation; the only parameter, `historyPageToken`, must have been given
 * to that same session.
 */
export function contextRoutes(sessions: SessionService, context: ContextService, identify: IdentifyHook | undefined) {
  return new Hono().get('/', async (c) => {
    const claims = sessions.authorize(await callerOf(c, identify));
    const answer = await context.get(claims, c.req.query('historyPageToken') || undefined);
    // Personal and short-lived: no shared or browser cache keeps it.
    c.header('Cache-Control', 'no-store');
    return c.json(contextResponseSchema.parse(answer));
  });
}
