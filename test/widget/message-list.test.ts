import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/widget/message-list/message-list.js';
import type { BridgeChatMessageList, PendingActionDetail, PendingView } from '../../src/widget/message-list/message-list.js';
import { MAX_URL_REQUESTS } from '../../src/widget/message-list/attachment-urls.js';
import {
  PINNED,
  SHIFT_ROWS,
  slideDown,
  slideUp,
  WINDOW_ROWS,
  windowFrom,
  windowRange,
} from '../../src/widget/message-list/message-window.js';
import { avatarHue, initials } from '../../src/widget/messages/avatar.js';
import { GROUP_GAP_MS, messageRows } from '../../src/widget/messages/group-messages.js';
import { linkify } from '../../src/widget/messages/linkify.js';
import type { ChatAttachment, ChatMessage, ChatParticipant } from '../../src/widget/transport/transport.js';

const VISITOR = 'visitor-1';
const AGENT = 'agent-sam';
const MINUTE = 60_000;
/** A 1×1 PNG: an image that loads. */
const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
/** Not an image: loading it fails at once, as an expired media URL does. */
const BROKEN = 'data:image/png;base64,AAAA';

const participants = new Map<string, ChatParticipant>([
  [AGENT, { identity: AGENT, name: 'Sam Lee', lastReadIndex: null }],
  [VISITOR, { identity: VISITOR, name: 'Visitor', lastReadIndex: null }],
]);

function message(index: number, fields: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `IM${index}`,
    index,
    author: AGENT,
    body: `message ${index}`,
    sentAt: new Date(Date.now() - 60 * MINUTE + index * 1000),
    clientId: undefined,
    attachments: [],
    ...fields,
  };
}

/** `count` messages ending at `last`, alternating runs by the agent and the visitor. */
function conversation(count: number, last = count - 1): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const index = last - count + 1 + i;
    return message(index, { author: index % 7 < 4 ? AGENT : VISITOR });
  });
}

function pendingEntry(clientId: string, fields: Partial<PendingView> = {}): PendingView {
  return { clientId, body: `pending ${clientId}`, createdAt: new Date(), state: 'sending', ...fields };
}

function attachment(fields: Partial<ChatAttachment> & Pick<ChatAttachment, 'url'>): ChatAttachment {
  return { sid: `ME${Math.random().toString(16).slice(2)}`, filename: 'photo.png', contentType: 'image/png', size: 2048, ...fields };
}

async function list(properties: Partial<BridgeChatMessageList> = {}): Promise<BridgeChatMessageList> {
  const element = await fixture<BridgeChatMessageList>(html`
    <bridge-chat-message-list
      style="height: 420px; width: 360px"
      .identity=${VISITOR}
      .participants=${participants}
    ></bridge-chat-message-list>
  `);
  Object.assign(element, properties);
  await element.updateComplete;
  await waitUntil(() => element.messages.length + element.pending.length === 0 || messageElements(element).length > 0);
  return element;
}

function root(element: BridgeChatMessageList): ShadowRoot {
  return element.shadowRoot!;
}

function logOf(element: BridgeChatMessageList): HTMLElement {
  return root(element).querySelector('[part="messages"]')!;
}

function messageElements(element: BridgeChatMessageList): HTMLElement[] {
  return [...root(element).querySelectorAll<HTMLElement>('[part="message"]')];
}

/** The rendered row of a message (by id) or outbox entry (by client id). */
function rowOf(element: BridgeChatMessageList, key: string): HTMLElement | null {
  return root(element).querySelector(`.row[data-key="m:${key}"]`);
}

/** The rendered rows' text, top to bottom, one entry per row (separators included). */
function rowTexts(element: BridgeChatMessageList): string[] {
  return [...root(element).querySelectorAll<HTMLElement>('.row')]
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
    .map((row) => row.textContent!.replace(/\s+/g, ' ').trim());
}

function distanceFromEnd(log: HTMLElement): number {
  return log.scrollHeight - log.scrollTop - log.clientHeight;
}

function offsetInLog(element: BridgeChatMessageList, row: HTMLElement): number {
  return row.getBoundingClientRect().top - logOf(element).getBoundingClientRect().top;
}

/** The key of the first message row the visitor sees at the top of the log. */
function firstVisibleKey(element: BridgeChatMessageList): string {
  const rows = [...root(element).querySelectorAll<HTMLElement>('.row[data-key^="m:"]')]
    .filter((row) => row.getBoundingClientRect().bottom > logOf(element).getBoundingClientRect().top)
    .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
  return rows[0]!.dataset['key']!.slice(2);
}

/** The key of the first rendered row (the top of the list's window). */
function firstRenderedKey(element: BridgeChatMessageList): string | undefined {
  return root(element).querySelector<HTMLElement>('.row')?.dataset['key'];
}

