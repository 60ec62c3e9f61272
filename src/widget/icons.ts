import { html, type SVGTemplateResult, type TemplateResult } from 'lit';

/**
 * A line icon on the 24×24 grid, drawn in the text's colour (see base.styles.ts). The shapes are
 * `svg` templates: inside an `html` one they would be created as HTML elements and not drawn.
 */
export const lineIcon = (shapes: SVGTemplateResult): TemplateResult =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true">${shapes}</svg>`;
