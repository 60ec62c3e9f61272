/**
 * A typed, in-memory stand-in for the Twilio SDK client: it implements the
 * same `SdkClient` slice the real SDK and the emulator client do, and lets a
 * test drive initialisation, connection states, incoming messages, typing,
 * participants joining, leaving and changing, and the conversation's state.
 */
import type {
  ConnectionState,
  ConnectionStateListener,
  ConversationUpdateReason,
  ConversationUpdatedListener,
  InitFailedListener,
  JSONValue,
  MessageListener,
  ParticipantListener,
  ParticipantUpdatedListener,
  ParticipantUpdateReason,
  SdkClient,
  SdkConversation,
  SdkConversationLimits,
  SdkMedia,
  SdkMessage,
  SdkMessageBuilder,
  SdkPaginator,
  SdkParticipant,
  SdkSendMediaOptions,
  TypingListener,
} from '../../../src/protocol/sdk-shape.js';

type AnyListener = (...args: never[]) => void;

/** Event listeners by event name, with `once` support. */
class Listeners {
  private readonly byEvent = new Map<string, Set<AnyListener>>();

  add(event: string, listener: AnyListener): void {
    const listeners = this.byEvent.get(event) ?? new Set();
    listeners.add(listener);
    this.byEvent.set(event, listeners);
  }

  remove(event: string, listener: AnyListener): void {
    this.byEvent.get(event)?.delete(listener);
  }

  count(event: string): number {
    return this.byEvent.get(event)?.size ?? 0;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.byEvent.get(event) ?? [])]) {
      (listener as (...args: unknown[]) => void)(...args);
    }
  }
}

export function fakeMessage(
  index: number,
  author: string | null,
  body: string | null,
  extra: { attributes?: JSONValue; attachedMedia?: SdkMedia[] | null } = {},
): SdkMessage {
  return {
    sid: `IM${index.toString(16).padStart(32, '0')}`,
    index,
    author,
    body,
    dateCreated: new Date(Date.UTC(2025, 0, 1, 12, 0, index)),
    attributes: extra.attributes ?? {},
    attachedMedia: extra.attachedMedia ?? null,
  };
}

/** An attachment whose temporary URL changes on every call, as the SDK's does. */
export function fakeMedia(sid: string, filename: string | null, contentType: string, size: number): SdkMedia {
  let urls = 0;
  return {
    sid,
    filename,
    contentType,
    size,
    getContentTemporaryUrl: async () => `https://media.example/${sid}?v=${++urls}`,
  };
}

export function fakeParticipant(
  identity: string | null,
  attributes: JSONValue = {},
  lastReadMessageIndex: number | null = null,
): SdkParticipant {
  return { sid: `MB${(identity ?? 'none').padStart(32, '0').slice(-32)}`, identity, attributes, lastReadMessageIndex };
}

/** A message as a `send` handed it over, before the conversation echoes it. */
export interface SentMessage {
  /** `sendMessage` (text) or the message builder (with media). */
  via: 'sendMessage' | 'builder';
  body: string | undefined;
  attributes: JSONValue;
  media: SdkSendMediaOptions[];
}

class FakeMessageBuilder implements SdkMessageBuilder {
  private body: string | undefined;
  private attributes: JSONValue = {};
  private readonly media: SdkSendMediaOptions[] = [];

  constructor(private readonly conversation: FakeSdkConversation) {}

  setBody(text: string): this {
    this.body = text;
    return this;
  }

  setAttributes(attributes: JSONValue): this {
    this.attributes = attributes;
    return this;
  }

  addMedia(media: SdkSendMediaOptions): this {
    this.media.push(media);
    return this;
  }

  build() {
    const sent: SentMessage = { via: 'builder', body: this.body, attributes: this.attributes, media: [...this.media] };
    return { send: () => this.conversation.accept(sent) };
  }
}

export class FakeSdkConversation implements SdkConversation {
  readonly messages: SdkMessage[] = [];
  participants: SdkParticipant[] = [];
  state: { current: 'active' | 'inactive' | 'closed'; dateUpdated: Date } = {
    current: 'active',
    dateUpdated: new Date(Date.UTC(2025, 0, 1)),
  };
  lastReadMessageIndex: number | null = null;
  limits: SdkConversationLimits = {
    mediaAttachmentsCountLimit: 10,
    mediaAttachmentSizeLimitInMb: 150,
    mediaAttachmentsTotalSizeLimitInMb: 150,
  };
  readonly getMessagesCalls: Array<{ pageSize?: number; anchor?: number; direction?: string }> = [];
  /** Every message handed to a send, in order. */
  readonly sent: SentMessage[] = [];
  /** Every index given to advanceLastReadMessageIndex. */
  readonly readCalls: number[] = [];
  typingCalls = 0;
  /** Makes the next sends, typing() and page loads fail, as a dropped link would. */
  failing = false;
  private readonly listeners = new Listeners();

