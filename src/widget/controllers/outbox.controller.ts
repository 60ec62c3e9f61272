import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { type OutboxBatch, type OutboxEntry, outboxKey, type PendingMessage } from '../outbox/outbox-entry.js';
import { type OutboxStore, sharedOutboxStore } from '../outbox/outbox-store.js';
import { type OutboxOwner, pageOwner } from '../outbox/page-owner.js';
import { randomId } from '../outbox/random-id.js';
import { classifySendFailure } from '../outbox/send-failure.js';
import { normalizeSessionUrl } from '../session/session-token-store.js';
import type { PanelSettings } from '../settings/panel-settings.js';
import type { ChatMessage, ChatTransport, Unsubscribe } from '../transport/transport.js';
import { type ChatController, type Clock, systemClock } from './chat.controller.js';

export type { PendingMessage, PendingState } from '../outbox/outbox-entry.js';

/** Transient failures in a row before a message counts as failed. */
export const MAX_SEND_ATTEMPTS = 5;
const RETRY_FIRST_DELAY_MS = 1_000;
const RETRY_MAX_DELAY_MS = 30_000;

export interface OutboxHost extends ReactiveControllerHost {
  /** The companion's base URL: with the conversation SID it names the stored entries. */
  readonly settings: Pick<PanelSettings, 'sessionUrl'>;
}

export interface OutboxOptions {
  store?: OutboxStore;
  /** This page, so that another open tab's entries are left to it. */
  owner?: OutboxOwner;
  clock?: Clock;
  /** Ids for messages and batches; random UUIDs by default. */
  newId?: () => string;
}

/** How far the files of the current send are. */
export interface OutboxProgress {
  done: number;
  total: number;
}

/**
 * Sends the visitor's messages so that none is lost or sent twice. Each message
 * (the text, and each file on its own) shows at once as pending, is stored
 * until Twilio echoes it (recognised by the `clientId` in its attributes), and
 * is sent one at a time in creation order. A send that fails offline waits for
 * the link; after a reconnect or a reload the outbox first looks for messages
 * Twilio stored although their answer was lost, and drops those. A refused
 * send, or one that keeps failing, is `failed` until retried or discarded.
 */
export class OutboxController implements ReactiveController {
  /** Oldest first; replaced on every change. */
  pending: readonly PendingMessage[] = [];

  #entries: OutboxEntry[] = [];
  #transport: ChatTransport | undefined;
  /** Store key of the connected conversation. */
  #conversation: string | undefined;
  /** Whether the stored entries are loaded; sending waits for it. */
  #loaded = false;
  #closed = false;
  /** Some entry may have been stored without an answer: check before sending. */
  #needsCheck = false;
  #pumping = false;
  /** `pump` was asked again while it ran. */
  #woken = false;
  #retryTimer: unknown;
  /** Bumped on every connect and disconnect, so superseded async work drops its results. */
  #generation = 0;
  #lastOrder = 0;
  readonly #store: OutboxStore;
  readonly #owner: OutboxOwner;
  readonly #clock: Clock;
  readonly #newId: () => string;
  readonly #sentListeners = new Set<(clientId: string, body: string) => void>();

  readonly #host: OutboxHost;
  readonly #chat: ChatController;

  constructor(
    host: OutboxHost,
    chat: ChatController,
    options: OutboxOptions = {},
  ) {
    this.#chat = chat;
    this.#host = host;
    this.#store = options.store ?? sharedOutboxStore();
    this.#owner = options.owner ?? pageOwner();
    this.#clock = options.clock ?? systemClock;
    this.#newId = options.newId ?? randomId;
    host.addController(this);
    chat.subscribe({
      connected: (transport) => this.#connected(transport),
      message: (message) => this.#echoed(message),
      connectionState: (state) => {
        if (state === 'connected') this.#linkBack();
      },
      closed: () => this.#conversationClosed(),
      disconnected: () => this.#disconnected(),
    });
  }

  hostDisconnected(): void {
    this.#cancelRetry();
  }

  /** The files of the send under way: how many of them Twilio has. */
  get progress(): OutboxProgress | undefined {
    const active = this.#entries.find((entry) => entry.batch && !entry.stored && entry.state !== 'failed');
    const batch = active?.batch;
    if (!batch) return undefined;
    const unsent = this.#entries.filter((entry) => entry.batch?.id === batch.id && !entry.stored).length;
    return { done: batch.size - unsent, total: batch.size };
  }