/** Scrolls to the top of the rendered rows until `done`, as a visitor paging back would, once a poll. */
async function scrollUpUntil(element: BridgeChatMessageList, done: () => boolean, what: string): Promise<void> {
  await waitUntil(() => (done() ? true : ((logOf(element).scrollTop = 0), false)), what, { interval: 20, timeout: 10_000 });
}

/** Scrolls to the bottom of the rendered rows until `done`. */
async function scrollDownUntil(element: BridgeChatMessageList, done: () => boolean, what: string): Promise<void> {
  const log = logOf(element);
  await waitUntil(() => (done() ? true : ((log.scrollTop = log.scrollHeight), false)), what, { interval: 20, timeout: 10_000 });
}

/** The most message elements the list had at once from now on: counted after every change to its DOM. */
function countMostMessages(element: BridgeChatMessageList): { most(): number; stop(): void } {
  let most = messageElements(element).length;
  const observer = new MutationObserver(() => (most = Math.max(most, messageElements(element).length)));
  observer.observe(root(element), { childList: true, subtree: true });
  return { most: () => most, stop: () => observer.disconnect() };
}

/**
 * The log's aria-busy at each render that added rows, read as the render ends: rows
 * added while busy are history, not news for assistive technology to announce.
 */
function busyWhenRowsAdded(element: BridgeChatMessageList): { seen: string[]; stop(): void } {
  const log = logOf(element);
  const seen: string[] = [];
  const observer = new MutationObserver((records) => {
    if (records.some((record) => record.addedNodes.length > 0)) seen.push(log.getAttribute('aria-busy') ?? '');
  });
  observer.observe(log, { childList: true });
  return { seen, stop: () => observer.disconnect() };
}

/**
 * Waits a few frames before scrolling as a visitor would: the list handles a scroll
 * (sliding its window, keeping the view) when the browser sends its scroll event, once a frame.
 */
async function frames(count = 3): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

describe('message list helpers', () => {
  it('turns web and email addresses into http(s) and mailto links, leaving punctuation and other schemes as text', () => {
    expect(linkify('See https://example.com/a?b=1. Or www.example.org!')).to.deep.equal([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. Or ' },
      { kind: 'link', text: 'www.example.org', href: 'https://www.example.org/' },
      { kind: 'text', text: '!' },
    ]);
    expect(linkify('(https://en.wikipedia.org/wiki/Foo_(bar)), mail ana+x@example.co.uk.')).to.deep.equal([
      { kind: 'text', text: '(' },
      { kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
      { kind: 'text', text: '), mail ' },
      { kind: 'link', text: 'ana+x@example.co.uk', href: 'mailto:ana+x@example.co.uk' },
      { kind: 'text', text: '.' },
    ]);
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'https://.', 'www...', 'a@b', 'ftp://example.com']) {
      expect(linkify(text), text).to.deep.equal([{ kind: 'text', text }]);
    }
  });

  it('makes initials from names and a stable colour from identities', () => {
    expect(initials('Sam Lee')).to.equal('SL');
    expect(initials('sam')).to.equal('S');
    expect(initials('ana.maria@example.com')).to.equal('AM');
    expect(initials('José María García')).to.equal('JG');
    expect(initials('😀 ')).to.equal('?');
    expect(avatarHue(AGENT)).to.equal(avatarHue(AGENT));
    expect(new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map(avatarHue)).size).to.be.greaterThan(3);
  });

  it('groups consecutive messages of one author within a few minutes, split by days and the new-messages mark', () => {
    const today = new Date();
    today.setHours(12, 0, 0, 0);
    const yesterday = new Date(today.getTime() - 24 * 60 * MINUTE);
    const rows = messageRows({
      messages: [
        message(0, { sentAt: yesterday }),
        message(1, { sentAt: new Date(yesterday.getTime() + MINUTE) }),
        message(2, { sentAt: today }),
        message(3, { sentAt: new Date(today.getTime() + GROUP_GAP_MS + 1) }),
        message(4, { sentAt: new Date(today.getTime() + GROUP_GAP_MS + 2), author: VISITOR, clientId: 'c4' }),
        message(5, { sentAt: new Date(today.getTime() + GROUP_GAP_MS + 3) }),
        message(6, { sentAt: new Date(today.getTime() + GROUP_GAP_MS + 4) }),
      ],
      pending: [pendingEntry('c4'), pendingEntry('c7', { createdAt: new Date(today.getTime() + GROUP_GAP_MS + 5) })],
      identity: VISITOR,
      newMessagesAfter: 5,
    });
    expect(rows.map((row) => (row.kind === 'message' || row.kind === 'pending' ? `${row.key}${row.groupStart ? '^' : ''}${row.groupEnd ? '$' : ''}` : row.kind))).to.deep.equal([
      'day',
      'm:IM0^',
      'm:IM1$',
      'day',
      'm:IM2^$',
      'm:IM3^$',
      'm:c4^$', // an echoed entry is shown once, keyed by its client id
      'm:IM5^$',
      'new-messages',
      'm:IM6^$',
      'm:c7^$',
    ]);
  });
});

