import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Chime, TitleHint } from '../bridge-chat/hints.js';
import type { Language } from '../i18n/i18n.js';
import { type BridgeChatStrings, launcherText } from '../i18n/launcher-strings.js';
import { markSeen, type MessagesReport, NO_UNREAD, trackUnread, type UnreadState } from '../messages/unread.js';

export interface UnreadHost extends ReactiveControllerHost, EventTarget {
  /** Whether the panel is shown (open, or inline); the tab's visibility is checked here. */
  readonly panelShown: boolean;
  /** Whether to chime when an unread message arrives. */
  readonly sound: boolean;
  /** Whether to alternate the tab's title with a hint while messages are unread. */
  readonly titleHint: boolean;
  readonly language: Language;
  /** The site's own wording, e.g. of the title hint. */
  readonly strings: BridgeChatStrings;
}

/**
 * Counts the messages from others that arrive while the visitor cannot see the chat
 * (panel closed or tab hidden), clears the count when the chat is seen again, fires
 * `bridge-chat-unread` on every change and drives the optional title and sound hints.
 */
export class UnreadController implements ReactiveController {
  private state: UnreadState = NO_UNREAD;
  private readonly title = new TitleHint();
  private readonly chime = new Chime();

  constructor(private readonly host: UnreadHost) {
    host.addController(this);
  }

  get count(): number {
    return this.state.unread.size;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.refresh);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.refresh);
    this.title.stop();
    this.chime.close();
  }

  hostUpdate(): void {
    this.refresh();
  }

  /** Takes the panel's messages after they changed. */
  report(report: MessagesReport): void {
    this.set(trackUnread(this.state, report, this.seen));
  }

  private get seen(): boolean {
    return this.host.panelShown && document.visibilityState === 'visible';
  }

  /** Catches up with the panel opening or closing, the tab showing or hiding, a hint turned on or off. */
  private readonly refresh = (): void => {
    if (this.seen) this.set(markSeen(this.state));
    this.syncTitle();
  };

  private set(state: UnreadState): void {
    const before = this.count;
    this.state = state;
    if (this.count === before) return;
    // The count only grows while the chat is unseen.
    if (this.count > before && this.host.sound) this.chime.play();
    this.syncTitle();
    this.host.requestUpdate();
    this.host.dispatchEvent(
      new CustomEvent('bridge-chat-unread', { detail: { count: this.count }, bubbles: true, composed: true }),
    );
  }

  private syncTitle(): void {
    if (this.host.titleHint && this.count > 0 && !this.seen) {
      this.title.show(`(${this.count}) ${launcherText(this.host.language, this.host.strings).newMessage}`);
    } else {
      this.title.stop();
    }
  }
}
