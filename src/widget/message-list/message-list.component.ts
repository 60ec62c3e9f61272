import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import {
  virtualize,
  type VirtualizeDirectiveConfig,
  type VirtualizerHostElement,
  virtualizerRef,
} from '@lit-labs/virtualizer/virtualize.js';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { Language } from '../i18n/i18n.js';
import { en } from '../i18n/panel/en.js';
import { dateFormat, type Translate, translator } from '../i18n/panel-strings.js';
import { avatarHue, initials } from '../messages/avatar.js';
import { formatFileSize } from '../messages/file-size.js';
import { localDay, type MessageRow, messageRows } from '../messages/group-messages.js';
import { linkify } from '../messages/linkify.js';
import { baseStyles } from '../styles/base.styles.js';
import { controlStyles } from '../styles/controls.styles.js';
import type { ChatAttachment, ChatMessage, ChatParticipant } from '../transport/transport.js';
import { AttachmentUrlController } from './attachment-urls.js';
import { styles } from './message-list.styles.js';

/** A message in the visitor's outbox, as the list shows it (the outbox's `PendingMessage` fits). */
export interface PendingView {
  clientId: string;
  body: string;
  /** One file per entry; a message with text and files becomes several entries. */
  file?: File;
  createdAt: Date;
  state: 'queued' | 'sending' | 'failed';
}

/** Detail of `bridge-chat-retry` and `bridge-chat-discard`: which outbox entry. */
export interface PendingActionDetail {
  clientId: string;
}

type Row = MessageRow<PendingView>;
type MessageRowOf<K extends Row['kind']> = Extract<Row, { kind: K }>;
type Layout = NonNullable<VirtualizeDirectiveConfig<Row>['layout']>;

/** What one message row shows, whether the message is confirmed or still in the outbox. */
interface EntryView {
  own: boolean;
  /** The name shown or said: "You" for the visitor. */
  author: string;
  /** The identity the avatar's colour comes from; undefined for the visitor's own, which have none. */
  avatarOf: string | undefined;
  body: string;
  files: TemplateResult[];
  sentAt: Date | null;
  /** For the visitor's messages: `sent`, `read`, or the outbox state. */
  state: string | undefined;
  /** The delivery status said for the visitor's messages. */
  status: string | undefined;
  /** Whether the status is shown, or only said to assistive technology. */
  statusShown: boolean;
  /** The outbox entry, whose failure offers retry and delete. */
  failed?: PendingView;
}

/** Closer to the end than this (px) counts as reading the newest messages: new ones keep the list at the end. */
const STICK_TO_END_PX = 48;
/** Closer to the top than this (px) asks for earlier messages, so they are there before the visitor arrives. */
const LOAD_OLDER_PX = 320;

const timeOfDay: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const fullDate: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };

/**
 * `<bridge-chat-message-list>`: the conversation inside the panel. Confirmed
 * messages and the visitor's outbox, grouped by author with avatars, day and
 * "new messages" separators, delivery status, links and attachments, in a
 * virtualized `role="log"` (only the rows near the viewport are in the DOM),
 * with the typing indicator below it.
 *
 * Starts at the newest message and stays there as messages arrive while the
 * visitor is at the end (or sends one); asks for earlier messages near the top
 * and keeps what the visitor sees in place when they are prepended.
 *
 * Events (not bubbling): `bridge-chat-load-older`; `bridge-chat-retry` and
 * `bridge-chat-discard` (detail `PendingActionDetail`).
 *
 * Parts: `messages` (the log), `message`, `avatar`, `day-separator`,
 * `new-messages`, `delivery-status`, `attachment`, `typing`.
 *
 * Slot: `greeting`, shown in place of the empty conversation's text while `greeting` is set.
 */
export default class BridgeChatMessageList extends LitElement {
  static override styles = [baseStyles, controlStyles, styles];

