// Not from 'lit': that entry brings LitElement along, which the widget does not use (see WidgetElement).
import type { PropertyDeclarations, PropertyValues } from '@lit/reactive-element';
import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { BridgeChatPanel } from '../chat-panel/chat-panel.js';
import { PanelLoaderController } from '../controllers/panel-loader.controller.js';
import type { AuthHeaders } from '../controllers/session.controller.js';
import { WidgetError } from '../errors.js';
import { type BridgeChatUnreadDetail, dispatchBridgeChatEvent } from '../events.js';
import { directionOf, type Language, resolveLanguage, type Strings } from '../i18n/i18n.js';
import { type BridgeChatStrings, type LauncherKey, launcherText } from '../i18n/launcher-strings.js';
import { checkOutgoingText, MAX_MESSAGE_BYTES } from '../messages/outgoing-text.js';
import { hasStoredSession, normalizeSessionUrl, SessionTokenStore } from '../session/session-token-store.js';
import { DEFAULT_ACCEPT, DEFAULT_MAX_FILE_MB } from '../settings/defaults.js';
import type { PanelSettings } from '../settings/panel-settings.js';
import { WidgetElement } from '../widget-element.js';
import { styles } from './bridge-chat.styles.js';

/** The slots forwarded into the panel. */
const PANEL_SLOTS = ['header', 'greeting', 'footer'];

/** Beyond this the badge shows "99+". */
const MAX_BADGE_COUNT = 99;

