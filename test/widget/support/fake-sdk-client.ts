/**
 * A typed, in-memory stand-in for the Twilio SDK client: it implements the
 * same `SdkClient` slice the real SDK and the emulator client do, and lets a
 * test drive initialisation, connection states and incoming messages.
 */
import type {
  ConnectionState,
  ConnectionStateListener,
  InitFailedListener,
  MessageListener,
  SdkClient,
  SdkConversation,
  SdkMessage,
  SdkPaginator,
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

export function fakeMessage(index: number, author: string | null, body: string | null): SdkMessage {
  return {
    sid: `IM${index.toString(16).padStart(32, '0')}`,
    index,
    author,
    body,
    dateCreated: new Date(Date.UTC(2025, 0, 1, 12, 0, index)),
    attributes: {},
  };
}

export class FakeSdkConversation implements SdkConversation {
  readonly messages: SdkMessage[] = [];
  readonly getMessagesCalls: Array<{ pageSize?: number; anchor?: number; direction?: string }> = [];
  private readonly listeners = new Listeners();

  constructor(readonly sid: string) {}

  async getMessages(
    pageSize = 30,
    anchor?: number,
    direction?: 'backwards' | 'forward',
  ): Promise<SdkPaginator<SdkMessage>> {
    this.getMessagesCalls.push({ pageSize, anchor, direction });
    // Like the SDK: the latest page, in ascending order.
    const items = this.messages.slice(-pageSize);
    return { items, hasPrevPage: this.messages.length > pageSize, prevPage: () => Promise.reject(new Error('not needed')) };
  }

  async sendMessage(body: string): Promise<number> {
    const message = fakeMessage(this.messages.length, 'visitor', body);
    this.receive(message);
    return message.index;
  }

  on(event: 'messageAdded', listener: MessageListener): this {
    this.listeners.add(event, listener);
    return this;
  }

  off(event: 'messageAdded', listener: MessageListener): this {
    this.listeners.remove(event, listener);
    return this;
  }

  /** A message arriving in realtime (someone else's, or the echo of a send). */
  receive(message: SdkMessage): void {
    this.messages.push(message);
    this.listeners.emit('messageAdded', message);
  }

  listenerCount(event: 'messageAdded'): number {
    return this.listeners.count(event);
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
