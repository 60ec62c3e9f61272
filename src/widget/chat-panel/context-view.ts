import { html, nothing, svg, type TemplateResult } from 'lit/html.js';
import type { LinkStatus } from '../../protocol/context.js';
import { contextSections } from '../context-details/context-sections.js';
import type { ContextController } from '../controllers/context.controller.js';
import type { Language } from '../i18n/i18n.js';
import type { Translate } from '../i18n/panel-strings.js';
import { lineIcon } from '../icons.js';
import type { PanelSettings } from '../settings/panel-settings.js';

/**
 * The panel's view of the visitor's context: the link indicator for the header, and the
 * "Your history" section above the messages, `<bridge-chat-context-details>`, which owns its
 * toggle and region and is a chunk of its own: the panel fetches it only once there is something
 * to show, so a visitor without history never loads it.
 */
export interface ContextView {
  controller: ContextController;
  settings: Pick<PanelSettings, 'showHistory' | 'showMemory'>;
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

/**
 * Whether the section shows: once the context holds something of the customer's (what we remember,
 * earlier conversations), or failed (the request, or the link to Orchestrator: its error offers
 * "Try again"). A link still being made, or made for a customer with nothing yet, is the header
 * indicator's to say: a new visitor gets no section and never loads its code. Not while a first
 * answer loads either, so no toggle comes and goes; a reload ("Try again", a new conversation)
 * keeps it as it was (`shownBefore`), a shown section with its skeleton.
 */
export function contextShown({ controller, settings }: Pick<ContextView, 'controller' | 'settings'>, shownBefore: boolean): boolean {
  const { status, context, linkStatus } = controller;
  if (status === 'loading') return shownBefore;
  if (status === 'error' || linkStatus === 'unavailable') return true;
  if (!context) return false;
  const sections = contextSections(context, linkStatus, { history: settings.showHistory, memory: settings.showMemory });
  return sections.memory || (sections.history && context.history.items.length > 0);
}

export function renderContextView({ controller, settings, t, language }: ContextView): TemplateResult {
  return html`<bridge-chat-context-details
    exportparts="memory, history"
    .status=${controller.status}
    .context=${controller.context}
    .linkStatus=${controller.linkStatus}
    .historyPage=${controller.historyPage}
    .showHistory=${settings.showHistory}
    .showMemory=${settings.showMemory}
    .t=${t}
    .language=${language}
    @bridge-chat-context-reload=${() => controller.reload()}
    @bridge-chat-context-more=${() => controller.loadMore()}
  ></bridge-chat-context-details>`;
}

const linkIcon = lineIcon(
  svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />`,
);