  constructor(readonly sid: string) {}

  /** Windows of the messages next to an anchor, as the SDK pages them (oldest first). */
  async getMessages(
    pageSize = 30,
    anchor?: number,
    direction: 'backwards' | 'forward' = 'backwards',
  ): Promise<SdkPaginator<SdkMessage>> {
    this.getMessagesCalls.push({ pageSize, anchor, direction });
    return this.page(pageSize, anchor, direction);
  }

  async sendMessage(body: string, attributes: JSONValue = {}): Promise<number> {
    return this.accept({ via: 'sendMessage', body, attributes, media: [] });
  }

  prepareMessage(): FakeMessageBuilder {
    return new FakeMessageBuilder(this);
  }

  async typing(): Promise<void> {
    this.typingCalls++;
    if (this.failing) throw new Error('typing failed');
  }

  async setAllMessagesRead(): Promise<number> {
    const newest = this.messages.at(-1)?.index;
    if (newest !== undefined) this.lastReadMessageIndex = newest;
    return 0;
  }

  async advanceLastReadMessageIndex(index: number): Promise<number> {
    this.readCalls.push(index);
    this.lastReadMessageIndex = Math.max(index, this.lastReadMessageIndex ?? -1);
    return this.messages.filter((message) => message.index > index).length;
  }

  async getParticipants(): Promise<SdkParticipant[]> {
    return [...this.participants];
  }

  on(event: 'messageAdded', listener: MessageListener): this;
  on(event: 'typingStarted' | 'typingEnded', listener: TypingListener): this;
  on(event: 'participantJoined' | 'participantLeft', listener: ParticipantListener): this;
  on(event: 'participantUpdated', listener: ParticipantUpdatedListener): this;
  on(event: 'updated', listener: ConversationUpdatedListener): this;
  on(event: string, listener: AnyListener): this {
    this.listeners.add(event, listener);
    return this;
  }

  off(event: 'messageAdded', listener: MessageListener): this;
  off(event: 'typingStarted' | 'typingEnded', listener: TypingListener): this;
  off(event: 'participantJoined' | 'participantLeft', listener: ParticipantListener): this;
  off(event: 'participantUpdated', listener: ParticipantUpdatedListener): this;
  off(event: 'updated', listener: ConversationUpdatedListener): this;
  off(event: string, listener: AnyListener): this {
    this.listeners.remove(event, listener);
    return this;
  }

  /** @internal Stores a sent message and echoes it, as Twilio does; the visitor is its author. */
  async accept(sent: SentMessage): Promise<number> {
    if (this.failing) throw new Error('send failed');
    this.sent.push(sent);
    const index = (this.messages.at(-1)?.index ?? -1) + 1;
    const attachedMedia = sent.media.map((media, n) =>
      fakeMedia(`ME${index}x${n}`, media.filename ?? null, media.contentType ?? '', media.media.size),
    );
    this.receive(
      fakeMessage(index, 'visitor', sent.body ?? null, {
        attributes: sent.attributes,
        attachedMedia: attachedMedia.length > 0 ? attachedMedia : null,
      }),
    );
    return index;
  }

  /** A message arriving in realtime (someone else's, or the echo of a send). */
  receive(message: SdkMessage): void {
    this.messages.push(message);
    this.listeners.emit('messageAdded', message);
  }

  emitTyping(participant: SdkParticipant, started: boolean): void {
    this.listeners.emit(started ? 'typingStarted' : 'typingEnded', participant);
  }

  /** Someone is added to (`joined`) or removed from the conversation, as the SDK announces it. */
  emitParticipant(event: 'participantJoined' | 'participantLeft', participant: SdkParticipant): void {
    if (event === 'participantJoined') this.participants.push(participant);
    else this.participants = this.participants.filter(({ sid }) => sid !== participant.sid);
    this.listeners.emit(event, participant);
  }

