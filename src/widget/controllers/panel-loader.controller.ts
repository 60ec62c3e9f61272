import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type PanelLoadState = 'idle' | 'loading' | 'loaded' | 'failed';

export interface PanelLoaderHost extends ReactiveControllerHost, EventTarget {
  /** Whether the panel should be shown. */
  readonly open: boolean;
}

/**
 * Loads the chat panel's code the first time its host opens, so the launcher's
 * own bundle stays small: the panel, its controllers, validation and transport
 * are lazy chunks.
 */
export class PanelLoaderController implements ReactiveController {
  state: PanelLoadState = 'idle';

  constructor(private readonly host: PanelLoaderHost) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.host.open && this.state === 'idle') void this.load();
  }

  async load(): Promise<void> {
    if (this.state === 'loading' || this.state === 'loaded') return;
    this.setState('loading');
    try {
      await import('../chat-panel/chat-panel.js');
      this.setState('loaded');
    } catch (error) {
      this.setState('failed');
      const message = error instanceof Error ? error.message : String(error);
      this.host.dispatchEvent(
        new CustomEvent('bridge-chat-error', {
          detail: { code: 'panel_load_failed', message: `The chat could not be loaded (${message}).` },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }

  private setState(state: PanelLoadState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
