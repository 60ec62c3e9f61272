import { css } from '@lit/reactive-element';

/*
 * The end-chat question, in the composer's place at the foot of the panel: its look matches the
 * panel's closed state. Base rules and tokens: ../styles/ and the panel's theme.
 * - .danger: white on the light theme's danger red, dark text on the dark theme's lighter one
 *   (4.5:1 both).
 */
export const styles = css`
  :host {
    display: block;
  }

  [part='end-confirmation'] {
    display: flex;
    flex-direction: column;
    gap: 6px;
    padding: 16px;
    border-block-start: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text-muted);
  }

  p {
    margin: 0;
  }

  .question {
    color: var(--_text);
    font-size: 16px;
    font-weight: 600;
  }

  .failed {
    color: var(--_danger);
    font-size: 13px;
  }

  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-block-start: 6px;
  }

  button {
    padding: 9px 20px;
    border: 1px solid transparent;
    border-radius: 999px;
    font-weight: 600;
  }

  .secondary {
    border-color: var(--_border-strong);
  }

  .secondary:hover {
    background: var(--_surface-sunken);
  }

  .danger {
    background: var(--_danger);
    color: var(--_surface);
  }
`;
