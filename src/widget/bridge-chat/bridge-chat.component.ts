import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { BridgeChatPanel } from '../chat-panel/chat-panel.js';
import { PanelLoaderController } from '../controllers/panel-loader.controller.js';
import { styles } from './bridge-chat.styles.js';

/** Parts of the lazy panel that are re-exported as parts of <bridge-chat>. */
const PANEL_PARTS = 'header, messages, message, composer, input, send';

/**
 * @summary A floating chat launcher that opens a live chat over Twilio Conversations.
 *
 * @slot launcher-icon - Replaces the launcher's chat icon.
 *
 * @event {CustomEvent<BridgeChatReadyDetail>} bridge-chat-ready - The chat is connected; detail `{identity, conversationSid}`.
 * @event {CustomEvent<BridgeChatErrorDetail>} bridge-chat-error - The session, the transport or the panel failed; detail `{code, message}`.
 *
 * @csspart launcher - The round button that opens and closes the chat.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's title bar.
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

  private readonly panelLoader = new PanelLoaderController(this);
  /** Set when the visitor opens the chat, so focus moves into the panel once it is rendered. */
  private focusPanelAfterRender = false;

  @query('[part="launcher"]') private launcher!: HTMLButtonElement;
  @query('bridge-chat-panel') private panel?: BridgeChatPanel;

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
    return html`
      <button
        part="launcher"
        type="button"
        aria-label=${this.open ? 'Close chat' : 'Open chat'}
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
      ${this.renderPanel()}
    `;
  }

  private renderPanel(): TemplateResult | typeof nothing {
    switch (this.panelLoader.state) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<div id="panel" part="panel" class="loading" ?hidden=${!this.open} role="status">Loading chat…</div>`;
      case 'failed':
        return html`
          <div id="panel" part="panel" class="load-failed" ?hidden=${!this.open} role="alert">
            <p>The chat could not be loaded.</p>
            <button type="button" @click=${() => this.panelLoader.load()}>Try again</button>
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
            @bridge-chat-request-close=${this.close}
          ></bridge-chat-panel>
        `;
    }
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
