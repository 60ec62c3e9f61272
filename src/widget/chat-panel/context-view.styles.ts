import { css } from '@lit/reactive-element';

/*
 * The link indicator in the header's title. The "Your history" section styles itself
 * (../context-details/). Colours are the theme tokens. Part of the panel's shadow root, after its
 * own styles.
 * - Pulsing only for visitors who have not asked for less motion.
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

  @keyframes pulse {
    50% {
      opacity: 0.45;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .link-indicator[data-status='pending'] {
      animation: pulse 1.6s ease-in-out infinite;
    }
  }
`;
