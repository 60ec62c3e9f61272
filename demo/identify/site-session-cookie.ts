/**
 * Example `identify` hook: the site already signs its users in and keeps a
 * signed session cookie (an HS256 JWT named `site_session`, with the user's id
 * in `sub`). The companion trusts exactly that, nothing the browser claims.
 *
 *   createCompanion({ ...companionOptionsFromEnv(process.env), identify: identifyFromSiteSession(secret) })
 *
 * The browser sends the cookie when the companion is mounted on the site's own
 * origin (e.g. under /chat, see demo/mounting), since the widget's requests
 * are then same-origin.
 */
import { getCookie } from 'hono/cookie';
import { Context } from 'hono';
import { verify } from 'hono/jwt';
import type { IdentifiedVisitor, IdentifyHook } from '../../src/server/index.js';

export const SITE_SESSION_COOKIE = 'site_session';

export function identifyFromSiteSession(secret: string): IdentifyHook {
  return async (request): Promise<IdentifiedVisitor | undefined> => {
    const cookie = getCookie(new Context(request), SITE_SESSION_COOKIE);
    if (!cookie) return undefined;
    try {
      const claims = await verify(cookie, secret, 'HS256');
      if (typeof claims.sub !== 'string') return undefined;
      return {
        identity: `user-${claims.sub}`,
        ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
        ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
      };
    } catch {
      // A forged or expired cookie makes an anonymous visitor, not an error.
      return undefined;
    }
  };
}
