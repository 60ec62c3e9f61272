import type { PropertyDeclarations } from '@lit/reactive-element';
import { html, nothing, svg, type TemplateResult } from 'lit/html.js';
import type { ContextResponse, HistoryChannel, HistoryItem, LinkStatus, Memory } from '../../protocol/context.js';
import type { ContextStatus, HistoryPageStatus } from '../controllers/context.controller.js';
import type { Language } from '../i18n/i18n.js';
import { en } from '../i18n/panel/en.js';
import { dateFormat, type Translate, translator } from '../i18n/panel-strings.js';
import { lineIcon } from '../icons.js';
import { themeTokens } from '../chat-panel/chat-panel.styles.js';
import { baseStyles } from '../styles/base.styles.js';
import { controlStyles } from '../styles/controls.styles.js';
import { contextSections } from './context-sections.js';
import { styles } from './context-details.styles.js';
import './context-details.strings.js';
import { WidgetElement } from '../widget-element.js';

/**
 * `<bridge-chat-context-details>`: the panel's "Your history" section, a chunk of its own that the
 * panel fetches only once the visitor's context has something to show (or failed). A toggle,
 * collapsed at first so the chat stays primary, opens its region: a skeleton while the context
 * reloads, its error with a retry, a note while the chat is not linked yet, what the company
 * remembers and the earlier conversations. Every value from the companion is bound as text, never
 * as HTML, with `dir="auto"`: the company's words keep their own direction inside a panel in
 * another language's.
 *
 * Events (not bubbling): `bridge-chat-context-reload` (ask for the context again) and
 * `bridge-chat-context-more` (the next page of history).
 *
 * Parts: `memory`, `history`.
 */
export default class BridgeChatContextDetails extends WidgetElement {
  static override styles = [themeTokens, baseStyles, controlStyles, styles];
  static override properties: PropertyDeclarations = {
    status: { attribute: false },
    context: { attribute: false },
    linkStatus: { attribute: false },
    historyPage: { attribute: false },
    showHistory: { attribute: false },
    showMemory: { attribute: false },
    t: { attribute: false },
    language: { attribute: false },
    // Reflected: the host's own styles lift it over the messages while open.
    expanded: { type: Boolean, reflect: true },
  };

  status: ContextStatus = 'idle';
  context: ContextResponse | undefined;
  linkStatus: LinkStatus | undefined;
  /** Whether the next page of history is loading or failed to. */
  historyPage: HistoryPageStatus = 'idle';
  showHistory = true;
  showMemory = true;
  t: Translate = translator(en);
  language: Language = 'en';
  /** Whether the region is open; collapsed at first. */
  expanded = false;

  protected override render(): TemplateResult {
    const { t } = this;
    return html`<button
        id="context-toggle"
        class="context-toggle"
        type="button"
        aria-expanded=${this.expanded}
        aria-controls="context-region"
        @click=${this.#toggle}
      >
        ${historyIcon}<span>${this.showHistory ? t('historyToggle') : t('memoryTitle')}</span>${chevronIcon}
      </button>
      <div
        id="context-region"
        class="context-region"
        role="region"
        aria-labelledby="context-toggle"
        aria-busy=${this.status === 'loading'}
        tabindex="0"
        ?hidden=${!this.expanded}
      >
        ${this.#renderContent()}
      </div>`;
  }

