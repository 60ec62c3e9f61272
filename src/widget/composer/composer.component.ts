import type { PropertyDeclarations } from '@lit/reactive-element';
import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { AttachmentProblem, BridgeChatAttachments } from '../attachments/attachments.js';
import { themeTokens } from '../chat-panel/chat-panel.styles.js';
import type { Language } from '../i18n/i18n.js';
import { en } from '../i18n/panel/en.js';
import { type Translate, translator } from '../i18n/panel-strings.js';
import { checkOutgoingText, MAX_MESSAGE_BYTES } from '../messages/outgoing-text.js';
import { DEFAULT_ACCEPT, DEFAULT_MAX_FILE_MB } from '../settings/defaults.js';
import { type AttachmentPolicy, attachmentPolicy } from '../settings/panel-settings.js';
import { baseStyles } from '../styles/base.styles.js';
import { controlStyles } from '../styles/controls.styles.js';
import type { MediaLimits } from '../transport/transport.js';
import { lazyModule } from '../lazy-module.js';
import { WidgetElement } from '../widget-element.js';
import { styles } from './composer.styles.js';
import { formatBytes } from './format-bytes.js';

/** The detail of `bridge-chat-compose`: what the visitor sends. */
export interface ComposeDetail {
  /** Trimmed; empty when only files are sent. */
  body: string;
  files: File[];
}

/** Files of the current batch uploaded so far. */
export interface UploadProgress {
  done: number;
  total: number;
}

type ComposerProblem =
  | AttachmentProblem
  | { kind: 'too-long'; bytes: number }
  // The attachments chunk could not be fetched, so the files were not attached.
  | { kind: 'not-attached' };

/** Browsers without CSS `field-sizing` get the input grown by script. */
const growsByItself = CSS.supports('field-sizing', 'content');

/**
 * The panel's composer: a growing text input, attachments (button, drag-and-drop,
 * paste) checked before anything is sent, and upload progress. The files themselves are kept by
 * `<bridge-chat-attachments>`, a chunk of its own fetched with the first file: most visitors
 * never attach one.
 *
 * Events (non-bubbling): `bridge-chat-compose` (cancelable, detail `ComposeDetail`) when the
 * visitor sends; the composer then empties itself unless the listener calls `preventDefault()`.
 * `bridge-chat-typing` whenever the visitor edits non-empty text (the listener throttles).
 */
export default class BridgeChatComposer extends WidgetElement {
  static override styles = [themeTokens, baseStyles, controlStyles, styles];
  static override properties: PropertyDeclarations = {
    t: { attribute: false },
    language: { attribute: false },
    disabled: { type: Boolean, reflect: true },
    mediaLimits: { attribute: false },
    attachments: { attribute: false },
    progress: { attribute: false },
    problems: { state: true },
    dragging: { state: true },
  };

  /** The panel's strings. */
  t: Translate = translator(en);
  /** The language sizes are written in. */
  language: Language = 'en';
  /** Nothing can be typed or sent (e.g. the chat is closed); what was typed stays. */
  disabled = false;
  /** The conversation's media limits, once known. */
  mediaLimits: MediaLimits | undefined;
  /** Which files the site lets visitors attach. */
  attachments: AttachmentPolicy = attachmentPolicy(true, DEFAULT_ACCEPT, DEFAULT_MAX_FILE_MB);
  /** The upload under way, if any. */
  progress: UploadProgress | undefined;

  private problems: readonly ComposerProblem[] = [];
  private dragging = false;

