import { sign } from 'hono/jwt';
import { identifyFromSiteSession, SITE_SESSION_COOKIE, SITE_SESSION_HEADER } from '../../demo/identify/site-session.js';
import type { CompanionOptions } from '../../src/server/index.js';
import { contextCompanion } from './context-support.js';

/**
 * A site that signs its users in with its own HS256 cookie (the documented
 * identify example), for suites that mix anonymous visitors and signed-in
 * users and try to pass one off as the other.
 */

export const SITE_SECRET = 'the-shop-signs-its-own-sessions-with-this';
/** The companion's own session secret in these suites, so tests can sign tokens it would (or would not) accept. */
export const SESSION_SECRET = 'visitor-suites-session-secret-0123456789abcdef';
export const SHOP = 'https://shop.example';

/** The site's session JWT for a user: what its sign-in puts in the cookie. */
export const siteSession = (identity: string, { secret = SITE_SECRET, expiresInSeconds = 600 } = {}) =>
  sign({ sub: identity, exp: Math.floor(Date.now() / 1000) + expiresInSeconds }, secret, 'HS256');

export const siteCookie = async (identity: string, options?: Parameters<typeof siteSession>[1]) =>
  `${SITE_SESSION_COOKIE}=${await siteSession(identity, options)}`;

/** A companion on the emulator at `twilioUrl` that signs users in by the site's cookie or X-Site-Session header. */
export const siteCompanion = (twilioUrl: string, overrides: Partial<CompanionOptions> = {}) =>
  contextCompanion(twilioUrl, {
    sessionSecrets: [SESSION_SECRET],
    identify: identifyFromSiteSession(SITE_SECRET),
    allowedOrigins: [SHOP],
    allowedHeaders: [SITE_SESSION_HEADER],
    ...overrides,
  });

/** The claims of a JWT or of a companion-signed token (`payload.signature`), unverified. */
export function decodePayload(token: string): Record<string, unknown> {
  const parts = token.split('.');
  const payload = parts.length === 3 ? parts[1] : parts[0];
  return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
