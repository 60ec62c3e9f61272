import { css } from 'lit';

/* Colours come from the --_* properties the <bridge-chat> host sets; fallbacks only where a lone element needs them. */
export const styles = css`
  :host {
    display: block;
    overflow-y: auto;
    color: var(--_text, #1f2330);
    font-family: var(--_font, inherit);
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :focus-visible {
    outline: 2px solid var(--_focus-ring, #4f46e5);
    outline-offset: 2px;
  }

  form {
    display: flex;
    flex-direction: column;
    gap: 14px;
    padding-block: 20px;
    padding-inline: 20px;
  }

  h3 {
    margin: 0;
    font-size: 16px;
    font-weight: 600;
  }

  .intro {
    margin: 0;
    margin-block-start: -6px;
    color: var(--_text-muted, #5c6675);
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }

  label {
    font-weight: 600;
    font-size: 13.5px;
  }

  .optional {
    color: var(--_text-muted, #5c6675);
    font-weight: 400;
  }

  input,
  textarea {
    inline-size: 100%;
    padding-block: 9px;
    padding-inline: 12px;
    border: 1px solid var(--_border-strong, #8a90a0);
    border-radius: 10px;
    background: var(--_surface-raised, #fff);
    color: inherit;
    font: inherit;
    text-align: start;
  }

  textarea {
    resize: vertical;
    min-block-size: 72px;
    max-block-size: 240px;
  }

  [aria-invalid='true'] {
    border-color: var(--_danger, #b42318);
  }

  .error {
    margin: 0;
    color: var(--_danger, #b42318);
    font-size: 13px;
  }

  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-block-size: 44px;
    padding-inline: 20px;
    border: none;
    border-radius: 22px;
    background: var(--_accent, #4f46e5);
    color: var(--_accent-contrast, #fff);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }

  button:hover {
    background: color-mix(in srgb, var(--_accent, #4f46e5) 85%, #000);
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.8;
  }

  .spinner {
    inline-size: 16px;
    block-size: 16px;
    border: 2px solid color-mix(in srgb, currentColor 35%, transparent);
    border-block-start-color: currentColor;
    border-radius: 50%;
  }

  /* No iOS zoom on focus. */
  @media (max-width: 640px) {
    input,
    textarea {
      font-size: 16px;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .spinner {
      animation: spin 0.8s linear infinite;
    }

    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
  }
`;