/**
 * @summary A floating chat launcher that opens a live chat over Twilio Conversations.
 *
 * With `mode="inline"` it is instead a chat panel in the page flow, filling the element's box.
 *
 * While the chat is out of sight (panel closed, or tab hidden), messages from others count as
 * unread: the launcher shows a badge, its label says how many, and `bridge-chat-unread` fires.
 * Opening the panel (or returning to the tab with it open) marks them read.
 *
 * Speaks English (`en`), Spanish (`es`), French (`fr`), German (`de`) and Arabic (`ar`, right to
 * left): the `lang` attribute, else the page's `<html lang>`, else the browser's language picks one;
 * anything else falls back to English. The `strings` property replaces any string with the site's own.
 *
 * Light by default, since the widget sits on the site's page and most pages are light;
 * `theme="dark"`, or `theme="auto"` to follow the visitor's system (`prefers-color-scheme`).
 * Below 640px wide the open panel fills the screen (the part the on-screen keyboard leaves).
 *
 * Every event bubbles and is composed, and comes from the `<bridge-chat>` element itself.
 *
 * @tagname bridge-chat
 *
 * @slot launcher-icon - Replaces the launcher's chat icon.
 * @slot header - Extra content at the start of the panel's title bar, e.g. a logo or the agent's photo (about 32px high).
 * @slot greeting - Replaces the empty conversation's text ("Send a message to start the conversation.").
 * @slot footer - A line under the composer, e.g. a privacy notice; shown in every state of the panel.
 *
 * @attr {string} session-url - Base URL of the companion server, which answers `POST {session-url}/session`.
 * @attr {boolean} open - Whether the panel is shown.
 * @attr {'floating' | 'inline'} mode - `floating` (default) or `inline` (the panel in the page flow, no launcher).
 * @attr {'left' | 'right'} position - The floating launcher's corner; by default the page's end corner:
 *   bottom right, or bottom left on a right-to-left page.
 * @attr {string} lang - The widget's language (`en`, `es`, `fr`, `de`, `ar`); by default the page's, else the browser's.
 * @attr {'light' | 'dark' | 'auto'} theme - Colours: `light` (default), `dark`, or `auto` (the visitor's system setting).
 * @attr {boolean} show-history - Whether the panel shows the visitor's earlier conversations. On by default;
 *   `show-history="false"` turns it off.
 * @attr {boolean} show-memory - Whether the panel shows what the company remembers. On by default;
 *   `show-memory="false"` turns it off. With both off the widget never calls `/context`.
 * @attr {string} prechat - The pre-chat form's fields in order, from `name`, `email` and `message`; a trailing `?`
 *   makes one optional (`prechat="name email?"`). No form by default, and none for a visitor the site identifies.
 * @attr {boolean} attachments - Whether visitors can attach files. On by default; `attachments="false"` turns it off.
 * @attr {string} accept - The file types visitors may attach: MIME types, families or extensions, comma separated.
 *   Default `image/*,application/pdf,text/plain`.
 * @attr {number} max-file-size - The largest file a visitor may attach, in megabytes. Default 10 (Twilio's own limits apply too).
 * @attr {boolean} sound - A short, quiet tone when a message arrives unseen. Off by default.
 * @attr {boolean} title-hint - Alternates the tab's title with "(2) New message" while messages are unread. Off by default.
 *
 * @prop {BridgeChatStrings} strings - The site's own wording for some strings, e.g.
 *   `{ title: 'Ask a barista', openChat: 'Questions?' }`; each replaces that string in every language.
 * @prop {AuthHeaders | undefined} getAuthHeaders - Headers of the site's own for every companion request,
 *   e.g. `() => ({ 'X-Site-Session': token })`; may return a promise.
 * @prop {string | undefined} identity - The visitor's identity (read only); undefined until the chat is connected.
 * @prop {string | undefined} conversationSid - The classic conversation (CH…) the visitor chats in (read only);
 *   undefined until the chat is connected.
 * @prop {number} unreadCount - How many messages from others the visitor has not seen (read only).
 * @prop {Language} language - The language the widget speaks (read only): `lang`, else the page's, else the browser's.
 *
 * @event {CustomEvent<BridgeChatReadyDetail>} bridge-chat-ready - The chat is connected; detail `{identity, conversationSid}`.
 * @event {CustomEvent<BridgeChatOpenDetail>} bridge-chat-open - The floating panel opened (launcher, `show()`, `toggle()`
 *   or the `open` attribute); detail `{}`. Not fired for the initial state, nor in `inline` mode.
 * @event {CustomEvent<BridgeChatCloseDetail>} bridge-chat-close - The floating panel closed; detail `{}`.
 * @event {CustomEvent<BridgeChatMessageDetail>} bridge-chat-message - A message arrived after the chat connected (from
 *   anyone, the visitor's own included; never the history shown on connecting or paged back through); detail
 *   `{message: {id, index, author, body, sentAt, attachments, own}}`.
 * @event {CustomEvent<BridgeChatSentDetail>} bridge-chat-sent - Twilio stored a message the visitor sent from this page
 *   (its echo arrived); detail `{clientId, body}`.
 * @event {CustomEvent<BridgeChatUnreadDetail>} bridge-chat-unread - The number of unread messages changed; detail
 *   `{count}` (0 once the visitor sees the chat).
 * @event {CustomEvent<BridgeChatConnectionDetail>} bridge-chat-connection - The chat's link changed; detail `{state}`:
 *   `connecting`, `connected`, `offline` or `denied`.
 * @event {CustomEvent<BridgeChatContextDetail>} bridge-chat-context - The visitor's context loaded or changed (its link
 *   went from `pending` to `linked`, an older history page loaded…); detail: the `GET /context` answer
 *   `{link, history, memory}` with every history page loaded so far. A failing `/context` fires nothing and never
 *   affects the chat.
 * @event {CustomEvent<BridgeChatErrorDetail>} bridge-chat-error - The session, the transport or the panel failed; detail `{code, message}`.
 *
 * @csspart launcher - The round button that opens and closes the chat.
 * @csspart unread-badge - The launcher's count of unread messages (`99+` beyond 99), shown while there are some.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's title bar.
 * @csspart transcript - The header's button that downloads the conversation as a text file.
 * @csspart end-chat - The header's button that ends the chat (after a confirmation).
 * @csspart link-indicator - The header's icon telling whether the chat is linked to the customer's history
 *   (`data-status` is `linked`, `pending` or `unavailable`).
 * @csspart history - The list of earlier conversations.
 * @csspart memory - The "What we remember" section.
 * @csspart banner - The notice shown while the connection is lost or the visitor is offline.
 * @csspart messages - The message list (`role="log"`).
 * @csspart message - One message.
 * @csspart avatar - The initials beside a group of messages from one author.
 * @csspart day-separator - The date line between messages of different days ("Today").
 * @csspart new-messages - The "New messages" line above the first unread message.
 * @csspart delivery-status - Sending, sent, read or not sent, under the visitor's own messages.
 * @csspart attachment - A file in a message: an inline image or a download link.
 * @csspart typing - The "Sam is typing…" indicator.
 * @csspart composer - The form with the input and the attach and send buttons.
 * @csspart input - The message text area.
 * @csspart attach - The button that attaches files.
 * @csspart send - The send button.
 * @csspart end-confirmation - The "End this chat?" question shown in place of the composer.
 * @csspart closed - The notice that the chat has ended, with "Start a new chat", in place of the composer.
 * @csspart prechat - The pre-chat form.
 * @csspart footer - The box around the `footer` slot's content.
 *
 * @cssproperty --bridge-chat-accent - Launcher, header and own-message colour, in both themes. Default `#4f46e5`.
 * @cssproperty --bridge-chat-accent-contrast - Text colour on the accent; keep it 4.5:1 against the accent. Default `#fff`.
 * @cssproperty --bridge-chat-font-family - Font of the whole widget. Default the system UI font.
 * @cssproperty --bridge-chat-radius - Corner radius of the panel. Default `16px`.
 * @cssproperty --bridge-chat-offset - Distance from the viewport's bottom corner. Default `20px`.
 * @cssproperty --bridge-chat-z-index - Stacking level of the launcher and panel. Default `2147483000`.
 */
