import { css } from '@lit/reactive-element';

/*
 * The launcher and the panel's placement. The theme is a `color-scheme` here (light, dark, or the
 * visitor's system for `auto`), inherited by the panel, whose tokens follow it with light-dark()
 * (chat-panel.styles.ts); the launcher needs only the accent. The panel's loading and failed
 * placeholders, shown before the panel's styles exist, use the system's Canvas colours.
 * - The unread badge is the same in both themes, as it sits on the page, not on the panel.
 * - The host sits in the page's end corner by default: bottom right, bottom left on a right-to-left
 *   page. mode="inline": a block in the page flow whose box the panel fills; that rule is more
 *   specific than the narrow-viewport one, so an inline panel never goes full-screen.
 * - [part='panel']: above the launcher, aligned with the host's corner in physical sides (the
 *   panel's own direction is its language's, which need not be the page's).
 * - Below 640px the open panel takes the whole visible screen, and it rises into view: the panel's
 *   own styles (chat-panel.styles.ts), which load with it.
 * - Motion only for visitors who have not asked their system for less.
 */
export const styles = css`
  :host {
    --_accent: var(--bridge-chat-accent, #4f46e5);
    --_accent-contrast: var(--bridge-chat-accent-contrast, #fff);
    --_font: var(--bridge-chat-font-family, system-ui, sans-serif);
    --_radius: var(--bridge-chat-radius, 16px);
    --_offset: var(--bridge-chat-offset, 20px);
    color-scheme: light;
    position: fixed;
    inset-inline-end: var(--_offset);
    bottom: var(--_offset);
    z-index: var(--bridge-chat-z-index, 2147483000);
    display: block;
    font-family: var(--_font);
  }

  :host([theme='dark']) {
    color-scheme: dark;
  }

  :host([theme='auto']) {
    color-scheme: light dark;
  }

  :host([position='left']) {
    right: auto;
    left: var(--_offset);
  }

  :host([position='right']) {
    right: var(--_offset);
    left: auto;
  }

  :host([mode='inline']) {
    position: relative;
    inset: auto;
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
  }

  [part='launcher']:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 3px;
  }

  [part='unread-badge'] {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
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
  /* The launcher's icon only: the header, greeting and footer slots are the site's to size. */
  ::slotted([slot='launcher-icon']) {
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
  }

  :host([position='left']) [part='panel'],
  :host(:dir(rtl):not([position='right'])) [part='panel'] {
    right: auto;
    left: 0;
  }

  :host([mode='inline']) [part='panel'] {
    position: static;
    flex: 1;
    width: auto;
    height: auto;
    min-height: 0;
    border-radius: var(--_radius);
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
    padding: 24px;
    background: Canvas;
    color: CanvasText;
    text-align: center;
    border-radius: var(--_radius);
    box-shadow: 0 24px 48px -12px rgb(16 24 40 / 0.28);
  }

  .load-failed p {
    margin: 0;
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

  .load-failed button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }

  @media (prefers-reduced-motion: no-preference) {
    [part='launcher'] {
      transition:
        transform 150ms ease,
        box-shadow 150ms ease;
    }

    [part='launcher']:hover {
      transform: scale(1.06);
      box-shadow: 0 12px 28px -6px rgb(16 24 40 / 0.4);
    }
  }
`;
