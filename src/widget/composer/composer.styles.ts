import { css } from '@lit/reactive-element';

/*
 * The composer; the chips of attached files style themselves (../attachments/). Base rules, icon
 * buttons: ../styles/. Colours: the theme's --_* tokens, which the composer adopts too; the accent
 * comes from the <bridge-chat> host, so its default stands in when the composer is on its own.
 * - .send svg: the paper plane points the way the text runs (mirrored right to left).
 * - .drop: lets pointer events through, so drag events keep reaching the composer below and the
 *   highlight does not flicker.
 * - 16px text in the input below 640px wide: iOS zooms the page on focusing smaller text.
 */
export const styles = css`
  :host {
    display: block;
  }

  .composer {
    position: relative;
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 12px;
    border-block-start: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_text);
  }

  .progress,
  .problems {
    font-size: 13px;
  }

  .progress:empty,
  .problems:empty {
    display: none;
  }

  .progress {
    display: flex;
    align-items: center;
    gap: 8px;
    color: var(--_text-muted);
  }

  progress {
    flex: 1;
    block-size: 6px;
    accent-color: var(--_accent);
  }

  .problems {
    color: var(--_danger);
  }

  .problems p {
    margin: 0;
  }

  .row {
    display: flex;
    align-items: flex-end;
    gap: 8px;
  }

  [part='attach']:hover:enabled {
    background: color-mix(in srgb, currentColor 10%, transparent);
  }

  .send {
    background: var(--_accent, #4f46e5);
    color: var(--_accent-contrast, #fff);
  }

  .send:hover:enabled {
    background: color-mix(in srgb, var(--_accent, #4f46e5) 85%, #000);
  }

  :host(:dir(rtl)) .send svg {
    transform: scaleX(-1);
  }

  [part='input'] {
    flex: 1;
    min-inline-size: 0;
    field-sizing: content;
    min-block-size: 40px;
    max-block-size: 140px;
    padding-block: 9px;
    padding-inline: 14px;
    border: 1px solid var(--_border-strong);
    border-radius: 20px;
    background: var(--_surface-raised);
    color: inherit;
    font: inherit;
    resize: none;
  }

  [part='input']::placeholder {
    color: var(--_text-muted);
  }

  [part='input'][aria-invalid='true'] {
    border-color: var(--_danger);
  }

  [part='input']:disabled {
    opacity: 0.6;
  }

  .drop {
    position: absolute;
    inset: 4px;
    display: grid;
    place-items: center;
    border: 2px dashed var(--_accent, #4f46e5);
    border-radius: 12px;
    background: var(--_surface);
    color: var(--_accent, #4f46e5);
    font-weight: 600;
    pointer-events: none;
  }

  @media (max-width: 640px) {
    [part='input'] {
      font-size: 16px;
    }
  }

  @media (prefers-reduced-motion: no-preference) {
    .drop {
      animation: appear 120ms ease-out;
    }

    @keyframes appear {
      from {
        opacity: 0;
      }
    }
  }
`;
