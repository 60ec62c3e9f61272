import type { SdkMedia } from '../../protocol/sdk-shape.js';
import type { RealtimeMedia } from '../realtime/protocol.js';
import type { Request } from './connection.js';

/** An attachment of a message, as the SDK's Media presents it. */
export class EmulatorMedia implements SdkMedia {
  readonly sid: string;
  readonly filename: string | null;
  readonly contentType: string;
  readonly size: number;
  readonly category: RealtimeMedia['category'];
  readonly #conversationSid: string;
  readonly #request: Request;

  constructor(media: RealtimeMedia, conversationSid: string, request: Request) {
    this.sid = media.sid;
    this.filename = media.filename;
    this.contentType = media.contentType;
    this.size = media.size;
    this.category = media.category;
    this.#conversationSid = conversationSid;
    this.#request = request;
  }

  /** A new signed URL on each call (they expire), like the SDK's. */
  getContentTemporaryUrl(): Promise<string | null> {
    return this.#request('getMediaContentUrl', { conversationSid: this.#conversationSid, mediaSid: this.sid });
  }
}
