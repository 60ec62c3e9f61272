/**
 * The widget under a strict Content-Security-Policy, in Debian's Chromium against the demo's
 * companion and emulator: a page served with the policy as a response header (csp-site.ts:
 * scripts only from the site, no inline script or style allowed, no style source at all,
 * connections and images only from the companion and the emulator, Trusted Types with Lit's
 * policy alone) embeds the browser build,
 * once as modules and once as the classic IIFE. A signed-in customer opens the chat, sends a
 * message, gets the agent's reply, sends an image and sees it inline, and opens her history;
 * all along the page reports no `securitypolicyviolation` and Chromium logs no CSP error.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type RunningDemo, startDemo } from '../../demo/servers.js';
import { CHROMIUM_ARGS, findOrInstallChromium } from '../support/chromium.js';
import { type CspSite, startCspSite } from './csp-site.js';
import { agentReplies, agentSees } from './agent-side.js';

const WAIT_MS = 20_000;

let site: CspSite;
let demo: RunningDemo;
let browser: Browser;

/** What a page tells about the policy: its violation events, Chromium's CSP console errors, uncaught errors. */
interface PolicyReport {
  violations(): Promise<string[]>;
  consoleErrors: string[];
  pageErrors: string[];
}

/** Listens from before the first script of every page of `context` on. */
async function watchPolicy(context: BrowserContext, page: Page): Promise<PolicyReport> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener(
      'securitypolicyviolation',
      (event) => seen.push(`${event.effectiveDirective} refused ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`),
      true,
    );
  });
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content.Security.Policy|Refused to|Trusted ?(Types|HTML|Script)/i.test(text)) consoleErrors.push(text);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    violations: () => page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]),
    consoleErrors,
    pageErrors,
  };
}

/** A real PNG of `width` × `height` orange pixels (8-bit RGB, no filter), for the file picker. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [0xc2, 0x41, 0x0c]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Waits until an image that `selector` finds has loaded with this width (rows re-render: asked anew each time); its URL. */
async function imageLoaded(page: Page, selector: string, width: number): Promise<string> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const [loaded] = await page.locator(selector).evaluateAll(
      (images, expected) =>
        (images as HTMLImageElement[]).filter((image) => image.complete && image.naturalWidth === expected).map((image) => image.src),
      width,
    );
    if (loaded) return loaded;
    assert.ok(Date.now() < deadline, `no image ${selector} loaded ${width} px wide`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The visit on `url`, with the policy watched throughout. */
async function chatsUnderStrictPolicy(url: string, bundle: string): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const report = await watchPolicy(context, page);
    await visit(page, url, bundle).catch(async (error: Error) => {
      // What the policy refused is usually why a step timed out.
      error.message += `\nCSP violations: ${JSON.stringify(await report.violations())}\nCSP console errors: ${JSON.stringify(report.consoleErrors)}`;
      throw error;
    });
    assert.deepEqual(await report.violations(), [], 'securitypolicyviolation events');
    assert.deepEqual(report.consoleErrors, [], 'CSP errors in the console');
    assert.deepEqual(report.pageErrors, [], 'uncaught errors');
  } finally {
    await context.close();
  }
}

