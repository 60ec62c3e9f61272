import { css } from 'lit';

/* The launcher and the panel's placement. The --_* properties carry the public
   --bridge-chat-* settings (with defaults) down into the panel's shadow tree. */
export const styles = css`
  :host {
    --_accent: var(--bridge-chat-accent, #4f46e5);
    --_accent-contrast: var(--bridge-chat-accent-contrast, #fff);
    --_font: var(--bridge-chat-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--bridge-chat-radius, 16px);
    --_offset: var(--bridge-chat-offset, 20px);

    position: fixed;
    right: var(--_offset);
    bottom: var(--_offset);
    z-index: var(--bridge-chat-z-index, 2147483000);
    display: block;
    font-family: var(--_font);
  }

  :host([position='left']) {
    right: auto;
    left: var(--_offset);
  }

  /* Inline: a block in the page flow whose box the panel fills. */
  :host([mode='inline']) {
    position: relative;
    right: auto;
    bottom: auto;
    left: auto;
    z-index: auto;
    display: flex;
    flex-direction: column;
    min-height: 420px;
  }

  :host([hidden]) {
    display: none;
  }

  [part='launcher'] {
    position: relative;
    display: grid;
    place-items: center;
    width: 56px;
    height: 56px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_accent-contrast);
    box-shadow: 0 8px 24px -6px rgb(16 24 40 / 0.35);
    cursor: pointer;
    transition: transform 150ms ease, box-shadow 150ms ease;
  }

  [part='launcher']:hover {
    transform: scale(1.06);
    box-shadow: 0 12px 28px -6px rgb(16 24 40 / 0.4);
  }

  [part='launcher']:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 3px;
  }

  [part='unread-badge'] {
    position: absolute;
    top: -4px;
    right: -4px;
    box-sizing: border-box;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: #c81e1e;
    color: #fff;
    box-shadow: 0 0 0 2px #fff;
    font-size: 12px;
    font-weight: 600;
    line-height: 22px;
    text-align: center;
  }

  svg,
  ::slotted(*) {
    width: 26px;
    height: 26px;
  }

  svg {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  [part='panel'] {
    position: absolute;
    right: 0;
    bottom: calc(100% + 16px);
    width: min(370px, calc(100vw - 2 * var(--_offset)));
    height: min(560px, calc(100dvh - 56px - 16px - 2 * var(--_offset)));
    animation: panel-in 180ms ease-out;
    transform-origin: bottom right;
  }

  :host([position='left']) [part='panel'] {
    right: auto;
    left: 0;
    transform-origin: bottom left;
  }

  /* More specific than the narrow-viewport rule below: an inline panel never goes full-screen. */
  :host([mode='inline']) [part='panel'] {
    position: static;
    flex: 1;
    width: auto;
    height: auto;
    min-height: 0;
    border-radius: var(--_radius);
    animation: none;
  }

  [part='panel'][hidden] {
    display: none;
  }

  .loading,
  .load-failed {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 12px;
    background: #fff;
    color: #4b5162;
    border-radius: var(--_radius);
    box-shadow: 0 24px 48px -12px rgb(16 24 40 / 0.28);
  }

  .load-failed button {
    padding: 8px 20px;
    border: none;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-contrast);
    font: inherit;
    cursor: pointer;
  }

  /* Narrow viewports: the panel takes the whole screen. */
  @media (max-width: 480px) {
    [part='panel'] {
      position: fixed;
      inset: 0;
      width: auto;
      height: auto;
      border-radius: 0;
    }
  }

  @keyframes panel-in {
    from {
      opacity: 0;
      transform: translateY(8px) scale(0.98);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    [part='launcher'],
    [part='panel'] {
      transition: none;
      animation: none;
    }
  }
`;
