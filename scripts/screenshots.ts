/**
 * `npm run screenshots`: pictures of the widget's main states for a reviewer, in screenshots/.
 * Starts the demo offline (emulator, companion, shop page) on free loopback ports, drives the
 * system Chromium with playwright-core, chats in each state (the visitor writes, the agent
 * answers through the demo's agent API) and stops every server it started.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningDemo, startDemo } from '../demo/servers.js';
import { CHROMIUM_ARGS, findOrInstallChromium } from '../test/support/chromium.js';

const OUT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));
const WAIT_MS = 20_000;

interface Shot {
  /** The file name, without `.png`. */
  name: string;
  viewport: { width: number; height: number };
  colorScheme: 'light' | 'dark';
  /** Attributes set on the demo's <bridge-chat> before it is opened. */
  attributes: Record<string, string>;
  /** Signs in as the demo's returning customer and shows her history instead of chatting. */
  history?: boolean;
  visitor: string;
  agent: string;
  /** After the chat: close the panel and let a new agent message raise the launcher's badge. */
  unreadShot?: string;
  mobile?: boolean;
}

const SHOTS: Shot[] = [
  {
    name: 'light',
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    attributes: { theme: 'light' },
    visitor: 'Hi! Does the Harbor Blend work for espresso?',
    agent: 'It does: grind it fine and pull it a little long. It makes a sweet, syrupy shot.',
    unreadShot: 'closed-unread',
  },
  {
    name: 'dark',
    viewport: { width: 1280, height: 800 },
    colorScheme: 'dark',
    attributes: { theme: 'auto' },
    visitor: 'Can I pause my subscription for a month?',
    agent: 'Of course. I have paused it until June 3; nothing ships before then.',
  },
  {
    name: 'mobile',
    viewport: { width: 390, height: 844 },
    colorScheme: 'light',
    attributes: {},
    visitor: 'Where is my order 1042?',
    agent: 'It left our roastery this morning and arrives tomorrow.',
    mobile: true,
  },
  {
    name: 'rtl-arabic',
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    attributes: { lang: 'ar' },
    visitor: 'مرحبًا، هل تصلح خلطة هاربر للإسبريسو؟',
    agent: 'نعم، اطحنها ناعمًا وستحصل على إسبريسو غني وحلو.',
  },
  {
    name: 'rtl-arabic-history',
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    attributes: { lang: 'ar' },
    history: true,
    visitor: 'مرحبًا، أنا مايا مجددًا.',
    agent: 'أهلًا يا مايا! كيف يمكنني مساعدتك اليوم؟',
  },
];

/** Opens the shop, sets the widget's attributes, chats once; resolves with the conversation. */
async function chat(page: Page, demo: RunningDemo, shot: Shot): Promise<string> {
  await page.goto(demo.demoUrl);
  await page.locator('bridge-chat').waitFor({ state: 'attached' });
  if (shot.history) {
    await page.getByRole('button', { name: /Sign in as Maya Chen/ }).click();
    await page.getByText('Signed in as').waitFor();
  }
  const ready = page.evaluate((attributes) => {
    const element = document.querySelector('bridge-chat')!;
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return new Promise<string>((resolve, reject) => {
      element.addEventListener('bridge-chat-ready', (event) => resolve(event.detail.conversationSid), { once: true });
      element.addEventListener('bridge-chat-error', (event) => reject(new Error(event.detail.message)), { once: true });
    });
  }, shot.attributes);
  await page.locator('bridge-chat [part~="launcher"]').click();
  const conversationSid = await ready;

  await page.locator('bridge-chat [part~="input"]').fill(shot.visitor);
  await page.locator('bridge-chat [part~="send"]').click();
  await page.locator('bridge-chat [part~="message"]', { hasText: shot.visitor }).waitFor({ timeout: WAIT_MS });
  await replyAsAgent(demo, conversationSid, shot.agent);
  await page.locator('bridge-chat [part~="message"]', { hasText: shot.agent }).waitFor({ timeout: WAIT_MS });
  if (shot.history) {
    // Linked once the bridge has mirrored the chat (about three seconds, as on Twilio).
    await page.locator('bridge-chat [part~="link-indicator"][data-status="linked"]').waitFor({ timeout: 30_000 });
    await page.locator('bridge-chat #context-toggle').click();
    await page.locator('bridge-chat [part~="history"] li').first().waitFor({ timeout: WAIT_MS });
  }
  // The input keeps focus after sending: take the picture without a focus ring or caret.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return conversationSid;
}

async function replyAsAgent(demo: RunningDemo, conversationSid: string, body: string): Promise<void> {
  const response = await fetch(new URL(`agent-api/conversations/${conversationSid}/messages`, demo.demoUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  if (!response.ok) throw new Error(`The agent reply failed: HTTP ${response.status} ${await response.text()}`);
}

async function take(browser: Browser, demo: RunningDemo, shot: Shot): Promise<string[]> {
  const context = await browser.newContext({
    viewport: shot.viewport,
    colorScheme: shot.colorScheme,
    // No opening animation caught half-way.
    reducedMotion: 'reduce',
    deviceScaleFactor: shot.mobile ? 2 : 1,
    isMobile: shot.mobile ?? false,
    hasTouch: shot.mobile ?? false,
  });
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const conversationSid = await chat(page, demo, shot);
    const files = [`${shot.name}.png`];
    await page.screenshot({ path: `${OUT_DIR}${shot.name}.png` });

    if (shot.unreadShot) {
      await page.locator('bridge-chat [part~="launcher"]').click();
      await replyAsAgent(demo, conversationSid, 'One more thing: your bag ships with a free tasting card.');
      await page.locator('bridge-chat [part~="unread-badge"]').waitFor({ timeout: WAIT_MS });
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.screenshot({ path: `${OUT_DIR}${shot.unreadShot}.png` });
      files.push(`${shot.unreadShot}.png`);
    }
    if (pageErrors.length) throw new Error(`errors on the page: ${pageErrors.join('; ')}`);
    return files;
  } finally {
    await context.close();
  }
}

async function main(): Promise<boolean> {
  await mkdir(OUT_DIR, { recursive: true });
  const demo = await startDemo({ host: '127.0.0.1', ports: { demo: 0, companion: 0, emulator: 0 } });
  let browser: Browser | undefined;
  let ok = true;
  try {
    browser = await chromium.launch({ executablePath: findOrInstallChromium(), args: CHROMIUM_ARGS });
    for (const shot of SHOTS) {
      try {
        const files = await take(browser, demo, shot);
        console.log(`  ✓ ${files.map((file) => `screenshots/${file}`).join(', ')}`);
      } catch (error) {
        ok = false;
        console.error(`  ✗ ${shot.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await browser?.close();
    await demo.close();
  }
  return ok;
}

process.exitCode = (await main()) ? 0 : 1;
