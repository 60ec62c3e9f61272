import type {
  ConversationUpdateReason,
  JSONValue,
  ParticipantUpdateReason,
  SdkConversation,
  SdkConversationLimits,
  SdkSendMediaOptions,
} from '../../protocol/sdk-shape.js';
import type {
  RealtimeConversation,
  RealtimeConversationDetail,
  RealtimeMessage,
  RealtimeParticipant,
} from '../realtime/protocol.js';
import type { Request } from './connection.js';
import { Emitter } from './emitter.js';
import { EmulatorMessage } from './message.js';
import { EmulatorMessageBuilder } from './message-builder.js';
import { EmulatorPaginator } from './paginator.js';
import { EmulatorParticipant } from './participant.js';

interface ConversationEvents {
  messageAdded: (message: EmulatorMessage) => void;
  typingStarted: (participant: EmulatorParticipant) => void;
  typingEnded: (participant: EmulatorParticipant) => void;
  participantJoined: (participant: EmulatorParticipant) => void;
  participantLeft: (participant: EmulatorParticipant) => void;
  participantUpdated: (data: { participant: EmulatorParticipant; updateReasons: ParticipantUpdateReason[] }) => void;
  updated: (data: { conversation: EmulatorConversation; updateReasons: ConversationUpdateReason[] }) => void;
}

/** The conversation's state as the SDK presents it. */
export interface EmulatorConversationState {
  current: RealtimeConversation['state'];
  dateUpdated: Date;
}

/** Uploads one file to the Media Content Service; resolves with its media SID. */
export type UploadMedia = (media: SdkSendMediaOptions) => Promise<string>;

/** What the client hands each conversation it fetches. */
export interface ConversationContext {
  request: Request;
  upload: UploadMedia;
  /** The client's identity: its own participant's updates move `lastReadMessageIndex`. */
  identity: string;
}

/** The largest page the emulator serves; used to catch up after a reconnect. */
const CATCH_UP_PAGE_SIZE = 100;

/** A conversation the client's identity takes part in, with the SDK's message API. */
export class EmulatorConversation extends Emitter<ConversationEvents> implements SdkConversation {
  readonly sid: string;
  uniqueName: string | null;
  friendlyName: string | null;
  attributes: JSONValue;
  dateUpdated: Date;
  state: EmulatorConversationState;
  /** The client's own read horizon. */
  lastReadMessageIndex: number | null;
  readonly limits: SdkConversationLimits;
  readonly #context: ConversationContext;
  /** The newest index announced with `messageAdded` (or already there when fetched). */
  #lastAnnouncedIndex: number | null;
  /** Pushed messages held back until a catch-up has succeeded. */
  #heldBack: RealtimeMessage[] | undefined;
  #catchingUp = false;
  /** Participants seen so far, by SID: events and `getParticipants` hand out the same objects. */
  readonly #participants = new Map<string, EmulatorParticipant>();
  /** Whether `#participants` is the whole roster: once `getParticipants` answered, kept by joins and leaves. */
  #rosterKnown = false;

  constructor(conversation: RealtimeConversationDetail, context: ConversationContext) {
    super();
    this.sid = conversation.sid;
    this.uniqueName = conversation.uniqueName;
    this.friendlyName = conversation.friendlyName;
    this.attributes = conversation.attributes;
    this.dateUpdated = new Date(conversation.dateUpdated);
    this.state = { current: conversation.state, dateUpdated: this.dateUpdated };
    this.lastReadMessageIndex = conversation.lastReadMessageIndex;
    this.limits = conversation.limits;
    this.#lastAnnouncedIndex = conversation.lastMessageIndex;
    this.#context = context;
  }

  /** `pageSize` messages next to `anchor` (default: the newest), oldest first. */
  getMessages(
    pageSize = 30,
    anchor?: number,
    direction: 'backwards' | 'forward' = 'backwards',
  ): Promise<EmulatorPaginator> {
    const { request } = this.#context;
    const fetchPage = async (pageAnchor: number | undefined, pageDirection: 'backwards' | 'forward') => {
      const page = await request('getMessages', {
        conversationSid: this.sid,
        pageSize,
        anchor: pageAnchor,
        direction: pageDirection,
      });
      return new EmulatorPaginator(page, fetchPage, request);
    };
    return fetchPage(anchor, direction);
  }

