import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { SessionResponse } from '../../protocol/session.js';
import { WidgetError, type WidgetErrorDetail } from '../errors.js';
import { dispatchBridgeChatEvent } from '../events.js';
import { mergeMessages, unknownMessages } from '../messages/merge-messages.js';
import { CompanionError } from '../session/companion-client.js';
import type { PrechatField } from '../settings/panel-settings.js';
import { loadTransport } from '../transport/load-transport.js';
import type {
  ChatMessage,
  ChatParticipant,
  ChatTransport,
  ConversationSnapshot,
  MediaLimits,
  TransportConnectionState,
  Unsubscribe,
} from '../transport/transport.js';
import type { SessionDetails } from './session.controller.js';
import { errorDetail } from './error-detail.js';
import { mayHeal } from './healing-failures.js';

/**
 * - `prechat`: the visitor must fill in the pre-chat form first; `start(details)` goes on.
 * - `closed`: nobody can write any more (the agent closed it, or the visitor ended it); messages stay readable.
 */
export type ChatStatus = 'idle' | 'connecting' | 'prechat' | 'ready' | 'closed' | 'error';

/** What the chat needs of the visitor's session (the `SessionController`). */
export interface ChatSession {
  /** Whether the visitor must fill in these pre-chat fields before a session opens. */
  needsDetails(fields: readonly PrechatField[]): Promise<boolean>;
  /** Opens (or resumes) the session, with the pre-chat details when the form was shown. */
  open(details?: SessionDetails): Promise<SessionResponse>;
  /** Ends the conversation at the companion (`POST /session/end`). */
  end(): Promise<void>;
  /** Forgets the session: the next `open` starts a new conversation. */
  forget(): void;
  refreshAccessToken(): Promise<string>;
}

export interface ChatHost extends ReactiveControllerHost, EventTarget {
  /** The pre-chat form's fields; none skips the form. */
  readonly prechatFields: readonly PrechatField[];
}

/** Loads and adapts the realtime client a session names; tests pass a fake. */
export type TransportLoader = (session: SessionResponse, renewToken: () => Promise<string>) => Promise<ChatTransport>;

/**
 * How sibling controllers (outbox, typing, read status) follow the chat. Every
 * callback comes after the chat's own state is updated; none may throw.
 */
export interface ChatListener {
  /** The conversation is connected (`chat.messages` holds the snapshot's messages and any that came with it). */
  connected?(transport: ChatTransport, snapshot: ConversationSnapshot): void;
  /** A message the chat did not hold yet (realtime, or fetched after a reconnect). */
  message?(message: ChatMessage): void;
  connectionState?(state: TransportConnectionState): void;
  /** Another participant started or stopped typing. */
  typing?(participant: ChatParticipant, typing: boolean): void;
  /** A participant changed; `chat.participants` already holds the new one. */
  participantUpdated?(participant: ChatParticipant): void;
  /** The conversation closed, at connect or later. */
  closed?(): void;
  /** The transport went away (reconnect, new chat, error, host detached). */
  disconnected?(): void;
}

/** Schedules the chat controllers' timers; tests pass a manual one. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const RETRY_FIRST_DELAY_MS = 1_000;
const RETRY_MAX_DELAY_MS = 30_000;

/**
 * How long the chat waits before trying again after `failures` failed attempts in a row: 1 s,
 * doubling up to 30 s, each cut by up to half at random, so that the visitors of a companion that
 * comes back do not all return at the same moment; never less than the companion asked for
 * (`retryAfterMs`, from its Retry-After).
 */
export function retryDelay(failures: number, retryAfterMs = 0, random: () => number = Math.random): number {
  const step = Math.min(RETRY_FIRST_DELAY_MS * 2 ** (failures - 1), RETRY_MAX_DELAY_MS);
  return Math.max(step * (1 - random() / 2), retryAfterMs);
}

/** One try at connecting (`connect`'s, or `start`'s with the pre-chat details), given its attempt number. */
type ConnectAttempt = (attempt: number) => Promise<void>;