export default class BridgeChat extends WidgetElement implements PanelSettings {
  static override styles = styles;

  // Declared here rather than with decorators: their helpers would cost every page that embeds the launcher.
  static override properties: PropertyDeclarations = {
    sessionUrl: { attribute: 'session-url' },
    open: { type: Boolean, reflect: true },
    mode: { reflect: true },
    position: { reflect: true },
    theme: { reflect: true },
    prechat: {},
    attachments: { converter: booleanDefaultTrue },
    accept: {},
    maxFileSize: { attribute: 'max-file-size', type: Number },
    strings: { attribute: false },
    sound: { type: Boolean },
    titleHint: { type: Boolean, attribute: 'title-hint' },
    showHistory: { attribute: 'show-history', converter: booleanDefaultTrue },
    showMemory: { attribute: 'show-memory', converter: booleanDefaultTrue },
    getAuthHeaders: { attribute: false },
    unread: { state: true },
  };

  /** Base URL of the companion server, which answers `POST {session-url}/session`. */
  sessionUrl = '';

  /** Whether the chat panel is shown. Opening it the first time loads the panel and connects. */
  open = false;

  /**
   * `floating` (default): a launcher in a corner of the viewport opens the panel above it.
   * `inline`: the panel sits in the page flow where the element is, always shown and connected,
   * filling the element's box (at least 420px high); there is no launcher.
   */
  mode: 'floating' | 'inline' = 'floating';

  /**
   * The viewport corner of the floating launcher and panel: `right` or `left`. Unset, the page's
   * end corner: right, or left on a right-to-left page.
   */
  position: 'left' | 'right' | undefined;

  /** Colours: `light` (default), `dark`, or `auto` to follow the visitor's system (`prefers-color-scheme`). */
  theme: 'light' | 'dark' | 'auto' = 'light';

  /**
   * The pre-chat form's fields, in order: `name`, `email`, `message`; a trailing `?` makes one
   * optional (`"name email?"`). Empty (default): no form. Skipped for a visitor the site identifies.
   */
  prechat = '';

  /** Whether visitors can attach files. On by default; `attachments="false"` turns it off. */
  attachments = true;

  /** The file types visitors may attach: MIME types (`image/png`), families (`image/*`) or extensions (`.pdf`), comma separated. */
  accept = DEFAULT_ACCEPT;

  /** The largest file a visitor may attach, in megabytes (the conversation's own media limits apply too). */
  maxFileSize = DEFAULT_MAX_FILE_MB;

  /**
   * The site's own wording for some of the widget's strings (launcher and panel), e.g.
   * `{ title: 'Ask a barista' }`. Each replaces that string whatever the language; `{name}`
   * placeholders and `{count, plural, one {…} other {…}}` forms work as in the built-in strings.
   */
  strings: BridgeChatStrings = {};

  /** Plays a short, quiet tone when a message arrives unseen. Off by default; silent until the visitor has interacted with the page. */
  sound = false;

  /** Alternates the tab's title with e.g. "(2) New message" while messages are unread. Off by default. */
  titleHint = false;

  /**
   * Whether the panel shows the visitor's earlier conversations (from `GET {session-url}/context`).
   * On by default; `show-history="false"` turns it off.
   */
  showHistory = true;

  /**
   * Whether the panel shows what the company remembers (the memory the companion exposes).
   * On by default; `show-memory="false"` turns it off. With both off the widget never calls `/context`.
   */
  showMemory = true;

  /**
   * Headers of the site's own for every companion request, e.g. its signed-in user's session
   * (`() => ({ 'X-Site-Session': token })`), read by the companion's `identify` hook. May be async.
   */
  getAuthHeaders: AuthHeaders | undefined;