  get #input(): HTMLTextAreaElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLTextAreaElement>('textarea');
  }
  get #filePicker(): HTMLInputElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLInputElement>('input[type="file"]');
  }
  /** The attached files, there once the attachments chunk has loaded and rendered. */
  get #attachmentList(): BridgeChatAttachments | null | undefined {
    return this.renderRoot?.querySelector('bridge-chat-attachments');
  }

  /** Drag events seen entering minus leaving: moving over inner elements leaves the outer one. */
  #dragDepth = 0;
  /** The attachments chunk, once loaded: its element keeps the chosen files, its wording says why one is refused. */
  #attachments: typeof import('../attachments/attachments.js') | undefined;
  readonly #loadAttachments = lazyModule(
    () => import('../attachments/attachments.js'),
    (module) => {
      this.#attachments = module;
      this.requestUpdate();
    },
  );

  /**
   * Attaches the files that pass the checks, and tells the visitor why the others do not; the
   * first time, once the attachments chunk has loaded. Does nothing while attachments are off or
   * the composer is disabled. Resolves once the files are attached or refused.
   */
  async addFiles(files: Iterable<File>): Promise<void> {
    if (!this.#canAttach) return;
    // Read at once: a drop's or a paste's files are out of reach once its event is over, and a
    // picker's once it is reset.
    const added = [...files];
    if (added.length === 0) return;
    try {
      await this.#loadAttachments();
    } catch {
      this.problems = [{ kind: 'not-attached' }];
      return;
    }
    // The first time, the attachments element is rendered then.
    await this.updateComplete;
    const list = this.#attachmentList;
    // Attachments may have been turned off, or the composer disabled, while the chunk loaded.
    if (list && this.#canAttach) this.problems = list.add(added, this.attachments, this.mediaLimits);
  }

  /** Focuses the text input. */
  override focus(options?: FocusOptions): void {
    if (this.#input) this.#input.focus(options);
    else void this.updateComplete.then(() => this.#input?.focus(options));
  }

  get #canAttach(): boolean {
    return this.attachments.enabled && !this.disabled;
  }

  protected override render(): TemplateResult {
    const { t, progress, problems } = this;
    const textInvalid = problems.some((problem) => problem.kind === 'too-long');
    return html`
      <div
        class="composer"
        @dragenter=${this.#handleDragEnter}
        @dragover=${this.#handleDragOver}
        @dragleave=${this.#handleDragLeave}
        @drop=${this.#handleDrop}
      >
        <div class="progress" role="status">${progress
          ? html`<span id="progress">${t('uploading', { done: progress.done, total: progress.total })}</span>
              <progress aria-labelledby="progress" max=${progress.total} .value=${progress.done}></progress>`
          : nothing}</div>
        <div id="problems" class="problems" role="alert">${problems.map((problem) => html`<p>${this.#describe(problem)}</p>`)}</div>
        ${this.#attachments
          ? html`<bridge-chat-attachments
              .t=${t}
              .language=${this.language}
              ?disabled=${this.disabled}
              @bridge-chat-file-removed=${this.#handleFileRemoved}
            ></bridge-chat-attachments>`
          : nothing}
        <div class="row">
          ${this.attachments.enabled
            ? html`<button
                  part="attach"
                  class="icon-button"
                  type="button"
                  aria-label=${t('attach')}
                  aria-describedby="problems"
                  ?disabled=${this.disabled}
                  @click=${() => this.#filePicker?.click()}
                >
                  ${attachIcon}
                </button>
                <input
                  type="file"
                  hidden
                  multiple
                  accept=${this.attachments.accept.join(',')}
                  @change=${this.#handlePicked}
                />`
            : nothing}
          <textarea
            part="input"
            rows="1"
            enterkeyhint="send"
            placeholder=${t('messagePlaceholder')}
            aria-label=${t('messageLabel')}
            aria-invalid=${textInvalid ? 'true' : 'false'}
            aria-describedby="problems"
            ?disabled=${this.disabled}
            @keydown=${this.#handleKeydown}
            @input=${this.#handleInput}
            @paste=${this.#handlePaste}
          ></textarea>
          <button
            part="send"
            class="icon-button send"
            type="button"
            aria-label=${t('send')}
            ?disabled=${this.disabled}
            @click=${this.#submit}
          >
            ${sendIcon}
          </button>
        </div>
        ${this.dragging ? html`<div class="drop">${t('dropFiles')}</div>` : nothing}
      </div>
    `;
  }

  #describe(problem: ComposerProblem): string {
    const { t, language } = this;
    switch (problem.kind) {
      case 'too-long':
        return t('tooLong', { size: formatBytes(problem.bytes, language), limit: formatBytes(MAX_MESSAGE_BYTES, language) });
      case 'not-attached':
        return t('errorGeneric');
      default:
        // Only the attachments chunk refuses files, so it is there to say why.
        return this.#attachments?.describeAttachmentProblem(problem, t, language) ?? '';
    }
  }

  #handleFileRemoved(): void {
    this.problems = [];
    // The remove button that had focus is gone.
    this.focus();
  }

  #handleInput(): void {
    this.problems = [];
    this.#fitInput();
    if (this.#input?.value.trim()) this.dispatchEvent(new CustomEvent('bridge-chat-typing'));
  }

  #handleKeydown(event: KeyboardEvent): void {
    // Enter sends; Shift+Enter adds a line; Enter that confirms an IME composition does neither
    // (Safari reports that one with keyCode 229 after the composition ended).
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    this.#submit();
  }

  #handlePaste(event: ClipboardEvent): void {
    const data = event.clipboardData;
    // Office apps put a picture of copied text beside the text itself: text wins.
    if (!data?.files.length || data.types.includes('text/plain') || !this.#canAttach) return;
    event.preventDefault();
    void this.addFiles(data.files);
  }

  #handlePicked(event: Event): void {
    const picker = event.target as HTMLInputElement;
    if (picker.files) void this.addFiles(picker.files);
    // Picking the same file again must fire `change` again.
    picker.value = '';
  }

  #carriesFiles(event: DragEvent): boolean {
    return this.#canAttach && !!event.dataTransfer?.types.includes('Files');
  }

  #handleDragEnter(event: DragEvent): void {
    if (!this.#carriesFiles(event)) return;
    this.#dragDepth += 1;
    this.dragging = true;
  }

  #handleDragOver(event: DragEvent): void {
    if (!this.#carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = 'copy';
  }

  #handleDragLeave(event: DragEvent): void {
    if (!this.#carriesFiles(event)) return;
    this.#dragDepth = Math.max(0, this.#dragDepth - 1);
    this.dragging = this.#dragDepth > 0;
  }

  #handleDrop(event: DragEvent): void {
    this.#dragDepth = 0;
    this.dragging = false;
    if (!this.#carriesFiles(event)) return;
    event.preventDefault();
    void this.addFiles(event.dataTransfer!.files);
  }

  /** Sends the text and files if they pass the checks, and empties the composer unless the panel objects. */
  #submit(): void {
    const input = this.#input;
    if (!input || this.disabled) return;
    const text = checkOutgoingText(input.value);
    // No attachments element: no file was ever attached, and text alone needs no chunk.
    const list = this.#attachmentList;
    const files = [...(list?.files ?? [])];
    if (text.kind === 'empty' && files.length === 0) return;
    // The limits may have arrived or changed since the files were added.
    const problems: ComposerProblem[] = list?.check(this.attachments, this.mediaLimits) ?? [];
    if (text.kind === 'too-long') problems.unshift({ kind: 'too-long', bytes: text.bytes });
    this.problems = problems;
    if (problems.length === 0) {
      const detail: ComposeDetail = { body: text.kind === 'ok' ? text.body : '', files };
      if (this.dispatchEvent(new CustomEvent('bridge-chat-compose', { detail, cancelable: true }))) {
        input.value = '';
        list?.clear();
        this.#fitInput();
      }
    }
    input.focus();
  }

  #fitInput(): void {
    const input = this.#input;
    if (growsByItself || !input) return;
    input.style.blockSize = 'auto';
    input.style.blockSize = `${input.scrollHeight + input.offsetHeight - input.clientHeight}px`;
  }
}

const attachIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true">
  <path d="M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7L9.7 17a1.7 1.7 0 0 1-2.4-2.4L15 7" />
</svg>`;
const sendIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 12l16-8-6 16-2.5-6.5z" /></svg>`;