describe('message list window', () => {
  /** Rows as messageRows makes them: a day separator, then `count` message rows keyed m:IM<index>. */
  function rowsOf(count: number, first = 0): { kind: 'day' | 'message'; key: string }[] {
    const messages = Array.from({ length: count }, (_, i) => ({ kind: 'message' as const, key: `m:IM${first + i}` }));
    return [{ kind: 'day', key: 'day:today' }, ...messages];
  }

  it('covers every row of a short conversation, pinned or not', () => {
    const rows = rowsOf(30);
    expect(windowRange(rows, PINNED)).to.deep.equal({ start: 0, end: 31 });
    expect(windowRange(rows, { pinned: false, firstKey: 'm:IM10' })).to.deep.equal({ start: 0, end: 31 });
    expect(windowRange([], PINNED)).to.deep.equal({ start: 0, end: 0 });
  });

  it('covers the newest WINDOW_ROWS rows when pinned, and follows rows appended', () => {
    expect(windowRange(rowsOf(1000), PINNED)).to.deep.equal({ start: 1001 - WINDOW_ROWS, end: 1001 });
    expect(windowRange(rowsOf(1001), PINNED)).to.deep.equal({ start: 1002 - WINDOW_ROWS, end: 1002 });
  });

  it('keeps an unpinned window on its first message, with the separators just before it, as rows come before and after', () => {
    const window = { pinned: false as const, firstKey: 'm:IM0' };
    expect(windowRange(rowsOf(1000), window)).to.deep.equal({ start: 0, end: WINDOW_ROWS });
    // Earlier messages: the day separator moves to the new top, the window stays on its message.
    expect(windowRange(rowsOf(1100, -100), window)).to.deep.equal({ start: 101, end: 101 + WINDOW_ROWS });
    expect(windowRange(rowsOf(1001), { pinned: false, firstKey: 'm:IM500' })).to.deep.equal({ start: 501, end: 501 + WINDOW_ROWS });
    // Near the end it stays full, and a first row that is gone means the newest rows.
    expect(windowRange(rowsOf(1000), { pinned: false, firstKey: 'm:IM990' })).to.deep.equal({ start: 1001 - WINDOW_ROWS, end: 1001 });
    expect(windowRange(rowsOf(1000), { pinned: false, firstKey: 'm:gone' })).to.deep.equal({ start: 1001 - WINDOW_ROWS, end: 1001 });
  });

  it('slides SHIFT_ROWS at a time, stopping at either end', () => {
    const rows = rowsOf(1000);
    const middle = { start: 500, end: 500 + WINDOW_ROWS };
    expect(windowRange(rows, slideUp(rows, middle))).to.deep.equal({ start: 500 - SHIFT_ROWS, end: 500 - SHIFT_ROWS + WINDOW_ROWS });
    expect(windowRange(rows, slideDown(rows, middle))).to.deep.equal({ start: 500 + SHIFT_ROWS, end: 500 + SHIFT_ROWS + WINDOW_ROWS });
    expect(windowRange(rows, slideUp(rows, { start: 10, end: 10 + WINDOW_ROWS }))).to.deep.equal({ start: 0, end: WINDOW_ROWS });
    const nearEnd = { start: 1001 - WINDOW_ROWS - 5, end: 996 };
    expect(windowRange(rows, slideDown(rows, nearEnd))).to.deep.equal({ start: 1001 - WINDOW_ROWS, end: 1001 });
    expect(slideDown(rows, nearEnd).pinned, 'only reaching the end pins the window').to.equal(false);
    expect(windowFrom(rows, 0)).to.deep.equal({ pinned: false, firstKey: 'm:IM0' });
  });
});