  // `lang` stays the native property: observing the attribute re-renders in the new language.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  readonly #panelLoader = new PanelLoaderController(this);
  /** The panel's count of unread messages, for the badge and the launcher's label. */
  private unread = 0;
  /** Set when the visitor opens the chat, so focus moves into the panel once it is rendered. */
  #focusPanelAfterRender = false;
  /** Set by show() and hide(): even before the first render, their change fires bridge-chat-open or -close. */
  #openChangedByCall = false;

  /** The language the widget speaks: `lang`, else `<html lang>`, else the browser's, if supported; else English. */
  get language(): Language {
    return resolveLanguage(this.lang);
  }

  /**
   * Whether the panel is shown: open, or inline.
   * @internal
   */
  get panelShown(): boolean {
    return this.open || this.mode === 'inline';
  }

  /** How many messages from others arrived since the visitor last saw the chat. */
  get unreadCount(): number {
    return this.unread;
  }

  /** The visitor's identity; undefined until the chat is connected. */
  get identity(): string | undefined {
    return this.#panel?.identity;
  }

  /** The classic conversation (CH…) the visitor chats in; undefined until the chat is connected. */
  get conversationSid(): string | undefined {
    return this.#panel?.conversationSid;
  }

  get #launcher(): HTMLButtonElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLButtonElement>('[part="launcher"]');
  }

  get #panel(): BridgeChatPanel | null | undefined {
    return this.renderRoot?.querySelector('bridge-chat-panel');
  }

  /** Settled once the panel is too: what the panel changes (the unread count, when it opens) shows here after it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.#panel?.updateComplete;
    return super.getUpdateComplete();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Not for the initial state (the old value is undefined on the first update) unless a call set it,
    // nor for an inline panel, always shown.
    const byCall = this.#openChangedByCall;
    this.#openChangedByCall = false;
    if (changed.has('open') && (changed.get('open') !== undefined || byCall) && this.mode !== 'inline') {
      dispatchBridgeChatEvent(this, this.open ? 'bridge-chat-open' : 'bridge-chat-close', {});
    }
    const panel = this.#panel;
    // The panel reads this element's settings: it renders again whenever they may have changed.
    if (!(changed.size === 1 && (changed as Map<PropertyKey, unknown>).has('unread'))) panel?.requestUpdate();
    if (this.#focusPanelAfterRender && panel) {
      this.#focusPanelAfterRender = false;
      // A panel rendered just now has no focusable content until its own first update.
      void panel.updateComplete.then(() => panel.focus());
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    const language = this.language;
    const strings = launcherText(language, this.strings);
    if (this.mode === 'inline') return this.#renderPanel(strings);
    const { unread } = this;
    return html`
      <button
        part="launcher"
        type="button"
        lang=${language}
        dir=${directionOf(language)}
        aria-label=${this.open
          ? strings.closeChat
          : unread > 0
            ? `${strings.openChat}, ${this.#panel?.unreadText ?? unread}`
            : strings.openChat}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${this.#panelLoader.state === 'idle' ? nothing : 'panel'}
        @click=${this.toggle}
        @focus=${this.#panelLoader.preload}
      >
        ${this.open
          ? html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 9l6 6 6-6" /></svg>`
          : html`<slot name="launcher-icon">
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4h0A1.5 1.5 0 0 1 4 14.5z" />
              </svg>
            </slot>`}
        ${unread > 0
          ? html`<span part="unread-badge" aria-hidden="true">${unread > MAX_BADGE_COUNT ? `${MAX_BADGE_COUNT}+` : unread}</span>`
          : nothing}
      </button>
      ${this.#renderPanel(strings)}
    `;
  }

  #renderPanel(strings: Strings<LauncherKey>): TemplateResult | typeof nothing {
    const hidden = !this.panelShown;
    const language = this.language;
    const dir = directionOf(language);
    switch (this.#panelLoader.state) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<div id="panel" part="panel" class="loading" lang=${language} dir=${dir} ?hidden=${hidden} role="status">
          ${strings.loadingChat}
        </div>`;
      case 'failed':
        return html`<div id="panel" part="panel" class="load-failed" lang=${language} dir=${dir} ?hidden=${hidden} role="alert">
          <p>${strings.loadFailed}</p>
          <button type="button" @click=${() => this.#panelLoader.load()}>${strings.tryAgain}</button>
        </div>`;
      case 'loaded':
        // Kept in the DOM while closed, so the conversation stays connected and reopens instantly.
        // The panel reads the settings from this element (see `updated`), works out on its own which
        // forwarded slots have content, and exports its parts.
        return html`<bridge-chat-panel
          id="panel"
          part="panel"
          lang=${language}
          dir=${dir}
          data-mode=${this.mode}
          ?hidden=${hidden}
          @bridge-chat-request-close=${this.#handleRequestClose}
          @bridge-chat-unread=${this.#handleUnread}
        >${PANEL_SLOTS.map((name) => html`<slot name=${name} slot=${name}></slot>`)}</bridge-chat-panel>`;
    }
  }

  /** Opens the floating panel, as clicking the launcher does (loading and connecting the chat the first time). No-op inline. */
  show(): void {
    if (this.mode === 'inline' || this.open) return;
    this.open = true;
    this.#openChangedByCall = true;
    this.#focusPanelAfterRender = true;
  }

  /** Closes the floating panel; the chat stays connected. No-op inline. */
  hide(): void {
    if (this.mode === 'inline' || !this.open) return;
    // Focus inside the panel would be lost with it: it goes back to the launcher.
    const focusInPanel = this.#panel?.matches(':focus-within') ?? false;
    this.open = false;
    this.#openChangedByCall = true;
    this.#focusPanelAfterRender = false;
    if (focusInPanel) void this.updateComplete.then(() => this.#launcher?.focus());
  }

  /** Opens the floating panel if it is closed, else closes it: what the launcher does. No-op inline. */
  toggle(): void {
    if (this.open) this.hide();
    else this.show();
  }

  /**
   * Sends `text` as the visitor, as the composer does: through the outbox, which keeps it until
   * Twilio stores it (then `bridge-chat-sent` fires). Works with the panel closed: the chat loads
   * and connects out of sight if it has not yet. Resolves once the message is queued; rejects with
   * a `WidgetError` (`code`, `message`) for empty text or more than 32 KB (`invalid_message`), a
   * pre-chat form the visitor has not filled in (`prechat_required`), an ended chat (`chat_closed`),
   * or a chat that could not connect (its error's code).
   */
  async send(text: string): Promise<void> {
    const check = checkOutgoingText(String(text));
    if (check.kind === 'empty') throw new WidgetError('invalid_message', 'There is no text to send.');
    if (check.kind === 'too-long') {
      throw new WidgetError('invalid_message', `The text is ${check.bytes} bytes; a message holds at most ${MAX_MESSAGE_BYTES}.`);
    }
    const panel = await this.#loadedPanel();
    await panel.send(check.body);
  }

  /**
   * Ends the chat, as the header's "End chat" does after the visitor confirms: the conversation
   * closes for everyone. Resolves true once it is closed; false when there is no chat to end (none
   * started, or already ended) or the companion failed. A stored chat not yet reconnected is ended too.
   */
  async endChat(): Promise<boolean> {
    if (this.#panelLoader.state === 'idle' && !hasStoredSession(this.sessionUrl)) return false;
    try {
      return await (await this.#loadedPanel()).endChat();
    } catch {
      return false;
    }
  }

  /**
   * Forgets the visitor's chat session, so the next chat is a new conversation: call it when
   * the site signs its user out. An open panel starts the new chat at once.
   */
  reset(): void {
    new SessionTokenStore(normalizeSessionUrl(this.sessionUrl)).clear();
    this.#panel?.reset();
  }

  /** The rendered panel, loading it (hidden, unless open) first. */
  async #loadedPanel(): Promise<BridgeChatPanel> {
    await this.#panelLoader.load();
    if (this.#panelLoader.state !== 'loaded') throw new WidgetError('panel_load_failed', 'The chat could not be loaded.');
    await this.updateComplete;
    const panel = this.#panel;
    if (!panel) throw new WidgetError('panel_load_failed', 'The chat could not be loaded.');
    return panel;
  }

  /** The panel counts; its event goes on to the page, from this element. */
  #handleUnread(event: CustomEvent<BridgeChatUnreadDetail>): void {
    this.unread = event.detail.count;
  }

  #handleRequestClose(): void {
    this.open = false;
    this.#launcher?.focus();
  }
}

/** A boolean attribute that is on unless set to "false", so that the default (on) can be turned off in markup. */
function booleanDefaultTrue(value: string | null): boolean {
  return value !== 'false';
}
