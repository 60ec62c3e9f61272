import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Language } from '../i18n/i18n.js';

export type PanelLoadState = 'idle' | 'loading' | 'loaded' | 'failed';

export interface PanelLoaderHost extends ReactiveControllerHost, EventTarget {
  /** Whether the panel should be shown. */
  readonly panelShown: boolean;
  /** The language the panel will speak. */
  readonly language: Language;
}

/**
 * Loads the chat panel's code the first time its host shows it, so the launcher's
 * own bundle stays small: the panel, its controllers, validation, strings and
 * transport are lazy chunks.
 */
export class PanelLoaderController implements ReactiveController {
  state: PanelLoadState = 'idle';

  constructor(private readonly host: PanelLoaderHost) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.host.panelShown && this.state === 'idle') void this.load();
  }

  async load(): Promise<void> {
    if (this.state === 'loading' || this.state === 'loaded') return;
    this.setState('loading');
    try {
      const panel = await import('../chat-panel/chat-panel.js');
      // Its strings too, so the panel speaks the visitor's language from its first frame; if they
      // cannot be loaded it starts in English and tries again later.
      await panel.loadPanelStrings(this.host.language).catch(() => {});
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
