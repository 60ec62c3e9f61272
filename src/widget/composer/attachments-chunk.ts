import type { ReactiveControllerHost } from '@lit/reactive-element';

/** The attachments chunk: its element keeps the files, its wording says why one is refused. */
type AttachmentsModule = typeof import('../attachments/attachments.js');

/**
 * Fetches the attachments chunk when first asked, once, and updates the host when it is there.
 * A failed fetch is forgotten, so the next file asks again.
 */
export class AttachmentsChunk {
  /** The chunk, once it has loaded. */
  module: AttachmentsModule | undefined;

  readonly #host: ReactiveControllerHost;
  #loading: Promise<AttachmentsModule> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  load(): Promise<AttachmentsModule> {
    this.#loading ??= import('../attachments/attachments.js').then(
      (module) => {
        this.module = module;
        this.#host.requestUpdate();
        return module;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }
}
