import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { ChatMessage, ChatTransport } from '../transport/transport.js';
import { type ChatController, type Clock, systemClock } from './chat.controller.js';

/** Messages arriving close together while the chat is seen are marked read together. */
export const MARK_READ_DELAY_MS = 500;

/**
 * Read status both ways: how far the others have read (a visitor's message
 * is "read" when its index is at most `othersReadIndex`), where the "new
 * messages" separator goes, and marking what the visitor sees as read.
 */
export class ReadStatusController implements ReactiveController {
  /** The furthest any other participant has read; null if none has read anything. */
  othersReadIndex: number | null = null;
  /** The visitor's read horizon as Twilio keeps it (also across reloads and devices). */
  ownReadIndex: number | null = null;
  /** The "new messages" separator goes after this index; undefined for none. */
  newMessagesAfter: number | undefined;

  #transport: ChatTransport | undefined;
  #seen = false;
  #markTimer: unknown;
  /** The newest index asked to be marked read, so each is asked once. */
  #requestedIndex = -1;
  /** Bumped on every connect and disconnect, so a superseded answer is dropped. */
  #generation = 0;

  readonly #host: ReactiveControllerHost;
  readonly #chat: ChatController;
  readonly #clock: Clock;

  constructor(
    host: ReactiveControllerHost,
    chat: ChatController,
    clock: Clock = systemClock,
  ) {
    this.#clock = clock;
    this.#chat = chat;
    this.#host = host;
    host.addController(this);
    chat.subscribe({
      connected: (transport, snapshot) => {
        this.#reset();
        this.#transport = transport;
        this.ownReadIndex = snapshot.ownLastReadIndex;
        this.#requestedIndex = snapshot.ownLastReadIndex ?? -1;
        this.othersReadIndex = this.#furthestReadByOthers();
        this.newMessagesAfter = newMessagesSeparator(chat.messages, chat.identity, snapshot.ownLastReadIndex);
        this.#host.requestUpdate();
        if (this.#seen) this.#scheduleMarkRead();
      },
      message: (message) => {
        if (message.author === chat.identity && this.newMessagesAfter !== undefined) {
          // Answering means the visitor has caught up.
          this.newMessagesAfter = undefined;
          this.#host.requestUpdate();
        }
        if (this.#seen) this.#scheduleMarkRead();
      },
      participantUpdated: (participant) => {
        if (participant.identity === chat.identity) {
          // Read on another device, or our own mark confirmed.
          this.ownReadIndex = maxIndex(this.ownReadIndex, participant.lastReadIndex);
        } else {
          this.othersReadIndex = this.#furthestReadByOthers();
        }
        this.#host.requestUpdate();
      },
      disconnected: () => {
        this.#reset();
        this.#host.requestUpdate();
      },
    });
  }

  hostDisconnected(): void {
    this.#cancelMarkRead();
  }

  /** Whether the visitor sees the chat now (panel shown, page visible and focused): then the newest is marked read. */
  setSeen(seen: boolean): void {
    this.#seen = seen;
    if (seen) this.#scheduleMarkRead();
    else this.#cancelMarkRead();
  }

  #furthestReadByOthers(): number | null {
    let furthest: number | null = null;
    for (const participant of this.#chat.participants.values()) {
      if (participant.identity !== this.#chat.identity) furthest = maxIndex(furthest, participant.lastReadIndex);
    }
    return furthest;
  }

  #scheduleMarkRead(): void {
    if (this.#markTimer !== undefined) return;
    this.#markTimer = this.#clock.setTimeout(() => {
      this.#markTimer = undefined;
      void this.#markNewestRead();
    }, MARK_READ_DELAY_MS);
  }

  #cancelMarkRead(): void {
    if (this.#markTimer === undefined) return;
    this.#clock.clearTimeout(this.#markTimer);
    this.#markTimer = undefined;
  }

  /** Moves the visitor's horizon to the newest message, only forwards; a failure is tried again with the next one. */
  async #markNewestRead(): Promise<void> {
    const transport = this.#transport;
    const generation = this.#generation;
    const newest = this.#chat.messages.at(-1)?.index;
    if (!transport || !this.#seen || newest === undefined) return;
    if (newest <= Math.max(this.#requestedIndex, this.ownReadIndex ?? -1)) return;
    this.#requestedIndex = newest;
    try {
      await transport.markRead(newest);
    } catch {
      if (generation === this.#generation) this.#requestedIndex = this.ownReadIndex ?? -1;
      return;
    }
    if (generation !== this.#generation) return;
    this.ownReadIndex = maxIndex(this.ownReadIndex, newest);
    this.#host.requestUpdate();
  }

  #reset(): void {
    this.#generation++;
    this.#cancelMarkRead();
    this.#transport = undefined;
    this.othersReadIndex = null;
    this.ownReadIndex = null;
    this.newMessagesAfter = undefined;
    this.#requestedIndex = -1;
  }
}

/**
 * Where the "new messages" separator goes when the chat connects: after the
 * visitor's horizon (what it read, or its own newest message, which it has
 * surely seen), if messages from others came after it; else nowhere.
 */
export function newMessagesSeparator(
  messages: readonly Pick<ChatMessage, 'index' | 'author'>[],
  identity: string | undefined,
  ownReadIndex: number | null,
): number | undefined {
  let horizon = ownReadIndex ?? -1;
  for (const message of messages) {
    if (message.author === identity) horizon = Math.max(horizon, message.index);
  }
  return messages.some((message) => message.index > horizon && message.author !== identity) ? horizon : undefined;
}

function maxIndex(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
