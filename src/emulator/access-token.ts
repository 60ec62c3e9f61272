import { createHmac } from 'node:crypto';
import { secretsEqual } from './secret-compare.js';

/**
 * Verifies the access tokens the companion mints with the twilio library
 * (`AccessToken` + `ChatGrant`): an HS256 JWT signed with the API secret,
 * header `cty: twilio-fpa;v=1`, `iss` the API key SID, `sub` the account SID,
 * `grants.identity`, and a chat grant for the emulated service.
 * Failure codes are Twilio's own access-token errors (201xx).
 */

/** Twilio refuses access tokens valid for longer than a day. */
const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

export interface AccessTokenExpectations {
  accountSid: string;
  apiKey: string;
  apiSecret: string;
  serviceSid: string;
}

export type AccessTokenVerdict =
  /** `issuedAt` comes from `iat` (whole seconds); null when the token has none. */
  | { valid: true; identity: string; expiresAt: Date; issuedAt: Date | null }
  | { valid: false; code: number; reason: string };

export function verifyAccessToken(
  token: string,
  expected: AccessTokenExpectations,
  now = new Date(),
): AccessTokenVerdict {
  const reject = (code: number, reason: string): AccessTokenVerdict => ({ valid: false, code, reason });

  const parts = token.split('.');
  const [encodedHeader, encodedPayload, signature] = parts;
  if (parts.length !== 3 || !encodedHeader || !encodedPayload || !signature) {
    return reject(20101, 'Invalid access token: not a JWT (expected three dot-separated parts)');
  }
  const header = decodeJsonPart(encodedHeader);
  const payload = decodeJsonPart(encodedPayload);
  if (!header || !payload) return reject(20101, 'Invalid access token: header or payload is not base64url JSON');

  if (header['alg'] !== 'HS256') {
    return reject(20102, `Invalid access token header: alg must be HS256, got ${String(header['alg'])}`);
  }
  if (header['cty'] !== 'twilio-fpa;v=1') {
    return reject(20102, `Invalid access token header: cty must be "twilio-fpa;v=1", got ${String(header['cty'])}`);
  }

  const expectedSignature = createHmac('sha256', expected.apiSecret)
    .update(`${encodedHeader}.${encodedPayload}`)
    .digest('base64url');
  if (!secretsEqual(signature, expectedSignature)) {
    return reject(20107, 'Invalid access token signature: not signed with the configured API secret');
  }

  if (payload['iss'] !== expected.apiKey) {
    return reject(20103, 'Invalid access token issuer: iss is not the configured API key SID');
  }
  if (payload['sub'] !== expected.accountSid) {
    return reject(20103, 'Invalid access token subject: sub is not the configured account SID');
  }

  const nowSeconds = now.getTime() / 1000;
  const exp = payload['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return reject(20104, 'Access token has no valid exp');
  if (exp <= nowSeconds) return reject(20104, `Access token expired at ${new Date(exp * 1000).toISOString()}`);
  if (exp - nowSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
    return reject(20157, 'Access token lifetime exceeds the 24 hour maximum');
  }
  const nbf = payload['nbf'];
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) {
    return reject(20105, 'Access token is not valid yet (nbf)');
  }

  const grants = asRecord(payload['grants']);
  const identity = grants?.['identity'];
  if (typeof identity !== 'string' || identity === '') return reject(20106, 'Invalid access token grants: no identity');
  const chatGrant = asRecord(grants?.['chat']);
  if (!chatGrant) return reject(20106, 'Invalid access token grants: no chat grant');
  const grantedService = chatGrant['service_sid'];
  if (grantedService !== expected.serviceSid) {
    return reject(
      20106,
      `Invalid access token grants: chat grant is for service ${String(grantedService)}, not ${expected.serviceSid}`,
    );
  }

  const iat = payload['iat'];
  const issuedAt = typeof iat === 'number' && Number.isFinite(iat) ? new Date(iat * 1000) : null;
  return { valid: true, identity, expiresAt: new Date(exp * 1000), issuedAt };
}

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  const isRecord = typeof value === 'object' && value !== null && !Array.isArray(value);
  return isRecord ? (value as Record<string, unknown>) : undefined;
}