  /** Confirmed messages, oldest first. */
  @property({ attribute: false }) messages: readonly ChatMessage[] = [];
  /** The visitor's messages not confirmed yet. */
  @property({ attribute: false }) pending: readonly PendingView[] = [];
  /** The visitor's identity: their messages are shown as their own. */
  @property({ attribute: false }) identity: string | undefined;
  /** Everyone in the conversation by identity, for names. */
  @property({ attribute: false }) participants: ReadonlyMap<string, ChatParticipant> = new Map();
  /** The newest index another participant has read: the visitor's messages up to it are "read". */
  @property({ attribute: false }) othersReadIndex: number | null = null;
  /** The "new messages" separator goes before the first message from others after this index. */
  @property({ attribute: false }) newMessagesAfter: number | undefined;
  /** Whether there are messages before the first one. */
  @property({ attribute: false }) hasOlder = false;
  @property({ attribute: false }) loadingOlder = false;
  /** The last attempt to load earlier messages failed: a button offers another. */
  @property({ attribute: false }) olderFailed = false;
  /** Who else is typing now. */
  @property({ attribute: false }) typists: readonly ChatParticipant[] = [];
  @property({ attribute: false }) t: Translate = translator(en);
  @property({ attribute: false }) language: Language = 'en';
  /** Whether the host forwards a `greeting` slot, shown in place of the empty conversation's text. */
  @property({ attribute: false }) greeting = false;

  @query('[part="messages"]') private log?: HTMLElement;

  private readonly attachmentUrls = new AttachmentUrlController(this);

