/**
 * Typed fakes for the chat's state controllers: a scriptable `ChatTransport`
 * holding "Twilio's" copy of the conversation, a session, a manual clock and
 * a bare ReactiveControllerHost, plus `createChatRig` wiring them together.
 */
import type { ReactiveController } from 'lit';
import type { SessionRequest, SessionResponse } from '../../../src/protocol/session.js';
import {
  ChatController,
  type ChatHost,
  type ChatSession,
  type Clock,
} from '../../../src/widget/controllers/chat.controller.js';
import { type OutboxHost, OutboxController } from '../../../src/widget/controllers/outbox.controller.js';
import { ReadStatusController } from '../../../src/widget/controllers/read-status.controller.js';
import { TypingController } from '../../../src/widget/controllers/typing.controller.js';
import type { OutboxStore } from '../../../src/widget/outbox/outbox-store.js';
import type { OutboxOwner } from '../../../src/widget/outbox/page-owner.js';
import type { PrechatField } from '../../../src/widget/settings/panel-settings.js';
import type {
  ChatMessage,
  ChatParticipant,
  ChatTransport,
  ConversationSnapshot,
  MediaLimits,
  OutgoingMessage,
  TransportConnectionState,
  Unsubscribe,
} from '../../../src/widget/transport/transport.js';

export const VISITOR = 'visitor-1';
export const AGENT: ChatParticipant = { identity: 'agent-1', name: 'Ana', lastReadIndex: null };
export const CONVERSATION_SID = `CH${'0'.repeat(32)}`;
export const SESSION_URL = 'http://companion.test/';

/** An error like Twilio's, with its numeric code. */
export class TwilioLikeError extends Error {
  constructor(
    readonly code: number,
    message = `Twilio error ${code}`,
  ) {
    super(message);
  }
}

/** A send the test settles by hand. */
export interface HeldSend {
  message: OutgoingMessage;
  /** Twilio stores it (and echoes it, if `echo` is on); the send resolves. */
  store(): void;
  fail(error: unknown): void;
}

type SendPlan = { kind: 'fail'; error: unknown } | { kind: 'lose-answer'; error: unknown } | { kind: 'hold' };

/** A scriptable transport: Twilio's copy of the conversation is `stored`. */
export class FakeTransport implements ChatTransport {
  connectionState: TransportConnectionState = 'connected';
  /** Twilio's copy of the conversation, oldest first. */
  stored: ChatMessage[] = [];
  participants: ChatParticipant[] = [{ identity: VISITOR, name: 'You', lastReadIndex: null }, AGENT];
  closedConversation = false;
  ownLastReadIndex: number | null = null;
  mediaLimits: MediaLimits = { maxCount: 10, maxFileBytes: 5_000_000, maxTotalBytes: 5_000_000 };
  pageSize = 50;
  /** Whether messages Twilio stores come back through `onMessage`. */
  echo = true;

  /** Every `send` call, in order (retries included). */
  readonly sendCalls: OutgoingMessage[] = [];
  readonly messagesAfterCalls: number[] = [];
  readonly markReadCalls: number[] = [];
  readonly held: HeldSend[] = [];
  typingCalls = 0;
  closedByWidget = false;
  markReadError: unknown;
  loadOlderError: unknown;
  connectError: unknown;

  private readonly plans: SendPlan[] = [];
  private oldestLoaded = Number.POSITIVE_INFINITY;
  private readonly messageListeners = new Set<(message: ChatMessage) => void>();
  private readonly stateListeners = new Set<(state: TransportConnectionState) => void>();
  private readonly typingListeners = new Set<(participant: ChatParticipant, typing: boolean) => void>();
  private readonly participantListeners = new Set<(participant: ChatParticipant) => void>();
  private readonly closedListeners = new Set<() => void>();

  // The transport contract.

  async connect(): Promise<ConversationSnapshot> {
    if (this.connectError) throw this.connectError;
    const messages = this.stored.slice(-this.pageSize);
    this.oldestLoaded = messages[0]?.index ?? Number.POSITIVE_INFINITY;
    return {
      messages,
      hasOlder: this.stored.length > messages.length,
      closed: this.closedConversation,
      participants: this.participants.map((participant) => ({ ...participant })),
      ownLastReadIndex: this.ownLastReadIndex,
      mediaLimits: this.mediaLimits,
    };
  }

  async loadOlder(): Promise<{ messages: ChatMessage[]; hasOlder: boolean }> {
    if (this.loadOlderError) throw this.loadOlderError;
    const before = this.stored.filter((message) => message.index < this.oldestLoaded);
    const messages = before.slice(-this.pageSize);
    this.oldestLoaded = messages[0]?.index ?? this.oldestLoaded;
    return { messages, hasOlder: before.length > messages.length };
  }

