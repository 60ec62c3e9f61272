/**
 * Example `identify` hook: the site already signs its users in with its own
 * session token, an HS256 JWT whose `sub` is the user's id (used as the chat
 * identity). The companion trusts exactly that, nothing else the browser says.
 *
 *   createCompanion({ ...companionOptionsFromEnv(process.env), identify: identifyFromSiteSession(secret) })
 *
 * The token arrives either as the `site_session` cookie (when the companion is
 * mounted on the site's own origin, e.g. under /chat, so the widget's requests
 * are same-origin) or in the `X-Site-Session` header, which the page adds
 * through the element's `getAuthHeaders` (list the header in
 * BRIDGE_CHAT_ALLOWED_HEADERS so cross-origin requests may carry it).
 */
import { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { verify } from 'hono/jwt';
import type { IdentifiedVisitor, IdentifyHook } from '../../src/server/index.js';

export const SITE_SESSION_COOKIE = 'site_session';
export const SITE_SESSION_HEADER = 'X-Site-Session';

export function identifyFromSiteSession(secret: string): IdentifyHook {
  return async (request): Promise<IdentifiedVisitor | undefined> => {
    const token = request.headers.get(SITE_SESSION_HEADER) ?? getCookie(new Context(request), SITE_SESSION_COOKIE);
    if (!token) return undefined;
    try {
      const claims = await verify(token, secret, 'HS256');
      if (typeof claims.sub !== 'string') return undefined;
      return {
        identity: claims.sub,
        ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
        ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
      };
    } catch {
      // A forged or expired token makes an anonymous visitor, not an error.
      return undefined;
    }
  };
}
