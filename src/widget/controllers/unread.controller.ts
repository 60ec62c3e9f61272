import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { Chime, TitleHint } from './unread-hints.js';
import { dispatchBridgeChatEvent } from '../events.js';
import type { Translate } from '../i18n/panel-strings.js';
import { ignoreFailure, lazyModule } from '../lazy-module.js';
import { markSeen, type MessagesReport, NO_UNREAD, trackUnread, type UnreadState } from '../messages/unread.js';
import type { PanelSettings } from '../settings/panel-settings.js';
import './unread.strings.js';

export interface UnreadHost extends ReactiveControllerHost, EventTarget {
  /** Whether the panel is shown (the tab's visibility is checked here), and which hints to give. */
  readonly settings: Pick<PanelSettings, 'panelShown' | 'sound' | 'titleHint'>;
}

/**
 * Counts the messages from others that arrive while the visitor cannot see the chat
 * (panel closed or tab hidden), clears the count when the chat is seen again, fires
 * `bridge-chat-unread` on every change (the launcher shows it as a badge) and drives
 * the optional title and sound hints. Part of the panel, which a returning visitor's
 * page loads hidden, so the launcher carries none of it.
 */
export class UnreadController implements ReactiveController {
  #state: UnreadState = NO_UNREAD;
  /** The title and sound hints: their code loads only once the site turns one on. */
  #hints: { title: TitleHint; chime: Chime } | undefined;
  readonly #loadHints = lazyModule(
    () => import('./unread-hints.js'),
    ({ Chime, TitleHint }) => {
      this.#hints = { title: new TitleHint(), chime: new Chime() };
      this.#syncTitle();
    },
  );

  readonly #t: () => Translate;
  readonly #host: UnreadHost;

  constructor(
    host: UnreadHost,
    /** The panel's strings, in its language and with the site's wording. */
    t: () => Translate,
  ) {
    this.#host = host;
    this.#t = t;
    host.addController(this);
  }

  get count(): number {
    return this.#state.unread.size;
  }

  /** "2 unread messages", for the launcher's label. */
  get text(): string {
    return this.#t()('unread', { count: this.count });
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#refresh);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#refresh);
    this.#hints?.title.stop();
    this.#hints?.chime.close();
  }

  hostUpdate(): void {
    if ((this.#host.settings.sound || this.#host.settings.titleHint) && !this.#hints) this.#loadHints().catch(ignoreFailure);
    this.#refresh();
  }

  /** Takes the panel's messages after they changed. */
  report(report: MessagesReport): void {
    this.#set(trackUnread(this.#state, report, this.#seen));
  }

  get #seen(): boolean {
    return this.#host.settings.panelShown && document.visibilityState === 'visible';
  }

  /** Catches up with the panel opening or closing, the tab showing or hiding, a hint turned on or off. */
  readonly #refresh = (): void => {
    if (this.#seen) this.#set(markSeen(this.#state));
    this.#syncTitle();
  };

  #set(state: UnreadState): void {
    const before = this.count;
    this.#state = state;
    if (this.count === before) return;
    // The count only grows while the chat is unseen. A message that arrives while the hints' code
    // is on its way chimes when it lands, unless the visitor has looked meanwhile.
    if (this.count > before && this.#host.settings.sound) {
      this.#loadHints().then(() => this.#seen || this.#hints?.chime.play(), ignoreFailure);
    }
    this.#syncTitle();
    this.#host.requestUpdate();
    dispatchBridgeChatEvent(this.#host, 'bridge-chat-unread', { count: this.count });
  }

  #syncTitle(): void {
    if (this.#host.settings.titleHint && this.count > 0 && !this.#seen) {
      this.#hints?.title.show(`(${this.count}) ${this.#t()('newMessage')}`);
    } else {
      this.#hints?.title.stop();
    }
  }
}
