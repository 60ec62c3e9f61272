import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ChatController, type ChatStatus } from '../controllers/chat.controller.js';
import { SessionController } from '../controllers/session.controller.js';
import type { ChatMessage } from '../transport/transport.js';
import { styles } from './chat-panel.styles.js';

/** A bottom offset under which the log counts as scrolled to the end. */
const STICK_TO_BOTTOM_PX = 48;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * The chat panel inside `<bridge-chat>`: header, messages and composer. Loaded
 * lazily on first open; it connects when attached and disconnects when detached.
 * Asks its host to close with a non-bubbling `bridge-chat-request-close` event.
 */
export default class BridgeChatPanel extends LitElement {
  static override styles = styles;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Base URL of the companion. */
  @property({ attribute: false }) sessionUrl = '';

  private readonly session = new SessionController(this);
  private readonly chat = new ChatController(this, this.session);

  @query('[part="messages"]') private messageLog?: HTMLElement;
  @query('[part="input"]') private input?: HTMLTextAreaElement;

  /** Whether the visitor was reading the newest messages before this update. */
  private stickToBottom = true;
  /** The chat status at the last render, to notice the moment the composer appears. */
  private renderedStatus: ChatStatus = 'idle';

  /** The visitor's identity, once connected. */
  get identity(): string | undefined {
    return this.chat.identity;
  }

  /** The classic conversation (CH…) the visitor chats in, once connected. */
  get conversationSid(): string | undefined {
    return this.chat.conversationSid;
  }

  protected override willUpdate(): void {
    const log = this.messageLog;
    this.stickToBottom = !log || log.scrollHeight - log.scrollTop - log.clientHeight < STICK_TO_BOTTOM_PX;
  }

  protected override updated(): void {
    if (this.stickToBottom && this.messageLog) this.messageLog.scrollTop = this.messageLog.scrollHeight;
    // A visitor already in the panel (e.g. just opened it) can type as soon as the chat connects.
    if (this.chat.status === 'ready' && this.renderedStatus !== 'ready' && this.matches(':focus-within')) {
      this.input?.focus();
    }
    this.renderedStatus = this.chat.status;
  }

  protected override render(): TemplateResult {
    const connection = this.connectionLabel();
    return html`
      <section class="panel" role="dialog" aria-labelledby="title" @keydown=${this.handlePanelKeydown}>
        <header part="header">
          <div class="heading">
            <h2 id="title">Chat</h2>
            <p class="connection" data-state=${connection.state}>${connection.text}</p>
          </div>
          <button class="icon-button close" type="button" aria-label="Close chat" @click=${this.requestClose}>
            ${closeIcon}
          </button>
        </header>
        ${this.renderBody()}
      </section>
    `;
  }

  private renderBody(): TemplateResult {
    switch (this.chat.status) {
      case 'idle':
      case 'connecting':
        return html`<div class="state" role="status"><span class="spinner" aria-hidden="true"></span>Connecting…</div>`;
      case 'error':
        return html`
          <div class="state error" role="alert">
            ${errorIcon}
            <p class="state-title">The chat is unavailable</p>
            <p class="state-message">${this.chat.error?.message}</p>
            <button class="retry" type="button" @click=${() => this.chat.connect()}>Try again</button>
          </div>
        `;
      case 'ready':
        return html`${this.renderMessages()}${this.renderComposer()}`;
    }
  }

  private renderMessages(): TemplateResult {
    return html`
      <div part="messages" role="log" aria-label="Messages" tabindex="0">
        ${this.chat.messages.length === 0
          ? html`<p class="empty">Send a message to start the conversation.</p>`
          : repeat(this.chat.messages, (message) => message.id, (message) => this.renderMessage(message))}
      </div>
    `;
  }

  private renderMessage(message: ChatMessage): TemplateResult {
    const own = message.author === this.chat.identity;
    // Bodies are bound as text, never as HTML: whatever a message contains is shown verbatim.
    return html`
      <div part="message" class="message ${own ? 'own' : 'other'}">
        ${own ? nothing : html`<span class="author">${message.author ?? 'System'}</span>`}
        <p class="body">${message.body}</p>
        ${message.sentAt
          ? html`<time datetime=${message.sentAt.toISOString()}>${timeFormat.format(message.sentAt)}</time>`
          : nothing}
      </div>
    `;
  }

  private renderComposer(): TemplateResult {
    const error = this.chat.composerError;
    return html`
      <p id="composer-error" class="composer-error" role="alert">${error ?? nothing}</p>
      <form part="composer" @submit=${this.handleSubmit}>
        <textarea
          part="input"
          rows="1"
          placeholder="Write a message…"
          aria-label="Message"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="composer-error"
          @keydown=${this.handleInputKeydown}
          @input=${() => this.chat.clearComposerError()}
        ></textarea>
        <button part="send" class="icon-button send" type="submit" aria-label="Send message">${sendIcon}</button>
      </form>
    `;
  }

  private connectionLabel(): { state: string; text: string } {
    if (this.chat.status === 'error') return { state: 'error', text: 'Unavailable' };
    if (this.chat.status !== 'ready') return { state: 'connecting', text: 'Connecting…' };
    switch (this.chat.connectionState) {
      case 'connected':
        return { state: 'connected', text: 'Online' };
      case 'connecting':
        return { state: 'connecting', text: 'Reconnecting…' };
      case 'offline':
      case 'denied':
        return { state: 'offline', text: 'Offline' };
    }
  }

  private handlePanelKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.requestClose();
  }

  private handleInputKeydown(event: KeyboardEvent): void {
    // Enter sends; Shift+Enter adds a line; Enter that confirms an IME composition does neither.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void this.submit();
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  /** Clears the input at once and puts the text back if it was not sent. */
  private async submit(): Promise<void> {
    const input = this.input;
    if (!input) return;
    const text = input.value;
    input.value = '';
    const sent = await this.chat.send(text);
    if (!sent && input.value === '') input.value = text;
  }

  private requestClose(): void {
    this.dispatchEvent(new CustomEvent('bridge-chat-request-close'));
  }
}

const closeIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>`;
const sendIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12l16-8-6 16-2.5-6.5z" /></svg>`;
const errorIcon = html`<svg class="state-icon" viewBox="0 0 24 24" aria-hidden="true">
  <circle cx="12" cy="12" r="9" /><path d="M12 7.5v5.5M12 16.5v.5" />
</svg>`;