/**
 * The chat's state machine (idle → connecting → prechat? → ready ⇄ closed, or
 * error): asks for the pre-chat form when the session needs it, opens the
 * session, loads and connects the transport, keeps the messages (paging back
 * on request, catching up after a dropped link), the participants and the media
 * limits, and tells sibling controllers through `subscribe`. Connects when its
 * host is attached and closes the transport when it is detached.
 *
 * A failure that may heal (see `retrying`) is tried again by itself, with backoff
 * (`retryDelay`), and at once when the browser comes back online or the page is
 * shown again; meanwhile the chat stays in `error`, so the page hears of the
 * failure once, not at every try.
 */
export class ChatController implements ReactiveController {
  status: ChatStatus = 'idle';
  /** Why the chat failed, while `status` is `error`. */
  error: WidgetErrorDetail | undefined;
  identity: string | undefined;
  conversationSid: string | undefined;
  connectionState: TransportConnectionState = 'connecting';
  /** Confirmed messages, oldest first, no duplicates. */
  messages: readonly ChatMessage[] = [];
  /** Whether there are messages before the first one held. */
  hasOlder = false;
  loadingOlder = false;
  /** The last `loadOlder` failed; asking again retries. */
  olderFailed = false;
  /** By identity; participants without one (e.g. SMS) are left out. */
  participants: ReadonlyMap<string, ChatParticipant> = new Map();
  mediaLimits: MediaLimits | undefined;

  #transport: ChatTransport | undefined;
  /** The attempt that failed last: tried again as it was (a pre-chat start with its details). */
  #failed: ConnectAttempt | undefined;
  /** Failed attempts in a row, for the backoff; a connect of its own (or "Try again") starts over. */
  #failures = 0;
  /** The automatic retry waiting for its time, if any. */
  #retryTimer: unknown;
  /** The companion said how long to wait (Retry-After): coming back online does not hurry the retry. */
  #waitAsked = false;
  /** Whether the conversation is connected and listeners hear of it (between `connected` and `disconnected`). */
  #live = false;
  /** The link dropped since the messages were last complete: catch up when it is back. */
  #linkLost = false;
  /** Bumped by every connect and disconnect, so a superseded attempt drops its results. */
  #attempt = 0;
  readonly #listeners = new Set<ChatListener>();

  readonly #session: ChatSession;
  readonly #host: ChatHost;
  readonly #loadChatTransport: TransportLoader;
  readonly #clock: Clock;

  constructor(
    host: ChatHost,
    session: ChatSession,
    loadChatTransport: TransportLoader = loadTransport,
    clock: Clock = systemClock,
  ) {
    this.#loadChatTransport = loadChatTransport;
    this.#clock = clock;
    this.#host = host;
    this.#session = session;
    host.addController(this);
  }

  /** The chat failed in a way that may heal, and tries again by itself (see `mayHeal`). */
  get retrying(): boolean {
    return this.status === 'error' && mayHeal(this.error!.code);
  }

  hostConnected(): void {
    this.#watchWake('addEventListener');
    void this.connect();
  }

  hostDisconnected(): void {
    this.#watchWake('removeEventListener');
    this.#disconnect();
    this.status = 'idle';
  }

  /** Follows the chat; the returned function stops. */
  subscribe(listener: ChatListener): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** (Re)connects: shows the pre-chat form if the session needs it, else opens the session and connects. */
  connect(): Promise<void> {
    return this.#try(async (attempt) => {
      const fields = this.#host.prechatFields;
      const needsDetails = fields.length > 0 && (await this.#session.needsDetails(fields));
      if (attempt !== this.#attempt) return;
      if (needsDetails) {
        this.status = 'prechat';
        this.#host.requestUpdate();
        return;
      }
      await this.#open(attempt, undefined);
    });
  }

  /** Opens the session with what the visitor entered in the pre-chat form. */
  start(details: SessionDetails): Promise<void> {
    return this.#try((attempt) => this.#open(attempt, details));
  }

  /** "Try again": the attempt that failed, now, with the backoff from its start (a plain connect if none failed). */
  retry(): Promise<void> {
    return this.#failed ? this.#try(this.#failed) : this.connect();
  }

