import { css } from '@lit/reactive-element';

/*
 * The ground rules of every shadow root inside the panel (panel, message list, composer, pre-chat
 * form). One CSSResult: Lit makes one constructable stylesheet of it and adopts that same sheet in
 * every shadow root, so it is parsed once and shipped once. Each element's own styles come after it
 * in its `static styles` array and override it where they must (same specificity, later wins).
 * Colours are the theme's --_* tokens (chat-panel.styles.ts), which each element also adopts for
 * itself, so it has them on its own too (tests).
 *
 * Notes on the widget's css`` literals: the browser bundles minify their text
 * (build/minify-template-literals.ts), the npm build ships it as written, so their comments stand
 * outside them, as here.
 * - svg: line icons (24×24 view box) drawn in the text's colour, 20px unless an element says else.
 * - button: starts bare, in the text around it; each kind of button adds its own look.
 * - .visually-hidden: read by screen readers, not shown.
 */
export const baseStyles = css`
  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  :focus-visible {
    outline: 2px solid var(--_focus-ring);
    outline-offset: 2px;
  }

  svg {
    flex: none;
    inline-size: 20px;
    block-size: 20px;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  button {
    margin: 0;
    padding: 0;
    border: none;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
