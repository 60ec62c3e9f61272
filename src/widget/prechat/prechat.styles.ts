import { css } from '@lit/reactive-element';

/*
 * The pre-chat form. Base rules, spinner: ../styles/. Colours are the theme's --_* tokens
 * (chat-panel.styles.ts).
 * - .spinner: on the accent button, drawn in its text colour.
 * - 16px text in the fields below 640px wide: iOS zooms the page on focusing smaller text.
 */
export const styles = css`
  :host {
    display: block;
    overflow-y: auto;
    color: var(--_text);
    font-family: var(--_font);
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
    color: var(--_text-muted);
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
    color: var(--_text-muted);
    font-weight: 400;
  }

  input,
  textarea {
    inline-size: 100%;
    padding-block: 9px;
    padding-inline: 12px;
    border: 1px solid var(--_border-strong);
    border-radius: 10px;
    background: var(--_surface-raised);
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
    border-color: var(--_danger);
  }

  .error {
    margin: 0;
    color: var(--_danger);
    font-size: 13px;
  }

  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-block-size: 44px;
    padding-inline: 20px;
    border-radius: 22px;
    background: var(--_accent);
    color: var(--_accent-contrast);
    font-weight: 600;
  }

  button:hover {
    background: color-mix(in srgb, var(--_accent) 85%, #000);
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.8;
  }

  .spinner {
    border-color: color-mix(in srgb, currentColor 35%, transparent);
    border-block-start-color: currentColor;
  }

  @media (max-width: 640px) {
    input,
    textarea {
      font-size: 16px;
    }
  }
`;
