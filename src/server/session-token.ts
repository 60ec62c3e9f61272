import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a session token vouches for: this identity may use this conversation. */
export interface SessionClaims {
  identity: string;
  conversationSid: string;
}

interface SignedPayload {
  v: 1;
  sub: string;
  cid: string;
  iat: number;
  exp: number;
}

const encode = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const mac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest();

/**
 * The companion's own credential for a visitor, `payload.signature` in
 * base64url. HMAC-SHA256; several secrets verify so keys can rotate, the first
 * one signs.
 */
export class SessionTokens {
  constructor(
    private readonly secrets: readonly string[],
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  sign(claims: SessionClaims): string {
    const iat = Math.floor(this.now() / 1000);
    const payload: SignedPayload = { v: 1, sub: claims.identity, cid: claims.conversationSid, iat, exp: iat + this.ttlSeconds };
    const body = encode(JSON.stringify(payload));
    return `${body}.${encode(mac(this.secrets[0]!, body))}`;
  }

  /** The claims of a valid token, or undefined for anything forged, tampered, expired or malformed. */
  verify(token: string): SessionClaims | undefined {
    const [body, signature, ...rest] = token.split('.');
    if (!body || !signature || rest.length > 0) return undefined;
    const given = Buffer.from(signature, 'base64url');
    const signedByUs = this.secrets.some((secret) => {
      const expected = mac(secret, body);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!signedByUs) return undefined;
    const payload = parsePayload(body);
    if (!payload || payload.exp <= Math.floor(this.now() / 1000)) return undefined;
    return { identity: payload.sub, conversationSid: payload.cid };
  }
}

function parsePayload(body: string): SignedPayload | undefined {
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<SignedPayload>;
    const valid =
      payload.v === 1 &&
      typeof payload.sub === 'string' &&
      typeof payload.cid === 'string' &&
      typeof payload.exp === 'number';
    return valid ? (payload as SignedPayload) : undefined;
  } catch {
    return undefined;
  }
}
