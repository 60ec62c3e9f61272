/** What the whole-widget flow tests (chat-flows-*.test.ts) share. */
import { fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import type { BridgeChat } from '../../../src/widget/index.js';
import type { OutboxEntry } from '../../../src/widget/outbox/outbox-entry.js';
import { sharedOutboxStore } from '../../../src/widget/outbox/outbox-store.js';
import { listMessages, stackConfig } from './stack-client.js';
import type { RestMessage, StackConfig } from './stack-protocol.js';
import { deliveryStatusOf, messageItems, messageListRoot, waitFor } from './widget-harness.js';

let config: StackConfig | undefined;

export async function stack(): Promise<StackConfig> {
  return (config ??= await stackConfig());
}

export interface ChatOptions {
  prechat?: string;
  /** `max-file-size`, in megabytes. */
  maxFileSize?: number;
  accept?: string;
  sessionUrl?: string;
}

/** A floating `<bridge-chat>` talking to the test stack's companion. */
export async function chatElement(options: ChatOptions = {}): Promise<BridgeChat> {
  const { companionUrl } = await stack();
  return fixture<BridgeChat>(html`<bridge-chat
    session-url=${options.sessionUrl ?? companionUrl}
    prechat=${options.prechat ?? nothing}
    max-file-size=${options.maxFileSize ?? nothing}
    accept=${options.accept ?? nothing}
  ></bridge-chat>`);
}

/** A real PNG of `width` × `height` pixels, so that the browser can decode what comes back. */
export async function pngFile(name: string, width: number, height: number): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c2410c';
  context.fillRect(0, 0, width, height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((result) => (result ? resolve(result) : reject(new Error('no PNG'))), 'image/png'),
  );
  return new File([blob], name, { type: 'image/png' });
}

/** The bodies of the conversation's messages, as the REST API has them. */
export async function restBodies(conversationSid: string): Promise<(string | null)[]> {
  return (await listMessages(conversationSid)).map((message) => message.body);
}

/** Waits until the REST API has a message that satisfies `wanted`, and returns it. */
export async function waitForRestMessage(
  conversationSid: string,
  wanted: (message: RestMessage) => boolean,
  what: string,
): Promise<RestMessage> {
  let found: RestMessage | undefined;
  await waitFor(async () => (found = (await listMessages(conversationSid)).find(wanted)), `the REST API never had ${what}`);
  return found!;
}

/** The shown message whose text is `body`, if it is rendered. */
export function itemWithBody(element: BridgeChat, body: string): HTMLElement | undefined {
  return messageItems(element).find((item) => item.querySelector('.body')?.textContent === body);
}

/** The delivery status of the visitor's message with this body, if it is shown. */
export function statusOf(element: BridgeChat, body: string): string | undefined {
  const item = itemWithBody(element, body);
  return item ? deliveryStatusOf(item) : undefined;
}

/** The message list's rendered rows in the order they appear on screen. */
export function rowsOnScreen(element: BridgeChat): HTMLElement[] {
  const rows = [...messageListRoot(element).querySelectorAll<HTMLElement>('.row')];
  return rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
}

/** What a download of `downloadText` would have saved: caught before the browser saves anything. */
export interface CaughtDownload {
  filename: string;
  text: Promise<string>;
}

/**
 * Catches downloads made with an object URL and a clicked `<a download>`: the
 * blob is kept and the click does nothing. Returns the downloads seen and a restore function.
 */
export function catchDownloads(): { downloads: CaughtDownload[]; restore(): void } {
  const downloads: CaughtDownload[] = [];
  const blobs = new Map<string, Blob>();
  const createObjectURL = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = createObjectURL.call(URL, object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (this.download && blob) downloads.push({ filename: this.download, text: blob.text() });
    else click.call(this);
  };
  return {
    downloads,
    restore() {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

/** A tab opened with `window.open`, as far as the widget uses it. */
export interface CaughtTab {
  opener: unknown;
  location: { href: string };
  closed: boolean;
  close(): void;
}

/** Catches `window.open`: returns the tabs the page asked for, and a restore function. */
export function catchNewTabs(): { tabs: CaughtTab[]; restore(): void } {
  const tabs: CaughtTab[] = [];
  const open = window.open;
  window.open = () => {
    const tab: CaughtTab = { opener: window, location: { href: '' }, closed: false, close: () => (tab.closed = true) };
    tabs.push(tab);
    return tab as unknown as Window;
  };
  return { tabs, restore: () => (window.open = open) };
}

/** The outbox entries IndexedDB holds for the page's origin (what survives a reload), by body. */
export async function storedOutboxBodies(): Promise<string[]> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('bridge-chat-outbox');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    if (!database.objectStoreNames.contains('entries')) return [];
    const entries = await new Promise<OutboxEntry[]>((resolve, reject) => {
      const request = database.transaction('entries').objectStore('entries').getAll();
      request.onsuccess = () => resolve(request.result as OutboxEntry[]);
      request.onerror = () => reject(request.error);
    });
    return entries.map((entry) => entry.body);
  } finally {
    database.close();
  }
}

/**
 * Forgets the outbox entries the page keeps in memory (the store shared by every
 * widget on the page), as a reload does: what is left is what IndexedDB holds.
 */
export function forgetOutboxMemory(): void {
  const memory = (sharedOutboxStore() as unknown as { memory?: Map<string, unknown> }).memory;
  if (!(memory instanceof Map)) throw new Error('The outbox store no longer keeps its memory in `memory`: update this helper.');
  memory.clear();
}