/** Every feature the issue names, in order, on `url`. */
async function visit(page: Page, url: string, bundle: string): Promise<void> {
  const response = await page.goto(url);
  assert.equal(response?.headers()['content-security-policy'], site.policy, 'the page is served with the strict policy');

  // The launcher loads, styled by its constructed stylesheets, and the panel opens.
  const launcher = page.locator('bridge-chat [part~="launcher"]');
  assert.equal(await launcher.evaluate((button) => getComputedStyle(button).borderRadius), '50%', 'the launcher is styled');
  await launcher.click();
  const input = page.locator('bridge-chat [part~="input"]');
  await input.waitFor({ timeout: WAIT_MS });
  const conversationSid = await (
    await page.waitForFunction(() => document.querySelector('bridge-chat')?.conversationSid, null, { timeout: WAIT_MS })
  ).jsonValue();
  assert.equal(await page.evaluate(() => document.querySelector('bridge-chat')?.identity), 'customer-maya-chen');

  // A message goes out, and the agent's reply arrives.
  const question = `Is the ${bundle} build fine under CSP? ${Date.now()}`;
  await input.fill(question);
  await input.press('Enter');
  await agentSees(demo.demoUrl, conversationSid!, question);
  const reply = `It is, with no inline code at all. ${Date.now()}`;
  await agentReplies(demo.demoUrl, conversationSid!, reply);
  await page.locator('bridge-chat [part~="message"]', { hasText: reply }).waitFor({ timeout: WAIT_MS });

  // An image: its thumbnail (a blob: URL) while chosen, then inline from the emulator's media once sent.
  await page.locator('bridge-chat input[type="file"]').setInputFiles({ name: 'beans.png', mimeType: 'image/png', buffer: png(6, 4) });
  assert.match(await imageLoaded(page, 'bridge-chat bridge-chat-attachments img', 6), /^blob:/);
  await page.locator('bridge-chat [part~="send"]').click();
  const shown = await imageLoaded(page, 'bridge-chat [part~="messages"] [part~="attachment"] img', 6);
  assert.equal(new URL(shown).origin, new URL(demo.emulatorUrl).origin);

  // The customer's history: the region's own chunk, and the seeded past conversations.
  await page.locator('bridge-chat .context-toggle').click({ timeout: WAIT_MS });
  await page.locator('bridge-chat [part~="history"] .history-item').first().waitFor({ timeout: WAIT_MS });

  // Everything above loaded from this site: the launcher, the panel, the realtime client, the views on demand.
  const scripts = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.js')).map((entry) => new URL(entry.name).pathname),
  );
  assert.ok(scripts.includes(`/dist/browser/${bundle}`), `loaded ${bundle}: ${scripts.join(', ')}`);
}

describe('the widget under a strict Content-Security-Policy', () => {
  before(async () => {
    // The site first: the companion must allow its origin. What starts is stopped by after(), even when a later step fails.
    site = await startCspSite();
    demo = await startDemo({
      host: '127.0.0.1',
      ports: { demo: 0, companion: 0, emulator: 0 },
      env: { BRIDGE_CHAT_ALLOWED_ORIGINS: site.origin },
    });
    // The demo shop's sign-in: a site session for its returning customer, who has history.
    const signIn = await fetch(new URL('site-api/sign-in', demo.demoUrl), { method: 'POST' });
    const { token } = (await signIn.json()) as { token: string };
    site.configure({ companionUrl: demo.companionUrl, emulatorUrl: demo.emulatorUrl, demoUrl: demo.demoUrl, siteSession: token });
    browser = await chromium.launch({ executablePath: findOrInstallChromium(), args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
    await site?.close();
  });

  it('is served a policy without unsafe-inline or unsafe-eval, naming only the site, the companion and the emulator', () => {
    const policy = site.policy;
    assert.doesNotMatch(policy, /unsafe-|\*|https?:(?!\/\/127\.0\.0\.1)|data:/);
    assert.match(policy, /^default-src 'none'; script-src 'self';/);
    assert.doesNotMatch(policy, /style-src/, 'no style source at all: the widget adopts constructed stylesheets');
    assert.match(policy, /require-trusted-types-for 'script'; trusted-types lit-html/);
  });

  it('enforces the policy and reports what it refuses (so the checks below can fail)', { timeout: 60_000 }, async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const report = await watchPolicy(context, page);
      await page.goto(site.inlineUrl);
      const sinkRefused = await page.evaluate(() => {
        try {
          document.body.innerHTML = '<b>markup from a string</b>';
          return false;
        } catch (error) {
          return error instanceof TypeError;
        }
      });
      assert.equal(sinkRefused, true, 'Trusted Types refused a string for innerHTML');
      assert.equal(await page.evaluate(() => 'inlineScriptRan' in window), false, 'the inline script did not run');
      await page.waitForFunction(() => (window as unknown as { __cspViolations: string[] }).__cspViolations.length >= 3);
      const violations = await report.violations();
      for (const directive of ['script-src-elem', 'style-src-attr', 'require-trusted-types-for']) {
        assert.ok(violations.some((violation) => violation.startsWith(`${directive} refused`)), `${directive}:\n${violations.join('\n')}`);
      }
      // Chromium logs the two refusals of the page's own markup (the refused assignment threw, to the caller).
      assert.ok(report.consoleErrors.length >= 2, `Chromium logged the refusals: ${report.consoleErrors.join('\n')}`);
    } finally {
      await context.close();
    }
  });

  it('works as ES modules: launcher, panel, a message each way, an image, the history', { timeout: 90_000 }, () =>
    chatsUnderStrictPolicy(site.moduleUrl, 'bridge-chat.js'),
  );

  it('works as the classic IIFE script the same way', { timeout: 90_000 }, () => chatsUnderStrictPolicy(site.classicUrl, 'bridge-chat.iife.js'));
});
