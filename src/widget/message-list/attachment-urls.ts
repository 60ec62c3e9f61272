import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { ChatAttachment } from '../transport/transport.js';

/** Temporary URLs asked for one attachment before it counts as gone (the first one and two refreshes). */
export const MAX_URL_REQUESTS = 3;

/** Where an attachment's URL stands: being asked for, known, or given up on. */
export type AttachmentUrl = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'unavailable' };

interface Entry {
  current: AttachmentUrl;
  requests: number;
}

/**
 * The temporary URLs of the attachments the list shows. A URL is asked for when
 * an attachment is first shown, and asked for again when the one shown fails
 * (Twilio's media URLs expire within minutes), a few times at most. Kept here
 * rather than in the DOM because the list drops rows that leave its window.
 */
export class AttachmentUrlController implements ReactiveController {
  readonly #entries = new Map<string, Entry>();

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** URLs expire within minutes: a list shown again later asks anew rather than trying old ones first. */
  hostDisconnected(): void {
    this.#entries.clear();
  }

  /** The attachment's URL as far as known; the first look starts asking for it. */
  urlOf(attachment: ChatAttachment): AttachmentUrl {
    let entry = this.#entries.get(attachment.sid);
    if (!entry) {
      entry = { current: { state: 'loading' }, requests: 0 };
      this.#entries.set(attachment.sid, entry);
      void this.#request(attachment, entry);
    }
    return entry.current;
  }

  /** Whether the attachment has no URL any more. */
  isUnavailable(attachment: ChatAttachment): boolean {
    return this.#entries.get(attachment.sid)?.current.state === 'unavailable';
  }

  /** The URL shown for the attachment did not load (it expired): asks for a fresh one, if any are left. */
  failed(attachment: ChatAttachment, url: string): void {
    const entry = this.#entries.get(attachment.sid);
    // Only the URL on show counts: a late error from an older one was already dealt with.
    if (entry?.current.state === 'ready' && entry.current.url === url) void this.#request(attachment, entry);
  }

  /** A fresh URL for the attachment right now (for a download), or null when there is none any more. */
  async fresh(attachment: ChatAttachment): Promise<string | null> {
    const url = await attachment.url().catch(() => null);
    if (!url) {
      this.#entries.set(attachment.sid, { current: { state: 'unavailable' }, requests: MAX_URL_REQUESTS });
      this.#host.requestUpdate();
    }
    return url;
  }

  async #request(attachment: ChatAttachment, entry: Entry): Promise<void> {
    while (entry.requests < MAX_URL_REQUESTS) {
      entry.requests++;
      this.#show(entry, { state: 'loading' });
      const url = await attachment.url().catch(() => null);
      if (url) return this.#show(entry, { state: 'ready', url });
    }
    this.#show(entry, { state: 'unavailable' });
  }

  #show(entry: Entry, url: AttachmentUrl): void {
    entry.current = url;
    this.#host.requestUpdate();
  }
}
