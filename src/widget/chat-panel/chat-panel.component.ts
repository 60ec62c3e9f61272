import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ChatController, type ChatStatus, type ComposerError } from '../controllers/chat.controller.js';
import { ContextController } from '../controllers/context.controller.js';
import { LocalizeController } from '../controllers/localize.controller.js';
import { type AuthHeaders, SessionController } from '../controllers/session.controller.js';
import type { WidgetErrorCode } from '../errors.js';
import type { Language } from '../i18n/i18n.js';
import { dateFormat, type PanelKey } from '../i18n/panel-strings.js';
import { MAX_MESSAGE_BYTES } from '../messages/outgoing-text.js';
import type { MessagesReport } from '../messages/unread.js';
import type { ChatMessage } from '../transport/transport.js';
import { styles } from './chat-panel.styles.js';
import { renderContextView, renderLinkIndicator } from './context-view.js';
import { contextStyles } from './context-view.styles.js';

/** A bottom offset under which the log counts as scrolled to the end. */
const STICK_TO_BOTTOM_PX = 48;

const timeOfDay: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/**
 * The chat panel inside `<bridge-chat>`: header, the visitor's history,
 * messages and composer. Loaded lazily on first open; it connects when
 * attached and disconnects when detached. Asks its host to close with a
 * non-bubbling `bridge-chat-request-close` event, and tells it of every change
 * to the messages with a non-bubbling `bridge-chat-panel-messages` event
 * (detail: a `MessagesReport`), from which the host counts unread messages.
 */
