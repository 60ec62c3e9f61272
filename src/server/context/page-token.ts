import type { SessionClaims } from '../session-token.js';
import { SignedJson } from '../signed-json.js';

interface PagePayload {
  /** The session the page belongs to. */
  sub: string;
  cid: string;
  /** Memory's own cursor. */
  cur: string;
}

/**
 * `historyPageToken`s: Memory's cursor, signed and bound to the session that
 * got it, so a token is useless with any other session. The profile it pages
 * through is never in the token: it always comes from the caller's own linked
 * conversation.
 */
export class HistoryPageTokens {
  readonly #signed: SignedJson;

  constructor(secrets: readonly string[]) {
    this.#signed = new SignedJson(secrets, 'bridge-chat/history-page/v1');
  }

  sign(claims: SessionClaims, cursor: string): string {
    const payload: PagePayload = { sub: claims.identity, cid: claims.conversationSid, cur: cursor };
    return this.#signed.sign(payload);
  }

  /** Memory's cursor, or undefined for a token that is forged, tampered, malformed or another session's. */
  verify(token: string, claims: SessionClaims): string | undefined {
    const payload = asPagePayload(this.#signed.open(token));
    if (!payload || payload.sub !== claims.identity || payload.cid !== claims.conversationSid) return undefined;
    return payload.cur;
  }
}

function asPagePayload(value: unknown): PagePayload | undefined {
  const payload = (value ?? {}) as Partial<PagePayload>;
  const valid = typeof payload.sub === 'string' && typeof payload.cid === 'string' && typeof payload.cur === 'string';
  return valid ? (payload as PagePayload) : undefined;
}