  emitParticipantUpdated(participant: SdkParticipant, updateReasons: ParticipantUpdateReason[]): void {
    this.listeners.emit('participantUpdated', { participant, updateReasons });
  }

  /** Changes the state and announces it with `updated`, as the SDK does. */
  setState(current: 'active' | 'inactive' | 'closed'): void {
    this.state = { current, dateUpdated: new Date() };
    this.emitUpdated(['state', 'dateUpdated']);
  }

  emitUpdated(updateReasons: ConversationUpdateReason[]): void {
    this.listeners.emit('updated', { conversation: this, updateReasons });
  }

  listenerCount(
    event:
      | 'messageAdded'
      | 'typingStarted'
      | 'typingEnded'
      | 'participantJoined'
      | 'participantLeft'
      | 'participantUpdated'
      | 'updated',
  ): number {
    return this.listeners.count(event);
  }

  private page(
    pageSize: number,
    anchor: number | undefined,
    direction: 'backwards' | 'forward',
  ): SdkPaginator<SdkMessage> {
    const all = this.messages;
    const firstFrom = (from: number) => {
      const position = all.findIndex((message) => message.index >= from);
      return position === -1 ? all.length : position;
    };
    let start: number;
    let end: number;
    if (direction === 'backwards') {
      end = anchor === undefined ? all.length : firstFrom(anchor + 1);
      start = Math.max(0, end - pageSize);
    } else {
      start = anchor === undefined ? 0 : firstFrom(anchor);
      end = Math.min(all.length, start + pageSize);
    }
    const load = async (pageAnchor: number, pageDirection: 'backwards' | 'forward') => {
      if (this.failing) throw new Error('page failed');
      this.getMessagesCalls.push({ pageSize, anchor: pageAnchor, direction: pageDirection });
      return this.page(pageSize, pageAnchor, pageDirection);
    };
    const before = all[start - 1];
    const after = all[end];
    return {
      items: all.slice(start, end),
      hasPrevPage: before !== undefined,
      hasNextPage: after !== undefined,
      prevPage: () => (before ? load(before.index, 'backwards') : Promise.reject(new Error('no previous page'))),
      nextPage: () => (after ? load(after.index, 'forward') : Promise.reject(new Error('no next page'))),
    };
  }
}

export class FakeSdkClient implements SdkClient {
  connectionState: ConnectionState = 'connecting';
  shutDown = false;
  /** Every token handed to updateToken(), in order. */
  readonly updatedTokens: string[] = [];
  readonly conversations = new Map<string, FakeSdkConversation>();
  private readonly listeners = new Listeners();

  async getConversationBySid(conversationSid: string): Promise<FakeSdkConversation> {
    const conversation = this.conversations.get(conversationSid);
    if (!conversation) throw new Error(`Conversation ${conversationSid} not found`);
    return conversation;
  }

  async updateToken(token: string): Promise<this> {
    this.updatedTokens.push(token);
    return this;
  }

  async shutdown(): Promise<void> {
    this.shutDown = true;
  }

  once(event: 'initialized' | 'initFailed', listener: (() => void) | InitFailedListener): this {
    const onceListener = (...args: never[]) => {
      this.listeners.remove(event, onceListener);
      (listener as (...args: never[]) => void)(...args);
    };
    this.listeners.add(event, onceListener);
    return this;
  }

  on(event: string, listener: ConnectionStateListener | (() => void)): this {
    this.listeners.add(event, listener);
    return this;
  }

  off(event: string, listener: ConnectionStateListener | (() => void)): this {
    this.listeners.remove(event, listener);
    return this;
  }

  initialize(): void {
    this.setConnectionState('connected');
    this.listeners.emit('initialized');
  }

  failInitialization(message: string): void {
    this.setConnectionState('denied');
    this.listeners.emit('initFailed', { error: { terminal: true, message } });
  }

  /** What the SDK emits shortly before (`tokenAboutToExpire`) and at (`tokenExpired`) the token's expiry. */
  emitTokenEvent(event: 'tokenAboutToExpire' | 'tokenExpired'): void {
    this.listeners.emit(event);
  }

  setConnectionState(state: ConnectionState): void {
    this.connectionState = state;
    this.listeners.emit('connectionStateChanged', state);
  }

  listenerCount(
    event: 'initialized' | 'initFailed' | 'connectionStateChanged' | 'tokenAboutToExpire' | 'tokenExpired',
  ): number {
    return this.listeners.count(event);
  }
}
