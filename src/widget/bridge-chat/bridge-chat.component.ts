import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { BridgeChatPanel } from '../chat-panel/chat-panel.js';
import { PanelLoaderController } from '../controllers/panel-loader.controller.js';
import type { AuthHeaders } from '../controllers/session.controller.js';
import { normalizeSessionUrl, SessionTokenStore } from '../session/session-token-store.js';
import { type Language, resolveLanguage } from '../i18n/i18n.js';
import { launcherStrings } from '../i18n/launcher-strings.js';
import { styles } from './bridge-chat.styles.js';

/** Parts of the lazy panel that are re-exported as parts of <bridge-chat>. */
const PANEL_PARTS = 'header, link-indicator, history, memory, messages, message, composer, input, send';

/**
 * @summary A floating chat launcher that opens a live chat over Twilio Conversations.
 *
 * Speaks English, Spanish and German: the `lang` attribute, else the page's
 * `<html lang>`, else the browser's language picks one; anything else falls back to English.
 *
 * @slot launcher-icon - Replaces the launcher's chat icon.
 *
 * @event {CustomEvent<BridgeChatReadyDetail>} bridge-chat-ready - The chat is connected; detail `{identity, conversationSid}`.
 * @event {CustomEvent<BridgeChatErrorDetail>} bridge-chat-error - The session, the transport or the panel failed; detail `{code, message}`.
 * @event {CustomEvent<BridgeChatContextDetail>} bridge-chat-context - The visitor's context loaded or changed (its link
 *   went from `pending` to `linked`, an older history page loaded…); detail: the `GET /context` answer
 *   `{link, history, memory}` with every history page loaded so far. A failing `/context` fires nothing and never
 *   affects the chat.
 *
 * @csspart launcher - The round button that opens and closes the chat.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's title bar.
 * @csspart link-indicator - The header's icon telling whether the chat is linked to the customer's history
 *   (`data-status` is `linked`, `pending` or `unavailable`).
 * @csspart history - The list of earlier conversations.
 * @csspart memory - The "What we remember" section.
 * @csspart messages - The message list (`role="log"`).
 * @csspart message - One message.
 * @csspart composer - The form with the input and the send button.
 * @csspart input - The message text area.
 * @csspart send - The send button.
 *
 * @cssproperty --bridge-chat-accent - Launcher, header and own-message colour. Default `#4f46e5`.
 * @cssproperty --bridge-chat-accent-contrast - Text colour on the accent. Default `#fff`.
 * @cssproperty --bridge-chat-font-family - Font of the whole widget. Default the system UI font.
 * @cssproperty --bridge-chat-radius - Corner radius of the panel. Default `16px`.
 * @cssproperty --bridge-chat-offset - Distance from the viewport's bottom-right corner. Default `20px`.
 * @cssproperty --bridge-chat-z-index - Stacking level of the launcher and panel. Default `2147483000`.
 */
export default class BridgeChat extends LitElement {
  static override styles = styles;

  /** Base URL of the companion server, which answers `POST {session-url}/session`. */
  @property({ attribute: 'session-url' }) sessionUrl = '';

  /** Whether the chat panel is shown. Opening it the first time loads the panel and connects. */
  @property({ type: Boolean, reflect: true }) open = false;

  /**
   * Whether the panel shows the visitor's earlier conversations (from `GET {session-url}/context`).
   * On by default; `show-history="false"` turns it off.
   */
  @property({ attribute: 'show-history', converter: booleanDefaultTrue }) showHistory = true;

  /**
   * Whether the panel shows what the company remembers (the memory the companion exposes).
   * On by default; `show-memory="false"` turns it off. With both off the widget never calls `/context`.
   */
  @property({ attribute: 'show-memory', converter: booleanDefaultTrue }) showMemory = true;

  /**
   * Headers of the site's own for every companion request, e.g. its signed-in user's session
   * (`() => ({ 'X-Site-Session': token })`), read by the companion's `identify` hook. May be async.
   */
  @property({ attribute: false }) getAuthHeaders: AuthHeaders | undefined;

  // `lang` stays the native property: observing the attribute re-renders in the new language.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  private readonly panelLoader = new PanelLoaderController(this);
  /** Set when the visitor opens the chat, so focus moves into the panel once it is rendered. */
  private focusPanelAfterRender = false;

  @query('[part="launcher"]') private launcher!: HTMLButtonElement;
  @query('bridge-chat-panel') private panel?: BridgeChatPanel;

  /** The language the widget speaks: `lang`, else `<html lang>`, else the browser's, if supported; else English. */
  get language(): Language {
    return resolveLanguage(this.lang);
  }

  /** The visitor's identity; undefined until the chat is connected. */
  get identity(): string | undefined {
    return this.panel?.identity;
  }

  /** The classic conversation (CH…) the visitor chats in; undefined until the chat is connected. */
  get conversationSid(): string | undefined {
    return this.panel?.conversationSid;
  }

  protected override updated(): void {
    const panel = this.panel;
    if (this.focusPanelAfterRender && panel) {
      this.focusPanelAfterRender = false;
      // A panel rendered just now has no focusable content until its own first update.
      void panel.updateComplete.then(() => panel.focus());
    }
  }

  protected override render(): TemplateResult {
    const strings = launcherStrings[this.language];
    return html`
      <button
        part="launcher"
        type="button"
        aria-label=${this.open ? strings.closeChat : strings.openChat}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${this.panelLoader.state === 'idle' ? nothing : 'panel'}
        @click=${this.toggle}
      >
        ${this.open
          ? html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M6 9l6 6 6-6" /></svg>`
          : html`<slot name="launcher-icon">
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4h0A1.5 1.5 0 0 1 4 14.5z" />
              </svg>
            </slot>`}
      </button>
      ${this.renderPanel(strings)}
    `;
  }

  private renderPanel(strings: (typeof launcherStrings)['en']): TemplateResult | typeof nothing {
    switch (this.panelLoader.state) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<div id="panel" part="panel" class="loading" ?hidden=${!this.open} role="status">
          ${strings.loadingChat}
        </div>`;
      case 'failed':
        return html`
          <div id="panel" part="panel" class="load-failed" ?hidden=${!this.open} role="alert">
            <p>${strings.loadFailed}</p>
            <button type="button" @click=${() => this.panelLoader.load()}>${strings.tryAgain}</button>
          </div>
        `;
      case 'loaded':
        // Kept in the DOM while closed, so the conversation stays connected and reopens instantly.
        return html`
          <bridge-chat-panel
            id="panel"
            part="panel"
            exportparts=${PANEL_PARTS}
            ?hidden=${!this.open}
            .sessionUrl=${this.sessionUrl}
            .language=${this.language}
            .showHistory=${this.showHistory}
            .showMemory=${this.showMemory}
            .getAuthHeaders=${this.getAuthHeaders}
            @bridge-chat-request-close=${this.close}
          ></bridge-chat-panel>
        `;
    }
  }

  /**
   * Forgets the visitor's chat session, so the next chat is a new conversation: call it when
   * the site signs its user out. An open panel starts the new chat at once.
   */
  reset(): void {
    new SessionTokenStore(normalizeSessionUrl(this.sessionUrl)).clear();
    this.panel?.reset();
  }

  private toggle(): void {
    this.open = !this.open;
    this.focusPanelAfterRender = this.open;
  }

  private close(): void {
    this.open = false;
    this.launcher.focus();
  }
}

/** A boolean attribute that is on unless set to "false", so that the default (on) can be turned off in markup. */
function booleanDefaultTrue(value: string | null): boolean {
  return value !== 'false';
}
