/**
 * The soak's hands and eyes in the shop page: sends through the element's
 * public `send()`, watches its events, counts the outbox's rows, peeks into the
 * outbox's IndexedDB, and reads the message list as a visitor would see it by
 * scrolling it from the first message to the last.
 */
import type { Page } from 'playwright-core';
import type { BridgeChatReadyDetail } from '../../src/widget/index.js';

/** What the page heard from `<bridge-chat>` since it (re)loaded. */
interface Probe {
  ready: BridgeChatReadyDetail | null;
  errors: { code: string; message: string }[];
}

declare global {
  interface Window {
    soakProbe: Probe;
  }
}

/** A message row of the list as rendered. */
export interface RenderedRow {
  /** `m:` and the message's client id (or SID). */
  key: string;
  body: string;
  /** `sent` / `read` once Twilio has it; `queued` / `sending` / `failed` while in the outbox. */
  state: string;
}

export type OutboxCounts = Record<'queued' | 'sending' | 'failed', number>;

/** Waits this long (ms) for the list to change after a scroll before taking it as settled. */
const SCROLL_SETTLE_MS = 2_000;

/** Records the element's events from the first script on, on every load of the page. */
export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.soakProbe = { ready: null, errors: [] };
    document.addEventListener('bridge-chat-ready', (event) => (window.soakProbe.ready = event.detail));
    document.addEventListener('bridge-chat-error', (event) => window.soakProbe.errors.push(event.detail));
  });
}

/** The chat's identity and conversation once it connects; throws with the widget's error if it fails first. */
export async function whenReady(page: Page, timeout = 60_000): Promise<BridgeChatReadyDetail> {
  const handle = await page.waitForFunction(
    () => window.soakProbe.ready ?? window.soakProbe.errors[0] ?? null,
    null,
    { timeout, polling: 100 },
  );
  const heard = (await handle.jsonValue()) as BridgeChatReadyDetail | Probe['errors'][number];
  if ('code' in heard) throw new Error(`The chat failed instead of connecting: ${JSON.stringify(heard)}`);
  return heard;
}

export function errorsHeard(page: Page): Promise<Probe['errors']> {
  return page.evaluate(() => window.soakProbe.errors);
}

/** Queues `body` as the visitor, through the element's public API. */
export async function send(page: Page, body: string): Promise<void> {
  await page.evaluate((text) => document.querySelector('bridge-chat')!.send(text), body);
}

/** The visitor's messages in the outbox, by state, as the list shows them. */
export function outboxCounts(page: Page): Promise<OutboxCounts> {
  // No named functions in here: tsx would wrap them in a helper the page does not have.
  return page.evaluate(() => {
    const counts = { queued: 0, sending: 0, failed: 0 };
    const roots: (Document | ShadowRoot)[] = [document];
    for (let root = roots.pop(); root; root = roots.pop()) {
      for (const element of root.querySelectorAll<HTMLElement>('[part~="message"][data-state]')) {
        const state = element.dataset['state'] as keyof typeof counts;
        if (state in counts) counts[state] += 1;
      }
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
    }
    return counts;
  });
}

/** The bodies the outbox has written to IndexedDB (what survives a reload). */
export function storedOutboxBodies(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const opening = indexedDB.open('bridge-chat-outbox');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const database = opening.result;
          if (!database.objectStoreNames.contains('entries')) {
            database.close();
            resolve([]);
            return;
          }
          const reading = database.transaction('entries').objectStore('entries').getAll();
          reading.onerror = () => reject(reading.error);
          reading.onsuccess = () => {
            database.close();
            resolve((reading.result as { body: string }[]).map((entry) => entry.body));
          };
        };
      }),
  );
}

/** The message rows in the DOM now, top to bottom. */
function renderedRows(page: Page): Promise<RenderedRow[]> {
  return page.locator('bridge-chat [part~="messages"]').evaluate((log) =>
    [...log.querySelectorAll<HTMLElement>('[data-key^="m:"]')].map((row) => ({
      key: row.dataset['key'] ?? '',
      body: row.querySelector('.body')?.textContent ?? '',
      state: row.querySelector<HTMLElement>('[part~="message"]')?.dataset['state'] ?? '',
    })),
  );
}

/** Scrolls the log to its top or its bottom; resolves with the rows once they change, or stay put for a while. */
async function scrollAndSettle(page: Page, to: 'top' | 'bottom', before: RenderedRow[]): Promise<RenderedRow[]> {
  const edge = (rows: RenderedRow[]) => (to === 'top' ? rows[0]?.key : rows.at(-1)?.key);
  await page.locator('bridge-chat [part~="messages"]').evaluate((log, where) => {
    log.scrollTop = where === 'top' ? 0 : log.scrollHeight;
  }, to);
  const deadline = Date.now() + SCROLL_SETTLE_MS;
  for (;;) {
    await page.waitForTimeout(100);
    const rows = await renderedRows(page);
    if (edge(rows) !== edge(before) || Date.now() > deadline) return rows;
  }
}

/**
 * The whole list as the visitor sees it: scrolled up to the first message (the
 * window slides and earlier messages load on the way), then down to the newest,
 * the rows of each view stitched in order; a failed page of earlier messages
 * is asked for again with the list's own button. Throws if two views disagree
 * on the order, or one does not join the rows seen before it (a gap in the list).
 */
export async function renderedConversation(page: Page): Promise<{ rows: RenderedRow[]; olderRetries: number }> {
  // Shown when a page of earlier messages failed to load (e.g. under injected failures): the visitor asks again.
  const loadOlder = page.locator('bridge-chat .older button');
  let olderRetries = 0;
  let rows = await renderedRows(page);
  for (;;) {
    if ((await loadOlder.count()) > 0) {
      olderRetries += 1;
      await loadOlder.click();
    }
    const next = await scrollAndSettle(page, 'top', rows);
    if (next[0]?.key === rows[0]?.key && (await loadOlder.count()) === 0) break;
    rows = next;
  }
  const seen: RenderedRow[] = [...rows];
  const position = new Map(seen.map((row, at) => [row.key, at]));
  for (;;) {
    const next = await scrollAndSettle(page, 'bottom', rows);
    if (next.at(-1)?.key === rows.at(-1)?.key) return { rows: seen, olderRetries };
    let last = -1;
    for (const row of next) {
      const at = position.get(row.key);
      if (at === undefined) {
        if (last !== seen.length - 1) throw new Error(`The list skipped rows before ${row.key} ("${row.body}")`);
        position.set(row.key, seen.length);
        seen.push(row);
        last = seen.length - 1;
      } else {
        if (at <= last) throw new Error(`The list showed ${row.key} ("${row.body}") out of order`);
        last = at;
      }
    }
    rows = next;
  }
}
