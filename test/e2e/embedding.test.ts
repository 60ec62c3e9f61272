/**
 * The widget embedded every way the demo shows, in Debian's Chromium against the real demo
 * servers: the React 19 and Vue 3 examples (the npm package, run from source by the demo's Vite
 * server) and the two script-tag pages (the browser builds in dist/browser, with the global
 * `BridgeChat` API). Each page sends or opens through its own code, the agent answers through the
 * demo's agent API, and the page hears the answer through the element's events.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { BridgeChatReadyDetail } from '../../src/widget/index.js';
import type {} from '../../src/widget/browser.js';
import type { RunningDemo } from '../../demo/servers.js';
import { type DemoInBrowser, startDemoInBrowser } from './support.js';
import { agentReplies, agentSees } from './agent-side.js';
import { SOURCES } from '../../scripts/bundle-graph.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

let running: DemoInBrowser;
let demo: RunningDemo;
let browser: Browser;

const WAIT_MS = 20_000;

/** A page at `url`, with the errors it throws collected. */
async function open(url: string): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  return { page, pageErrors };
}

/** Resolves with the chat's identity and conversation once it connects (listening from now on). */
async function whenReady(page: Page): Promise<() => Promise<BridgeChatReadyDetail>> {
  await page.evaluate(() => {
    const ready = new Promise<BridgeChatReadyDetail>((resolve) =>
      document.addEventListener('bridge-chat-ready', (event) => resolve(event.detail), { once: true }),
    );
    (window as unknown as { chatReady: Promise<BridgeChatReadyDetail> }).chatReady = ready;
  });
  return () => page.evaluate(() => (window as unknown as { chatReady: Promise<BridgeChatReadyDetail> }).chatReady);
}

interface FrameworkPage {
  url: string;
  framework: string;
  /** The title the page gives the chat through the `strings` property. */
  title: string;
  /** Sign in on the shop first: the page hands the site session over through the `getAuthHeaders` property. */
  signedIn: boolean;
}

/** The framework examples: the button sends, the agent answers, the page's own list shows both. */
async function chatsThroughFrameworkPage({ url, framework, title, signedIn }: FrameworkPage): Promise<void> {
  const { page, pageErrors } = await open(signedIn ? demo.demoUrl : url);
  if (signedIn) {
    await page.getByRole('button', { name: /Sign in as Maya Chen/ }).click();
    await page.getByText('Signed in as').waitFor();
    await page.goto(url);
  }
  const ready = await whenReady(page);
  await page.getByRole('button', { name: 'Ask about my order' }).click();
  const { conversationSid, identity } = await ready();
  assert.equal(await page.locator('bridge-chat').getAttribute('open'), '', 'send() came after show(): the panel is open');
  // Properties set the framework's way reached the element.
  if (signedIn) assert.equal(identity, 'customer-maya-chen');
  else assert.match(identity, /^visitor-/);
  await page.locator('bridge-chat [part~="header"]', { hasText: title }).waitFor();

  await agentSees(demo.demoUrl, conversationSid, 'Where is my order TW-10482?');
  const reply = `${framework}: it left the roastery yesterday. ${Date.now()}`;
  await agentReplies(demo.demoUrl, conversationSid, reply);

  // The page's list is built from bridge-chat-message events only.
  const latest = page.getByTestId('latest-messages');
  await latest.getByText(reply).waitFor({ timeout: WAIT_MS });
  await latest.locator('li[data-own="true"]', { hasText: 'Where is my order TW-10482?' }).waitFor({ timeout: WAIT_MS });
  await page.locator('bridge-chat [part~="message"]', { hasText: reply }).waitFor();

  // Closed, the chat counts what arrives; the page shows the count from bridge-chat-unread.
  await page.evaluate(() => document.querySelector('bridge-chat')!.hide());
  await agentReplies(demo.demoUrl, conversationSid, 'And it arrives on Thursday.');
  const badge = page.getByTestId('unread');
  await badge.waitFor({ timeout: WAIT_MS });
  const count = await page.evaluate(() => document.querySelector('bridge-chat')!.unreadCount);
  assert.ok(count >= 1);
  assert.equal(await badge.textContent(), `${count} unread`);
  assert.deepEqual(pageErrors, []);
  await page.close();
}

/** The script-tag pages: open through `BridgeChat.open()`, hear the agent through `BridgeChat.on()`. */
async function chatsThroughSnippet(url: string, bundle: string): Promise<void> {
  const { page, pageErrors } = await open(url);
  const heard = page.evaluate(
    () =>
      new Promise<{ body: string; author: string | null }>((resolve) => {
        const stop = window.BridgeChat.on('message', (event) => {
          if (event.detail.message.own) return;
          stop();
          resolve({ body: event.detail.message.body, author: event.detail.message.author });
        });
      }),
  );
  const ready = page.evaluate(() => new Promise<BridgeChatReadyDetail>((resolve) => window.BridgeChat.on('ready', (event) => resolve(event.detail))));
  await page.evaluate(() => window.BridgeChat.open());
  const { conversationSid } = await ready;
  assert.equal(await page.evaluate(() => window.BridgeChat.element?.open), true);
  await page.locator('bridge-chat [part~="input"]').waitFor();

  const reply = `Happy to help. ${Date.now()}`;
  await agentReplies(demo.demoUrl, conversationSid, reply);
  assert.deepEqual(await heard, { body: reply, author: 'agent-sam' });
  // The page's own listener (its inline script) logged it too.
  await page.locator('#event-log li', { hasText: `Support: ${reply}` }).waitFor({ timeout: WAIT_MS });

  // The page ran the built bundle, not the sources.
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
  assert.ok(scripts.includes(`/dist/browser/${bundle}`), `loaded ${bundle}`);
  assert.ok(!scripts.some((path) => path.startsWith('/src/')), 'no source module was loaded');

  await page.evaluate(() => window.BridgeChat.close());
  assert.equal(await page.evaluate(() => window.BridgeChat.element?.open), false);
  assert.deepEqual(pageErrors, []);
  await page.close();
}

