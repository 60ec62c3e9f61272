import { createHmac, randomBytes } from 'node:crypto';
import { MEDIA_URL_TTL_SECONDS } from '../limits.js';
import { secretsEqual } from '../secret-compare.js';
import { MEDIA_CONTENT_BASE_URL } from './wire.js';

/**
 * Signed, expiring media content URLs, like the pre-signed URLs Twilio hands
 * out: whoever holds one may read that media until `Expires`, with no other
 * credentials. The key lives as long as the emulator process, so URLs do not
 * survive a restart (they are temporary anyway).
 */
export class MediaUrlSigner {
  readonly #key = randomBytes(32);

  /** A URL on Twilio's media host that serves the media until it expires. */
  sign(mediaSid: string, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + MEDIA_URL_TTL_SECONDS;
    const query = new URLSearchParams({ Expires: String(expires), Signature: this.#signature(mediaSid, expires) });
    return `${MEDIA_CONTENT_BASE_URL}/${mediaSid}?${query}`;
  }

  /** True for an unexpired URL signed here for exactly this media. */
  verify(mediaSid: string, expires: string | undefined, signature: string | undefined, now = Date.now()): boolean {
    if (expires === undefined || signature === undefined || !/^\d{1,12}$/.test(expires)) return false;
    const valid = secretsEqual(signature, this.#signature(mediaSid, Number(expires)));
    return valid && Number(expires) * 1000 > now;
  }

  #signature(mediaSid: string, expires: number): string {
    return createHmac('sha256', this.#key).update(`${mediaSid}\n${expires}`).digest('base64url');
  }
}
