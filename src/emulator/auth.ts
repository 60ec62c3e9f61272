import type { MiddlewareHandler } from 'hono';
import { authenticationFailed } from './errors.js';
import { secretsEqual } from './secret-compare.js';

export interface ApiKeyCredentials {
  apiKey: string;
  apiSecret: string;
}

/**
 * HTTP Basic auth as Twilio's REST API does it: the username is the API key
 * SID, the password its secret. Exactly the configured pair is accepted.
 */
export function requireApiKey(credentials: ApiKeyCredentials): MiddlewareHandler {
  return async (c, next) => {
    const given = parseBasicAuth(c.req.header('authorization'));
    // Both parts compared, always, so timing does not reveal which one was wrong.
    const matches = given && [
      secretsEqual(given.username, credentials.apiKey),
      secretsEqual(given.password, credentials.apiSecret),
    ];
    const accepted = matches !== undefined && matches.every(Boolean);
    if (!accepted) {
      c.header('WWW-Authenticate', 'Basic realm="Twilio API"');
      throw authenticationFailed();
    }
    await next();
  };
}

function parseBasicAuth(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator === -1) return undefined;
  return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}