/** The browser build's chunks as a page requests them: `launcher`, `chat-panel`, `client`… (names without hashes). */
function chunkRequests(page: Page): string[] {
  const requested: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    const chunk = /^\/dist\/browser\/(?:chunks\/)?([\w-]+?)(?:-[\w-]{8})?\.js$/.exec(path);
    if (chunk) requested.push(chunk[1]!);
  });
  return requested;
}

/** The Twilio SDK chunk's name in this build (Vite's manifest knows which chunk holds it). */
function sdkChunkName(): string {
  const manifest = JSON.parse(readFileSync(join(root, 'dist/browser/.vite/manifest.json'), 'utf8')) as Record<string, { file: string }>;
  const entry = Object.entries(manifest).find(([source]) => SOURCES.sdk.test(source));
  assert.ok(entry, 'the build has a Twilio SDK chunk');
  return /chunks\/([\w-]+?)-[\w-]{8}\.js$/.exec(entry[1].file)![1]!;
}

/** Lets the page go idle (the launcher's idle work runs then). */
async function idle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 })));
  await page.waitForLoadState('networkidle');
}

describe('embedding, end to end', () => {
  before(async () => {
    running = await startDemoInBrowser();
    ({ demo, browser } = running);
  });

  after(async () => {
    await running?.close();
  });

  it('the React example sends with its button and lists the reply from bridge-chat-message', { timeout: 90_000 }, () =>
    chatsThroughFrameworkPage({ url: demo.reactUrl, framework: 'React', title: 'Order help', signedIn: false }),
  );

  it('the Vue example, for a signed-in customer, does the same', { timeout: 90_000 }, () =>
    chatsThroughFrameworkPage({ url: demo.vueUrl, framework: 'Vue', title: 'Help center chat', signedIn: true }),
  );

  it('the module script tag opens with BridgeChat.open() and hears messages with BridgeChat.on()', { timeout: 90_000 }, () =>
    chatsThroughSnippet(demo.embedModuleUrl, 'bridge-chat.js'),
  );

  it('the classic script tag (IIFE) does the same', { timeout: 90_000 }, () =>
    chatsThroughSnippet(demo.embedClassicUrl, 'bridge-chat.iife.js'),
  );

  it('loads only the launcher until the visitor comes near, and the Twilio SDK never for an emulator session', { timeout: 90_000 }, async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const requested = chunkRequests(page);
      await page.goto(demo.embedModuleUrl);
      await page.locator('bridge-chat [part~="launcher"]').waitFor();
      await idle(page);
      assert.deepEqual([...new Set(requested)].sort(), ['bridge-chat', 'launcher'], 'before any approach, only the launcher');

      // The pointer nears the launcher (bottom right corner): the panel's code is fetched, nothing opens.
      const launcher = (await page.locator('bridge-chat [part~="launcher"]').boundingBox())!;
      await page.mouse.move(launcher.x - 60, launcher.y - 60, { steps: 4 });
      await page.waitForResponse((response) => /\/chunks\/chat-panel-/.test(response.url()));
      assert.equal(await page.locator('bridge-chat').getAttribute('open'), null);
      assert.ok(!requested.includes('client'), 'no realtime client before a chat starts');

      await page.locator('bridge-chat [part~="launcher"]').click();
      await page.locator('bridge-chat [part~="input"]').waitFor({ timeout: WAIT_MS });
      assert.ok(requested.includes('client'), "the emulator session loads the emulator's client");

      // A returning visitor: the chat reconnects, hidden, once the page is idle, with no approach at all.
      requested.length = 0;
      await page.reload();
      await idle(page);
      await page.waitForFunction(() => document.querySelector('bridge-chat')?.conversationSid !== undefined, null, { timeout: WAIT_MS });
      assert.ok(requested.includes('chat-panel') && requested.includes('client'), `loaded: ${requested.join(', ')}`);
      assert.equal(await page.locator('bridge-chat').getAttribute('open'), null);
      assert.ok(!requested.includes(sdkChunkName()), 'the Twilio SDK is never loaded for an emulator session');
    } finally {
      await context.close();
    }
  });

  it('answers a clear 404 for a file the browser build does not have', async () => {
    const response = await fetch(new URL('dist/browser/no-such-file.js', demo.demoUrl));
    assert.equal(response.status, 404);
    assert.match(await response.text(), /run npm run build first/);
  });
});
