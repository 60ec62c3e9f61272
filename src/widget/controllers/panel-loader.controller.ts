import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { dispatchBridgeChatEvent } from '../events.js';
import type { Language } from '../i18n/i18n.js';
import { hasStoredSession } from '../session/session-token-store.js';

export type PanelLoadState = 'idle' | 'loading' | 'loaded' | 'failed';

export interface PanelLoaderHost extends ReactiveControllerHost, EventTarget {
  /** Whether the panel should be shown. */
  readonly panelShown: boolean;
  /** The language the panel will speak. */
  readonly language: Language;
  /** The companion's base URL: a session stored for it means a returning visitor. */
  readonly sessionUrl: string;
}

/** How long an idle load may wait for the browser to be idle. */
const IDLE_TIMEOUT_MS = 3_000;

/**
 * Loads the chat panel's code the first time its host shows it, so the launcher's
 * own bundle stays small: the panel, its controllers, validation, strings and
 * transport are lazy chunks. A returning visitor (a session is stored) gets the
 * panel loaded, hidden, once the page is idle: its chat reconnects, so the launcher
 * can count messages that arrive before the visitor opens it.
 */
export class PanelLoaderController implements ReactiveController {
  state: PanelLoadState = 'idle';
  private cancelIdleLoad: (() => void) | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly host: PanelLoaderHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // Checked once idle, when a script that sets `session-url` after inserting the element has run too.
    this.cancelIdleLoad = whenIdle(() => {
      this.cancelIdleLoad = undefined;
      if (this.state === 'idle' && hasStoredSession(this.host.sessionUrl)) void this.load();
    });
  }

  hostDisconnected(): void {
    this.cancelIdleLoad?.();
    this.cancelIdleLoad = undefined;
  }

  hostUpdate(): void {
    if (this.host.panelShown && this.state === 'idle') void this.load();
  }

  /**
   * Loads the panel (again, after a failure); resolves once it is loaded or has failed (see `state`).
   * While a load is under way, resolves with it.
   */
  load(): Promise<void> {
    if (this.state === 'loaded') return Promise.resolve();
    this.loading ??= this.loadPanel().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async loadPanel(): Promise<void> {
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
      dispatchBridgeChatEvent(this.host, 'bridge-chat-error', {
        code: 'panel_load_failed',
        message: `The chat could not be loaded (${message}).`,
      });
    }
  }

  private setState(state: PanelLoadState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}

/** Runs `task` once the browser is idle (or soon, where it cannot tell); returns a cancel function. */
function whenIdle(task: () => void): () => void {
  if ('requestIdleCallback' in window) {
    const handle = requestIdleCallback(task, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, IDLE_TIMEOUT_MS);
  return () => clearTimeout(handle);
}
