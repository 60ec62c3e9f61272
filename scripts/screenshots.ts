/**
 * `npm run screenshots`: pictures of the widget's main states for a reviewer, in screenshots/.
 * Starts the demo offline (emulator, companion, shop page) on free loopback ports, drives the
 * system Chromium with playwright-core, brings the widget into each state (the visitor writes and
 * attaches files, the agent answers through the demo's agent API, the returning customer's history
 * is opened, the chat is ended…) and stops every server it started.
 *
 * `npx tsx scripts/screenshots.ts history mobile` takes only the scenes whose name contains one of
 * the words given.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningDemo, startDemo } from '../demo/servers.js';
import { CHROMIUM_ARGS, findOrInstallChromium } from '../test/support/chromium.js';

const OUT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));
const WAIT_MS = 20_000;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

interface SceneContext {
  page: Page;
  demo: RunningDemo;
  /** Takes the picture `screenshots/<name>.png`, without a focus ring or caret. */
  snap(name: string): Promise<void>;
}

interface Scene {
  /** The scene's name; its first picture usually has the same. */
  name: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** A phone: touch, a device pixel ratio of 2. */
  mobile?: boolean;
  run(context: SceneContext): Promise<void>;
}

interface OpenOptions {
  /** Attributes set on the demo's <bridge-chat> before it is opened. */
  attributes?: Record<string, string>;
  /** Sign in as the demo's returning customer first (her memory and history are shown). */
  signIn?: boolean;
  /** What the panel shows once open: the chat (default), the pre-chat form, or the error state. */
  until?: 'ready' | 'prechat' | 'error';
}

/** Opens the shop, sets the widget's attributes and opens the panel; resolves with the conversation, if any. */
async function open(page: Page, demo: RunningDemo, options: OpenOptions = {}): Promise<string> {
  await page.goto(demo.demoUrl);
  await page.locator('bridge-chat').waitFor({ state: 'attached' });
  if (options.signIn) {
    await page.getByRole('button', { name: /Sign in as Maya Chen/ }).click();
    await page.getByText('Signed in as').waitFor();
  }
  const until = options.until ?? 'ready';
  const ready = page.evaluate(
    ([attributes, until, waitMs]) => {
      const element = document.querySelector('bridge-chat')!;
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      if (until !== 'ready') return Promise.resolve('');
      return new Promise<string>((resolve, reject) => {
        element.addEventListener('bridge-chat-ready', (event) => resolve(event.detail.conversationSid), { once: true });
        element.addEventListener('bridge-chat-error', (event) => reject(new Error(event.detail.message)), { once: true });
        setTimeout(() => reject(new Error(`the chat was not ready after ${waitMs} ms`)), waitMs);
      });
    },
    [options.attributes ?? {}, until, WAIT_MS] as const,
  );
  await page.locator('bridge-chat [part~="launcher"]').click();
  const conversationSid = await ready;
  if (until === 'prechat') await page.locator('bridge-chat [part~="prechat"]').waitFor({ timeout: WAIT_MS });
  if (until === 'error') await page.locator('bridge-chat .state.error').waitFor({ timeout: WAIT_MS });
  return conversationSid;
}

/** The visitor writes through the composer; the agent answers. */
async function chat(page: Page, demo: RunningDemo, conversationSid: string, visitor: string, agent?: string): Promise<void> {
  await page.locator('bridge-chat [part~="input"]').fill(visitor);
  await page.locator('bridge-chat [part~="send"]').click();
  await page.locator('bridge-chat [part~="message"]', { hasText: visitor }).first().waitFor({ timeout: WAIT_MS });
  if (agent === undefined) return;
  await replyAsAgent(demo, conversationSid, agent);
  await page.locator('bridge-chat [part~="message"]', { hasText: agent }).first().waitFor({ timeout: WAIT_MS });
}

async function replyAsAgent(demo: RunningDemo, conversationSid: string, body: string): Promise<void> {
  const response = await fetch(new URL(`agent-api/conversations/${conversationSid}/messages`, demo.demoUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ body }),
  });
  if (!response.ok) throw new Error(`The agent reply failed: HTTP ${response.status} ${await response.text()}`);
}

/** Waits for the returning customer's chat to be linked, then opens "Your history". */
async function expandHistory(page: Page): Promise<void> {
  // Linked once the bridge has mirrored the chat (about three seconds, as on Twilio).
  await page.locator('bridge-chat [part~="link-indicator"][data-status="linked"]').waitFor({ timeout: 30_000 });
  await page.locator('bridge-chat #context-toggle').click();
  await page.locator('bridge-chat [part~="history"] li').first().waitFor({ timeout: WAIT_MS });
}

