import type { PropertyValues, PropertyDeclarations } from '@lit/reactive-element';
import { html, nothing, type TemplateResult } from 'lit/html.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Language } from '../i18n/i18n.js';
import { en } from '../i18n/panel/en.js';
import { dateFormat, type Translate, translator } from '../i18n/panel-strings.js';
import { avatarHue, initials } from '../messages/avatar.js';
import { fileIcon } from '../icons.js';
import { formatFileSize } from '../messages/file-size.js';
import { localDay, type MessageRow, messageRows } from '../messages/group-messages.js';
import { linkify } from '../messages/linkify.js';
import { ignoreFailure, lazyModule } from '../lazy-module.js';
import { themeTokens } from '../chat-panel/chat-panel.styles.js';
import { baseStyles } from '../styles/base.styles.js';
import { controlStyles } from '../styles/controls.styles.js';
import type { ChatAttachment, ChatMessage, ChatParticipant } from '../transport/transport.js';
import type { AttachmentView } from './attachment-view.js';
import { attachmentPlaceholder } from './attachment-placeholder.js';
import { styles } from './message-list.styles.js';
import { RowWindowController } from './row-window.controller.js';
import { WidgetElement } from '../widget-element.js';

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

const timeOfDay: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const fullDate: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };

/**
 * `<bridge-chat-message-list>`: the conversation inside the panel. Confirmed
 * messages and the visitor's outbox, grouped by author with avatars, day and
 * "new messages" separators, delivery status, links and attachments, in a
 * `role="log"`, with the typing indicator below it.
 *
 * Only a window of consecutive rows is in the DOM, sliding as the visitor
 * scrolls (row-window.controller.ts). The list starts at the newest message and
 * stays there as messages arrive while the visitor is at the end (or sends one);
 * it asks for earlier messages near the first row and keeps what the visitor
 * sees in place when they are prepended.
 *
 * Events (not bubbling): `bridge-chat-load-older`; `bridge-chat-retry` and
 * `bridge-chat-discard` (detail `PendingActionDetail`).
 *
 * Parts: `messages` (the log), `message`, `avatar`, `day-separator`,
 * `new-messages`, `delivery-status`, `attachment`, `typing`.
 *
 * Slot: `greeting`, shown in place of the empty conversation's text while `greeting` is set.
 */
export default class BridgeChatMessageList extends WidgetElement {
  static override styles = [themeTokens, baseStyles, controlStyles, styles];
  static override properties: PropertyDeclarations = {
    messages: { attribute: false },
    pending: { attribute: false },
    identity: { attribute: false },
    participants: { attribute: false },
    othersReadIndex: { attribute: false },
    newMessagesAfter: { attribute: false },
    hasOlder: { attribute: false },
    loadingOlder: { attribute: false },
    olderFailed: { attribute: false },
    typists: { attribute: false },
    t: { attribute: false },
    language: { attribute: false },
    greeting: { attribute: false },
  };

  /** Confirmed messages, oldest first. */
  messages: readonly ChatMessage[] = [];
  /** The visitor's messages not confirmed yet. */
  pending: readonly PendingView[] = [];
  /** The visitor's identity: their messages are shown as their own. */
  identity: string | undefined;
  /** Everyone in the conversation by identity, for names. */
  participants: ReadonlyMap<string, ChatParticipant> = new Map();
  /** The newest index another participant has read: the visitor's messages up to it are "read". */
  othersReadIndex: number | null = null;
  /** The "new messages" separator goes before the first message from others after this index. */
  newMessagesAfter: number | undefined;
  /** Whether there are messages before the first one. */
  hasOlder = false;
  loadingOlder = false;
  /** The last attempt to load earlier messages failed: a button offers another. */
  olderFailed = false;
  /** Who else is typing now. */
  typists: readonly ChatParticipant[] = [];
  t: Translate = translator(en);
  language: Language = 'en';
  /** Whether the host forwards a `greeting` slot, shown in place of the empty conversation's text. */
  greeting = false;

