import { html, type SVGTemplateResult, type TemplateResult } from 'lit/html.js';

/**
 * A line icon on the 24×24 grid, drawn in the text's colour (see base.styles.ts). The shapes are
 * `svg` templates: inside an `html` one they would be created as HTML elements and not drawn.
 */
export const lineIcon = (shapes: SVGTemplateResult): TemplateResult =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true">${shapes}</svg>`;

/** A document with a folded corner: a file that is not shown inline. */
export const fileIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true">
  <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" /><path d="M14 3v5h5" />
</svg>`;