  async messagesAfter(index: number): Promise<ChatMessage[]> {
    this.messagesAfterCalls.push(index);
    return this.stored.filter((message) => message.index > index);
  }

  send(message: OutgoingMessage): Promise<void> {
    this.sendCalls.push(message);
    const plan = this.plans.shift();
    if (plan?.kind === 'fail') return Promise.reject(plan.error);
    if (plan?.kind === 'lose-answer') {
      // Stored, but the link drops before the answer (and the echo) come back.
      const echo = this.echo;
      this.echo = false;
      this.storeMessage(message);
      this.echo = echo;
      this.setConnectionState('offline');
      return Promise.reject(plan.error);
    }
    if (plan?.kind === 'hold') {
      return new Promise((resolve, reject) => {
        this.held.push({
          message,
          store: () => {
            this.storeMessage(message);
            resolve();
          },
          fail: reject,
        });
      });
    }
    this.storeMessage(message);
    return Promise.resolve();
  }

  typing(): void {
    this.typingCalls++;
  }

  async markRead(index: number): Promise<void> {
    this.markReadCalls.push(index);
    if (this.markReadError) throw this.markReadError;
  }

  onMessage(listener: (message: ChatMessage) => void): Unsubscribe {
    return subscribe(this.messageListeners, listener);
  }

  onConnectionStateChange(listener: (state: TransportConnectionState) => void): Unsubscribe {
    return subscribe(this.stateListeners, listener);
  }

  onTyping(listener: (participant: ChatParticipant, typing: boolean) => void): Unsubscribe {
    return subscribe(this.typingListeners, listener);
  }

  onParticipantUpdated(listener: (participant: ChatParticipant) => void): Unsubscribe {
    return subscribe(this.participantListeners, listener);
  }

  onClosed(listener: () => void): Unsubscribe {
    return subscribe(this.closedListeners, listener);
  }

  async close(): Promise<void> {
    this.closedByWidget = true;
    this.messageListeners.clear();
    this.stateListeners.clear();
    this.typingListeners.clear();
    this.participantListeners.clear();
    this.closedListeners.clear();
  }

  // What the test scripts.

  /** The next send fails with `error` (Twilio did not store it). */
  failNextSend(error: unknown): void {
    this.plans.push({ kind: 'fail', error });
  }

  /** The next send is stored by Twilio, but the link drops: no answer (it rejects with `error`), no echo. */
  loseNextAnswer(error: unknown = new Error('The connection was lost')): void {
    this.plans.push({ kind: 'lose-answer', error });
  }

  /** The next send waits in `held` until the test settles it. */
  holdNextSend(): void {
    this.plans.push({ kind: 'hold' });
  }

  /** Someone else's message arrives. */
  deliver(body: string, author: string | null = AGENT.identity): ChatMessage {
    const message = this.append({ author, body, clientId: undefined });
    this.emitMessage(message);
    return message;
  }

  /** A message comes again (as after a resubscribe). */
  redeliver(message: ChatMessage): void {
    this.emitMessage(message);
  }

  /** A message Twilio stores while the widget does not hear of it (e.g. its link is down). */
  storeUnheard(body: string, author: string | null = AGENT.identity): ChatMessage {
    return this.append({ author, body, clientId: undefined });
  }

  /** Messages already in the conversation before the widget connects. */
  seed(...authors: (string | null)[]): void {
    for (const author of authors) this.append({ author, body: `from ${author}`, clientId: undefined });
  }

  setConnectionState(state: TransportConnectionState): void {
    this.connectionState = state;
    for (const listener of [...this.stateListeners]) listener(state);
  }

  setTyping(participant: ChatParticipant, typing: boolean): void {
    for (const listener of [...this.typingListeners]) listener(participant, typing);
  }

  updateParticipant(participant: ChatParticipant): void {
    this.participants = this.participants.map((p) => (p.identity === participant.identity ? participant : p));
    for (const listener of [...this.participantListeners]) listener(participant);
  }

  closeConversation(): void {
    this.closedConversation = true;
    for (const listener of [...this.closedListeners]) listener();
  }

  /** The bodies (or file names) Twilio stored from the visitor, in order. */
  visitorBodies(): string[] {
    return this.stored
      .filter((message) => message.author === VISITOR)
      .map((message) => message.body || (message.attachments[0]?.filename ?? ''));
  }

  private storeMessage(outgoing: OutgoingMessage): void {
    const message = this.append({
      author: VISITOR,
      body: outgoing.body,
      clientId: outgoing.clientId,
      attachments: outgoing.files.map((file, position) => ({
        sid: `ME${this.stored.length}-${position}`,
        filename: file.name,
        contentType: file.type,
        size: file.size,
        url: async () => null,
      })),
    });
    if (this.echo) this.emitMessage(message);
  }