  /** Sends a text message; resolves with its index. It also comes back as `messageAdded`. */
  sendMessage(body: string, attributes: JSONValue = {}): Promise<number> {
    return this.#send(body, attributes, []);
  }

  /** A message with a body, attributes and media: the media are uploaded first, then the message is sent. */
  prepareMessage(): EmulatorMessageBuilder {
    return new EmulatorMessageBuilder(this.limits.mediaAttachmentsCountLimit, (body, attributes, media) =>
      this.#send(body, attributes, media),
    );
  }

  /** Tells the other participants this one is typing; it ends after ~5 s without another call. */
  async typing(): Promise<void> {
    await this.#context.request('typing', { conversationSid: this.sid });
  }

  /** Marks every message read; resolves with the unread count. */
  setAllMessagesRead(): Promise<number> {
    return this.#context.request('setAllMessagesRead', { conversationSid: this.sid });
  }

  /** Moves the read horizon forward to `index` (never back); resolves with the unread count. */
  advanceLastReadMessageIndex(index: number): Promise<number> {
    return this.#context.request('advanceLastReadMessageIndex', { conversationSid: this.sid, index });
  }

  async getParticipants(): Promise<EmulatorParticipant[]> {
    const participants = await this.#context.request('getParticipants', { conversationSid: this.sid });
    const current = new Set(participants.map(({ sid }) => sid));
    for (const sid of this.#participants.keys()) if (!current.has(sid)) this.#participants.delete(sid);
    this.#rosterKnown = true;
    return participants.map((participant) => this.#participant(participant));
  }

  /** @internal A participant started or stopped typing. */
  receiveTyping(participant: RealtimeParticipant, started: boolean): void {
    this.emit(started ? 'typingStarted' : 'typingEnded', this.#participant(participant));
  }

  /** @internal A participant was added to the conversation. */
  receiveParticipantJoined(participant: RealtimeParticipant): void {
    this.emit('participantJoined', this.#participant(participant));
  }

  /** @internal A participant was removed; its object is handed out once more, with the event. */
  receiveParticipantLeft(participant: RealtimeParticipant): void {
    const left = this.#participant(participant);
    this.#participants.delete(left.sid);
    this.emit('participantLeft', left);
  }

  /** @internal A participant changed; when it is the client's own, so does `lastReadMessageIndex`. */
  receiveParticipantUpdate(participant: RealtimeParticipant, updateReasons: ParticipantUpdateReason[]): void {
    this.emit('participantUpdated', { participant: this.#participant(participant), updateReasons });
    if (participant.identity === this.#context.identity) {
      this.#apply({ lastReadMessageIndex: participant.lastReadMessageIndex });
    }
  }

  /** @internal The conversation changed (its state, attributes, names). */
  receiveUpdate(conversation: RealtimeConversation): void {
    this.#apply(conversation);
  }

  /** @internal Takes a pushed message; until a catch-up has succeeded it waits, so nothing is announced out of order. */
  receive(message: RealtimeMessage): void {
    if (this.#heldBack) this.#heldBack.push(message);
    else this.#announce(message);
  }

  /**
   * @internal Announces what changed and arrived while the connection was down.
   * If it fails, pushed messages stay held back until a later catch-up succeeds:
   * announcing them past the messages it missed would leave a gap for good.
   */
  async catchUp(): Promise<void> {
    if (this.#catchingUp) return;
    this.#catchingUp = true;
    this.#heldBack ??= [];
    const { request } = this.#context;
    try {
      this.#apply(await request('getConversation', { conversationSid: this.sid }));
      if (this.#rosterKnown) this.#catchUpRoster(await request('getParticipants', { conversationSid: this.sid }));
      for (;;) {
        const page = await request('getMessages', {
          conversationSid: this.sid,
          pageSize: CATCH_UP_PAGE_SIZE,
          anchor: (this.#lastAnnouncedIndex ?? -1) + 1,
          direction: 'forward',
        });
        for (const message of page.messages) this.#announce(message);
        if (page.nextAnchor === null) break;
      }
      const heldBack = this.#heldBack;
      this.#heldBack = undefined;
      for (const message of heldBack) this.#announce(message);
    } finally {
      this.#catchingUp = false;
    }
  }

  /** Announces who joined, left or changed while the connection was down, as the SDK's roster sync does. */
  #catchUpRoster(participants: RealtimeParticipant[]): void {
    const current = new Set(participants.map(({ sid }) => sid));
    for (const known of [...this.#participants.values()]) {
      if (!current.has(known.sid)) {
        this.#participants.delete(known.sid);
        this.emit('participantLeft', known);
      }
    }
    for (const data of participants) {
      const known = this.#participants.get(data.sid);
      if (!known) {
        this.emit('participantJoined', this.#participant(data));
        continue;
      }
      const updateReasons: ParticipantUpdateReason[] = [];
      if (JSON.stringify(known.attributes) !== JSON.stringify(data.attributes)) updateReasons.push('attributes');
      if (known.lastReadMessageIndex !== data.lastReadMessageIndex) updateReasons.push('lastReadMessageIndex');
      if (updateReasons.length > 0) this.receiveParticipantUpdate(data, updateReasons);
    }
  }

  async #send(body: string | undefined, attributes: JSONValue, media: readonly SdkSendMediaOptions[]): Promise<number> {
    const mediaSids: string[] = [];
    // One at a time, in order, as the SDK uploads them.
    for (const item of media) mediaSids.push(await this.#context.upload(item));
    const { index } = await this.#context.request('sendMessage', {
      conversationSid: this.sid,
      ...(body ? { body } : {}),
      attributes,
      ...(mediaSids.length > 0 ? { mediaSids } : {}),
    });
    return index;
  }

  /** Takes what changed and announces it with `updated`, in the SDK's reasons; no change, no event. */
  #apply(changes: Partial<RealtimeConversation> & { lastReadMessageIndex?: number | null }): void {
    const reasons: ConversationUpdateReason[] = [];
    const dateUpdated = changes.dateUpdated === undefined ? this.dateUpdated : new Date(changes.dateUpdated);
    if (dateUpdated.getTime() !== this.dateUpdated.getTime()) {
      this.dateUpdated = dateUpdated;
      reasons.push('dateUpdated');
    }
    if (changes.state !== undefined && changes.state !== this.state.current) {
      this.state = { current: changes.state, dateUpdated };
      reasons.push('state');
    }
    if (changes.attributes !== undefined && JSON.stringify(changes.attributes) !== JSON.stringify(this.attributes)) {
      this.attributes = changes.attributes;
      reasons.push('attributes');
    }
    if (changes.friendlyName !== undefined && changes.friendlyName !== this.friendlyName) {
      this.friendlyName = changes.friendlyName;
      reasons.push('friendlyName');
    }
    if (changes.uniqueName !== undefined && changes.uniqueName !== this.uniqueName) {
      this.uniqueName = changes.uniqueName;
      reasons.push('uniqueName');
    }
    if (changes.lastReadMessageIndex !== undefined && changes.lastReadMessageIndex !== this.lastReadMessageIndex) {
      this.lastReadMessageIndex = changes.lastReadMessageIndex;
      reasons.push('lastReadMessageIndex');
    }
    if (reasons.length > 0) this.emit('updated', { conversation: this, updateReasons: reasons });
  }

  /** Repeats (already announced, e.g. by the catch-up) are dropped. */
  #announce(message: RealtimeMessage): void {
    if (this.#lastAnnouncedIndex !== null && message.index <= this.#lastAnnouncedIndex) return;
    this.#lastAnnouncedIndex = message.index;
    this.emit('messageAdded', new EmulatorMessage(message, this.#context.request));
  }

  #participant(data: RealtimeParticipant): EmulatorParticipant {
    const known = this.#participants.get(data.sid);
    if (known) return known.update(data);
    const participant = new EmulatorParticipant(data);
    this.#participants.set(participant.sid, participant);
    return participant;
  }
}