  private rows: Row[] = [];
  /** The virtualizer's layout for this render: pinned to a row when the list must move, else left alone. */
  private layout: Layout = flow();
  /** A row to bring back to where it was on screen once earlier messages are laid out above it. */
  private anchor: { key: string; offset: number } | undefined;
  /** The first message when earlier ones were last asked for, so one position asks once. */
  private olderAskedBefore: string | undefined;
  /** Whether the visitor was at the newest message before the log last changed size. */
  private readingNewest = true;
  /** Set when the log shrank or grew while the visitor read the newest message: the next render keeps it in view. */
  private keepNewestInView = false;
  /** The log's box changes when the history opens or the on-screen keyboard shows. */
  private readonly logResize = new ResizeObserver(() => {
    if (!this.readingNewest) return;
    this.keepNewestInView = true;
    this.requestUpdate();
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.logResize.disconnect();
  }

  protected override firstUpdated(): void {
    if (this.log) this.logResize.observe(this.log);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.layout = flow();
    const rowsChanged = (['messages', 'pending', 'identity', 'newMessagesAfter'] as const).some((key) => changed.has(key));
    const previousRows = this.rows;
    if (rowsChanged) {
      this.rows = messageRows({
        messages: this.messages,
        pending: this.pending,
        identity: this.identity,
        newMessagesAfter: this.newMessagesAfter,
      });
    }
    const last = this.rows.length - 1;
    if (last < 0) return;
    const previousFirst = (changed.get('messages') as readonly ChatMessage[] | undefined)?.[0];
    const first = this.messages[0];
    if (previousFirst && first && first.index < previousFirst.index) {
      // Earlier messages arrived: the row at the top of the view stays where it is.
      this.anchor = this.visibleAnchor();
      const index = this.anchor ? this.rows.findIndex((row) => row.key === this.anchor?.key) : -1;
      if (index >= 0) this.layout = flow({ pin: { index, block: 'start' } });
      return;
    }
    const lastRow = this.rows[last];
    const ownArrived =
      previousRows.at(-1)?.key !== lastRow?.key && (lastRow?.kind === 'pending' || (lastRow?.kind === 'message' && lastRow.own));
    // At the end, the newest message stays in view whatever changes size: rows, or the typing line below.
    const followNewest = (rowsChanged || changed.has('typists')) && this.atEnd();
    if (previousRows.length === 0 || ownArrived || followNewest || this.keepNewestInView) {
      this.layout = flow({ pin: { index: last, block: 'end' } });
    }
    this.keepNewestInView = false;
  }

  protected override updated(): void {
    const virtualizer = this.virtualizer;
    if (this.rows.length > 0 && virtualizer) {
      virtualizer.layoutComplete.then(
        () => {
          this.restoreAnchor();
          this.loadOlderIfNear();
        },
        // Rejected when the list is removed meanwhile: there is no view to restore any more.
        () => {
          this.anchor = undefined;
        },
      );
    } else {
      this.loadOlderIfNear();
    }
    this.updateBusy();
  }

  protected override render(): TemplateResult {
    const { t } = this;
    // The log is the virtualizer itself (its scroller): every child is a row it places.
    return html`
      <div class="frame">
        ${this.renderOlder()}
        <div part="messages" class="log" role="log" aria-live="polite" aria-relevant="additions"
          aria-label=${t('messages')} tabindex="0" @scroll=${this.handleScroll}>
          ${this.rows.length === 0
            ? this.hasOlder ? nothing : this.greeting
              ? html`<div class="empty"><slot name="greeting"></slot></div>`
              : html`<p class="empty">${t('noMessages')}</p>`
            : virtualize({
                items: this.rows,
                keyFunction: (row: Row) => row.key,
                renderItem: (row: Row, index: number) => this.renderRow(row, index === this.rows.length - 1),
                layout: this.layout,
                scroller: true,
              })}
        </div>
      </div>
      ${this.renderTyping()}
    `;
  }

  /** Loading or failing to load earlier messages, over the top of the log so the messages never move for it. */
  private renderOlder(): TemplateResult | typeof nothing {
    const { t } = this;
    if (!this.hasOlder || !(this.loadingOlder || this.olderFailed)) return nothing;
    return html`<div class="older">
      ${this.loadingOlder
        ? html`<span class="spinner" aria-hidden="true"></span>${t('loadingOlder')}`
        : html`<span>${t('olderFailed')}</span>
            <button type="button" class="text-button" @click=${this.requestOlder}>${t('loadOlder')}</button>`}
    </div>`;
  }

  private renderRow(row: Row, last: boolean): TemplateResult {
    switch (row.kind) {
      case 'day':
        return html`<div class="row separator ${last ? 'last' : ''}" part="day-separator" data-key=${row.key}>
          <span>${this.dayLabel(row.date)}</span>
        </div>`;
      case 'new-messages':
        return html`<div class="row separator new-messages ${last ? 'last' : ''}" part="new-messages" data-key=${row.key}>
          <span>${this.t('newMessages')}</span>
        </div>`;
      case 'message':
        return this.renderMessage(row, last);
      case 'pending':
        return this.renderPending(row, last);
    }
  }

  private renderMessage(row: MessageRowOf<'message'>, last: boolean): TemplateResult {
    const { message, own } = row;
    const { t } = this;
    const read = this.othersReadIndex !== null && message.index <= this.othersReadIndex;
    return this.renderEntry(row, last, {
      own,
      author: own ? t('you') : this.authorName(message.author),
      avatarOf: own ? undefined : (message.author ?? 'system'),
      body: message.body,
      files: message.attachments.map((attachment) => this.renderAttachment(attachment)),
      sentAt: message.sentAt,
      state: own ? (read ? 'read' : 'sent') : undefined,
      status: own ? t(read ? 'deliveryRead' : 'deliverySent') : undefined,
      statusShown: row.latestOwn,
    });
  }

  private renderPending(row: MessageRowOf<'pending'>, last: boolean): TemplateResult {
    const { entry } = row;
    const { t } = this;
    const file = entry.file;
    return this.renderEntry(row, last, {
      own: true,
      author: t('you'),
      avatarOf: undefined,
      body: entry.body,
      files: file
        ? [
            html`<div part="attachment" class="file">
              ${fileIcon}<span class="file-name">${file.name}</span>
              <span class="file-size">${formatFileSize(file.size, this.language)}</span>
              ${entry.state === 'sending' ? html`<progress aria-label=${t('deliverySending')}></progress>` : nothing}
            </div>`,
          ]
        : [],
      sentAt: null,
      state: entry.state,
      status: t(entry.state === 'failed' ? 'deliveryFailed' : entry.state === 'queued' ? 'deliveryQueued' : 'deliverySending'),
      statusShown: true,
      failed: entry,
    });
  }

  /**
   * One template for confirmed and outbox messages alike: when the echo of a sent
   * message replaces its outbox entry (same key), the row is updated in place
   * rather than replaced, so it neither flickers nor is announced again.
   */
  private renderEntry(row: MessageRowOf<'message' | 'pending'>, last: boolean, entry: EntryView): TemplateResult {
    const { t } = this;
    const failed = entry.failed?.state === 'failed' ? entry.failed : undefined;
    const classes = ['row', row.groupStart && 'group-start', row.groupEnd && 'group-end', last && 'last'];
    return html`<div class=${classes.filter(Boolean).join(' ')} data-key=${row.key}>
      <div part="message" class="message ${entry.own ? 'own' : 'other'}" data-state=${entry.state ?? nothing}>
        ${entry.avatarOf === undefined ? nothing : this.renderAvatar(row.groupStart, entry.avatarOf, entry.author)}
        <div class="content">
          <span class="author ${entry.own || !row.groupStart ? 'visually-hidden' : ''}">${entry.author}</span>
          <div class="bubble">
            ${this.renderBody(entry.body)}${entry.files}
            ${entry.sentAt
              ? html`<time datetime=${entry.sentAt.toISOString()}>${dateFormat(this.language, timeOfDay).format(entry.sentAt)}</time>`
              : nothing}
          </div>
          ${entry.status === undefined
            ? nothing
            : entry.statusShown
              ? html`<span part="delivery-status" class="status" data-status=${entry.state ?? nothing}>${entry.status}</span>`
              : html`<span class="visually-hidden">${entry.status}</span>`}
          ${failed
            ? html`<div class="actions">
                <button type="button" class="text-button" @click=${() => this.pendingAction('bridge-chat-retry', failed)}>
                  ${t('retrySend')}
                </button>
                <button type="button" class="text-button" @click=${() => this.pendingAction('bridge-chat-discard', failed)}>
                  ${t('deleteUnsent')}
                </button>
              </div>`
            : nothing}
        </div>
      </div>
    </div>`;
  }

  private renderAvatar(groupStart: boolean, identity: string, name: string): TemplateResult {
    // Once per group; later messages keep the space so their bubbles line up. The name is said in text already.
    return groupStart
      ? html`<span part="avatar" class="avatar" data-hue=${avatarHue(identity)} aria-hidden="true">${initials(name)}</span>`
      : html`<span class="avatar-space"></span>`;
  }

  /** The body as text with links; nothing in it is ever read as HTML. */
  private renderBody(body: string): TemplateResult | typeof nothing {
    if (!body) return nothing;
    // dir="auto": each message reads in its own direction, whatever the page's.
    return html`<p class="body" dir="auto">${linkify(body).map((token) =>
      token.kind === 'text'
        ? token.text
        : html`<a href=${token.href} target="_blank" rel="noopener noreferrer nofollow">${token.text}</a>`,
    )}</p>`;
  }

  private renderAttachment(attachment: ChatAttachment): TemplateResult {
    const { t } = this;
    const name = attachment.filename ?? t('attachmentFallbackName');
    const unavailable = html`<p part="attachment" class="unavailable">${t('attachmentUnavailable')}</p>`;
    if (isInlineImage(attachment)) {
      const url = this.attachmentUrls.urlOf(attachment);
      const alt = t('imageAlt', { name });
      switch (url.state) {
        case 'unavailable':
          return unavailable;
        case 'loading':
          return html`<span part="attachment" class="image loading" role="img" aria-label=${alt}></span>`;
        case 'ready':
          return html`<button part="attachment" type="button" class="image" @click=${() => this.openAttachment(attachment)}>
            <img src=${url.url} alt=${alt} @error=${() => this.attachmentUrls.failed(attachment, url.url)} />
          </button>`;
      }
    }
    if (this.attachmentUrls.isUnavailable(attachment)) return unavailable;
    const size = formatFileSize(attachment.size, this.language);
    return html`<button part="attachment" type="button" class="file" aria-label="${t('downloadFile', { name })}, ${size}"
      @click=${() => this.openAttachment(attachment)}>
      ${fileIcon}<span class="file-name">${name}</span><span class="file-size">${size}</span>
    </button>`;
  }

  private renderTyping(): TemplateResult {
    const { t, typists } = this;
    const first = typists[0];
    // The status region is always there: a live region must exist before what it announces.
    return html`<div part="typing" class="typing" role="status">${first
      ? html`<span class="dots" aria-hidden="true"><span></span><span></span><span></span></span>
          ${typists.length === 1 ? t('typingOne', { name: first.name }) : t('typingMany')}`
      : nothing}</div>`;
  }

  private authorName(author: string | null): string {
    if (author === null) return this.t('systemAuthor');
    return this.participants.get(author)?.name ?? author;
  }

  private dayLabel(date: Date): string {
    const today = new Date();
    if (localDay(date) === localDay(today)) return this.t('today');
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    if (localDay(date) === localDay(yesterday)) return this.t('yesterday');
    return dateFormat(this.language, fullDate).format(date);
  }

  /**
   * Opens an attachment with a URL asked for now: one rendered earlier may have
   * expired. The tab opens at once, while the click still allows it, and goes to
   * the file when the URL arrives.
   */
  private async openAttachment(attachment: ChatAttachment): Promise<void> {
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    const url = await this.attachmentUrls.fresh(attachment);
    if (!tab) return;
    if (url) tab.location.href = url;
    else tab.close();
  }

  private pendingAction(type: 'bridge-chat-retry' | 'bridge-chat-discard', entry: PendingView): void {
    this.dispatchEvent(new CustomEvent<PendingActionDetail>(type, { detail: { clientId: entry.clientId } }));
  }

  private requestOlder(): void {
    this.olderAskedBefore = this.messages[0]?.id;
    this.dispatchEvent(new CustomEvent('bridge-chat-load-older'));
  }

  private handleScroll(): void {
    this.readingNewest = this.atEnd();
    this.loadOlderIfNear();
  }

  /** Asks for earlier messages when the visitor is near the top, once for each first message. */
  private loadOlderIfNear(): void {
    const log = this.log;
    if (!log || !this.hasOlder || this.loadingOlder || this.olderFailed || this.anchor) return;
    if (log.scrollTop > LOAD_OLDER_PX || this.olderAskedBefore === this.messages[0]?.id) return;
    this.requestOlder();
  }

  /** Whether the visitor is reading the newest messages (or the list does not scroll at all). */
  private atEnd(): boolean {
    const log = this.log;
    return !log || log.scrollHeight - log.scrollTop - log.clientHeight < STICK_TO_END_PX;
  }

  /** The first message row on screen and how far (px) its top is from the top of the log. */
  private visibleAnchor(): { key: string; offset: number } | undefined {
    const log = this.log;
    if (!log) return undefined;
    const top = log.getBoundingClientRect().top;
    for (const element of log.querySelectorAll<HTMLElement>('.row[data-key^="m:"]')) {
      const box = element.getBoundingClientRect();
      if (box.bottom > top) return { key: element.dataset['key'] ?? '', offset: box.top - top };
    }
    return undefined;
  }

  /** Moves the anchored row back to where it was, now that the rows above it are measured. */
  private restoreAnchor(): void {
    const { anchor, log } = this;
    if (!anchor || !log) return;
    this.anchor = undefined;
    const element = log.querySelector<HTMLElement>(`[data-key="${CSS.escape(anchor.key)}"]`);
    if (element) log.scrollTop += element.getBoundingClientRect().top - log.getBoundingClientRect().top - anchor.offset;
    this.updateBusy();
  }

  /** The log is busy while earlier messages load and settle: rows added then are history, not news to announce. */
  private updateBusy(): void {
    this.log?.setAttribute('aria-busy', String(this.loadingOlder || this.anchor !== undefined));
  }

  private get virtualizer(): VirtualizerHostElement[typeof virtualizerRef] {
    return (this.log as VirtualizerHostElement | undefined)?.[virtualizerRef];
  }
}

/** Images shown inline. SVG is only offered as a file: it is a document that can carry scripts. */
function isInlineImage(attachment: ChatAttachment): boolean {
  return attachment.contentType.startsWith('image/') && attachment.contentType !== 'image/svg+xml';
}

const fileIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true">
  <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" /><path d="M14 3v5h5" />
</svg>`;
