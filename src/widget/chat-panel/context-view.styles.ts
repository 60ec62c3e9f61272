import { css } from '@lit/reactive-element';

/*
 * The link indicator in the header and the collapsible "Your history" section's toggle and
 * region; what the region shows styles itself (../context-details/). Colours are the theme
 * tokens; sides are logical, for RTL. Part of the panel's shadow
 * root, after its own styles (see chat-panel.styles.ts for the column).
 * - .context: at most half the panel, and the first to give way when the panel is short (the
 *   messages keep their minimum): the toggle stays, the region scrolls. Open, its lower edge casts
 *   a soft shadow on the messages, so what it cuts off reads as scrolling inside it.
 * - Pulsing and turning only for visitors who have not asked for less motion.
 */
export const contextStyles = css`
  .title {
    display: flex;
    align-items: center;
    gap: 8px;
  }

  .link-indicator {
    display: inline-grid;
    place-items: center;
    width: 22px;
    height: 22px;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_accent-contrast) 20%, transparent);
  }

  .link-indicator svg {
    width: 14px;
    height: 14px;
  }

  .link-indicator[data-status='pending'] {
    background: transparent;
    box-shadow: inset 0 0 0 1.5px color-mix(in srgb, var(--_accent-contrast) 70%, transparent);
  }

  .link-indicator[data-status='pending'] svg {
    stroke-dasharray: 3 2;
  }

  .link-indicator[data-status='unavailable'] {
    background: transparent;
    opacity: 0.5;
  }

  .context {
    flex: 0 1 auto;
    display: flex;
    flex-direction: column;
    min-height: 0;
    max-height: 50%;
    overflow: hidden;
    border-block-end: 1px solid var(--_border);
    background: var(--_surface);
  }

  .context:has(> .context-region:not([hidden])) {
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
    color: var(--_text);
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

  .context-region[hidden] {
    display: none;
  }

  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .link-indicator[data-status='pending'] {
      animation: pulse 1.6s ease-in-out infinite;
    }

    .chevron {
      transition: transform 150ms ease;
    }
  }
`;
