import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import {
  type BridgeChatConnectionState,
  type BridgeChatMessage,
  dispatchBridgeChatEvent,
} from '../events.js';
import type { ChatMessage } from '../transport/transport.js';
import type { ChatController } from './chat.controller.js';
import type { OutboxController } from './outbox.controller.js';

export interface PublicEventsHost extends ReactiveControllerHost, EventTarget {}

/**
 * Tells the page what happens in the chat, with the public events that leave the panel
 * (bubbling and composed, so they reach the page from <bridge-chat>):
 * - `bridge-chat-message` for every message that arrives once the chat is connected
 *   (realtime, or caught up after a reconnect), never for the history it connected with
 *   or pages back through;
 * - `bridge-chat-sent` when Twilio's echo of one of the visitor's messages arrives;
 * - `bridge-chat-connection` whenever the chat's link changes (see `BridgeChatConnectionState`).
 */
export class PublicEventsController implements ReactiveController {
  #reportedState: BridgeChatConnectionState | undefined;
  readonly #host: PublicEventsHost;
  readonly #chat: ChatController;

  constructor(
    host: PublicEventsHost,
    chat: ChatController,
    outbox: OutboxController,
  ) {
    this.#chat = chat;
    this.#host = host;
    host.addController(this);
    chat.subscribe({ message: (message) => this.#messageArrived(message) });
    outbox.onSent((clientId, body) => dispatchBridgeChatEvent(this.#host, 'bridge-chat-sent', { clientId, body }));
  }

  /** The chat asks for an update on every change of its state, so each change is seen here. */
  hostUpdated(): void {
    const state = this.#connectionState();
    if (state === undefined || state === this.#reportedState) return;
    this.#reportedState = state;
    dispatchBridgeChatEvent(this.#host, 'bridge-chat-connection', { state });
  }

  hostDisconnected(): void {
    // A panel attached again connects afresh, and says so.
    this.#reportedState = undefined;
  }

  #connectionState(): BridgeChatConnectionState | undefined {
    const { status, connectionState, error } = this.#chat;
    switch (status) {
      case 'idle':
        return undefined;
      case 'connecting':
      case 'prechat':
        return 'connecting';
      case 'error':
        return error?.code === 'connection_denied' ? 'denied' : 'offline';
      case 'ready':
      case 'closed':
        return connectionState;
    }
  }

  #messageArrived(message: ChatMessage): void {
    dispatchBridgeChatEvent(this.#host, 'bridge-chat-message', { message: publicMessage(message, this.#chat.identity) });
  }
}

/** A chat message as the page sees it: plain data, no transport handles. */
export function publicMessage(message: ChatMessage, identity: string | undefined): BridgeChatMessage {
  return {
    id: message.id,
    index: message.index,
    author: message.author,
    body: message.body,
    sentAt: message.sentAt,
    attachments: message.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
    own: identity !== undefined && message.author === identity,
  };
}