describe('<bridge-chat-message-list>', () => {
  it('shows messages grouped by author with avatars, names, times and day separators', async () => {
    const today = new Date();
    today.setHours(12, 0, 0, 0);
    const yesterday = new Date(today.getTime() - 24 * 60 * MINUTE);
    const longAgo = new Date(2024, 2, 9, 15, 30);
    const element = await list({
      messages: [
        message(0, { sentAt: longAgo, author: 'bot', body: 'Welcome' }),
        message(1, { sentAt: yesterday }),
        message(2, { sentAt: new Date(yesterday.getTime() + MINUTE) }),
        message(3, { sentAt: today, author: VISITOR }),
        message(4, { sentAt: new Date(today.getTime() + MINUTE), author: VISITOR }),
        message(5, { sentAt: new Date(today.getTime() + 2 * MINUTE) }),
      ],
    });
    const longAgoLabel = new Intl.DateTimeFormat('en', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(longAgo);
    const separators = [...root(element).querySelectorAll('[part="day-separator"]')].map((s) => s.textContent!.trim());
    expect(separators).to.deep.equal([longAgoLabel, 'Yesterday', 'Today']);

    // One avatar and visible name per group of others; the visitor's own are "You" for assistive tech only.
    const avatars = [...root(element).querySelectorAll<HTMLElement>('[part="avatar"]')];
    expect(avatars.map((a) => a.textContent!.trim())).to.deep.equal(['B', 'SL', 'SL']);
    expect(avatars[1]!.dataset['hue']).to.equal(String(avatarHue(AGENT)));
    expect(avatars[0]!.getAttribute('aria-hidden')).to.equal('true');
    const visibleNames = [...root(element).querySelectorAll('.author:not(.visually-hidden)')].map((n) => n.textContent);
    expect(visibleNames).to.deep.equal(['bot', 'Sam Lee', 'Sam Lee']);
    expect(rowOf(element, 'IM2')!.querySelector('.author')!.textContent).to.equal('Sam Lee');
    expect(rowOf(element, 'IM2')!.querySelector('.author')!.classList.contains('visually-hidden')).to.equal(true);
    expect(rowOf(element, 'IM3')!.querySelector('.author.visually-hidden')!.textContent).to.equal('You');
    expect(rowOf(element, 'IM3')!.querySelector('[part="message"]')!.classList.contains('own')).to.equal(true);
    expect(rowOf(element, 'IM5')!.querySelector('[part="message"]')!.classList.contains('other')).to.equal(true);

    const time = rowOf(element, 'IM5')!.querySelector('time')!;
    expect(time.textContent).to.equal(new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(message(5, { sentAt: new Date(today.getTime() + 2 * MINUTE) }).sentAt!));
    expect(messageElements(element).map((m) => m.querySelector('.body')!.textContent)).to.include('Welcome');
    await expect(element).to.be.accessible();
  });

  it('puts the new-messages separator before the first message from others past the horizon', async () => {
    const element = await list({
      messages: [message(0), message(1, { author: VISITOR }), message(2, { author: VISITOR }), message(3), message(4)],
      newMessagesAfter: 1,
    });
    const texts = rowTexts(element);
    const separator = texts.indexOf('New messages');
    expect(separator).to.be.greaterThan(0);
    expect(texts[separator + 1]).to.contain('message 3');
    expect(texts[separator - 1]).to.contain('message 2');
    expect(root(element).querySelectorAll('[part="new-messages"]')).to.have.length(1);

    element.newMessagesAfter = undefined;
    await element.updateComplete;
    await waitUntil(() => root(element).querySelector('[part="new-messages"]') === null, 'the separator stayed');
  });

  it('shows Sent, then Read, on the latest own message and tells assistive tech the status of every own one', async () => {
    const element = await list({
      messages: [message(0, { author: VISITOR }), message(1), message(2, { author: VISITOR })],
      othersReadIndex: 0,
    });
    const status = () => rowOf(element, 'IM2')!.querySelector('[part="delivery-status"]')!.textContent!.trim();
    expect(status()).to.equal('Sent');
    expect(rowOf(element, 'IM0')!.querySelector('[part="delivery-status"]')).to.equal(null);
    expect(rowOf(element, 'IM0')!.querySelector('.visually-hidden:last-child')!.textContent).to.equal('Read');
    expect(rowOf(element, 'IM1')!.textContent).not.to.match(/Sent|Read/);

    element.othersReadIndex = 2;
    await element.updateComplete;
    await waitUntil(() => status() === 'Read', 'the latest message never showed Read');
  });

  it('shows the outbox: sending with progress, waiting, and failed with retry and delete', async () => {
    const file = new File([new Uint8Array(3000)], 'notes.pdf', { type: 'application/pdf' });
    const element = await list({
      messages: [message(0)],
      pending: [
        pendingEntry('a', { state: 'queued', body: 'first' }),
        pendingEntry('b', { state: 'sending', body: '', file }),
        pendingEntry('c', { state: 'failed', body: 'third' }),
      ],
    });
    const statusOf = (key: string) => rowOf(element, key)!.querySelector('[part="delivery-status"]')!.textContent!.trim();
    expect(statusOf('a')).to.equal('Waiting for the connection');
    expect(statusOf('b')).to.equal('Sending…');
    expect(statusOf('c')).to.equal('Not sent');
    const upload = rowOf(element, 'b')!.querySelector('[part="attachment"]')!;
    expect(upload.querySelector('.file-name')!.textContent).to.equal('notes.pdf');
    expect(upload.querySelector('.file-size')!.textContent).to.equal('2.9 kB');
    expect(upload.querySelector('progress')!.hasAttribute('value')).to.equal(false);
    expect(rowOf(element, 'a')!.querySelector('button')).to.equal(null);
    await expect(element).to.be.accessible();

    const [retry, remove] = [...rowOf(element, 'c')!.querySelectorAll('button')];
    expect(retry!.textContent!.trim()).to.equal('Retry');
    expect(remove!.textContent!.trim()).to.equal('Delete');
    setTimeout(() => retry!.click());
    const retried = await oneEvent(element, 'bridge-chat-retry');
    expect((retried as CustomEvent<PendingActionDetail>).detail).to.deep.equal({ clientId: 'c' });
    setTimeout(() => remove!.click());
    const discarded = await oneEvent(element, 'bridge-chat-discard');
    expect((discarded as CustomEvent<PendingActionDetail>).detail).to.deep.equal({ clientId: 'c' });
    expect(discarded.bubbles).to.equal(false);
  });

  it('keeps a sent message in its row when its echo replaces the outbox entry', async () => {
    const element = await list({ messages: [message(0)], pending: [pendingEntry('c1', { body: 'hello' })] });
    const row = rowOf(element, 'c1');
    element.messages = [message(0), message(1, { author: VISITOR, body: 'hello', clientId: 'c1' })];
    element.pending = [];
    await element.updateComplete;
    await waitUntil(() => rowOf(element, 'c1')?.querySelector('[part="delivery-status"]')?.textContent?.trim() === 'Sent');
    expect(rowOf(element, 'c1')).to.equal(row);
  });

  it('renders bodies as text with safe links only', async () => {
    const body = 'Go to https://example.com/help. <img src=x onerror="alert(1)"> javascript:alert(1) or write to help@example.com';
    const element = await list({ messages: [message(0, { body })] });
    const text = messageElements(element)[0]!.querySelector('.body')!;
    expect(text.textContent).to.equal(body);
    expect(text.querySelector('img')).to.equal(null);
    const links = [...text.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal([
      ['https://example.com/help', 'https://example.com/help'],
      ['help@example.com', 'mailto:help@example.com'],
    ]);
    for (const link of links) {
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer nofollow');
      expect(link.getAttribute('target')).to.equal('_blank');
    }
  });

  it('shows images inline and asks for a fresh URL when one has expired', async () => {
    const urls = [BROKEN, PIXEL];
    let requests = 0;
    const element = await list({
      messages: [message(0, { body: '', attachments: [attachment({ url: async () => urls[requests++] ?? null })] })],
    });
    await waitUntil(() => root(element).querySelector('img')?.getAttribute('src') === PIXEL, 'the image never got a fresh URL');
    const image = root(element).querySelector('img')!;
    await waitUntil(() => image.complete && image.naturalWidth === 1, 'the fresh URL did not load');
    expect(requests).to.equal(2);
    expect(image.alt).to.equal('Image: photo.png');
    await expect(element).to.be.accessible();
  });

  it('gives up on an image whose URLs keep failing, and says the file is gone', async () => {
    let requests = 0;
    const element = await list({
      messages: [message(0, { body: '', attachments: [attachment({ url: async () => (requests++, BROKEN) })] })],
    });
    await waitUntil(
      () => root(element).querySelector('.unavailable')?.textContent === 'This file is no longer available.',
      'the image was never given up on',
    );
    expect(requests).to.equal(MAX_URL_REQUESTS);
    expect(root(element).querySelector('img')).to.equal(null);
  });

  it('shows SVG and other files as download buttons that fetch a fresh URL on each click', async () => {
    let requests = 0;
    const report = attachment({
      filename: 'report.pdf',
      contentType: 'application/pdf',
      size: 12 * 1024,
      url: async () => `https://media.example.com/report.pdf?signature=${++requests}`,
    });
    const drawing = attachment({ filename: 'logo.svg', contentType: 'image/svg+xml', url: async () => null });
    const element = await list({ messages: [message(0, { body: 'files', attachments: [report, drawing] })] });
    // The files' view is a chunk of its own: placeholders stand in until it has loaded.
    await waitUntil(() => root(element).querySelectorAll('button[part="attachment"]').length === 2, 'the files were never shown');
    const [download, svg] = [...root(element).querySelectorAll<HTMLButtonElement>('button[part="attachment"]')];
    expect(download!.getAttribute('aria-label')).to.equal('Download report.pdf, 12 kB');
    expect(download!.querySelector('.file-name')!.textContent).to.equal('report.pdf');
    expect(download!.querySelector('.file-size')!.textContent).to.equal('12 kB');
    expect(svg!.textContent).to.contain('logo.svg');
    expect(root(element).querySelector('[href*="media.example.com"]')).to.equal(null);

    const tabs: { opener: unknown; location: { href: string }; closed: boolean; close(): void }[] = [];
    const open = window.open;
    window.open = () => {
      const tab = { opener: window as unknown, location: { href: '' }, closed: false, close: () => (tab.closed = true) };
      tabs.push(tab);
      return tab as unknown as Window;
    };
    try {
      download!.click();
      await waitUntil(() => tabs[0]?.location.href === 'https://media.example.com/report.pdf?signature=1');
      expect(tabs[0]!.opener).to.equal(null);
      download!.click();
      await waitUntil(() => tabs[1]?.location.href === 'https://media.example.com/report.pdf?signature=2');
      // No URL any more: the tab closes and the list says so.
      svg!.click();
      await waitUntil(() => tabs[2]?.closed === true);
      await waitUntil(() => root(element).querySelector('.unavailable') !== null);
    } finally {
      window.open = open;
    }
  });

  it('says who is typing below the log, in a status region', async () => {
    const element = await list({ messages: [message(0)] });
    const typing = root(element).querySelector('[part="typing"]')!;
    expect(typing.getAttribute('role')).to.equal('status');
    expect(logOf(element).contains(typing)).to.equal(false);
    expect(typing.textContent!.trim()).to.equal('');

    element.typists = [participants.get(AGENT)!];
    await element.updateComplete;
    expect(typing.textContent!.trim()).to.equal('Sam Lee is typing…');
    element.typists = [participants.get(AGENT)!, { identity: 'agent-2', name: 'Kim', lastReadIndex: null }];
    await element.updateComplete;
    expect(typing.textContent!.trim()).to.equal('Several people are typing…');
    await expect(element).to.be.accessible();
  });

  it('is a focusable, labelled log', async () => {
    const element = await list({ messages: conversation(5) });
    const log = logOf(element);
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-live')).to.equal('polite');
    expect(log.getAttribute('aria-relevant')).to.equal('additions');
    expect(log.getAttribute('aria-label')).to.equal('Messages');
    expect(log.tabIndex).to.equal(0);
  });

  it('keeps well under 200 messages in the DOM with 10,000 in the conversation', async () => {
    const element = await list({ messages: conversation(10_000) });
    const log = logOf(element);
    await waitUntil(() => rowOf(element, 'IM9999') !== null && distanceFromEnd(log) < 2, 'never reached the newest message');
    expect(messageElements(element).length).to.be.greaterThan(3).and.at.most(WINDOW_ROWS);

    await frames();
    await scrollUpUntil(element, () => rowOf(element, 'IM9999') === null, 'the window never left the newest messages');
    expect(messageElements(element).length).to.be.greaterThan(3).and.at.most(WINDOW_ROWS);
  });

  it('pages through 1,000 messages to the first and back to the newest with at most WINDOW_ROWS rows in the DOM', async () => {
    const element = await list({ messages: conversation(1000) });
    const log = logOf(element);
    const count = countMostMessages(element);
    try {
      await waitUntil(() => rowOf(element, 'IM999') !== null && distanceFromEnd(log) < 2, 'did not start at the end');
      expect(rowOf(element, 'IM0')).to.equal(null);

      await frames();
      await scrollUpUntil(element, () => rowOf(element, 'IM0') !== null, 'never reached the first message');
      log.scrollTop = 0;
      await frames();
      expect(firstVisibleKey(element)).to.equal('IM0');
      expect(rowOf(element, 'IM999')).to.equal(null);

      await scrollDownUntil(element, () => rowOf(element, 'IM999') !== null && distanceFromEnd(log) < 2, 'never came back to the newest');
      await frames();
      // At the end again, the list follows new messages, and keeps the newest in view as the log shrinks.
      element.messages = [...element.messages, message(1000)];
      await element.updateComplete;
      await waitUntil(() => rowOf(element, 'IM1000') !== null && distanceFromEnd(log) < 2, 'did not follow a new message');
      await frames();
      element.style.height = '220px';
      await waitUntil(() => log.clientHeight < 260, 'the log never shrank');
      await waitUntil(() => distanceFromEnd(log) < 2, 'the newest message went out of view');
      // A message arriving while the visitor reads the newest is news to announce.
      await waitUntil(() => log.getAttribute('aria-busy') === 'false', 'the log stayed busy');
      const busy = busyWhenRowsAdded(element);
      element.messages = [...element.messages, message(1001)];
      await element.updateComplete;
      busy.stop();
      expect(busy.seen).to.deep.equal(['false']);
      expect(count.most()).to.be.greaterThan(WINDOW_ROWS / 2).and.at.most(WINDOW_ROWS);
    } finally {
      count.stop();
    }
  });

  it('keeps the row in view in place when the window slides up over rows it already has', async () => {
    const element = await list({ messages: conversation(1000) });
    const log = logOf(element);
    await waitUntil(() => distanceFromEnd(log) < 2, 'did not start at the end');
    await frames();
    const firstBefore = firstRenderedKey(element);
    const busy = busyWhenRowsAdded(element);
    log.scrollTop = 100;
    const reading = rowOf(element, firstVisibleKey(element))!;
    const offset = offsetInLog(element, reading);
    await waitUntil(() => firstRenderedKey(element) !== firstBefore, 'the window never slid up');
    busy.stop();
    // Rows the window brings back are history: the log is busy as they come in.
    expect(busy.seen).to.deep.equal(['true']);
    expect(log.scrollTop).to.be.greaterThan(1000);
    expect(rowOf(element, reading.dataset['key']!.slice(2))).to.equal(reading);
    expect(Math.abs(offsetInLog(element, reading) - offset)).to.be.lessThan(1);
    await waitUntil(() => log.getAttribute('aria-busy') === 'false', 'the log stayed busy after the slide');
  });

  it('keeps the row in view in place when earlier messages arrive above a full window', async () => {
    const element = await list({ messages: conversation(150, 999), hasOlder: true });
    const log = logOf(element);
    let asked = 0;
    element.addEventListener('bridge-chat-load-older', () => asked++);
    await waitUntil(() => distanceFromEnd(log) < 2, 'did not start at the end');
    await frames();
    await scrollUpUntil(element, () => asked === 1, 'never asked for earlier messages');
    expect(rowOf(element, 'IM850')).not.to.equal(null);
    element.loadingOlder = true;
    await element.updateComplete;
    await frames();

    const reading = rowOf(element, firstVisibleKey(element))!;
    const offset = offsetInLog(element, reading);
    element.messages = [...conversation(100, 849), ...element.messages];
    element.loadingOlder = false;
    await element.updateComplete;
    expect(Math.abs(offsetInLog(element, reading) - offset)).to.be.lessThan(1);
    // The earlier messages just above are there at once, for the visitor scrolling on up.
    expect(rowOf(element, 'IM849')).not.to.equal(null);
    expect(messageElements(element).length).to.be.at.most(WINDOW_ROWS);
    expect(asked).to.equal(1);
  });

  it('leaves the view alone when a message arrives while the visitor reads far back', async () => {
    const element = await list({ messages: conversation(1000) });
    const log = logOf(element);
    await waitUntil(() => distanceFromEnd(log) < 2, 'did not start at the end');
    await frames();
    await scrollUpUntil(element, () => rowOf(element, 'IM900') !== null && rowOf(element, 'IM999') === null, 'never paged back');
    log.scrollTop = log.scrollHeight / 2;
    await frames();
    const reading = rowOf(element, firstVisibleKey(element))!;
    const offset = offsetInLog(element, reading);
    const scrollTop = log.scrollTop;

    element.messages = [...element.messages, message(1000)];
    await element.updateComplete;
    await frames();
    expect(Math.abs(offsetInLog(element, reading) - offset)).to.be.lessThan(1);
    expect(log.scrollTop).to.equal(scrollTop);
    expect(rowOf(element, 'IM1000')).to.equal(null);
  });

  it('keeps the row in view in place when the log narrows and the rows above it grow taller', async () => {
    const element = await list({ messages: conversation(1000, 999).map((m) => ({ ...m, body: `${m.body} ${'word '.repeat(12)}` })) });
    const log = logOf(element);
    await waitUntil(() => distanceFromEnd(log) < 2, 'did not start at the end');
    await frames();
    log.scrollTop = log.scrollHeight / 2;
    await frames();
    const reading = rowOf(element, firstVisibleKey(element))!;
    const offset = offsetInLog(element, reading);
    const scrollTop = log.scrollTop;

    element.style.width = '240px';
    await waitUntil(() => log.clientWidth < 250, 'the log never narrowed');
    await frames();
    expect(Math.abs(offsetInLog(element, reading) - offset)).to.be.lessThan(1);
    // The rows above grew taller: the log scrolled by as much to keep it there.
    expect(log.scrollTop).to.be.greaterThan(scrollTop + 100);
  });

  it('goes to the newest when the visitor sends, or presses End, while reading far back', async () => {
    const element = await list({ messages: conversation(1000) });
    const log = logOf(element);
    await waitUntil(() => distanceFromEnd(log) < 2, 'did not start at the end');
    await frames();
    await scrollUpUntil(element, () => rowOf(element, 'IM700') !== null, 'never paged back');

    element.pending = [pendingEntry('mine')];
    await element.updateComplete;
    await waitUntil(() => rowOf(element, 'mine') !== null && distanceFromEnd(log) < 2, 'did not show the sent message');
    expect(rowOf(element, 'IM999')).not.to.equal(null);
    expect(messageElements(element).length).to.be.at.most(WINDOW_ROWS);

    await frames();
    await scrollUpUntil(element, () => rowOf(element, 'IM700') !== null, 'never paged back again');
    log.focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => rowOf(element, 'mine') !== null && distanceFromEnd(log) < 2, 'End did not go to the newest');
  });

  it('starts at the newest message and follows new ones only while the visitor is at the end', async () => {
    const element = await list({ messages: conversation(60) });
    const log = logOf(element);
    await waitUntil(() => rowOf(element, 'IM59') !== null && distanceFromEnd(log) < 2, 'did not start at the end');

    element.messages = [...element.messages, message(60)];
    await element.updateComplete;
    await waitUntil(() => rowOf(element, 'IM60') !== null && distanceFromEnd(log) < 2, 'did not follow a new message');

    await frames();
    log.scrollTop = 200;
    await waitUntil(() => distanceFromEnd(log) > 200, 'the visitor could not scroll up');
    await frames();
    const reading = rowOf(element, firstVisibleKey(element))!;
    const offset = offsetInLog(element, reading);
    element.messages = [...element.messages, message(61)];
    await element.updateComplete;
    await frames();
    expect(Math.abs(offsetInLog(element, reading) - offset)).to.be.lessThan(1);
    expect(distanceFromEnd(log)).to.be.greaterThan(200);

    // The visitor's own message brings the list to the end.
    element.pending = [pendingEntry('mine')];
    await element.updateComplete;
    await waitUntil(() => rowOf(element, 'mine') !== null && distanceFromEnd(log) < 2, 'did not show the sent message');

    // Back at the end by scrolling, the typing line appearing below does not hide the newest message.
    await frames();
    log.scrollTop = 0;
    await frames();
    log.scrollTop = log.scrollHeight;
    await waitUntil(() => distanceFromEnd(log) < 2);
    await frames();
    element.typists = [participants.get(AGENT)!];
    await element.updateComplete;
    expect(root(element).querySelector('[part="typing"]')!.getBoundingClientRect().height).to.be.greaterThan(10);
    await waitUntil(() => distanceFromEnd(log) < 2, 'the typing line hid the newest message');
  });

  it('keeps the newest message in view when the log shrinks (history opened, keyboard shown) while at the end', async () => {
    const element = await list({ messages: conversation(60) });
    const log = logOf(element);
    await waitUntil(() => distanceFromEnd(log) < 2, 'did not start at the end');
    // The visitor scrolled around and came back to the end (the list stopped following the newest, then followed it again).
    await frames();
    log.scrollTop = 0;
    await frames();
    log.scrollTop = log.scrollHeight;
    await waitUntil(() => distanceFromEnd(log) < 2);
    await frames();

    element.style.height = '220px';
    await waitUntil(() => log.clientHeight < 260, 'the log never shrank');
    await waitUntil(() => rowOf(element, 'IM59') !== null && distanceFromEnd(log) < 2, 'the newest message went out of view');

    // A visitor reading older messages is left where they are.
    log.scrollTop = 100;
    await frames();
    element.style.height = '420px';
    await waitUntil(() => log.clientHeight > 300, 'the log never grew');
    await frames();
    expect(distanceFromEnd(log)).to.be.greaterThan(200);
  });

  it('asks for earlier messages near the top and keeps the view in place when they arrive', async () => {
    const element = await list({ messages: conversation(40, 199), hasOlder: true });
    const log = logOf(element);
    let asked = 0;
    element.addEventListener('bridge-chat-load-older', () => asked++);
    await waitUntil(() => rowOf(element, 'IM199') !== null && distanceFromEnd(log) < 2, 'did not start at the end');
    expect(asked).to.equal(0);

    await frames();
    log.scrollTop = 0;
    await waitUntil(() => asked === 1, 'no bridge-chat-load-older at the top');
    element.loadingOlder = true;
    await element.updateComplete;
    expect(root(element).querySelector('.older')!.textContent!.trim()).to.equal('Loading earlier messages…');
    expect(log.getAttribute('aria-busy')).to.equal('true');
    await expect(element).to.be.accessible();

    await frames();
    const reading = firstVisibleKey(element);
    const offset = offsetInLog(element, rowOf(element, reading)!);
    element.messages = [...conversation(60, 159), ...element.messages];
    element.loadingOlder = false;
    await element.updateComplete;
    await waitUntil(() => log.getAttribute('aria-busy') === 'false', 'the list never settled');
    expect(Math.abs(offsetInLog(element, rowOf(element, reading)!) - offset)).to.be.lessThan(1);
    expect(rowOf(element, 'IM159')).not.to.equal(null);
    expect(asked).to.equal(1);
  });

  it('offers to load earlier messages again after a failure', async () => {
    const element = await list({ messages: conversation(3), hasOlder: true, olderFailed: true });
    const older = root(element).querySelector('.older')!;
    expect(older.textContent).to.contain('Earlier messages could not be loaded.');
    const button = older.querySelector('button')!;
    expect(button.textContent!.trim()).to.equal('Load earlier messages');
    await expect(element).to.be.accessible();
    setTimeout(() => button.click());
    await oneEvent(element, 'bridge-chat-load-older');
  });

  it('loads earlier messages at once when the first page does not fill the log', async () => {
    let asked = 0;
    await fixture<BridgeChatMessageList>(html`<bridge-chat-message-list
      style="height: 420px"
      .identity=${VISITOR}
      .messages=${conversation(2)}
      .hasOlder=${true}
      @bridge-chat-load-older=${() => asked++}
    ></bridge-chat-message-list>`);
    await waitUntil(() => asked === 1, 'no bridge-chat-load-older');
  });

  it('says how to start when there are no messages', async () => {
    const element = await list();
    expect(logOf(element).textContent!.trim()).to.equal('Send a message to start the conversation.');
    await expect(element).to.be.accessible();
  });
});
