import { css } from '@lit/reactive-element';

/*
 * Controls more than one element draws, by the class names their templates give them: round icon
 * buttons, buttons that read as links, and the loading spinner. Shared like base.styles.ts (one
 * adopted stylesheet); elements adjust sizes and colours in their own styles.
 * - .icon-button: 40px round, a comfortable touch target.
 * - .text-button, .link-button: words in the accent colour that act ("Try again", "Load more"…).
 * - .spinner: turns only for visitors who have not asked their system for less motion.
 */
export const controlStyles = css`
  .icon-button {
    display: inline-grid;
    place-items: center;
    flex: none;
    inline-size: 40px;
    block-size: 40px;
    border-radius: 50%;
  }

  .icon-button:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }

  .text-button,
  .link-button {
    color: var(--_accent-text);
    font-weight: 600;
  }

  .spinner {
    flex: none;
    inline-size: 16px;
    block-size: 16px;
    border: 2px solid var(--_border);
    border-block-start-color: var(--_accent-text);
    border-radius: 50%;
  }

  @media (prefers-reduced-motion: no-preference) {
    .spinner {
      animation: spin 0.8s linear infinite;
    }
  }

  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
