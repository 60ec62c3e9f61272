import { createHash } from 'node:crypto';

/**
 * "Every access token issued up to now counts as expired" (a fault for tests):
 * a not-issued-before cutoff on top of the signature and `exp` checks.
 *
 * JWT `iat` has whole seconds, so a token issued in the cutoff's own second is
 * ambiguous. It counts as expired only if this emulator accepted it before the
 * cutoff; otherwise it is taken to be newer, so the fresh token a client
 * fetches right after the cutoff works.
 */
export class TokenCutoff {
  /** Whole seconds since the epoch; tokens issued earlier are expired. */
  #cutoffSecond: number | undefined;
  /** Tokens accepted recently, by fingerprint, with their `iat` second (older ones are covered by the cutoff). */
  readonly #recentlyAccepted = new Map<string, number>();
  /** Tokens of the cutoff's own second that were accepted before it. */
  #expiredInCutoffSecond = new Set<string>();

  /** Expires every token issued until now. */
  expireAll(now = Date.now()): void {
    const second = Math.floor(now / 1000);
    this.#cutoffSecond = second;
    this.#expiredInCutoffSecond = new Set(
      [...this.#recentlyAccepted].filter(([, issuedSecond]) => issuedSecond >= second).map(([token]) => token),
    );
  }

  /** True when the token was issued before the cutoff; a token without `iat` counts as old. */
  isExpired(token: string, issuedAt: Date | null): boolean {
    if (this.#cutoffSecond === undefined) return false;
    if (issuedAt === null) return true;
    const issuedSecond = Math.floor(issuedAt.getTime() / 1000);
    if (issuedSecond !== this.#cutoffSecond) return issuedSecond < this.#cutoffSecond;
    return this.#expiredInCutoffSecond.has(fingerprint(token));
  }

  /** Remembers an accepted token for as long as its second could still become a cutoff second. */
  noteAccepted(token: string, issuedAt: Date | null, now = Date.now()): void {
    const currentSecond = Math.floor(now / 1000);
    for (const [known, issuedSecond] of this.#recentlyAccepted) {
      if (issuedSecond < currentSecond) this.#recentlyAccepted.delete(known);
    }
    if (issuedAt === null) return;
    const issuedSecond = Math.floor(issuedAt.getTime() / 1000);
    if (issuedSecond >= currentSecond) this.#recentlyAccepted.set(fingerprint(token), issuedSecond);
  }
}

const fingerprint = (token: string) => createHash('sha256').update(token).digest('base64url');
