import type { JSONValue, SdkMessage } from '../../protocol/sdk-shape.js';
import type { RealtimeMessage } from '../realtime/protocol.js';
import type { Request } from './connection.js';
import { EmulatorMedia } from './media.js';

/** A message as the SDK presents it. */
export class EmulatorMessage implements SdkMessage {
  readonly sid: string;
  readonly index: number;
  readonly author: string;
  /** Null for a media-only message. */
  readonly body: string | null;
  readonly dateCreated: Date;
  readonly attributes: JSONValue;
  /** The sending participant; null for messages posted over REST as a non-participant (e.g. `system`). */
  readonly participantSid: string | null;
  /** Null when the message carries no media. */
  readonly attachedMedia: EmulatorMedia[] | null;

  constructor(message: RealtimeMessage, request: Request) {
    this.sid = message.sid;
    this.index = message.index;
    this.author = message.author;
    this.body = message.body;
    this.dateCreated = new Date(message.dateCreated);
    this.attributes = message.attributes;
    this.participantSid = message.participantSid;
    this.attachedMedia =
      message.media?.map((media) => new EmulatorMedia(media, message.conversationSid, request)) ?? null;
  }
}
