import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WidgetError, type WidgetErrorDetail } from '../errors.js';
import type { BridgeChatErrorDetail } from '../events.js';
import { mergeMessages } from '../messages/merge-messages.js';
import { checkOutgoingText } from '../messages/outgoing-text.js';
import { loadTransport } from '../transport/load-transport.js';
import type { ChatMessage, ChatTransport, TransportConnectionState } from '../transport/transport.js';
import type { SessionController } from './session.controller.js';

export type ChatStatus = 'idle' | 'connecting' | 'ready' | 'error';

/** Why typed text was not sent (the view words it in the visitor's language). */
export type ComposerError = { kind: 'too-long'; bytes: number } | { kind: 'send-failed' };

/**
 * The chat's state machine (idle → connecting → ready | error): opens the
 * session, loads and connects the transport, keeps the messages, sends.
 * Connects when its host is attached and closes the transport when it is detached.
 */
export class ChatController implements ReactiveController {
  status: ChatStatus = 'idle';
  messages: readonly ChatMessage[] = [];
  identity: string | undefined;
  conversationSid: string | undefined;
  connectionState: TransportConnectionState = 'connecting';
  error: WidgetErrorDetail | undefined;
  /** Why the last text was not sent; cleared when the visitor edits. */
  composerError: ComposerError | undefined;

  private transport: ChatTransport | undefined;
  /** Bumped by every connect and disconnect, so a superseded attempt drops its results. */
  private attempt = 0;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly session: SessionController,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.connect();
  }

  hostDisconnected(): void {
    this.disconnect();
    this.status = 'idle';
  }

  async connect(): Promise<void> {
    this.disconnect();
    const attempt = this.attempt;
    this.status = 'connecting';
    this.messages = [];
    this.connectionState = 'connecting';
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const session = await this.session.open();
      if (attempt !== this.attempt) return;
      const transport = await loadTransport(session, () => this.session.refreshAccessToken());
      if (attempt !== this.attempt) {
        closeQuietly(transport);
        return;
      }
      this.transport = transport;
      transport.onMessage((message) => this.receive(message));
      transport.onConnectionStateChange((state) => this.handleConnectionState(state));
      const latest = await transport.connect();
      if (attempt !== this.attempt) return;
      this.messages = mergeMessages(this.messages, latest);
      this.identity = session.identity;
      this.conversationSid = session.conversationSid;
      this.connectionState = transport.connectionState;
      this.status = 'ready';
      this.host.requestUpdate();
      this.emit('bridge-chat-ready', {
        identity: session.identity,
        conversationSid: session.conversationSid,
      });
    } catch (error) {
      if (attempt === this.attempt) this.fail(WidgetError.detailOf(error));
    }
  }

  /** Sends typed text; resolves false (with `composerError` set when useful) if it was not sent. */
  async send(text: string): Promise<boolean> {
    const check = checkOutgoingText(text);
    if (check.kind === 'empty') return false;
    if (check.kind === 'too-long') {
      this.setComposerError({ kind: 'too-long', bytes: check.bytes });
      return false;
    }
    if (this.status !== 'ready' || !this.transport) return false;
    this.setComposerError(undefined);
    try {
      await this.transport.send(check.body);
      return true;
    } catch {
      this.setComposerError({ kind: 'send-failed' });
      return false;
    }
  }

  clearComposerError(): void {
    if (this.composerError !== undefined) this.setComposerError(undefined);
  }

  private receive(message: ChatMessage): void {
    this.messages = mergeMessages(this.messages, [message]);
    this.host.requestUpdate();
  }

  private handleConnectionState(state: TransportConnectionState): void {
    this.connectionState = state;
    if (state === 'denied') {
      this.fail({ code: 'connection_denied', message: 'The chat connection was refused.' });
      return;
    }
    this.host.requestUpdate();
  }

  private fail(error: BridgeChatErrorDetail): void {
    this.disconnect();
    this.status = 'error';
    this.error = error;
    this.host.requestUpdate();
    this.emit('bridge-chat-error', error);
  }

  private disconnect(): void {
    this.attempt++;
    if (this.transport) closeQuietly(this.transport);
    this.transport = undefined;
  }

  private setComposerError(error: ComposerError | undefined): void {
    this.composerError = error;
    this.host.requestUpdate();
  }

  private emit<K extends 'bridge-chat-ready' | 'bridge-chat-error'>(
    type: K,
    detail: GlobalEventHandlersEventMap[K]['detail'],
  ): void {
    this.host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** A failed shutdown leaves nothing the widget could clean up. */
function closeQuietly(transport: ChatTransport): void {
  transport.close().catch(() => {});
}
