import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { ContextResponse, HistoryChannel, HistoryItem, LinkStatus, Memory } from '../../protocol/context.js';
import type { ContextController } from '../controllers/context.controller.js';
import type { Language } from '../i18n/i18n.js';
import { dateFormat, type Translate } from '../i18n/panel-strings.js';

/**
 * The panel's view of the visitor's context: the link indicator for the header,
 * and a collapsed-by-default "Your history" section above the messages, so the
 * chat stays primary (also full-screen on a phone). Every value from the
 * companion is bound as text, never as HTML, with `dir="auto"`: the company's
 * words keep their own direction inside a panel in another language's.
 */
export interface ContextView {
  controller: ContextController;
  showHistory: boolean;
  showMemory: boolean;
  /** Whether the section is expanded. */
  expanded: boolean;
  toggle: () => void;
  t: Translate;
  language: Language;
}

/** The header's small link indicator; nothing until the link status is known, and for `not-bridged`. */
export function renderLinkIndicator(status: LinkStatus | undefined, t: Translate): TemplateResult | typeof nothing {
  const label =
    status === 'linked'
      ? t('linkLinked')
      : status === 'pending'
        ? t('linkPending')
        : status === 'unavailable'
          ? t('linkUnavailable')
          : undefined;
  if (!label) return nothing;
  return html`<span
    part="link-indicator"
    class="link-indicator"
    data-status=${status}
    role="img"
    aria-label=${label}
    title=${label}
    >${linkIcon}</span
  >`;
}

export function renderContextView(view: ContextView): TemplateResult | typeof nothing {
  const { controller, t } = view;
  const content = renderContent(view);
  if (content === nothing) return nothing;
  return html`
    <div class="context">
      <button
        id="context-toggle"
        class="context-toggle"
        type="button"
        aria-expanded=${view.expanded ? 'true' : 'false'}
        aria-controls="context-region"
        @click=${view.toggle}
      >
        ${historyIcon}<span>${view.showHistory ? t('historyToggle') : t('memoryTitle')}</span>${chevronIcon}
      </button>
      <div
        id="context-region"
        class="context-region"
        role="region"
        aria-labelledby="context-toggle"
        aria-busy=${controller.status === 'loading' ? 'true' : 'false'}
        tabindex="0"
        ?hidden=${!view.expanded}
      >
        ${content}
      </div>
    </div>
  `;
}

function renderContent(view: ContextView): TemplateResult | typeof nothing {
  const { controller, t } = view;
  switch (controller.status) {
    case 'idle':
      return nothing;
    case 'loading':
      return html`
        <div class="context-state" role="status">
          <span class="visually-hidden">${t('contextLoading')}</span>
          ${[0, 1, 2].map(() => html`<div class="skeleton" aria-hidden="true"><span></span><span></span></div>`)}
        </div>
      `;
    case 'error':
      return html`
        <div class="context-state" role="alert">
          <p>${t('contextError')}</p>
          <button class="link-button" type="button" @click=${() => controller.reload()}>${t('tryAgain')}</button>
        </div>
      `;
    case 'ready':
      return renderContext(view, controller.context!);
  }
}

function renderContext(view: ContextView, context: ContextResponse): TemplateResult | typeof nothing {
  const { controller, t } = view;
  const status = controller.linkStatus;
  const { items } = context.history;
  const memory = view.showMemory && hasMemory(context.memory) ? renderMemory(view, context.memory) : nothing;
  const note =
    status === 'pending'
      ? html`<p class="context-note" data-status="pending">${t('historyPending')}</p>`
      : status === 'unavailable'
        ? html`<div class="context-note" data-status="unavailable">
            <p>${t('historyUnavailable')}</p>
            <button class="link-button" type="button" @click=${() => controller.reload()}>${t('tryAgain')}</button>
          </div>`
        : nothing;
  // An empty list only for a linked customer: pending and unavailable have their note, and a chat
  // that is not bridged has no profile, so no history now or later.
  const list =
    view.showHistory && (items.length > 0 || status === 'linked') ? renderHistory(view, items) : nothing;
  if (note === nothing && memory === nothing && list === nothing) return nothing;
  return html`${note}${memory}${list}`;
}

function hasMemory(memory: Memory): boolean {
  return (
    Boolean(memory.displayName) ||
    Object.values(memory.traits).some((group) => Object.keys(group).length > 0) ||
    memory.observations.length > 0
  );
}

function renderMemory(view: ContextView, memory: Memory): TemplateResult {
  const { t, language } = view;
  const traits = Object.values(memory.traits).flatMap((group) => Object.entries(group));
  const formatValue = (value: string | number | boolean) =>
    typeof value === 'boolean'
      ? t(value ? 'yes' : 'no')
      : typeof value === 'number'
        ? value.toLocaleString(language)
        : value;
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
                ${renderDate(observation.occurredAt, language)}
              </li>`,
            )}
          </ul>`
        : nothing}
    </section>
  `;
}

function renderHistory(view: ContextView, items: HistoryItem[]): TemplateResult {
  const { controller, t, language } = view;
  const more = controller.context?.history.nextPageToken !== undefined;
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
                    <span class="channel">${t(`channel${item.channel}`)}</span> · ${renderDate(item.startedAt, language)}
                  </p>
                  <p class="summary ${item.summary === null ? 'none' : ''}" dir=${item.summary === null ? nothing : 'auto'}
                    >${item.summary ?? t('noSummary')}</p
                  >
                </div>
              </li>`,
            )}
          </ul>`
        : html`<p class="empty-history">${t('historyEmpty')}</p>`}
      ${controller.historyPage === 'error'
        ? html`<p class="load-more-error" role="alert">${t('loadMoreFailed')}</p>`
        : nothing}
      ${more
        ? html`<button
            class="link-button load-more"
            type="button"
            ?disabled=${controller.historyPage === 'loading'}
            @click=${() => controller.loadMore()}
          >
            ${t('loadMore')}
          </button>`
        : nothing}
    </section>
  `;
}

function renderDate(iso: string, language: Language): TemplateResult {
  return html`<time datetime=${iso}>${dateFormat(language, { dateStyle: 'medium' }).format(new Date(iso))}</time>`;
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

// The shapes are `svg` templates: inside an `html` one they would be created as HTML elements and not drawn.
const icon = (shapes: SVGTemplateResult) => html`<svg viewBox="0 0 24 24" aria-hidden="true">${shapes}</svg>`;
const phoneIcon = icon(
  svg`<path d="M6 3.5h3l1.5 4-2 1.5a10 10 0 0 0 5 5l1.5-2 4 1.5v3a2 2 0 0 1-2 2C10.5 18.5 5.5 13.5 4 5.5a2 2 0 0 1 2-2z" />`,
);
const smsIcon = icon(svg`<path d="M4 5h16v11H9l-4 4v-4H4zM8 9h8M8 12h5" />`);
const chatIcon = icon(svg`<path d="M3 4h12v9H8l-3 3v-3H3zM18 8h3v9h-2v3l-3-3h-5v-1" />`);
const emailIcon = icon(svg`<path d="M3 6h18v12H3zM3 7l9 6 9-6" />`);
const otherIcon = icon(svg`<circle cx="12" cy="12" r="9" /><path d="M8 12h.01M12 12h.01M16 12h.01" />`);
const historyIcon = icon(svg`<circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" />`);
const chevronIcon = html`<svg class="chevron" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 9l6 6 6-6" /></svg>`;
const linkIcon = icon(
  svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />`,
);