  /** Loads the page before the oldest message held; sets `olderFailed` instead of throwing. */
  async loadOlder(): Promise<void> {
    const transport = this.#transport;
    if (!transport || !this.#live || !this.hasOlder || this.loadingOlder) return;
    const attempt = this.#attempt;
    this.loadingOlder = true;
    this.olderFailed = false;
    this.#host.requestUpdate();
    try {
      const page = await transport.loadOlder();
      if (attempt !== this.#attempt) return;
      this.messages = mergeMessages(page.messages, this.messages);
      this.hasOlder = page.hasOlder;
    } catch {
      if (attempt === this.#attempt) this.olderFailed = true;
    } finally {
      if (attempt === this.#attempt) {
        this.loadingOlder = false;
        this.#host.requestUpdate();
      }
    }
  }

  /**
   * Adds messages fetched elsewhere (the outbox's check for sends whose answer was lost).
   * Ones older than the held page are left for paging back, so the list has no gaps.
   */
  merge(fetched: readonly ChatMessage[]): void {
    const oldest = this.messages[0]?.index;
    const pageShown = this.hasOlder && oldest !== undefined;
    this.#receive(pageShown ? fetched.filter((message) => message.index > oldest) : fetched);
  }

  /** The visitor ends the chat (after confirming): resolves true once the conversation is closed. */
  async endChat(): Promise<boolean> {
    if (this.status !== 'ready') return false;
    const attempt = this.#attempt;
    try {
      await this.#session.end();
    } catch {
      return false;
    }
    if (attempt === this.#attempt) this.#handleClosed();
    return true;
  }

  /** Forgets the session and connects again: a new conversation. */
  startNewChat(): Promise<void> {
    this.#session.forget();
    return this.connect();
  }

  /** The whole conversation, oldest first (for the transcript); rejects when it cannot be fetched. */
  async allMessages(): Promise<ChatMessage[]> {
    if (!this.#transport || !this.#live) return [...this.messages];
    return this.#transport.messagesAfter(-1);
  }

  /**
   * Runs one try at connecting from a clean state, and fails the chat if it fails. An automatic
   * retry (`quietly`) keeps showing the failure it retries until it succeeds or fails otherwise.
   */
  async #try(connectAttempt: ConnectAttempt, quietly = false): Promise<void> {
    const attempt = this.#begin(quietly);
    try {
      await connectAttempt(attempt);
    } catch (error) {
      if (attempt === this.#attempt) this.#fail(error, connectAttempt);
    }
  }

  /** Drops the current attempt and starts a new one from a clean state. */
  #begin(quietly: boolean): number {
    this.#disconnect();
    if (!quietly) {
      this.status = 'connecting';
      this.error = undefined;
      this.#failures = 0;
    }
    this.identity = undefined;
    this.conversationSid = undefined;
    this.connectionState = 'connecting';
    this.messages = [];
    this.hasOlder = false;
    this.loadingOlder = false;
    this.olderFailed = false;
    this.participants = new Map();
    this.mediaLimits = undefined;
    this.#host.requestUpdate();
    return this.#attempt;
  }

  async #open(attempt: number, details: SessionDetails | undefined): Promise<void> {
    const session = await this.#session.open(details);
    if (attempt !== this.#attempt) return;
    const transport = await this.#loadChatTransport(session, () => this.#session.refreshAccessToken());
    if (attempt !== this.#attempt) {
      closeQuietly(transport);
      return;
    }
    this.#transport = transport;
    // Subscribe before connecting, so nothing falls between the snapshot and the events.
    transport.onMessage((message) => this.#receive([message]));
    transport.onConnectionStateChange((state) => this.#handleConnectionState(state));
    transport.onTyping((participant, typing) => {
      if (this.#live) this.#notify('typing', participant, typing);
    });
    transport.onParticipantUpdated((participant) => this.#updateParticipant(participant));
    transport.onClosed(() => this.#handleClosed());
    const snapshot = await transport.connect();
    if (attempt !== this.#attempt) return;
    // Messages that came as events while connecting are newer than (or the same as) the snapshot's.
    this.messages = mergeMessages(snapshot.messages, this.messages);
    this.hasOlder = snapshot.hasOlder;
    this.participants = new Map(snapshot.participants.flatMap((p) => (p.identity === null ? [] : [[p.identity, p]])));
    this.mediaLimits = snapshot.mediaLimits;
    this.identity = session.identity;
    this.conversationSid = session.conversationSid;
    this.connectionState = transport.connectionState;
    this.status = snapshot.closed ? 'closed' : 'ready';
    this.#live = true;
    this.#host.requestUpdate();
    this.#notify('connected', transport, snapshot);
    if (snapshot.closed) this.#notify('closed');
    dispatchBridgeChatEvent(this.#host, 'bridge-chat-ready', { identity: session.identity, conversationSid: session.conversationSid });
  }

  #receive(messages: readonly ChatMessage[]): void {
    const added = unknownMessages(this.messages, messages);
    if (added.length === 0) return;
    this.messages = mergeMessages(this.messages, added);
    this.#host.requestUpdate();
    // Before `connected`, listeners find these in `messages`.
    if (this.#live) for (const message of added) this.#notify('message', message);
  }

  #handleConnectionState(state: TransportConnectionState): void {
    if (state === 'denied') {
      this.#fail(new WidgetError('connection_denied', 'The chat connection was refused.'));
      return;
    }
    const previous = this.connectionState;
    this.connectionState = state;
    this.#host.requestUpdate();
    if (!this.#live) return;
    if (previous === 'connected' && state !== 'connected') this.#linkLost = true;
    if (state === 'connected' && this.#linkLost) void this.#catchUp();
    this.#notify('connectionState', state);
  }

  /** Fetches what arrived while the link was down; a failure waits for the next reconnect. */
  async #catchUp(): Promise<void> {
    const transport = this.#transport;
    const attempt = this.#attempt;
    if (!transport) return;
    this.#linkLost = false;
    try {
      const missed = await transport.messagesAfter(this.messages.at(-1)?.index ?? -1);
      if (attempt === this.#attempt) this.#receive(missed);
    } catch {
      if (attempt === this.#attempt) this.#linkLost = true;
    }
  }

  #updateParticipant(participant: ChatParticipant): void {
    if (!this.#live || participant.identity === null) return;
    this.participants = new Map(this.participants).set(participant.identity, participant);
    this.#host.requestUpdate();
    this.#notify('participantUpdated', participant);
  }

  #handleClosed(): void {
    if (!this.#live || this.status !== 'ready') return;
    this.status = 'closed';
    this.#host.requestUpdate();
    this.#notify('closed');
  }

  /**
   * Shows why the chat cannot work, and schedules the next try when it may heal. The page hears
   * of a failure when it starts, or when its reason changes, not at every automatic retry.
   */
  #fail(cause: unknown, failed?: ConnectAttempt): void {
    const error = errorDetail(cause);
    const news = this.status !== 'error' || this.error?.code !== error.code;
    this.#disconnect();
    this.status = 'error';
    this.error = error;
    this.#failed = failed;
    if (failed && this.retrying) {
      const retryAfterMs = cause instanceof CompanionError ? cause.retryAfterMs : 0;
      this.#waitAsked = retryAfterMs > 0;
      this.#retryTimer = this.#clock.setTimeout(this.#retryNow, retryDelay(++this.#failures, retryAfterMs));
    }
    this.#host.requestUpdate();
    if (news) dispatchBridgeChatEvent(this.#host, 'bridge-chat-error', error);
  }

  readonly #retryNow = (): void => {
    if (this.#failed) void this.#try(this.#failed, true);
  };

  /** Starts or stops listening for what makes a waiting retry worth trying now. */
  #watchWake(method: 'addEventListener' | 'removeEventListener'): void {
    window[method]('online', this.#wake);
    document[method]('visibilitychange', this.#wake);
  }

  /** Back online, or the page shown again: a retry waiting for its time goes now, unless the companion asked to wait. */
  readonly #wake = (): void => {
    if (this.#retryTimer !== undefined && !this.#waitAsked && document.visibilityState === 'visible') this.#retryNow();
  };

  #disconnect(): void {
    this.#clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#attempt++;
    const transport = this.#transport;
    const live = this.#live;
    this.#transport = undefined;
    this.#live = false;
    this.#linkLost = false;
    if (transport) closeQuietly(transport);
    if (live) this.#notify('disconnected');
  }

  #notify<K extends keyof ChatListener>(event: K, ...args: Parameters<NonNullable<ChatListener[K]>>): void {
    for (const listener of [...this.#listeners]) {
      (listener[event] as ((...values: typeof args) => void) | undefined)?.apply(listener, args);
    }
  }
}

/** A failed shutdown leaves nothing the widget could clean up. */
function closeQuietly(transport: ChatTransport): void {
  transport.close().catch(() => {});
}
