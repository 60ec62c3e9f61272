import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { ChatParticipant, ChatTransport } from '../transport/transport.js';
import { type ChatController, type Clock, systemClock } from './chat.controller.js';

/** While the visitor types, the others are told at most this often (Twilio's indicator lasts about 5 s). */
export const TYPING_NOTIFY_INTERVAL_MS = 3_000;
/** A typist is dropped after this long without news, in case the "stopped" event never comes. */
export const TYPIST_TIMEOUT_MS = 6_000;

/**
 * The typing indicator both ways: tells the others (throttled) that the
 * visitor is typing, and keeps the list of others typing now. A typist goes
 * when they stop, when their message arrives, or after a safety timeout.
 */
export class TypingController implements ReactiveController {
  /** Others typing now, in the order they started. */
  typists: readonly ChatParticipant[] = [];

  #transport: ChatTransport | undefined;
  #lastNotified = Number.NEGATIVE_INFINITY;
  /** Each typist's safety timeout, by identity. */
  readonly #timeouts = new Map<string, unknown>();

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
      connected: (transport) => {
        this.#clear();
        this.#transport = transport;
      },
      typing: (participant, typing) => {
        if (typing) this.#started(participant);
        else this.#stopped(participant.identity);
      },
      message: (message) => {
        // The visitor's next keystroke after sending starts a new indicator at once.
        if (message.author === chat.identity) this.#lastNotified = Number.NEGATIVE_INFINITY;
        else this.#stopped(message.author);
      },
      closed: () => this.#clear(),
      disconnected: () => {
        this.#clear();
        this.#transport = undefined;
      },
    });
  }

  hostDisconnected(): void {
    this.#clear();
  }

  /** The visitor typed: tells the others, at most once per interval. */
  notifyTyping(): void {
    const transport = this.#transport;
    if (!transport || this.#chat.status !== 'ready' || transport.connectionState !== 'connected') return;
    const now = this.#clock.now();
    if (now - this.#lastNotified < TYPING_NOTIFY_INTERVAL_MS) return;
    this.#lastNotified = now;
    transport.typing();
  }

  #started(participant: ChatParticipant): void {
    const { identity } = participant;
    if (identity === null || identity === this.#chat.identity) return;
    const timeout = this.#timeouts.get(identity);
    if (timeout !== undefined) this.#clock.clearTimeout(timeout);
    this.#timeouts.set(
      identity,
      this.#clock.setTimeout(() => this.#stopped(identity), TYPIST_TIMEOUT_MS),
    );
    const known = this.typists.some((typist) => typist.identity === identity);
    this.typists = known
      ? this.typists.map((typist) => (typist.identity === identity ? participant : typist))
      : [...this.typists, participant];
    this.#host.requestUpdate();
  }

  #stopped(identity: string | null): void {
    if (identity === null) return;
    const timeout = this.#timeouts.get(identity);
    if (timeout !== undefined) this.#clock.clearTimeout(timeout);
    this.#timeouts.delete(identity);
    if (!this.typists.some((typist) => typist.identity === identity)) return;
    this.typists = this.typists.filter((typist) => typist.identity !== identity);
    this.#host.requestUpdate();
  }

  #clear(): void {
    for (const timeout of this.#timeouts.values()) this.#clock.clearTimeout(timeout);
    this.#timeouts.clear();
    if (this.typists.length === 0) return;
    this.typists = [];
    this.#host.requestUpdate();
  }
}
