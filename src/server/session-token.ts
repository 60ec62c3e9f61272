import { SignedJson } from './signed-json.js';

/** What a session token vouches for: this identity may use this conversation (of this Conversations service). */
export interface SessionClaims {
  identity: string;
  conversationSid: string;
  /** The service (IS…) the conversation is in; the companion takes only tokens for its own. */
  serviceSid: string;
  /** The site's identify hook vouched for the identity: only a request it still vouches for may use the session. */
  signedIn?: boolean;
}

interface SignedPayload {
  v: 1;
  sub: string;
  cid: string;
  svc: string;
  /** Present (1) for a signed-in user's session. */
  si?: 1;
  iat: number;
  exp: number;
}

/** The companion's own credential for a visitor: signed, expiring, bound to identity and conversation. */
export class SessionTokens {
  readonly #signed: SignedJson;

  constructor(
    secrets: readonly string[],
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#signed = new SignedJson(secrets, 'bridge-chat/session/v1');
  }

  sign(claims: SessionClaims): string {
    const iat = Math.floor(this.now() / 1000);
    const payload: SignedPayload = {
      v: 1,
      sub: claims.identity,
      cid: claims.conversationSid,
      svc: claims.serviceSid,
      ...(claims.signedIn ? { si: 1 as const } : {}),
      iat,
      exp: iat + this.ttlSeconds,
    };
    return this.#signed.sign(payload);
  }

  /** The claims of a valid token, or undefined for anything forged, tampered, expired or malformed. */
  verify(token: string): SessionClaims | undefined {
    const payload = asSessionPayload(this.#signed.open(token));
    if (!payload || payload.exp <= Math.floor(this.now() / 1000)) return undefined;
    return {
      identity: payload.sub,
      conversationSid: payload.cid,
      serviceSid: payload.svc,
      ...(payload.si === 1 ? { signedIn: true } : {}),
    };
  }
}

function asSessionPayload(value: unknown): SignedPayload | undefined {
  const payload = (value ?? {}) as Partial<SignedPayload>;
  const valid =
    payload.v === 1 &&
    typeof payload.sub === 'string' &&
    typeof payload.cid === 'string' &&
    typeof payload.svc === 'string' &&
    typeof payload.exp === 'number';
  return valid ? (payload as SignedPayload) : undefined;
}