  private append(fields: Pick<ChatMessage, 'author' | 'body' | 'clientId'> & Partial<ChatMessage>): ChatMessage {
    const index = (this.stored.at(-1)?.index ?? -1) + 1;
    const message: ChatMessage = { id: `IM${index}`, index, sentAt: new Date(0), attachments: [], ...fields };
    this.stored.push(message);
    return message;
  }

  private emitMessage(message: ChatMessage): void {
    for (const listener of [...this.messageListeners]) listener(message);
  }
}

function subscribe<T>(listeners: Set<T>, listener: T): Unsubscribe {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A session that opens at once, as the companion would answer. */
export class FakeSession implements ChatSession {
  needsDetailsAnswer = false;
  readonly needsDetailsCalls: (readonly PrechatField[])[] = [];
  readonly openCalls: (SessionRequest | undefined)[] = [];
  openError: unknown;
  /** When set, `open` waits for it (to overlap two attempts). */
  openGate: Promise<void> | undefined;
  endError: unknown;
  ended = 0;
  forgotten = 0;
  conversationSid = CONVERSATION_SID;

  async needsDetails(fields: readonly PrechatField[]): Promise<boolean> {
    this.needsDetailsCalls.push(fields);
    return this.needsDetailsAnswer;
  }

  async open(details?: SessionRequest): Promise<SessionResponse> {
    this.openCalls.push(details);
    const { conversationSid, openGate } = this;
    if (openGate) await openGate;
    if (this.openError) throw this.openError;
    return {
      identity: VISITOR,
      conversationSid,
      token: 'access-token',
      tokenExpiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      sessionToken: 'session-token',
      backend: { kind: 'emulator', realtimeUrl: 'ws://emulator.test/realtime' },
    };
  }

  async end(): Promise<void> {
    if (this.endError) throw this.endError;
    this.ended++;
  }

  forget(): void {
    this.forgotten++;
  }

  async refreshAccessToken(): Promise<string> {
    return 'access-token-2';
  }
}

/** Time that moves only when the test says so. */
export class ManualClock implements Clock {
  /** Starts at the real time: stored entries are aged by it. */
  time = Date.now();
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time on, running each timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, timer]) => timer.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }
}

/** The panel as the controllers see it: no rendering, just bookkeeping. */
export class TestHost extends EventTarget implements ChatHost, OutboxHost {
  prechatFields: readonly PrechatField[] = [];
  settings = { sessionUrl: SESSION_URL };
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  readonly events: CustomEvent[] = [];
  private readonly controllers: ReactiveController[] = [];

  constructor() {
    super();
    for (const type of ['bridge-chat-ready', 'bridge-chat-error']) {
      this.addEventListener(type, (event) => this.events.push(event as CustomEvent));
    }
  }

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }

  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }

  requestUpdate(): void {
    this.updates++;
  }

  /** Attaches the host: each controller's `hostConnected`. */
  attach(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }

  detach(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}

export interface ChatRig {
  host: TestHost;
  session: FakeSession;
  transport: FakeTransport;
  clock: ManualClock;
  chat: ChatController;
  outbox: OutboxController;
  typing: TypingController;
  readStatus: ReadStatusController;
  /** Every transport the chat loaded, the newest last. */
  transports: FakeTransport[];
}

export interface RigOptions {
  store: OutboxStore;
  /** Twilio's side; a fresh one by default. Each connect gets it (one conversation, one "server"). */
  transport?: FakeTransport;
  session?: FakeSession;
  clock?: ManualClock;
  ids?: () => string;
  owner?: OutboxOwner;
}

/** A chat with all its sibling controllers over a fake transport; not connected yet. */
export function createChatRig(options: RigOptions): ChatRig {
  const host = new TestHost();
  const session = options.session ?? new FakeSession();
  const transport = options.transport ?? new FakeTransport();
  const clock = options.clock ?? new ManualClock();
  const transports: FakeTransport[] = [];
  const chat = new ChatController(
    host,
    session,
    async () => {
      transports.push(transport);
      return transport;
    },
    clock,
  );
  const outbox = new OutboxController(host, chat, {
    store: options.store,
    clock,
    ...(options.ids ? { newId: options.ids } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
  });
  const typing = new TypingController(host, chat, clock);
  const readStatus = new ReadStatusController(host, chat, clock);
  return { host, session, transport, clock, chat, outbox, typing, readStatus, transports };
}

/** A page (tab) `id`, with the pages `live` said to be open. */
export function tab(id: string, live: string[]): OutboxOwner {
  return { id, livePages: async () => new Set(live) };
}

/** Lets pending promise callbacks run (one macrotask). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve));
}

/** Ids that say which message they belong to: `id-1`, `id-2`, … */
export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}
