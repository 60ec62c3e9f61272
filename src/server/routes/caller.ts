import type { Context } from 'hono';
import { type IdentifyHook, identifyVisitor } from '../identify.js';
import { bearerToken } from '../request.js';
import type { Caller } from '../sessions.js';

/** Who sent the request: their Bearer session token and what the site's identify hook says. */
export async function callerOf(c: Context, identify: IdentifyHook | undefined): Promise<Caller> {
  return { sessionToken: bearerToken(c), visitor: await identifyVisitor(identify, c.req.raw) };
}
