import { html, nothing, svg, type TemplateResult } from 'lit/html.js';
import type { LinkStatus } from '../../protocol/context.js';
import { anySection, contextSections } from '../context-details/context-sections.js';
import type { ContextController } from '../controllers/context.controller.js';
import type { Language } from '../i18n/i18n.js';
import type { Translate } from '../i18n/panel-strings.js';
import { lineIcon } from '../icons.js';

/**
 * The panel's view of the visitor's context: the link indicator for the header,
 * and a collapsed-by-default "Your history" section above the messages, so the
 * chat stays primary (also full-screen on a phone). What the section shows is
 * `<bridge-chat-context-details>`, whose code loads when the visitor first opens
 * it (or points at its toggle).
 */
export interface ContextView {
  controller: ContextController;
  showHistory: boolean;
  showMemory: boolean;
  /** Whether the section is expanded. */
  expanded: boolean;
  toggle: () => void;
  /** Starts loading the section's code, ahead of a click. */
  preload: () => void;
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
  if (!hasContent(view)) return nothing;
  return html`
    <div class="context">
      <button
        id="context-toggle"
        class="context-toggle"
        type="button"
        aria-expanded=${view.expanded ? 'true' : 'false'}
        aria-controls="context-region"
        @click=${view.toggle}
        @pointerenter=${view.preload}
        @focus=${view.preload}
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
        <bridge-chat-context-details
          exportparts="memory, history"
          .status=${controller.status}
          .context=${controller.context}
          .linkStatus=${controller.linkStatus}
          .historyPage=${controller.historyPage}
          .showHistory=${view.showHistory}
          .showMemory=${view.showMemory}
          .t=${t}
          .language=${view.language}
          @bridge-chat-context-reload=${() => controller.reload()}
          @bridge-chat-context-more=${() => controller.loadMore()}
        ></bridge-chat-context-details>
      </div>
    </div>
  `;
}

/** Whether the section has anything to show: its toggle is there only then. */
function hasContent({ controller, showHistory, showMemory }: ContextView): boolean {
  switch (controller.status) {
    case 'idle':
      return false;
    case 'loading':
    case 'error':
      return true;
    case 'ready':
      return (
        controller.context !== undefined &&
        anySection(contextSections(controller.context, controller.linkStatus, { history: showHistory, memory: showMemory }))
      );
  }
}

const historyIcon = lineIcon(svg`<circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 2" />`);
const chevronIcon = html`<svg class="chevron" viewBox="0 0 24 24" aria-hidden="true"><path d="M6 9l6 6 6-6" /></svg>`;
const linkIcon = lineIcon(
  svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />`,
);
