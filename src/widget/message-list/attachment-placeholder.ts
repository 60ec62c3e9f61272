import { html, type TemplateResult } from 'lit/html.js';

/**
 * A file's box while it cannot be shown yet (its view's code or its image's URL is on the
 * way): the size of an image, so nothing moves when it arrives.
 */
export const attachmentPlaceholder = (label: string): TemplateResult =>
  html`<span part="attachment" class="image loading" role="img" aria-label=${label}></span>`;
