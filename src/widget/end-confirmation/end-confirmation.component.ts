import type { PropertyDeclarations } from '@lit/reactive-element';
import { html, nothing, type TemplateResult } from 'lit/html.js';
import { themeTokens } from '../chat-panel/chat-panel.styles.js';
import { en } from '../i18n/panel/en.js';
import { type Translate, translator } from '../i18n/panel-strings.js';
import { baseStyles } from '../styles/base.styles.js';
import { WidgetElement } from '../widget-element.js';
import { styles } from './end-confirmation.styles.js';
import './end-confirmation.strings.js';

/**
 * "End this chat?", asked in the composer's place: ending is final for the conversation. An alert
 * dialog, so it takes the focus as it appears (on Cancel, the safe answer), and Escape answers it
 * without closing the chat. A chunk of its own: most visitors never end a chat themselves.
 *
 * Events (non-bubbling): `bridge-chat-end-cancel`, `bridge-chat-end-confirm`.
 */
export default class BridgeChatEndConfirmation extends WidgetElement {
  static override styles = [themeTokens, baseStyles, styles];
  static override properties: PropertyDeclarations = {
    t: { attribute: false },
    failed: { type: Boolean },
  };
  static override shadowRootOptions: ShadowRootInit = { ...WidgetElement.shadowRootOptions, delegatesFocus: true };

  /** The panel's strings. */
  t: Translate = translator(en);
  /** The last attempt to end the chat failed: said above the buttons. */
  failed = false;

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('.secondary')?.focus();
  }

  #answer(event: Event, confirmed: boolean): void {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent(confirmed ? 'bridge-chat-end-confirm' : 'bridge-chat-end-cancel'));
  }

  #handleKeydown(event: KeyboardEvent): void {
    // Escape answers the question; the panel, which closes on Escape, sees it handled.
    if (event.key === 'Escape') this.#answer(event, false);
  }

  override render(): TemplateResult {
    const { t } = this;
    return html`<div part="end-confirmation" role="alertdialog" aria-labelledby="end-question" aria-describedby="end-explanation"
      @keydown=${this.#handleKeydown}>
      <p id="end-question" class="question">${t('endChatQuestion')}</p>
      <p id="end-explanation">${t('endChatExplanation')}</p>
      ${this.failed ? html`<p class="failed" role="alert">${t('endChatFailed')}</p>` : nothing}
      <div class="actions">
        <button type="button" class="secondary" @click=${(event: Event) => this.#answer(event, false)}>${t('cancel')}</button>
        <button type="button" class="danger" @click=${(event: Event) => this.#answer(event, true)}>${t('endChat')}</button>
      </div>
    </div>`;
  }
}
