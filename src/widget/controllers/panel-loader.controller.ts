import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { dispatchBridgeChatEvent } from '../events.js';
import type { Language } from '../i18n/i18n.js';
import { hasStoredSession } from '../session/session-token-store.js';

export type PanelLoadState = 'idle' | 'loading' | 'loaded' | 'failed';

export interface PanelLoaderHost extends ReactiveControllerHost, Element {
  /** Whether the panel should be shown. */
  readonly panelShown: boolean;
  /** The language the panel will speak. */
  readonly language: Language;
  /** The companion's base URL: a session stored for it means a returning visitor. */
  readonly sessionUrl: string;
}

/** How long an idle load may wait for the browser to be idle. */
const IDLE_TIMEOUT_MS = 3_000;
/** A pointer this close to the launcher (px) is probably heading for it: the panel's code starts loading. */
const NEAR_LAUNCHER_PX = 120;

/** The panel's class: `chat-panel.js` defines it as `<bridge-chat-panel>` when it loads. */
type PanelClass = typeof import('../chat-panel/chat-panel.component.js').default;

/**
 * Loads the chat panel's code the first time its host shows it, so the launcher's
 * own bundle stays small: the panel, its controllers, strings and transport are
 * lazy chunks. The code is fetched ahead (`preload`, without showing anything)
 * when the pointer nears the host or the launcher gets focus, so a click finds it
 * ready. A returning visitor (a session is stored) gets the panel loaded, hidden,
 * once the page is idle: its chat reconnects, so the launcher can count messages
 * that arrive before the visitor opens it.
 */
export class PanelLoaderController implements ReactiveController {
  state: PanelLoadState = 'idle';
  #cancelIdleLoad: (() => void) | undefined;
  #loading: Promise<void> | undefined;
  #panelCode: Promise<void> | undefined;
  readonly #host: PanelLoaderHost;

  constructor(host: PanelLoaderHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.state === 'idle') document.addEventListener('pointermove', this.#watchPointer, { passive: true });
    // Checked once idle, when a script that sets `session-url` after inserting the element has run too.
    this.#cancelIdleLoad = whenIdle(() => {
      this.#cancelIdleLoad = undefined;
      if (this.state === 'idle' && hasStoredSession(this.#host.sessionUrl)) void this.load();
    });
  }

  hostDisconnected(): void {
    this.#cancelIdleLoad?.();
    this.#cancelIdleLoad = undefined;
    document.removeEventListener('pointermove', this.#watchPointer);
  }

  hostUpdate(): void {
    if (this.#host.panelShown && this.state === 'idle') void this.load();
  }

  /**
   * Loads the panel (again, after a failure); resolves once it is loaded or has failed (see `state`).
   * While a load is under way, resolves with it.
   */
  load(): Promise<void> {
    if (this.state === 'loaded') return Promise.resolve();
    this.#loading ??= this.#loadPanel().finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  /** Fetches the panel's code (and strings) without showing anything; a failure is left for `load` to retry and report. */
  readonly preload = (): void => {
    document.removeEventListener('pointermove', this.#watchPointer);
    this.#fetchPanelCode().catch(() => {});
  };

  #fetchPanelCode(): Promise<void> {
    // The module is loaded for its side effect, never read: reading its exports makes the bundler
    // build a namespace object, whose helper then travels in the panel's chunk.
    this.#panelCode ??= import('../chat-panel/chat-panel.js').then(async () => {
      const panel = customElements.get('bridge-chat-panel') as PanelClass;
      // Its strings too, so the panel speaks the visitor's language from its first frame; if they
      // cannot be loaded it starts in English and tries again later.
      // Another copy of the widget on the page may have defined the element with its own class.
      await panel.loadStrings?.(this.#host.language).catch(() => {});
    });
    // A failed fetch is not kept: the next load asks again.
    this.#panelCode.catch(() => (this.#panelCode = undefined));
    return this.#panelCode;
  }

  readonly #watchPointer = (event: PointerEvent): void => {
    const box = this.#host.getBoundingClientRect();
    const dx = Math.max(box.left - event.clientX, 0, event.clientX - box.right);
    const dy = Math.max(box.top - event.clientY, 0, event.clientY - box.bottom);
    if (Math.hypot(dx, dy) <= NEAR_LAUNCHER_PX) this.preload();
  };

  async #loadPanel(): Promise<void> {
    this.#setState('loading');
    try {
      await this.#fetchPanelCode();
      this.#setState('loaded');
    } catch (error) {
      this.#setState('failed');
      const message = error instanceof Error ? error.message : String(error);
      dispatchBridgeChatEvent(this.#host, 'bridge-chat-error', {
        code: 'panel_load_failed',
        message: `The chat could not be loaded (${message}).`,
      });
    }
  }

  #setState(state: PanelLoadState): void {
    this.state = state;
    this.#host.requestUpdate();
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
