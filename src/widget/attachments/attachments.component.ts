import type { PropertyDeclarations } from '@lit/reactive-element';
import { html, nothing, type TemplateResult } from 'lit/html.js';
import { themeTokens } from '../chat-panel/chat-panel.styles.js';
import type { Language } from '../i18n/i18n.js';
import { en } from '../i18n/panel/en.js';
import { type Translate, translator } from '../i18n/panel-strings.js';
import { fileIcon } from '../icons.js';
import { formatFileSize } from '../messages/file-size.js';
import type { AttachmentPolicy } from '../settings/panel-settings.js';
import { baseStyles } from '../styles/base.styles.js';
import { controlStyles } from '../styles/controls.styles.js';
import type { MediaLimits } from '../transport/transport.js';
import { WidgetElement } from '../widget-element.js';
import { type AttachmentProblem, checkAttachments } from './attachment-check.js';
import { styles } from './attachments.styles.js';
import './attachments.strings.js';

/**
 * The files waiting to go with the composer's next message, as chips (a thumbnail for images, the
 * name, the size, a remove button). The composer loads it with the first file, adds files with
 * `add()`, checks them again with `check()` before sending and empties it with `clear()`. The
 * problems these return are shown by the composer, in the alert its input and attach button point
 * to: `aria-describedby` cannot reach into this element's shadow root.
 *
 * Event (non-bubbling): `bridge-chat-file-removed` when the visitor removes a file.
 */
export default class BridgeChatAttachments extends WidgetElement {
  static override styles = [themeTokens, baseStyles, controlStyles, styles];
  static override properties: PropertyDeclarations = {
    t: { attribute: false },
    language: { attribute: false },
    disabled: { type: Boolean },
    attached: { state: true },
  };

  /** The panel's strings. */
  t: Translate = translator(en);
  /** The language sizes are written in. */
  language: Language = 'en';
  /** The files cannot be removed (the composer adds none meanwhile). */
  disabled = false;

  private attached: readonly File[] = [];

  /** Thumbnails of the image files, made and revoked as files come and go. */
  readonly #previews = new Map<File, string>();

  /** The files to send, in the order they were added. */
  get files(): readonly File[] {
    return this.attached;
  }

  /**
   * Attaches the files (each once) that pass the checks against the site's policy and the
   * conversation's limits (when known), and returns why the others cannot be.
   */
  add(files: readonly File[], policy: AttachmentPolicy, limits: MediaLimits | undefined): AttachmentProblem[] {
    const fresh = [...new Set(files)].filter((file) => !this.attached.includes(file));
    const { accepted, problems } = checkAttachments(this.attached, fresh, policy, limits);
    this.attached = [...this.attached, ...accepted];
    return problems;
  }

  /** Why the attached files cannot be sent as they are: the policy or limits may have changed since they were added. */
  check(policy: AttachmentPolicy, limits: MediaLimits | undefined): AttachmentProblem[] {
    return checkAttachments([], this.attached, policy, limits).problems;
  }

  /** Lets go of every file, once they are sent. */
  clear(): void {
    this.attached = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Thumbnails are revoked on disconnect; an element put back makes them again.
    if (this.attached.length > 0) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const url of this.#previews.values()) URL.revokeObjectURL(url);
    this.#previews.clear();
  }

  protected override willUpdate(): void {
    for (const [file, url] of this.#previews) {
      if (!this.attached.includes(file)) {
        URL.revokeObjectURL(url);
        this.#previews.delete(file);
      }
    }
    for (const file of this.attached) {
      if (file.type.startsWith('image/') && !this.#previews.has(file)) this.#previews.set(file, URL.createObjectURL(file));
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    if (this.attached.length === 0) return nothing;
    // No repeat(): with a directive here the bundler would split Lit's directive helpers out of
    // the panel's chunk, costing a request and bytes on every open.
    return html`<ul class="files">
      ${this.attached.map((file) => this.#renderFile(file))}
    </ul>`;
  }

  #renderFile(file: File): TemplateResult {
    const preview = this.#previews.get(file);
    return html`<li class="file">
      ${preview ? html`<img src=${preview} alt="" />` : fileIcon}
      <span class="name">${file.name}</span>
      <span class="size">${formatFileSize(file.size, this.language)}</span>
      <button
        class="icon-button remove"
        type="button"
        aria-label=${this.t('removeAttachment', { name: file.name })}
        ?disabled=${this.disabled}
        @click=${() => this.#remove(file)}
      >
        ${removeIcon}
      </button>
    </li>`;
  }

  #remove(file: File): void {
    this.attached = this.attached.filter((kept) => kept !== file);
    // The composer clears the problems shown and puts focus back in its input: this button is gone.
    this.dispatchEvent(new CustomEvent('bridge-chat-file-removed'));
  }
}

const removeIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 7l10 10M17 7L7 17" /></svg>`;