  get #log(): HTMLElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('[part="messages"]');
  }

  /** Received files' view: a chunk of its own, loaded once a message with files arrives. */
  #attachmentView: AttachmentView | undefined;
  readonly #loadAttachmentView = lazyModule(
    () => import('./attachment-view.js'),
    ({ AttachmentView }) => {
      this.#attachmentView = new AttachmentView(this);
      this.requestUpdate();
    },
  );

  #rows: Row[] = [];
  readonly #rowWindow = new RowWindowController(this, {
    log: () => this.#log ?? undefined,
    nearFirstRow: () => this.#loadOlderIfNear(),
    settled: () => this.#updateBusy(),
  });
  /** The first message when earlier ones were last asked for, so one position asks once. */
  #olderAskedBefore: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Until it loads, files show as placeholders; a failed fetch is asked again with the next messages.
    if (changed.has('messages') && !this.#attachmentView && this.messages.some((message) => message.attachments.length > 0)) {
      this.#loadAttachmentView().catch(ignoreFailure);
    }
    const rowsChanged = (['messages', 'pending', 'identity', 'newMessagesAfter'] as const).some((key) => changed.has(key));
    const previousLast = this.#rows.at(-1);
    if (rowsChanged) {
      this.#rows = messageRows({
        messages: this.messages,
        pending: this.pending,
        identity: this.identity,
        newMessagesAfter: this.newMessagesAfter,
      });
    }
    const last = this.#rows.at(-1);
    const previousFirst = (changed.get('messages') as readonly ChatMessage[] | undefined)?.[0];
    const first = this.messages[0];
    this.#rowWindow.plan(this.#rows, {
      contentChanged: rowsChanged || changed.has('typists'),
      prepended: previousFirst !== undefined && first !== undefined && first.index < previousFirst.index,
      ownArrived: last?.key !== previousLast?.key && (last?.kind === 'pending' || (last?.kind === 'message' && last.own)),
    });
  }

  protected override updated(): void {
    this.#updateBusy();
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const rows = this.#rows;
    const rowWindow = this.#rowWindow;
    const { start, end } = rowWindow.range;
    return html`
      <div class="frame">
        ${this.#renderOlder()}
        <div part="messages" class="log" role="log" aria-live="polite" aria-relevant="additions"
          aria-label=${t('messages')} tabindex="0" @scroll=${rowWindow.handleScroll} @keydown=${rowWindow.handleKeydown}>
          ${rows.length === 0
            ? this.hasOlder ? nothing : this.greeting
              ? html`<div class="empty"><slot name="greeting"></slot></div>`
              : html`<p class="empty">${t('noMessages')}</p>`
            : // Keyed: a row keeps its element (and its loaded images) as the window slides.
              repeat(rows.slice(start, end), (row) => row.key, (row, i) => this.#renderRow(row, start + i === rows.length - 1))}
        </div>
      </div>
      ${this.#renderTyping()}
    `;
  }

  /** Loading or failing to load earlier messages, over the top of the log so the messages never move for it. */
  #renderOlder(): TemplateResult | typeof nothing {
    const { t } = this;
    if (!this.hasOlder || !(this.loadingOlder || this.olderFailed)) return nothing;
    return html`<div class="older">
      ${this.loadingOlder
        ? html`<span class="spinner" aria-hidden="true"></span>${t('loadingOlder')}`
        : html`<span>${t('olderFailed')}</span>
            <button type="button" class="text-button" @click=${this.#requestOlder}>${t('loadOlder')}</button>`}
    </div>`;
  }

  #renderRow(row: Row, last: boolean): TemplateResult {
    switch (row.kind) {
      case 'day':
        return html`<div class="row separator ${last ? 'last' : ''}" part="day-separator" data-key=${row.key}>
          <span>${this.#dayLabel(row.date)}</span>
        </div>`;
      case 'new-messages':
        return html`<div class="row separator new-messages ${last ? 'last' : ''}" part="new-messages" data-key=${row.key}>
          <span>${this.t('newMessages')}</span>
        </div>`;
      case 'message':
        return this.#renderMessage(row, last);
      case 'pending':
        return this.#renderPending(row, last);
    }
  }

  #renderMessage(row: MessageRowOf<'message'>, last: boolean): TemplateResult {
    const { message, own } = row;
    const { t } = this;
    const read = this.othersReadIndex !== null && message.index <= this.othersReadIndex;
    return this.#renderEntry(row, last, {
      own,
      author: own ? t('you') : this.#authorName(message.author),
      avatarOf: own ? undefined : (message.author ?? 'system'),
      body: message.body,
      files: message.attachments.map((attachment) => this.#renderAttachment(attachment)),
      sentAt: message.sentAt,
      state: own ? (read ? 'read' : 'sent') : undefined,
      status: own ? t(read ? 'deliveryRead' : 'deliverySent') : undefined,
      statusShown: row.latestOwn,
    });
  }

  #renderPending(row: MessageRowOf<'pending'>, last: boolean): TemplateResult {
    const { entry } = row;
    const { t } = this;
    const file = entry.file;
    return this.#renderEntry(row, last, {
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
  #renderEntry(row: MessageRowOf<'message' | 'pending'>, last: boolean, entry: EntryView): TemplateResult {
    const { t } = this;
    const failed = entry.failed?.state === 'failed' ? entry.failed : undefined;
    const classes = ['row', row.groupStart && 'group-start', row.groupEnd && 'group-end', last && 'last'];
    return html`<div class=${classes.filter(Boolean).join(' ')} data-key=${row.key}>
      <div part="message" class="message ${entry.own ? 'own' : 'other'}" data-state=${entry.state ?? nothing}>
        ${entry.avatarOf === undefined ? nothing : this.#renderAvatar(row.groupStart, entry.avatarOf, entry.author)}
        <div class="content">
          <span class="author ${entry.own || !row.groupStart ? 'visually-hidden' : ''}">${entry.author}</span>
          <div class="bubble">
            ${this.#renderBody(entry.body)}${entry.files}
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
                <button type="button" class="text-button" @click=${() => this.#pendingAction('bridge-chat-retry', failed)}>
                  ${t('retrySend')}
                </button>
                <button type="button" class="text-button" @click=${() => this.#pendingAction('bridge-chat-discard', failed)}>
                  ${t('deleteUnsent')}
                </button>
              </div>`
            : nothing}
        </div>
      </div>
    </div>`;
  }

  #renderAvatar(groupStart: boolean, identity: string, name: string): TemplateResult {
    // Once per group; later messages keep the space so their bubbles line up. The name is said in text already.
    return groupStart
      ? html`<span part="avatar" class="avatar" data-hue=${avatarHue(identity)} aria-hidden="true">${initials(name)}</span>`
      : html`<span class="avatar-space"></span>`;
  }

  /** The body as text with links; nothing in it is ever read as HTML. */
  #renderBody(body: string): TemplateResult | typeof nothing {
    if (!body) return nothing;
    // dir="auto": each message reads in its own direction, whatever the page's.
    return html`<p class="body" dir="auto">${linkify(body).map((token) =>
      token.kind === 'text'
        ? token.text
        : html`<a href=${token.href} target="_blank" rel="noopener noreferrer nofollow">${token.text}</a>`,
    )}</p>`;
  }

  /** A received file: shown by the attachment view, or as a placeholder of the same size while its code loads. */
  #renderAttachment(attachment: ChatAttachment): TemplateResult {
    return this.#attachmentView?.render(attachment) ?? attachmentPlaceholder(attachment.filename ?? this.t('attachmentFallbackName'));
  }

  #renderTyping(): TemplateResult {
    const { t, typists } = this;
    const first = typists[0];
    // The status region is always there: a live region must exist before what it announces.
    return html`<div part="typing" class="typing" role="status">${first
      ? html`<span class="dots" aria-hidden="true"><span></span><span></span><span></span></span>
          ${typists.length === 1 ? t('typingOne', { name: first.name }) : t('typingMany')}`
      : nothing}</div>`;
  }

  #authorName(author: string | null): string {
    if (author === null) return this.t('systemAuthor');
    return this.participants.get(author)?.name ?? author;
  }

  #dayLabel(date: Date): string {
    const today = new Date();
    if (localDay(date) === localDay(today)) return this.t('today');
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    if (localDay(date) === localDay(yesterday)) return this.t('yesterday');
    return dateFormat(this.language, fullDate).format(date);
  }

  #pendingAction(type: 'bridge-chat-retry' | 'bridge-chat-discard', entry: PendingView): void {
    this.dispatchEvent(new CustomEvent<PendingActionDetail>(type, { detail: { clientId: entry.clientId } }));
  }

  #requestOlder(): void {
    this.#olderAskedBefore = this.messages[0]?.id;
    this.dispatchEvent(new CustomEvent('bridge-chat-load-older'));
  }

  /** Asks for earlier messages (the visitor is near the first row), once for each first message. */
  #loadOlderIfNear(): void {
    if (!this.hasOlder || this.loadingOlder || this.olderFailed || this.#olderAskedBefore === this.messages[0]?.id) return;
    this.#requestOlder();
  }

  /** The log is busy while earlier messages load and settle: rows added then are history, not news to announce. */
  #updateBusy(): void {
    this.#log?.setAttribute('aria-busy', String(this.loadingOlder || this.#rowWindow.settling));
  }
}

