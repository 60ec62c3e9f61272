import type { PropertyDeclarations } from '@lit/reactive-element';
import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { BridgeChatComposer, ComposeDetail } from '../composer/composer.js';
import { ChatController } from '../controllers/chat.controller.js';
import { ContextController } from '../controllers/context.controller.js';
import { LocalizeController } from '../controllers/localize.controller.js';
import { OutboxController } from '../controllers/outbox.controller.js';
import { PublicEventsController } from '../controllers/public-events.controller.js';
import { ReadStatusController } from '../controllers/read-status.controller.js';
import { SessionController, type SessionDetails } from '../controllers/session.controller.js';
import { TypingController } from '../controllers/typing.controller.js';
import type { UnreadController } from '../controllers/unread.controller.js';
import { ignoreFailure, lazyModule } from '../lazy-module.js';
import { WidgetError, type WidgetErrorCode } from '../errors.js';
import { loadPanelStrings, type PanelKey } from '../i18n/panel-strings.js';
import type { PendingActionDetail } from '../message-list/message-list.js';
import { DEFAULT_ACCEPT, DEFAULT_MAX_FILE_MB } from '../settings/defaults.js';
import { type AttachmentPolicy, attachmentPolicy, type PanelSettings, type PrechatField, parsePrechatFields } from '../settings/panel-settings.js';
import { baseStyles } from '../styles/base.styles.js';
import { controlStyles } from '../styles/controls.styles.js';
import { styles, themeTokens } from './chat-panel.styles.js';
import { contextShown, renderContextView, renderLinkIndicator } from './context-view.js';
import { SlotsController } from './slots.controller.js';
import { VisualViewportController } from './visual-viewport.controller.js';
import { contextStyles } from './context-view.styles.js';
import { WidgetElement } from '../widget-element.js';

/*
 * Elements of the panel in chunks of their own, fetched once, when first wanted: the "Your history"
 * section once the visitor's context has something to show, the pre-chat form as soon as the site
 * asks for one, the end-chat question when the visitor points at "End chat" (or asks).
 * A failed fetch leaves the element empty, and the next call asks again.
 */
const loadContextDetails = (): void => {
  import('../context-details/context-details.js').catch(() => {});
};
const loadPrechatForm = (): void => {
  import('../prechat/prechat.js').catch(() => {});
};
const loadEndConfirmation = (): void => {
  import('../end-confirmation/end-confirmation.js').catch(() => {});
};

/** The panel's parts, exported as parts of `<bridge-chat>`. */
const EXPORTED_PARTS = [
  'header',
  'transcript',
  'end-chat',
  'link-indicator',
  'history',
  'memory',
  'banner',
  'messages',
  'message',
  'avatar',
  'day-separator',
  'new-messages',
  'delivery-status',
  'attachment',
  'typing',
  'composer',
  'input',
  'attach',
  'send',
  'end-confirmation',
  'closed',
  'prechat',
  'footer',
].join(', ');

/**
 * The chat panel inside `<bridge-chat>`: header, connection banner, the visitor's
 * history, then by the chat's status a pre-chat form, the messages and composer,
 * or the closed state. Loaded lazily on first open; it connects when attached and
 * disconnects when detached. Asks its host to close with a non-bubbling
 * `bridge-chat-request-close` event.
 *
 * Its controllers fire the public events (`bridge-chat-ready`, `-message`, `-sent`,
 * `-unread`, `-connection`, `-context`, `-error`) bubbling and composed, so they leave
 * the host's shadow root and reach the page once, from `<bridge-chat>`; the launcher
 * shows `-unread`'s count as its badge.
 *
 * The host forwards its `header`, `greeting` and `footer` slots as the panel's children
 * (`<slot name="header" slot="header">`); the panel renders only those with content in
 * the host's light DOM, so an empty one takes no room and the built-in empty-state text
 * shows unless a greeting replaces it.
 */
export default class BridgeChatPanel extends WidgetElement {
  static override styles = [themeTokens, baseStyles, controlStyles, styles, contextStyles];
  static override properties: PropertyDeclarations = {
    starting: { state: true },
    confirmingEnd: { state: true },
    endFailed: { state: true },
  };
  /** Loads the panel's strings in `language` (the launcher calls it before the panel's first render). */
  static loadStrings = loadPanelStrings;
  static override shadowRootOptions: ShadowRootInit = { ...WidgetElement.shadowRootOptions, delegatesFocus: true };