/** A photo-like PNG drawn in the page, to attach. */
async function samplePhoto(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 480;
    canvas.height = 360;
    const context = canvas.getContext('2d')!;
    const background = context.createLinearGradient(0, 0, 480, 360);
    background.addColorStop(0, '#f3e3cf');
    background.addColorStop(1, '#b07a4f');
    context.fillStyle = background;
    context.fillRect(0, 0, 480, 360);
    // A cup seen from above: saucer, cup, crema.
    for (const [radius, colour] of [
      [150, '#fbf7f2'],
      [105, '#ffffff'],
      [88, '#5a3420'],
      [70, '#a86b3c'],
    ] as const) {
      context.beginPath();
      context.arc(240, 180, radius, 0, Math.PI * 2);
      context.fillStyle = colour;
      context.fill();
    }
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** The smallest valid one-page PDF, as a receipt to attach. */
function sampleReceipt(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
}

/** A scene with one exchange (and the returning customer's history opened, if asked), in one picture of its name. */
function chatScene(
  scene: Omit<Scene, 'run'> & { open?: OpenOptions; visitor: string; agent: string; history?: boolean },
): Scene {
  return {
    ...scene,
    async run({ page, demo, snap }) {
      const sid = await open(page, demo, scene.open);
      await chat(page, demo, sid, scene.visitor, scene.agent);
      if (scene.history) await expandHistory(page);
      await snap(scene.name);
    },
  };
}

const MAYA_ASKS = {
  visitor: 'Hi, it is Maya again. Can I add a bag of Guji to my next box?',
  agent: 'Welcome back, Maya! Done: one bag of Ethiopia Guji, ground for espresso.',
};

const SCENES: Scene[] = [
  {
    name: 'light',
    async run({ page, demo, snap }) {
      const sid = await open(page, demo, { attributes: { theme: 'light' } });
      await chat(page, demo, sid, 'Hi! Does the Harbor Blend work for espresso?', 'It does: grind it fine and pull it a little long. It makes a sweet, syrupy shot.');
      await snap('light');
      // Closed, a new agent message raises the launcher's badge.
      await page.locator('bridge-chat [part~="launcher"]').click();
      await replyAsAgent(demo, sid, 'One more thing: your bag ships with a free tasting card.');
      await page.locator('bridge-chat [part~="unread-badge"]').waitFor({ timeout: WAIT_MS });
      await snap('closed-unread');
    },
  },
  chatScene({
    name: 'dark',
    colorScheme: 'dark',
    open: { attributes: { theme: 'auto' } },
    visitor: 'Can I pause my subscription for a month?',
    agent: 'Of course. I have paused it until June 3; nothing ships before then.',
  }),
  chatScene({
    name: 'mobile',
    viewport: PHONE,
    mobile: true,
    visitor: 'Where is my order 1042?',
    agent: 'It left our roastery this morning and arrives tomorrow.',
  }),
  chatScene({
    name: 'rtl-arabic',
    open: { attributes: { lang: 'ar' } },
    visitor: 'مرحبًا، هل تصلح خلطة هاربر للإسبريسو؟',
    agent: 'نعم، اطحنها ناعمًا وستحصل على إسبريسو غني وحلو.',
  }),
  chatScene({
    name: 'rtl-arabic-history',
    open: { attributes: { lang: 'ar' }, signIn: true },
    visitor: 'مرحبًا، أنا مايا مجددًا.',
    agent: 'أهلًا يا مايا! كيف يمكنني مساعدتك اليوم؟',
    history: true,
  }),
  chatScene({
    name: 'history-light',
    open: { attributes: { theme: 'light' }, signIn: true },
    ...MAYA_ASKS,
    history: true,
  }),
  chatScene({
    name: 'history-dark',
    colorScheme: 'dark',
    open: { attributes: { theme: 'dark' }, signIn: true },
    ...MAYA_ASKS,
    history: true,
  }),
  chatScene({
    name: 'mobile-history',
    viewport: PHONE,
    mobile: true,
    open: { signIn: true },
    visitor: 'Hi, it is Maya. Did my gift subscription go out?',
    agent: 'Hi Maya! Yes, your brother’s first bag shipped on Monday.',
    history: true,
  }),
  {
    name: 'prechat',
    async run({ page, demo, snap }) {
      await open(page, demo, { attributes: { prechat: 'name email message?' }, until: 'prechat' });
      await snap('prechat');
    },
  },
  {
    // A form taller than a short window: it scrolls inside the panel, the header stays.
    name: 'prechat-invalid',
    viewport: { width: 1280, height: 600 },
    async run({ page, demo, snap }) {
      await open(page, demo, { attributes: { prechat: 'name email message' }, until: 'prechat' });
      await page.locator('bridge-chat [part~="prechat-input"][name="email"]').fill('maya@');
      await page.locator('bridge-chat [part~="prechat-submit"]').click();
      await page.locator('bridge-chat [part~="prechat-error"]').first().waitFor();
      await page.locator('bridge-chat [part~="prechat-submit"]').scrollIntoViewIfNeeded();
      await snap('prechat-invalid');
    },
  },
  {
    name: 'end-chat',
    async run({ page, demo, snap }) {
      const sid = await open(page, demo);
      await chat(page, demo, sid, 'That is all, thank you!', 'You are welcome. Enjoy the coffee!');
      await page.locator('bridge-chat [part~="end-chat"]').click();
      await page.locator('bridge-chat [part~="end-confirmation"]').waitFor();
      await snap('end-confirmation');
      await page.locator('bridge-chat [part~="end-confirmation"] .danger').click();
      await page.locator('bridge-chat [part~="closed"]').waitFor({ timeout: WAIT_MS });
      await snap('closed');
    },
  },
  {
    name: 'attachments',
    async run({ page, demo, snap }) {
      const sid = await open(page, demo);
      await chat(page, demo, sid, 'My grinder makes the coffee taste sour. Here is the shot and my receipt.');
      await page.locator('bridge-chat input[type="file"]').setInputFiles([
        { name: 'espresso-shot.png', mimeType: 'image/png', buffer: await samplePhoto(page) },
        { name: 'receipt-1042.pdf', mimeType: 'application/pdf', buffer: sampleReceipt() },
      ]);
      await snap('attachments-composer');
      await page.locator('bridge-chat [part~="send"]').click();
      await page.locator('bridge-chat [part~="attachment"] img').waitFor({ timeout: WAIT_MS });
      await page.locator('bridge-chat button[part~="attachment"].file').waitFor({ timeout: WAIT_MS });
      // Decoded, so the picture shows the photo and not its placeholder.
      await page.locator('bridge-chat [part~="attachment"] img').evaluate((image: HTMLImageElement) => image.decode());
      await snap('attachments');
    },
  },
  {
    name: 'error',
    async run({ page, demo, snap }) {
      // A companion nobody answers at: the panel shows why, with "Try again".
      await open(page, demo, { attributes: { 'session-url': 'http://127.0.0.1:9' }, until: 'error' });
      await snap('error');
    },
  },
];

async function take(browser: Browser, demo: RunningDemo, scene: Scene): Promise<string[]> {
  const context = await browser.newContext({
    viewport: scene.viewport ?? DESKTOP,
    colorScheme: scene.colorScheme ?? 'light',
    // No opening animation caught half-way.
    reducedMotion: 'reduce',
    deviceScaleFactor: scene.mobile ? 2 : 1,
    isMobile: scene.mobile ?? false,
    hasTouch: scene.mobile ?? false,
  });
  try {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const files: string[] = [];
    await scene.run({
      page,
      demo,
      async snap(name) {
        // The input keeps focus after sending, the pointer rests on the last button clicked: take
        // the picture without a focus ring, caret or hover.
        await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await page.mouse.move(0, 0);
        await page.screenshot({ path: `${OUT_DIR}${name}.png` });
        files.push(`${name}.png`);
      },
    });
    if (pageErrors.length) throw new Error(`errors on the page: ${pageErrors.join('; ')}`);
    return files;
  } finally {
    await context.close();
  }
}

async function main(only: string[]): Promise<boolean> {
  await mkdir(OUT_DIR, { recursive: true });
  const scenes = only.length ? SCENES.filter((scene) => only.some((word) => scene.name.includes(word))) : SCENES;
  const demo = await startDemo({ host: '127.0.0.1', ports: { demo: 0, companion: 0, emulator: 0 } });
  let browser: Browser | undefined;
  let ok = true;
  try {
    browser = await chromium.launch({ executablePath: findOrInstallChromium(), args: CHROMIUM_ARGS });
    for (const scene of scenes) {
      const started = Date.now();
      // A second try: the demo's dev server reloads the page when a source file changes meanwhile.
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          const files = await take(browser, demo, scene);
          const seconds = ((Date.now() - started) / 1000).toFixed(1);
          console.log(`  ✓ ${files.map((file) => `screenshots/${file}`).join(', ')} (${seconds} s)`);
          break;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (attempt === 2) {
            ok = false;
            console.error(`  ✗ ${scene.name}: ${message}`);
          } else {
            console.error(`  … ${scene.name}: ${message.split('\n')[0]}; trying again`);
          }
        }
      }
    }
  } finally {
    await browser?.close();
    await demo.close();
  }
  return ok;
}

process.exitCode = (await main(process.argv.slice(2))) ? 0 : 1;
