import type { MediaUrlSigner } from '../media/content-url.js';
import { MEDIA_CONTENT_BASE_URL } from '../media/wire.js';

/**
 * A signed media URL with the routing rule applied: on the emulator the
 * socket reached (`origin`, e.g. `http://127.0.0.1:4010`), since a browser
 * talking to the emulator cannot reach Twilio's media host.
 */
export function emulatorContentUrl(signer: MediaUrlSigner, mediaSid: string, origin: string): string {
  return `${origin}/media${signer.sign(mediaSid).slice(MEDIA_CONTENT_BASE_URL.length)}`;
}
