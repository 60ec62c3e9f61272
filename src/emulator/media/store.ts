import { MEDIA_MAX_BYTES_DEFAULT } from '../limits.js';
import { newSid } from '../sid.js';
import { MediaUrlSigner } from './content-url.js';

/**
 * The Media Content Service's state: uploaded files with their bytes, and the
 * message each one was sent with. Plain domain terms; the MCS routes speak
 * Twilio's wire format.
 */

/** MCS categories; chat attachments are `media`. */
export type MediaCategory = 'media' | 'body' | 'history';

export interface MediaRecord {
  readonly sid: string;
  readonly contentType: string;
  readonly filename: string | null;
  readonly category: MediaCategory;
  /** Who uploaded it: `system` for REST uploads. */
  readonly author: string;
  readonly size: number;
  readonly bytes: Buffer;
  readonly createdAt: Date;
  /** Set once the media is sent with a message. */
  readonly conversationSid: string | null;
  readonly messageSid: string | null;
}

export interface NewMedia {
  contentType: string;
  filename?: string;
  category?: MediaCategory;
  author?: string;
  bytes: Buffer;
}

/** JSON-safe media state: dates as ISO strings, bytes as base64. */
export interface MediaSnapshot {
  media: {
    sid: string;
    contentType: string;
    filename: string | null;
    category: MediaCategory;
    author: string;
    base64: string;
    createdAt: string;
    conversationSid: string | null;
    messageSid: string | null;
  }[];
}

export class MediaStore {
  readonly #media = new Map<string, MediaRecord>();
  /** Shared by the content route and the realtime endpoint, so a URL either hands out verifies at the other. */
  readonly urls = new MediaUrlSigner();

  /** @param maxBytes the largest upload accepted (the routes answer 413 above it). */
  constructor(readonly maxBytes = MEDIA_MAX_BYTES_DEFAULT) {}

  add(input: NewMedia): MediaRecord {
    if (input.bytes.length > this.maxBytes) throw new Error(`Media of ${input.bytes.length} bytes exceeds the cap`);
    const media: MediaRecord = {
      sid: newSid('ME'),
      contentType: input.contentType,
      filename: input.filename ?? null,
      category: input.category ?? 'media',
      author: input.author ?? 'system',
      size: input.bytes.length,
      bytes: input.bytes,
      createdAt: new Date(),
      conversationSid: null,
      messageSid: null,
    };
    this.#media.set(media.sid, media);
    return media;
  }

  find(mediaSid: string): MediaRecord | undefined {
    return this.#media.get(mediaSid);
  }

  /** Marks media as sent with a message; the caller has checked it exists and is unsent. */
  attach(mediaSid: string, conversationSid: string, messageSid: string): void {
    const media = this.#media.get(mediaSid);
    if (!media) throw new Error(`No media ${mediaSid} in the store`);
    this.#media.set(mediaSid, { ...media, conversationSid, messageSid });
  }

  /** Forgets media, e.g. with the message it was sent with. */
  remove(mediaSid: string): void {
    this.#media.delete(mediaSid);
  }

  toSnapshot(): MediaSnapshot {
    return {
      media: [...this.#media.values()].map((media) => ({
        sid: media.sid,
        contentType: media.contentType,
        filename: media.filename,
        category: media.category,
        author: media.author,
        base64: media.bytes.toString('base64'),
        createdAt: media.createdAt.toISOString(),
        conversationSid: media.conversationSid,
        messageSid: media.messageSid,
      })),
    };
  }

  /** Replaces every media with the snapshot's. */
  restore(snapshot: MediaSnapshot): void {
    const restored = snapshot.media.map((media): MediaRecord => {
      const bytes = Buffer.from(media.base64, 'base64');
      return { ...media, bytes, size: bytes.length, createdAt: snapshotDate(media.createdAt) };
    });
    this.#media.clear();
    for (const media of restored) this.#media.set(media.sid, media);
  }
}

/** A date from a snapshot; an unreadable one stops the restore before anything changed. */
export function snapshotDate(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`Snapshot holds an invalid date: ${JSON.stringify(text)}`);
  return date;
}
