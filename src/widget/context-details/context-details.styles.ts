import { css } from '@lit/reactive-element';

/*
 * The "Your history" section: its toggle, and what its region shows (loading, error and link notes,
 * what the company remembers, the earlier conversations). Colours are the theme tokens; sides are
 * logical, for RTL.
 * - :host: a box of the panel's column (chat-panel.styles.ts), at most half the panel and the first
 *   to give way when the panel is short (the messages keep their minimum): the toggle stays, the
 *   region scrolls. Open, its lower edge casts a soft shadow on the messages, so what it cuts off
 *   reads as scrolling inside it.
 * - .skeleton: a placeholder history item, a round icon at the start and two lines of text.
 * - [dir='auto']: the company's words (English in an Arabic panel, say) line up with the panel's
 *   start edge, not with their own. text-align: match-parent would say that, but Chromium ignores it.
 * - Pulsing, shimmering and turning only for visitors who have not asked for less motion.
 */
export const styles = css`
  :host {
    display: flex;
    flex: 0 1 auto;
    flex-direction: column;
    min-height: 0;
    max-height: 50%;
    overflow: hidden;
    border-block-end: 1px solid var(--_border);
    background: var(--_surface);
  }

  :host([expanded]) {
    position: relative;
    z-index: 1;
    box-shadow: 0 8px 8px -8px var(--_shadow);
  }

  .context-toggle {
    display: flex;
    flex: none;
    align-items: center;
    gap: 8px;
    width: 100%;
    padding: 10px 16px;
    font-weight: 600;
    text-align: start;
  }

  .context-toggle:hover {
    background: var(--_surface-sunken);
  }

  .context-toggle:focus-visible {
    outline-offset: -2px;
  }

  .context-toggle svg {
    width: 18px;
    height: 18px;
    color: var(--_accent-text);
  }

  .context-toggle span {
    flex: 1;
  }

  .context-toggle[aria-expanded='true'] .chevron {
    transform: rotate(180deg);
  }

  .context-region {
    flex: 0 1 auto;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding-block: 0 14px;
    padding-inline: 16px;
  }

  h3 {
    margin: 10px 0 6px;
    color: var(--_text-muted);
    font-size: 11.5px;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }

  p {
    margin: 0;
  }

  .context-state,
  .context-note {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 6px;
    padding-block-start: 8px;
    color: var(--_text-muted);
  }

  .context-state[role='alert'] p {
    color: var(--_danger);
  }

  .context-note[data-status='pending'] {
    flex-direction: row;
    align-items: center;
    gap: 10px;
  }

  .context-note[data-status='pending']::before {
    content: '';
    flex: none;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_status-waiting);
  }

  .skeleton {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 6px;
    width: 100%;
    padding-block: 6px;
    padding-inline-start: 38px;
  }

  .skeleton::before {
    content: '';
    position: absolute;
    inset-block-start: 4px;
    inset-inline-start: 0;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    background: var(--_border);
  }

  .skeleton span {
    height: 10px;
    border-radius: 5px;
    background: linear-gradient(
        90deg,
        var(--_border) 25%,
        var(--_surface-sunken) 50%,
        var(--_border) 75%
      )
      0 0 / 200% 100%;
  }

  .skeleton span:first-child {
    width: 40%;
  }

  .skeleton span:last-child {
    width: 85%;
  }

  .link-button {
    padding: 4px 0;
  }

  .link-button:hover {
    text-decoration: underline;
  }

  .link-button:disabled {
    color: var(--_text-muted);
    cursor: progress;
    text-decoration: none;
  }

  .greeting {
    margin-block-end: 6px;
    font-weight: 600;
  }

  .traits {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px 12px;
    margin: 0 0 6px;
  }

  .traits div {
    display: contents;
  }

  [dir='auto'] {
    text-align: left;
  }

  :host(:dir(rtl)) [dir='auto'] {
    text-align: right;
  }

  .traits dt {
    color: var(--_text-muted);
  }

  .traits dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .observations,
  .history-list {
    display: flex;
    flex-direction: column;
    gap: 8px;
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .observations li {
    padding-inline-start: 10px;
    border-inline-start: 2px solid color-mix(in srgb, var(--_accent-text) 45%, transparent);
    overflow-wrap: anywhere;
  }

  time {
    display: inline;
    margin: 0;
    font-size: 12px;
    text-align: start;
  }

  .history-item {
    display: flex;
    gap: 10px;
  }

  .channel-icon {
    display: grid;
    place-items: center;
    flex: none;
    width: 28px;
    height: 28px;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_accent-text) 14%, var(--_surface));
    color: var(--_accent-text);
  }

  .channel-icon svg {
    width: 16px;
    height: 16px;
  }

  .history-meta {
    color: var(--_text-muted);
    font-size: 12px;
  }

  .channel {
    font-weight: 600;
  }

  .summary {
    overflow-wrap: anywhere;
  }

  .summary.none,
  .empty-history {
    color: var(--_text-muted);
    font-style: italic;
  }

  .load-more-error {
    margin-block-start: 8px;
    color: var(--_danger);
    font-size: 13px;
  }

  .load-more {
    margin-block-start: 6px;
  }

  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }

  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .context-note[data-status='pending']::before {
      animation: pulse 1.6s ease-in-out infinite;
    }

    .skeleton span {
      animation: shimmer 1.4s linear infinite;
    }

    .chevron {
      transition: transform 150ms ease;
    }
  }
`;