  /**
   * Queues a message: its text, then each file as its own message. Never throws.
   * Returns false (and queues nothing) when there is nothing to send or no conversation yet.
   */
  send(body: string, files: readonly File[]): boolean {
    const conversation = this.#conversation;
    if (!conversation || (body === '' && files.length === 0)) return false;
    const createdAt = new Date(this.#clock.now());
    const knownIndex = this.#chat.messages.at(-1)?.index ?? -1;
    const batch: OutboxBatch | undefined = files.length > 0 ? { id: this.#newId(), size: files.length } : undefined;
    const parts: { body: string; file?: File }[] = [
      ...(body === '' ? [] : [{ body }]),
      ...files.map((file) => ({ body: '', file })),
    ];
    const added = parts.map((part): OutboxEntry => ({
      ...part,
      clientId: this.#newId(),
      createdAt,
      // Nothing can be sent in a closed conversation; the visitor sees it was not.
      state: this.#closed ? 'failed' : 'queued',
      conversation,
      owner: this.#owner.id,
      order: this.#nextOrder(),
      knownIndex,
      ...(part.file && batch ? { batch } : {}),
      stored: false,
      attempts: 0,
    }));
    for (const entry of added) void this.#store.put(entry);
    this.#entries = [...this.#entries, ...added];
    this.#changed();
    void this.#pump();
    return true;
  }

  /**
   * Follows the visitor's messages as Twilio stores them: `listener` hears of each one whose echo
   * arrives (also one queued before a reload). The returned function stops.
   */
  onSent(listener: (clientId: string, body: string) => void): Unsubscribe {
    this.#sentListeners.add(listener);
    return () => this.#sentListeners.delete(listener);
  }

  /** Sends a failed message again (after checking it did not arrive after all). */
  retry(clientId: string): void {
    const entry = this.#find(clientId);
    if (!entry || entry.state !== 'failed' || this.#closed) return;
    this.#update(entry, { state: 'queued', attempts: 0 });
    this.#needsCheck = true;
    void this.#pump();
  }

  /** Drops a message that is not on its way (queued or failed). */
  discard(clientId: string): void {
    const entry = this.#find(clientId);
    if (entry && entry.state !== 'sending') this.#remove(entry);
  }

  #connected(transport: ChatTransport): void {
    this.#reset();
    const { conversationSid } = this.#chat;
    if (!conversationSid) return;
    this.#transport = transport;
    this.#conversation = outboxKey(normalizeSessionUrl(this.#host.settings.sessionUrl), conversationSid);
    this.#closed = this.#chat.status === 'closed';
    void this.#load(this.#generation, this.#conversation);
  }

  async #load(generation: number, conversation: string): Promise<void> {
    const [stored, livePages] = await Promise.all([this.#store.load(conversation), this.#owner.livePages()]);
    if (generation !== this.#generation) return;
    const me = this.#owner.id;
    const sentHere = new Set(this.#entries.map((entry) => entry.clientId));
    const restored = stored
      // Another open tab sends its own entries (both tabs see the echoes).
      .filter((entry) => !sentHere.has(entry.clientId) && (entry.owner === me || !livePages.has(entry.owner)))
      .map((entry) => {
        // A send cut off by the reload is checked for and sent again, not left "sending".
        const state = entry.state === 'sending' && !entry.stored ? 'queued' : entry.state;
        if (entry.owner === me && entry.state === state) return entry;
        const adopted: OutboxEntry = { ...entry, owner: me, state };
        void this.#store.put(adopted);
        return adopted;
      });
    this.#entries = [...restored, ...this.#entries].sort((a, b) => a.order - b.order);
    this.#lastOrder = Math.max(this.#lastOrder, ...this.#entries.map((entry) => entry.order));
    this.#loaded = true;
    // The echo may be among the messages the chat already holds.
    for (const message of this.#chat.messages) this.#echoed(message);
    if (this.#closed) this.#failUnsent();
    // Any restored entry may have reached Twilio before the page went away.
    if (restored.length > 0) this.#needsCheck = true;
    this.#changed();
    void this.#pump();
  }

  #linkBack(): void {
    if (!this.#transport) return;
    this.#cancelRetry();
    // A send in flight when the link dropped may have been stored: check before sending again.
    if (this.#entries.length > 0) this.#needsCheck = true;
    void this.#pump();
  }

  #conversationClosed(): void {
    this.#closed = true;
    this.#cancelRetry();
    this.#failUnsent();
    this.#changed();
  }

  #disconnected(): void {
    this.#reset();
    this.#changed();
  }

  #reset(): void {
    this.#generation++;
    this.#cancelRetry();
    this.#transport = undefined;
    this.#conversation = undefined;
    this.#entries = [];
    this.#loaded = false;
    this.#closed = false;
    this.#needsCheck = false;
  }

  /** Sends queued entries one by one, in order, while the link is up. */
  async #pump(): Promise<void> {
    this.#woken = true;
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (;;) {
        this.#woken = false;
        const progressed = await this.#step();
        // Something that changed while this step ran (loaded, link back…) asks for another look.
        if (!progressed && !this.#woken) break;
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** One step of sending; false when there is nothing to do for now. */
  async #step(): Promise<boolean> {
    const transport = this.#transport;
    if (!transport || !this.#loaded || this.#retryTimer !== undefined) return false;
    if (transport.connectionState !== 'connected') return false;
    if (this.#needsCheck) return this.#dropStoredEntries(transport);
    if (this.#closed) return false;
    const next = this.#entries.find((entry) => entry.state === 'queued');
    if (!next) return false;
    await this.#sendEntry(transport, next);
    return true;
  }

  /**
   * Finds the entries Twilio stored although their answer (or echo) never came,
   * from the oldest horizon among them, and drops them so that they are not sent twice.
   */
  async #dropStoredEntries(transport: ChatTransport): Promise<boolean> {
    const generation = this.#generation;
    const candidates = [...this.#entries];
    if (candidates.length === 0) {
      this.#needsCheck = false;
      return true;
    }
    let found: ChatMessage[];
    try {
      found = await transport.messagesAfter(Math.min(...candidates.map((entry) => entry.knownIndex)));
    } catch {
      if (generation === this.#generation) this.#scheduleRetry(1);
      return false;
    }
    if (generation !== this.#generation) return false;
    this.#needsCheck = false;
    // The chat shows them (and tells this outbox, which drops their entries).
    this.#chat.merge(found);
    const arrived = new Set(found.flatMap((message) => (message.clientId ? [message.clientId] : [])));
    for (const candidate of candidates) {
      const entry = this.#find(candidate.clientId);
      // A stored entry not found was removed from the conversation since: never send it again.
      if (entry && (arrived.has(entry.clientId) || entry.stored)) this.#remove(entry);
    }
    return true;
  }

  async #sendEntry(transport: ChatTransport, entry: OutboxEntry): Promise<void> {
    const generation = this.#generation;
    this.#update(entry, { state: 'sending' });
    try {
      await transport.send({ clientId: entry.clientId, body: entry.body, files: entry.file ? [entry.file] : [] });
      if (generation !== this.#generation) return;
      // Twilio has it; the echo (which may already have come) removes it.
      const current = this.#find(entry.clientId);
      if (current) this.#update(current, { stored: true });
    } catch (error) {
      if (generation !== this.#generation) return;
      const current = this.#find(entry.clientId);
      if (current) this.#failed(current, error, transport);
    }
  }

  #failed(entry: OutboxEntry, error: unknown, transport: ChatTransport): void {
    const connected = transport.connectionState === 'connected' && navigator.onLine !== false;
    const failure = classifySendFailure(error, connected);
    if (failure === 'refused') {
      this.#update(entry, { state: 'failed' });
      return;
    }
    // Twilio may have stored it and only the answer was lost.
    this.#needsCheck = true;
    if (failure === 'offline') {
      this.#update(entry, { state: 'queued' });
      return;
    }
    const attempts = entry.attempts + 1;
    if (attempts >= MAX_SEND_ATTEMPTS) {
      this.#update(entry, { state: 'failed', attempts });
      return;
    }
    this.#update(entry, { state: 'queued', attempts });
    this.#scheduleRetry(attempts);
  }

  #echoed(message: ChatMessage): void {
    const entry = message.clientId === undefined ? undefined : this.#find(message.clientId);
    if (!entry) return;
    this.#remove(entry);
    for (const listener of [...this.#sentListeners]) listener(entry.clientId, message.body);
  }

  /** Nothing can be sent any more; what Twilio already stored still awaits its echo. */
  #failUnsent(): void {
    for (const entry of this.#entries) {
      if (!entry.stored && entry.state !== 'failed') this.#update(entry, { state: 'failed' });
    }
  }

  #scheduleRetry(attempts: number): void {
    this.#cancelRetry();
    const delay = Math.min(RETRY_FIRST_DELAY_MS * 2 ** (attempts - 1), RETRY_MAX_DELAY_MS);
    this.#retryTimer = this.#clock.setTimeout(() => {
      this.#retryTimer = undefined;
      void this.#pump();
    }, delay);
  }

  #cancelRetry(): void {
    if (this.#retryTimer === undefined) return;
    this.#clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  #find(clientId: string): OutboxEntry | undefined {
    return this.#entries.find((entry) => entry.clientId === clientId);
  }

  #update(entry: OutboxEntry, change: Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'stored'>>): void {
    const updated = { ...entry, ...change };
    this.#entries = this.#entries.map((current) => (current.clientId === entry.clientId ? updated : current));
    void this.#store.put(updated);
    this.#changed();
  }

  #remove(entry: OutboxEntry): void {
    this.#entries = this.#entries.filter((current) => current.clientId !== entry.clientId);
    void this.#store.delete(entry);
    this.#changed();
  }

  /** Creation order, strictly increasing, also across reloads (stored orders are times). */
  #nextOrder(): number {
    this.#lastOrder = Math.max(this.#clock.now(), this.#lastOrder + 1);
    return this.#lastOrder;
  }

  #changed(): void {
    this.pending = this.#entries;
    this.#host.requestUpdate();
  }
}
