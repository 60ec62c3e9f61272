import type { JSONValue, SdkParticipant } from '../../protocol/sdk-shape.js';
import type { RealtimeParticipant } from '../realtime/protocol.js';

/** A participant of a conversation; one object per participant, updated in place as the SDK's is. */
export class EmulatorParticipant implements SdkParticipant {
  readonly sid: string;
  identity: string;
  attributes: JSONValue;
  lastReadMessageIndex: number | null;

  constructor(participant: RealtimeParticipant) {
    this.sid = participant.sid;
    this.identity = participant.identity;
    this.attributes = participant.attributes;
    this.lastReadMessageIndex = participant.lastReadMessageIndex;
  }

  /** @internal */
  update(participant: RealtimeParticipant): this {
    this.identity = participant.identity;
    this.attributes = participant.attributes;
    this.lastReadMessageIndex = participant.lastReadMessageIndex;
    return this;
  }
}
