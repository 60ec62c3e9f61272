import type { ReactiveControllerHost } from '@lit/reactive-element';
import { html, type TemplateResult } from 'lit/html.js';
import type { Language } from '../i18n/i18n.js';
import type { Translate } from '../i18n/panel-strings.js';
import { fileIcon } from '../icons.js';
import { formatFileSize } from '../messages/file-size.js';
import type { ChatAttachment } from '../transport/transport.js';
import { attachmentPlaceholder } from './attachment-placeholder.js';
import { AttachmentUrlController } from './attachment-urls.js';
import './attachment-view.strings.js';

export interface AttachmentViewHost extends ReactiveControllerHost {
  readonly t: Translate;
  readonly language: Language;
}

/**
 * How the list shows the files of received messages: inline images, other files as buttons
 * that open a fresh URL, or a line saying the file is gone. A chunk of its own, loaded once a
 * message with files is first shown: most conversations have none. The list keeps one view,
 * so the URLs it knows outlive rows that leave the list's window.
 */
export class AttachmentView {
  readonly #host: AttachmentViewHost;
  readonly #urls: AttachmentUrlController;

  constructor(host: AttachmentViewHost) {
    this.#host = host;
    this.#urls = new AttachmentUrlController(host);
  }

  render(attachment: ChatAttachment): TemplateResult {
    const { t, language } = this.#host;
    const name = attachment.filename ?? t('attachmentFallbackName');
    const unavailable = html`<p part="attachment" class="unavailable">${t('attachmentUnavailable')}</p>`;
    if (isInlineImage(attachment)) {
      const url = this.#urls.urlOf(attachment);
      const alt = t('imageAlt', { name });
      switch (url.state) {
        case 'unavailable':
          return unavailable;
        case 'loading':
          return attachmentPlaceholder(alt);
        case 'ready':
          return html`<button part="attachment" type="button" class="image" @click=${() => this.#open(attachment)}>
            <img src=${url.url} alt=${alt} @error=${() => this.#urls.failed(attachment, url.url)} />
          </button>`;
      }
    }
    if (this.#urls.isUnavailable(attachment)) return unavailable;
    const size = formatFileSize(attachment.size, language);
    return html`<button part="attachment" type="button" class="file" aria-label="${t('downloadFile', { name })}, ${size}"
      @click=${() => this.#open(attachment)}>
      ${fileIcon}<span class="file-name">${name}</span><span class="file-size">${size}</span>
    </button>`;
  }

  /**
   * Opens an attachment with a URL asked for now: one rendered earlier may have
   * expired. The tab opens at once, while the click still allows it, and goes to
   * the file when the URL arrives.
   */
  async #open(attachment: ChatAttachment): Promise<void> {
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    const url = await this.#urls.fresh(attachment);
    if (!tab) return;
    if (url) tab.location.href = url;
    else tab.close();
  }
}

/** Images shown inline. SVG is only offered as a file: it is a document that can carry scripts. */
function isInlineImage(attachment: ChatAttachment): boolean {
  return attachment.contentType.startsWith('image/') && attachment.contentType !== 'image/svg+xml';
}