export default class BridgeChatPanel extends LitElement {
  static override styles = [styles, contextStyles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Base URL of the companion. */
  @property({ attribute: false }) sessionUrl = '';
  /** The language of every string the panel shows. */
  @property({ attribute: false }) language: Language = 'en';
  /** Whether to show the earlier conversations. */
  @property({ attribute: false }) showHistory = true;
  /** Whether to show what the company remembers. */
  @property({ attribute: false }) showMemory = true;
  /** The site's own headers for the companion (see `<bridge-chat>`'s `getAuthHeaders`). */
  @property({ attribute: false }) getAuthHeaders: AuthHeaders | undefined;
  /** Whether the panel is a dialog the visitor can close; an inline panel is part of the page. */
  @property({ attribute: false }) closable = true;

  private readonly session = new SessionController(this);
  private readonly chat = new ChatController(this, this.session);
  private readonly context = new ContextController(this, this.session, this.chat);
  private readonly localize = new LocalizeController(this);

  /** Whether the history section is expanded; collapsed at first, so the chat stays primary. */
  @state() private contextExpanded = false;

  @query('[part="messages"]') private messageLog?: HTMLElement;
  @query('[part="input"]') private input?: HTMLTextAreaElement;

  /** Whether the visitor was reading the newest messages before this update. */
  private stickToBottom = true;
  /** The chat status at the last render, to notice the moment the composer appears. */
  private renderedStatus: ChatStatus = 'idle';
  /** The messages last reported to the host. */
  private reportedMessages: readonly ChatMessage[] = [];

  /** The visitor's identity, once connected. */
  get identity(): string | undefined {
    return this.chat.identity;
  }

  /** The classic conversation (CH…) the visitor chats in, once connected. */
  get conversationSid(): string | undefined {
    return this.chat.conversationSid;
  }

  /** Forgets the visitor's session and starts a new chat (a site's sign-out). */
  reset(): void {
    this.session.forget();
    void this.chat.connect();
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
    this.reportMessages();
  }

  private reportMessages(): void {
    const { status, identity, conversationSid, messages } = this.chat;
    if (status !== 'ready' || !identity || !conversationSid || messages === this.reportedMessages) return;
    this.reportedMessages = messages;
    this.dispatchEvent(
      new CustomEvent<MessagesReport>('bridge-chat-panel-messages', { detail: { conversationSid, identity, messages } }),
    );
  }

  protected override render(): TemplateResult {
    const { t } = this.localize;
    const connection = this.connectionLabel();
    return html`
      <section
        class="panel"
        role=${this.closable ? 'dialog' : 'region'}
        aria-labelledby="title"
        @keydown=${this.handlePanelKeydown}
      >
        <header part="header">
          <div class="heading">
            <div class="title">
              <h2 id="title">${t('title')}</h2>
              ${renderLinkIndicator(this.context.linkStatus, t)}
            </div>
            <p class="connection" data-state=${connection.state}>${connection.text}</p>
          </div>
          ${this.closable
            ? html`<button class="icon-button close" type="button" aria-label=${t('closeChat')} @click=${this.requestClose}>
                ${closeIcon}
              </button>`
            : nothing}
        </header>
        ${this.renderBody()}
      </section>
    `;
  }

  private renderBody(): TemplateResult {
    const { t } = this.localize;
    switch (this.chat.status) {
      case 'idle':
      case 'connecting':
        return html`<div class="state" role="status">
          <span class="spinner" aria-hidden="true"></span>${t('statusConnecting')}
        </div>`;
      case 'error':
        return html`
          <div class="state error" role="alert">
            ${errorIcon}
            <p class="state-title">${t('chatUnavailable')}</p>
            <p class="state-message">${t(errorMessageKey(this.chat.error?.code))}</p>
            <button class="retry" type="button" @click=${() => this.chat.connect()}>${t('tryAgain')}</button>
          </div>
        `;
      case 'ready':
        return html`${renderContextView({
          controller: this.context,
          showHistory: this.showHistory,
          showMemory: this.showMemory,
          expanded: this.contextExpanded,
          toggle: () => (this.contextExpanded = !this.contextExpanded),
          t,
          language: this.localize.language,
        })}${this.renderMessages()}${this.renderComposer()}`;
    }
  }

  private renderMessages(): TemplateResult {
    const { t } = this.localize;
    return html`
      <div part="messages" role="log" aria-label=${t('messages')} tabindex="0">
        ${this.chat.messages.length === 0
          ? html`<p class="empty">${t('noMessages')}</p>`
          : repeat(this.chat.messages, (message) => message.id, (message) => this.renderMessage(message))}
      </div>
    `;
  }

  private renderMessage(message: ChatMessage): TemplateResult {
    const own = message.author === this.chat.identity;
    const { t, language } = this.localize;
    // Bodies are bound as text, never as HTML: whatever a message contains is shown verbatim.
    return html`
      <div part="message" class="message ${own ? 'own' : 'other'}">
        ${own ? nothing : html`<span class="author">${message.author ?? t('systemAuthor')}</span>`}
        <p class="body">${message.body}</p>
        ${message.sentAt
          ? html`<time datetime=${message.sentAt.toISOString()}>${dateFormat(language, timeOfDay).format(message.sentAt)}</time>`
          : nothing}
      </div>
    `;
  }

  private renderComposer(): TemplateResult {
    const { t } = this.localize;
    const error = this.chat.composerError;
    return html`
      <p id="composer-error" class="composer-error" role="alert">${error ? this.composerErrorText(error) : nothing}</p>
      <form part="composer" @submit=${this.handleSubmit}>
        <textarea
          part="input"
          rows="1"
          placeholder=${t('messagePlaceholder')}
          aria-label=${t('messageLabel')}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby="composer-error"
          @keydown=${this.handleInputKeydown}
          @input=${() => this.chat.clearComposerError()}
        ></textarea>
        <button part="send" class="icon-button send" type="submit" aria-label=${t('send')}>${sendIcon}</button>
      </form>
    `;
  }

  private composerErrorText(error: ComposerError): string {
    const { t, language } = this.localize;
    if (error.kind === 'send-failed') return t('sendFailed');
    const kilobytes = new Intl.NumberFormat(language, { style: 'unit', unit: 'kilobyte' });
    return t('tooLong', {
      size: kilobytes.format(Math.ceil(error.bytes / 1024)),
      limit: kilobytes.format(MAX_MESSAGE_BYTES / 1024),
    });
  }

  private connectionLabel(): { state: string; text: string } {
    const { t } = this.localize;
    if (this.chat.status === 'error') return { state: 'error', text: t('statusUnavailable') };
    if (this.chat.status !== 'ready') return { state: 'connecting', text: t('statusConnecting') };
    switch (this.chat.connectionState) {
      case 'connected':
        return { state: 'connected', text: t('statusOnline') };
      case 'connecting':
        return { state: 'connecting', text: t('statusReconnecting') };
      case 'offline':
      case 'denied':
        return { state: 'offline', text: t('statusOffline') };
    }
  }

  private handlePanelKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.closable) this.requestClose();
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

/** What to tell the visitor about a failed chat; the event keeps the technical message. */
function errorMessageKey(code: WidgetErrorCode | undefined): PanelKey {
  switch (code) {
    case 'companion_unreachable':
      return 'errorUnreachable';
    case 'not_configured':
    case 'forbidden':
      return 'errorNotConfigured';
    case 'unauthorized':
    case 'connection_denied':
      return 'errorDenied';
    case 'rate_limited':
    case 'upstream_unavailable':
      return 'errorBusy';
    default:
      return 'errorGeneric';
  }
}

const closeIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>`;
const sendIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12l16-8-6 16-2.5-6.5z" /></svg>`;
const errorIcon = html`<svg class="state-icon" viewBox="0 0 24 24" aria-hidden="true">
  <circle cx="12" cy="12" r="9" /><path d="M12 7.5v5.5M12 16.5v.5" />
</svg>`;
