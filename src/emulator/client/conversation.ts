import type { JSONValue, ParticipantUpdateReason, SdkChatConversation } from '../../protocol/sdk-shape.js';
import type { RealtimeConversation, RealtimeMessage, RealtimeParticipant } from '../realtime/protocol.js';
import type { Request } from './connection.js';
import { Emitter } from './emitter.js';
import { EmulatorMessage } from './message.js';
import { EmulatorPaginator } from './paginator.js';
import { EmulatorParticipant } from './participant.js';

interface ConversationEvents {
  messageAdded: (message: EmulatorMessage) => void;
  typingStarted: (participant: EmulatorParticipant) => void;
  typingEnded: (participant: EmulatorParticipant) => void;
  participantUpdated: (data: { participant: EmulatorParticipant; updateReasons: ParticipantUpdateReason[] }) => void;
}

/** The largest page the emulator serves; used to catch up after a reconnect. */
const CATCH_UP_PAGE_SIZE = 100;

/** A conversation the client's identity takes part in, with the SDK's message API. */
export class EmulatorConversation extends Emitter<ConversationEvents> implements SdkChatConversation {
  readonly sid: string;
  readonly uniqueName: string | null;
  readonly friendlyName: string | null;
  readonly #request: Request;
  /** The newest index announced with `messageAdded` (or already there when fetched). */
  #lastAnnouncedIndex: number | null;
  /** Pushed messages held back during a catch-up. */
  #heldBack: RealtimeMessage[] | undefined;
  /** Participants seen so far, by SID: events and `getParticipants` hand out the same objects. */
  readonly #participants = new Map<string, EmulatorParticipant>();

  constructor(conversation: RealtimeConversation, request: Request) {
    super();
    this.sid = conversation.sid;
    this.uniqueName = conversation.uniqueName;
    this.friendlyName = conversation.friendlyName;
    this.#lastAnnouncedIndex = conversation.lastMessageIndex;
    this.#request = request;
  }

  /** `pageSize` messages next to `anchor` (default: the newest), oldest first. */
  getMessages(
    pageSize = 30,
    anchor?: number,
    direction: 'backwards' | 'forward' = 'backwards',
  ): Promise<EmulatorPaginator> {
    const fetchPage = async (pageAnchor: number | undefined, pageDirection: 'backwards' | 'forward') => {
      const page = await this.#request('getMessages', {
        conversationSid: this.sid,
        pageSize,
        anchor: pageAnchor,
        direction: pageDirection,
      });
      return new EmulatorPaginator(page, fetchPage, this.#request);
    };
    return fetchPage(anchor, direction);
  }

  /** Sends a text message; resolves with its index. It also comes back as `messageAdded`. */
  async sendMessage(body: string, attributes: JSONValue = {}): Promise<number> {
    const { index } = await this.#request('sendMessage', { conversationSid: this.sid, body, attributes });
    return index;
  }

  /** Tells the other participants this one is typing; it ends after ~5 s without another call. */
  async typing(): Promise<void> {
    await this.#request('typing', { conversationSid: this.sid });
  }

  /** Marks every message read; resolves with the unread count. */
  setAllMessagesRead(): Promise<number> {
    return this.#request('setAllMessagesRead', { conversationSid: this.sid });
  }

  /** Moves the read horizon forward to `index` (never back); resolves with the unread count. */
  advanceLastReadMessageIndex(index: number): Promise<number> {
    return this.#request('advanceLastReadMessageIndex', { conversationSid: this.sid, index });
  }

  async getParticipants(): Promise<EmulatorParticipant[]> {
    const participants = await this.#request('getParticipants', { conversationSid: this.sid });
    return participants.map((participant) => this.#participant(participant));
  }

  /** @internal A participant started or stopped typing. */
  receiveTyping(participant: RealtimeParticipant, started: boolean): void {
    this.emit(started ? 'typingStarted' : 'typingEnded', this.#participant(participant));
  }

  /** @internal A participant changed, e.g. its read horizon moved. */
  receiveParticipantUpdate(participant: RealtimeParticipant, updateReasons: ParticipantUpdateReason[]): void {
    this.emit('participantUpdated', { participant: this.#participant(participant), updateReasons });
  }

  /** @internal Takes a pushed message; while catching up it waits, so nothing is announced out of order. */
  receive(message: RealtimeMessage): void {
    if (this.#heldBack) this.#heldBack.push(message);
    else this.#announce(message);
  }

  /** @internal Announces what arrived while the connection was down. */
  async catchUp(): Promise<void> {
    if (this.#heldBack) return;
    this.#heldBack = [];
    try {
      for (;;) {
        const page = await this.#request('getMessages', {
          conversationSid: this.sid,
          pageSize: CATCH_UP_PAGE_SIZE,
          anchor: (this.#lastAnnouncedIndex ?? -1) + 1,
          direction: 'forward',
        });
        for (const message of page.messages) this.#announce(message);
        if (page.nextAnchor === null) return;
      }
    } finally {
      const heldBack = this.#heldBack;
      this.#heldBack = undefined;
      for (const message of heldBack) this.#announce(message);
    }
  }

  /** Repeats (already announced, e.g. by the catch-up) are dropped. */
  #announce(message: RealtimeMessage): void {
    if (this.#lastAnnouncedIndex !== null && message.index <= this.#lastAnnouncedIndex) return;
    this.#lastAnnouncedIndex = message.index;
    this.emit('messageAdded', new EmulatorMessage(message, this.#request));
  }

  #participant(data: RealtimeParticipant): EmulatorParticipant {
    const known = this.#participants.get(data.sid);
    if (known) return known.update(data);
    const participant = new EmulatorParticipant(data);
    this.#participants.set(participant.sid, participant);
    return participant;
  }
}