  /**
   * The site's settings live on <bridge-chat>, which renders the panel again whenever they change:
   * kept from the moment the panel is connected inside it, since an update may still run after the
   * panel is taken out (the page moved the element, or switched modes).
   */
  #settingsSource: PanelSettings | undefined;

  /** The site's settings, read from the `<bridge-chat>` the panel lives in; its controllers read them here. */
  get settings(): PanelSettings {
    if (!this.#settingsSource) throw new Error('<bridge-chat-panel> works only inside <bridge-chat>');
    return this.#settingsSource;
  }

  /** Whether the panel is a dialog the visitor can close; an inline panel is part of the page. */
  get #closable(): boolean {
    return this.settings.mode !== 'inline';
  }

  readonly #session = new SessionController(this);
  readonly #chat = new ChatController(this, this.#session);
  readonly #outbox = new OutboxController(this, this.#chat);
  readonly #typing = new TypingController(this, this.#chat);
  readonly #readStatus = new ReadStatusController(this, this.#chat);
  readonly #context = new ContextController(this, this.#session, this.#chat);
  readonly #localize = new LocalizeController(this);
  /**
   * Counts what arrives unseen, for the launcher's badge: its code loads the first time the chat is
   * connected while the panel is out of sight (closed, or a returning visitor's hidden reconnect).
   */
  #unread: UnreadController | undefined;
  readonly #loadUnread = lazyModule(
    () => import('../controllers/unread.controller.js'),
    ({ UnreadController }) => {
      this.#unread = new UnreadController(this, () => this.#localize.t);
      // Reported afresh: the counter starts from the messages as they are now.
      this.#reported = { messages: undefined, readIndex: null };
      this.requestUpdate();
    },
  );
  readonly #slots = new SlotsController(this, ['header', 'greeting', 'footer'], () => (this.getRootNode() as ShadowRoot).host);

  /** The parsed `prechat`, made again only when it changes. */
  #parsedPrechat: { source: string; fields: readonly PrechatField[] } | undefined;
  /** The attachment settings, parsed again only when one changes (the composer sees the same object till then). */
  #attachmentPolicy: { source: unknown[]; policy: AttachmentPolicy } = { source: [], policy: attachmentPolicy(true, DEFAULT_ACCEPT, DEFAULT_MAX_FILE_MB) };

  /** Calls waiting for the chat to settle (connected, pre-chat, closed or failed); checked after every update. */
  #settleWaiters: { settled: () => void; detached: (error: Error) => void }[] = [];

  /** Whether the "Your history" section is shown: a reload keeps it (see `contextShown`). */
  #contextShown = false;
  /** The pre-chat form's answers are on their way (the form shows it is busy). */
  private starting = false;
  /** Whether "End chat" waits for the visitor's confirmation. */
  private confirmingEnd = false;
  private endFailed = false;

  get #composer(): BridgeChatComposer | null | undefined {
    return this.renderRoot?.querySelector<BridgeChatComposer>('bridge-chat-composer');
  }

  /** The messages last reported to the host, and the read horizon with them. */
  #reported: { messages: unknown; readIndex: number | null } = { messages: undefined, readIndex: null };
  /** The chat status at the last render, to notice the moment the composer appears. */
  #renderedStatus = this.#chat.status;

  constructor() {
    super();
    new PublicEventsController(this, this.#chat, this.#outbox);
    new VisualViewportController(this);
  }

  /** The visitor's identity, once connected. */
  get identity(): string | undefined {
    return this.#chat.identity;
  }

  /** The classic conversation (CH…) the visitor chats in, once connected. */
  get conversationSid(): string | undefined {
    return this.#chat.conversationSid;
  }

  /** The pre-chat form's fields, from `prechat`: the chat reads them as it connects, before the first render. */
  get prechatFields(): readonly PrechatField[] {
    const { prechat } = this.settings;
    if (this.#parsedPrechat?.source !== prechat) this.#parsedPrechat = { source: prechat, fields: parsePrechatFields(prechat) };
    return this.#parsedPrechat.fields;
  }

  /** How many messages are unread, in words ("2 unread messages"): the launcher's label says it. */
  get unreadText(): string {
    return this.#unread?.text ?? '';
  }

  /**
   * Queues `body` (checked by the caller) in the outbox, as the composer does, once the chat is
   * connected. Rejects with a `WidgetError` when the chat cannot take it: the pre-chat form is
   * waiting (`prechat_required`), the chat has ended (`chat_closed`), or it failed (its error).
   */
  async send(body: string): Promise<void> {
    await this.#settled();
    switch (this.#chat.status) {
      case 'ready':
        if (this.#outbox.send(body, [])) return;
        break;
      case 'prechat':
        throw new WidgetError('prechat_required', 'The visitor has not filled in the pre-chat form yet.');
      case 'closed':
        throw new WidgetError('chat_closed', 'The chat has ended: nothing more can be sent in it.');
      case 'error':
        if (this.#chat.error) throw new WidgetError(this.#chat.error.code, this.#chat.error.message);
        break;
    }
    throw new WidgetError('transport_failed', 'The chat is not connected.');
  }

  /**
   * Ends the chat without asking the visitor (the header's button asks first); resolves true once
   * the conversation is closed, false when there is no chat to end or the companion failed.
   */
  async endChat(): Promise<boolean> {
    try {
      await this.#settled();
    } catch {
      return false;
    }
    const ended = await this.#chat.endChat();
    if (ended) {
      this.confirmingEnd = false;
      this.endFailed = false;
    }
    return ended;
  }

  /** Resolves once the chat is no longer connecting; rejects if the panel is detached meanwhile. */
  #settled(): Promise<void> {
    if (this.#chatSettled()) return Promise.resolve();
    if (!this.isConnected) return Promise.reject(new WidgetError('transport_failed', 'The chat is not on the page.'));
    return new Promise((settled, detached) => this.#settleWaiters.push({ settled, detached }));
  }

  #chatSettled(): boolean {
    return this.isConnected && this.#chat.status !== 'idle' && this.#chat.status !== 'connecting';
  }

  /** Forgets the visitor's session and starts a new chat (a site's sign-out). */
  reset(): void {
    this.confirmingEnd = false;
    void this.#chat.startNewChat();
  }

  override connectedCallback(): void {
    // First: the controllers read the settings as they connect.
    this.#settingsSource = (this.getRootNode() as ShadowRoot).host as unknown as PanelSettings;
    super.connectedCallback();
    // Its parts reach the page as parts of <bridge-chat>, whose shadow root it lives in.
    this.setAttribute('exportparts', EXPORTED_PARTS);
    this.#watchSeen('addEventListener');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const waiters = this.#settleWaiters;
    this.#settleWaiters = [];
    for (const waiter of waiters) waiter.detached(new WidgetError('transport_failed', 'The chat was removed from the page.'));
    this.#watchSeen('removeEventListener');
  }

  /** Starts or stops following what tells whether the visitor sees the chat: the page's visibility and focus. */
  #watchSeen(method: 'addEventListener' | 'removeEventListener'): void {
    document[method]('visibilitychange', this.#updateSeen);
    window[method]('focus', this.#updateSeen);
    window[method]('blur', this.#updateSeen);
  }

  protected override willUpdate(): void {
    // Fetched while the session starts, so the form is there if the visitor must fill it in.
    if (this.prechatFields.length > 0) loadPrechatForm();
    const { status } = this.#chat;
    if (status === 'ready' || status === 'closed') {
      this.#contextShown = contextShown({ controller: this.#context, settings: this.settings }, this.#contextShown);
      if (this.#contextShown) loadContextDetails();
    }
    const { attachments, accept, maxFileSize } = this.settings;
    const policy = this.#attachmentPolicy;
    if (policy.source.join() !== [attachments, accept, maxFileSize].join()) {
      this.#attachmentPolicy = { source: [attachments, accept, maxFileSize], policy: attachmentPolicy(attachments, accept, maxFileSize) };
    }
  }

  protected override updated(): void {
    // A visitor already in the panel (e.g. just opened it) can type as soon as the chat connects.
    if (this.#chat.status === 'ready' && this.#renderedStatus !== 'ready' && this.matches(':focus-within')) {
      this.#composer?.focus();
    }
    this.#renderedStatus = this.#chat.status;
    this.#updateSeen();
    if (!this.settings.panelShown && !this.#unread && this.#chat.identity) this.#loadUnread().catch(ignoreFailure);
    this.#reportMessages();
    if (this.#settleWaiters.length > 0 && this.#chatSettled()) {
      const waiters = this.#settleWaiters;
      this.#settleWaiters = [];
      for (const waiter of waiters) waiter.settled();
    }
  }

  /** The visitor sees the chat when the panel is shown in a visible, focused page: then what arrives is read. */
  readonly #updateSeen = (): void => {
    const seen = this.settings.panelShown && document.visibilityState === 'visible' && document.hasFocus();
    this.#readStatus.setSeen(seen && (this.#chat.status === 'ready' || this.#chat.status === 'closed'));
  };

  #reportMessages(): void {
    const { identity, conversationSid, messages } = this.#chat;
    const readIndex = this.#readStatus.ownReadIndex;
    if (!identity || !conversationSid) return;
    if (messages === this.#reported.messages && readIndex === this.#reported.readIndex) return;
    this.#reported = { messages, readIndex };
    this.#unread?.report({ conversationSid, identity, messages, readIndex });
  }

  protected override render(): TemplateResult {
    const { t } = this.#localize;
    const connection = this.#connectionLabel();
    // The header is not the page's banner landmark (role none): it is the panel's title bar, and the
    // dialog is named by its title.
    return html`
      <section
        class="panel"
        role=${this.#closable ? 'dialog' : 'region'}
        aria-labelledby="title"
        @keydown=${this.#handlePanelKeydown}
        @dragover=${this.#handleDragOver}
        @drop=${this.#handleDrop}
      >
        <header part="header" role="none">
          ${this.#slots.filled.has('header') ? html`<div class="header-content"><slot name="header"></slot></div>` : nothing}
          <div class="heading">
            <div class="title">
              <h2 id="title">${t('title')}</h2>
              ${renderLinkIndicator(this.#context.linkStatus, t)}
            </div>
            ${connection ? html`<p class="connection" data-state=${connection[0]}>${t(connection[1])}</p>` : nothing}
          </div>
          ${this.#renderHeaderActions()}
        </header>
        ${this.#renderBanner()}${this.#renderBody()}
        ${this.#slots.filled.has('footer') ? html`<div class="footer" part="footer"><slot name="footer"></slot></div>` : nothing}
      </section>
    `;
  }

  #renderHeaderActions(): TemplateResult {
    const { t } = this.#localize;
    const { status, messages } = this.#chat;
    const hasTranscript = (status === 'ready' || status === 'closed') && messages.length > 0;
    return html`<div class="header-actions">
      ${hasTranscript
        ? html`<button class="icon-button" type="button" part="transcript" aria-label=${t('downloadTranscript')}
            title=${t('downloadTranscript')} @click=${this.#downloadTranscript}>${downloadIcon}</button>`
        : nothing}
      ${status === 'ready'
        ? html`<button class="icon-button" type="button" part="end-chat" aria-label=${t('endChat')} title=${t('endChat')}
            aria-expanded=${this.confirmingEnd} @click=${this.#askToEnd} @pointerenter=${loadEndConfirmation}
            @focus=${loadEndConfirmation}>${endIcon}</button>`
        : nothing}
      ${this.#closable
        ? html`<button class="icon-button close" type="button" aria-label=${t('closeChat')} @click=${this.#requestClose}>
            ${closeIcon}
          </button>`
        : nothing}
    </div>`;
  }

  /** A lost link while chatting: the outbox keeps what the visitor sends meanwhile. */
  #renderBanner(): TemplateResult | typeof nothing {
    const { t } = this.#localize;
    const { status, connectionState } = this.#chat;
    const lost = status === 'ready' && connectionState !== 'connected';
    return html`<p part="banner" role="status" ?hidden=${!lost}>
      ${lost ? t(connectionState === 'offline' || !navigator.onLine ? 'bannerOffline' : 'bannerReconnecting') : nothing}
    </p>`;
  }

  #renderBody(): TemplateResult {
    const { t } = this.#localize;
    const { status, retrying } = this.#chat;
    switch (status) {
      case 'idle':
      case 'connecting':
        return html`<div class="state" role="status">${spinner}${t('statusConnecting')}</div>`;
      case 'error':
        // A failure that may heal keeps the spinner: the chat tries again by itself, "Try again" hurries it.
        return html`
          <div class="state error" role="alert">
            ${retrying ? spinner : errorIcon}
            <p class="state-title">${t('chatUnavailable')}</p>
            <p class="state-message">${t(ERROR_MESSAGES[this.#chat.error!.code] ?? 'errorGeneric')}</p>
            ${retrying ? t('statusReconnecting') : nothing}
            <button class="retry" type="button" @click=${this.#retryConnect}>${t('tryAgain')}</button>
          </div>
        `;
      case 'prechat':
        return html`<div class="prechat">
          <bridge-chat-prechat
            exportparts="prechat"
            .fields=${this.prechatFields}
            .t=${t}
            .busy=${this.starting}
            @bridge-chat-prechat-submit=${this.#handlePrechatSubmit}
          ></bridge-chat-prechat>
        </div>`;
      case 'ready':
      case 'closed': {
        const contextView = { controller: this.#context, settings: this.settings, t, language: this.#localize.language };
        return html`${this.#contextShown ? renderContextView(contextView) : nothing}${this.#renderMessages()}${status === 'ready'
          ? this.#renderComposer()
          : this.#renderClosed()}`;
      }
    }
  }

  #renderMessages(): TemplateResult {
    const { t, language } = this.#localize;
    const chat = this.#chat;
    return html`<bridge-chat-message-list
      exportparts="messages, message, avatar, day-separator, new-messages, delivery-status, attachment, typing"
      .messages=${chat.messages}
      .pending=${this.#outbox.pending}
      .identity=${chat.identity}
      .participants=${chat.participants}
      .othersReadIndex=${this.#readStatus.othersReadIndex}
      .newMessagesAfter=${this.#readStatus.newMessagesAfter}
      .hasOlder=${chat.hasOlder}
      .loadingOlder=${chat.loadingOlder}
      .olderFailed=${chat.olderFailed}
      .typists=${this.#typing.typists}
      .t=${t}
      .language=${language}
      .greeting=${this.#slots.filled.has('greeting')}
      @bridge-chat-load-older=${() => void chat.loadOlder()}
      @bridge-chat-retry=${(event: CustomEvent<PendingActionDetail>) => this.#outbox.retry(event.detail.clientId)}
      @bridge-chat-discard=${(event: CustomEvent<PendingActionDetail>) => this.#outbox.discard(event.detail.clientId)}
    >${this.#slots.filled.has('greeting') ? html`<slot name="greeting" slot="greeting"></slot>` : nothing}</bridge-chat-message-list>`;
  }

  #renderComposer(): TemplateResult {
    const { t, language } = this.#localize;
    if (this.confirmingEnd) return this.#renderEndConfirmation();
    return html`<bridge-chat-composer
      part="composer"
      exportparts="input, send, attach"
      .t=${t}
      .language=${language}
      .mediaLimits=${this.#chat.mediaLimits}
      .attachments=${this.#attachmentPolicy.policy}
      .progress=${this.#outbox.progress}
      @bridge-chat-compose=${this.#handleCompose}
      @bridge-chat-typing=${() => this.#typing.notifyTyping()}
    ></bridge-chat-composer>`;
  }

  /** Ending is final for the conversation, so it is confirmed in place of the composer. */
  #renderEndConfirmation(): TemplateResult {
    return html`<bridge-chat-end-confirmation
      exportparts="end-confirmation"
      .t=${this.#localize.t}
      ?failed=${this.endFailed}
      @bridge-chat-end-cancel=${this.#cancelEnd}
      @bridge-chat-end-confirm=${this.#confirmEnd}
    ></bridge-chat-end-confirmation>`;
  }

  #renderClosed(): TemplateResult {
    const { t } = this.#localize;
    return html`<div class="closed" part="closed" role="status">
      <p class="state-title">${t('closedTitle')}</p>
      <p class="state-message">${t('closedMessage')}</p>
      <button class="retry" type="button" @click=${this.#startNewChat}>${t('startNewChat')}</button>
    </div>`;
  }

  /** The header's status line (its state and words); none while the visitor fills the pre-chat form, since nothing is connecting yet. */
  #connectionLabel(): [state: string, text: PanelKey] | undefined {
    switch (this.#chat.status) {
      case 'prechat':
        return undefined;
      case 'error':
        return this.#chat.retrying ? ['connecting', 'statusReconnecting'] : ['error', 'statusUnavailable'];
      case 'closed':
        return ['offline', 'closedTitle'];
      case 'ready':
        break;
      default:
        return ['connecting', 'statusConnecting'];
    }
    switch (this.#chat.connectionState) {
      case 'connected':
        return ['connected', 'statusOnline'];
      case 'connecting':
        return ['connecting', 'statusReconnecting'];
      case 'offline':
      case 'denied':
        return ['offline', 'statusOffline'];
    }
  }

  #handlePanelKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.#closable && !event.defaultPrevented) this.#requestClose();
  }

  #handleCompose(event: CustomEvent<ComposeDetail>): void {
    // The composer keeps the text when nothing could be queued.
    if (!this.#outbox.send(event.detail.body, event.detail.files)) event.preventDefault();
  }

  /** Files dropped anywhere on the panel go to the composer (which handles drops on itself). */
  #handleDragOver(event: DragEvent): void {
    if (this.#composer && event.dataTransfer?.types.includes('Files')) event.preventDefault();
  }

  #handleDrop(event: DragEvent): void {
    if (event.defaultPrevented || !this.#composer || !event.dataTransfer?.files.length) return;
    event.preventDefault();
    this.#composer.addFiles(event.dataTransfer.files);
  }

  async #handlePrechatSubmit(event: CustomEvent<SessionDetails>): Promise<void> {
    this.starting = true;
    try {
      await this.#chat.start(event.detail);
    } finally {
      this.starting = false;
    }
  }

  #retryConnect(): void {
    void this.#chat.retry();
  }

  #askToEnd(): void {
    this.endFailed = false;
    this.confirmingEnd = !this.confirmingEnd;
    // The question takes the focus itself as it appears.
    if (this.confirmingEnd) loadEndConfirmation();
  }

  #cancelEnd(): void {
    this.confirmingEnd = false;
    void this.updateComplete.then(() => this.#composer?.focus());
  }

  async #confirmEnd(): Promise<void> {
    this.endFailed = !(await this.endChat());
  }

  #startNewChat(): void {
    void this.#chat.startNewChat();
  }

  async #downloadTranscript(): Promise<void> {
    try {
      // Its code is fetched while the messages are: most visitors never download one.
      const [{ downloadTranscript }, messages] = await Promise.all([import('./download-transcript.js'), this.#chat.allMessages()]);
      downloadTranscript(messages, this.#chat, this.#localize);
    } catch {
      // Offline, or the messages could not be read: nothing is saved, and the button asks again.
    }
  }

  #requestClose(): void {
    this.dispatchEvent(new CustomEvent('bridge-chat-request-close'));
  }
}

/** What to tell the visitor about a failed chat, by its code (errorGeneric for any other); the event keeps the technical message. */
const ERROR_MESSAGES: Partial<Record<WidgetErrorCode, PanelKey>> = {
  companion_unreachable: 'errorUnreachable',
  panel_load_failed: 'errorLoad',
  not_configured: 'errorNotConfigured',
  forbidden: 'errorNotConfigured',
  unauthorized: 'errorDenied',
  connection_denied: 'errorDenied',
  rate_limited: 'errorBusy',
  upstream_unavailable: 'errorBusy',
};

const closeIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18" /></svg>`;
const downloadIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 4v11m-5-5 5 5 5-5M5 20h14" /></svg>`;
const endIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true">
  <path d="M9 4H6a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h3M15 16l4-4-4-4M19 12H9" />
</svg>`;
const spinner = html`<span class="spinner" aria-hidden="true"></span>`;
const errorIcon = html`<svg class="state-icon" viewBox="0 0 24 24" aria-hidden="true">
  <circle cx="12" cy="12" r="9" /><path d="M12 7.5v5.5M12 16.5v.5" />
</svg>`;