  #renderContent(): TemplateResult | typeof nothing {
    const { t } = this;
    switch (this.status) {
      case 'idle':
        return nothing;
      case 'loading':
        return html`<div class="context-state" role="status">
          <span class="visually-hidden">${t('contextLoading')}</span>
          ${[0, 1, 2].map(() => html`<div class="skeleton" aria-hidden="true"><span></span><span></span></div>`)}
        </div>`;
      case 'error':
        return html`<div class="context-state" role="alert">
          <p>${t('contextError')}</p>
          <button class="link-button" type="button" @click=${this.#reload}>${t('tryAgain')}</button>
        </div>`;
      case 'ready':
        return this.context ? this.#renderContext(this.context) : nothing;
    }
  }

  #renderContext(context: ContextResponse): TemplateResult {
    const { t } = this;
    const sections = contextSections(context, this.linkStatus, { history: this.showHistory, memory: this.showMemory });
    const note =
      sections.note === 'pending'
        ? html`<p class="context-note" data-status="pending">${t('historyPending')}</p>`
        : sections.note === 'unavailable'
          ? html`<div class="context-note" data-status="unavailable">
              <p>${t('historyUnavailable')}</p>
              <button class="link-button" type="button" @click=${this.#reload}>${t('tryAgain')}</button>
            </div>`
          : nothing;
    return html`${note}${sections.memory ? this.#renderMemory(context.memory) : nothing}${sections.history
      ? this.#renderHistory(context.history.items, context.history.nextPageToken !== undefined)
      : nothing}`;
  }

  #renderMemory(memory: Memory): TemplateResult {
    const { t, language } = this;
    const traits = Object.values(memory.traits).flatMap((group) => Object.entries(group));
    const formatValue = (value: string | number | boolean) =>
      typeof value === 'boolean' ? t(value ? 'yes' : 'no') : typeof value === 'number' ? value.toLocaleString(language) : value;
    return html`
      <section part="memory" class="memory" aria-labelledby="memory-title">
        <h3 id="memory-title">${t('memoryTitle')}</h3>
        ${memory.displayName ? html`<p class="greeting">${t('greeting', { name: memory.displayName })}</p>` : nothing}
        ${traits.length
          ? html`<dl class="traits">
              ${traits.map(
                ([name, value]) => html`<div><dt dir="auto">${traitLabel(name)}</dt><dd dir="auto">${formatValue(value)}</dd></div>`,
              )}
            </dl>`
          : nothing}
        ${memory.observations.length
          ? html`<ul class="observations">
              ${memory.observations.map(
                (observation) => html`<li>
                  <p dir="auto">${observation.content}</p>
                  ${this.#renderDate(observation.occurredAt)}
                </li>`,
              )}
            </ul>`
          : nothing}
      </section>
    `;
  }

  #renderHistory(items: HistoryItem[], more: boolean): TemplateResult {
    const { t } = this;
    return html`
      <section part="history" class="history" aria-labelledby="history-title">
        <h3 id="history-title">${t('historyTitle')}</h3>
        ${items.length
          ? html`<ul class="history-list">
              ${items.map(
                (item) => html`<li class="history-item" data-channel=${item.channel}>
                  <span class="channel-icon">${channelIcon(item.channel)}</span>
                  <div>
                    <p class="history-meta">
                      <span class="channel">${t(`channel${item.channel}`)}</span> · ${this.#renderDate(item.startedAt)}
                    </p>
                    <p class="summary ${item.summary === null ? 'none' : ''}" dir=${item.summary === null ? nothing : 'auto'}
                      >${item.summary ?? t('noSummary')}</p
                    >
                  </div>
                </li>`,
              )}
            </ul>`
          : html`<p class="empty-history">${t('historyEmpty')}</p>`}
        ${this.historyPage === 'error' ? html`<p class="load-more-error" role="alert">${t('loadMoreFailed')}</p>` : nothing}
        ${more
          ? html`<button class="link-button load-more" type="button" ?disabled=${this.historyPage === 'loading'} @click=${this.#more}>
              ${t('loadMore')}
            </button>`
          : nothing}
      </section>
    `;
  }

  #renderDate(iso: string): TemplateResult {
    return html`<time datetime=${iso}>${dateFormat(this.language, { dateStyle: 'medium' }).format(new Date(iso))}</time>`;
  }

  readonly #toggle = (): void => {
    this.expanded = !this.expanded;
  };

  readonly #reload = (): void => {
    this.dispatchEvent(new CustomEvent('bridge-chat-context-reload'));
  };

  readonly #more = (): void => {
    this.dispatchEvent(new CustomEvent('bridge-chat-context-more'));
  };
}

/** A trait name as a label: `favoriteRoast` and `favorite_roast` → "Favorite roast", `VIPLevel` → "VIP level". */
function traitLabel(name: string): string {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((word) => (/^[A-Z\d]+$/.test(word) && word.length > 1 ? word : word.toLowerCase()));
  const label = words.join(' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

function channelIcon(channel: HistoryChannel): TemplateResult {
  switch (channel) {
    case 'VOICE':
      return phoneIcon;
    case 'SMS':
    case 'WHATSAPP':
    case 'RCS':
      return smsIcon;
    case 'CHAT':
      return chatIcon;
    case 'EMAIL':
      return emailIcon;
    case 'OTHER':
      return otherIcon;
  }
}

const historyIcon = lineIcon(svg`<circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" />`);
const chevronIcon = html`<svg class="chevron" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 9l6 6 6-6" /></svg>`;
const phoneIcon = lineIcon(
  svg`<path d="M6 3.5h3l1.5 4-2 1.5a10 10 0 0 0 5 5l1.5-2 4 1.5v3a2 2 0 0 1-2 2C10.5 18.5 5.5 13.5 4 5.5a2 2 0 0 1 2-2z" />`,
);
const smsIcon = lineIcon(svg`<path d="M4 5h16v11H9l-4 4v-4H4zM8 9h8M8 12h5" />`);
const chatIcon = lineIcon(svg`<path d="M3 4h12v9H8l-3 3v-3H3zM18 8h3v9h-2v3l-3-3h-5v-1" />`);
const emailIcon = lineIcon(svg`<path d="M3 6h18v12H3zM3 7l9 6 9-6" />`);
const otherIcon = lineIcon(svg`<circle cx="12" cy="12" r="9" /><path d="M8 12h.01M12 12h.01M16 12h.01" />`);
