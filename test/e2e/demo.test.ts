/**
 * The whole product as a user meets it: the real demo servers on loopback,
 * Debian's Chromium driven by playwright-core. A visitor writes from the shop
 * page, the agent sees it in the console (REST), replies, and the visitor
 * sees the reply arrive in real time, under the agent's name; each sees the
 * other typing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { RunningDemo } from '../../demo/servers.js';
import { type DemoInBrowser, startDemoInBrowser } from './support.js';

let running: DemoInBrowser;
let demo: RunningDemo;
let browser: Browser;

/** The shop page, loaded, with the errors it throws collected. */
async function openShop(): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(demo.demoUrl);
  return { page, pageErrors };
}

describe('demo, end to end', () => {
  before(async () => {
    running = await startDemoInBrowser();
    ({ demo, browser } = running);
  });

  after(async () => {
    await running?.close();
  });

  it('carries a visitor message to the agent and the agent reply back', { timeout: 90_000 }, async () => {
    const { page: shop, pageErrors } = await openShop();

    const ready = shop.evaluate(
      () =>
        new Promise<{ identity: string; conversationSid: string }>((resolve) =>
          document.querySelector('bridge-chat')!.addEventListener('bridge-chat-ready', (event) => resolve(event.detail), {
            once: true,
          }),
        ),
    );
    await shop.locator('bridge-chat [part~="launcher"]').click();
    const { identity, conversationSid } = await ready;
    assert.match(identity, /^visitor-/);
    assert.match(conversationSid, /^CH[0-9a-f]{32}$/);

    const visitorText = `Does the Harbor Blend work for espresso? ${Date.now()}`;
    await shop.locator('bridge-chat [part~="input"]').fill(visitorText);
    await shop.locator('bridge-chat [part~="send"]').click();
    await shop.locator('bridge-chat [part~="message"]', { hasText: visitorText }).waitFor();

    const agent = await browser.newPage();
    await agent.goto(demo.agentUrl);
    await agent.locator(`agent-console button[data-sid="${conversationSid}"]`).click();
    await agent.locator('agent-console [data-testid="messages"]', { hasText: visitorText }).waitFor();

    const agentText = `Yes, it pulls a sweet, syrupy shot. ${Date.now()}`;
    await agent.locator('agent-console textarea[name="body"]').fill(agentText);
    await agent.locator('agent-console form button[type="submit"]').click();

    const reply = shop.locator('bridge-chat [part~="message"]', { hasText: agentText });
    await reply.waitFor();
    assert.equal(await reply.count(), 1, 'the reply is shown exactly once');
    // The agent joined after the widget connected; the widget learnt its name when it did.
    assert.match((await reply.textContent()) ?? '', /Sam \(Support\)/);
    assert.doesNotMatch((await reply.textContent()) ?? '', /agent-sam/);
    assert.deepEqual(pageErrors, []);
  });

  it('names an agent who joins after the widget connected, and shows typing both ways', { timeout: 90_000 }, async () => {
    const { page: shop, pageErrors } = await openShop();
    const ready = shop.evaluate(
      () =>
        new Promise<string>((resolve) =>
          document
            .querySelector('bridge-chat')!
            .addEventListener('bridge-chat-ready', (event) => resolve(event.detail.conversationSid), { once: true }),
        ),
    );
    await shop.locator('bridge-chat [part~="launcher"]').click();
    const conversationSid = await ready;
    const input = shop.locator('bridge-chat [part~="input"]');
    await input.fill('Is anyone there?');
    await shop.locator('bridge-chat [part~="send"]').click();
    await shop.locator('bridge-chat [part~="message"]', { hasText: 'Is anyone there?' }).waitFor();

    // A reply straight through the agent API: the agent joins and writes, nothing else tells the widget its name.
    const replied = await fetch(new URL(`agent-api/conversations/${conversationSid}/messages`, demo.demoUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ body: 'Hi, Sam here.' }),
    });
    assert.equal(replied.status, 201);
    const greeting = shop.locator('bridge-chat [part~="message"]', { hasText: 'Hi, Sam here.' });
    await greeting.waitFor();
    assert.match((await greeting.textContent()) ?? '', /Sam \(Support\)/);

    const agent = await browser.newPage();
    agent.on('pageerror', (error) => pageErrors.push(`agent console: ${error.message}`));
    await agent.goto(demo.agentUrl);
    await agent.locator(`agent-console button[data-sid="${conversationSid}"]`).click();
    // The console follows the conversation live once it has joined it as the agent.
    await agent.locator('agent-console section[data-live="true"]').waitFor();

    await agent.locator('agent-console textarea[name="body"]').fill('Yes, one moment');
    await shop.locator('bridge-chat [part~="typing"]', { hasText: 'Sam (Support) is typing…' }).waitFor();

    const visitorTyping = agent.locator('agent-console [data-testid="visitor-typing"]');
    await input.fill('Also, do you ship to');
    await visitorTyping.filter({ hasText: 'Visitor is typing…' }).waitFor();
    // Sending ends the visitor's typing at once.
    await shop.locator('bridge-chat [part~="send"]').click();
    await visitorTyping.filter({ hasNotText: 'Visitor is typing…' }).waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it('shows a signed-in returning customer her calls and texts, and the linked indicator after the bridge syncs', { timeout: 90_000 }, async () => {
    const { page, pageErrors } = await openShop();
    await page.getByRole('button', { name: /Sign in as Maya Chen/ }).click();
    await page.getByText('Signed in as').waitFor();
    assert.equal(await page.locator('#customer-name').textContent(), 'Maya Chen');

    await page.locator('bridge-chat [part~="launcher"]').click();
    await page.locator('bridge-chat [part~="input"]').fill('Hi, it is Maya again.');
    await page.locator('bridge-chat [part~="send"]').click();
    assert.equal(await page.evaluate(() => document.querySelector('bridge-chat')!.identity), 'customer-maya-chen');

    // Linked only once the bridge has mirrored the chat (3 s in the demo, as on Twilio).
    const indicator = page.locator('bridge-chat [part~="link-indicator"][data-status="linked"]');
    await indicator.waitFor({ timeout: 30_000 });
    assert.equal(await indicator.getAttribute('aria-label'), 'Connected to your support history');

    await page.locator('bridge-chat #context-toggle').click();
    const history = page.locator('bridge-chat [part~="history"]');
    await history.getByText('three-month Harbor Blend gift subscription', { exact: false }).waitFor();
    await history.getByText('espresso-fine grind', { exact: false }).waitFor();
    const memory = page.locator('bridge-chat [part~="memory"]');
    await memory.getByText('Gold').waitFor();
    assert.deepEqual(pageErrors, []);

    // Signing out forgets her chat (without a reload): the open chat starts afresh, anonymous.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are a new visitor.').waitFor();
    await page.waitForFunction(() => /^visitor-/.test(document.querySelector('bridge-chat')!.identity ?? ''), null, {
      timeout: 20_000,
    });
    await page.locator('bridge-chat [part~="input"]').waitFor();
  });

  it('switches theme, language, position, mode and customer live from the side panel', { timeout: 90_000 }, async () => {
    const { page, pageErrors } = await openShop();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const chat = page.locator('bridge-chat');
    const launcher = page.locator('bridge-chat [part~="launcher"]');

    // A disclosure: the toggle says whether it is open; Escape closes it and gives focus back.
    const toggle = page.getByRole('button', { name: 'Widget options', exact: true });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const options = page.getByRole('complementary', { name: 'Try the chat widget' });
    await options.waitFor();
    await page.keyboard.press('Escape');
    await options.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'options-toggle');
    await page.keyboard.press('Enter');
    await options.waitFor();

    // Language: the launcher speaks French.
    assert.equal(await launcher.getAttribute('aria-label'), 'Open chat');
    await options.getByLabel('Language').selectOption('fr');
    await page.locator('bridge-chat [part~="launcher"][aria-label="Ouvrir le chat"]').waitFor();
    assert.equal(await chat.getAttribute('lang'), 'fr');
    await options.getByLabel('Language').selectOption('en');
    await page.locator('bridge-chat [part~="launcher"][aria-label="Open chat"]').waitFor();

    // Theme: the open panel's colours change.
    await launcher.click();
    await page.locator('bridge-chat [part~="input"]').waitFor();
    const panelColour = () =>
      page.locator('bridge-chat [part~="panel"]').evaluate((panel) => getComputedStyle(panel).backgroundColor);
    const light = await panelColour();
    await options.getByRole('radio', { name: 'Dark' }).check();
    assert.equal(await chat.getAttribute('theme'), 'dark');
    await page.waitForFunction(
      (before) => getComputedStyle(document.querySelector('bridge-chat')!.shadowRoot!.querySelector('[part~="panel"]')!).backgroundColor !== before,
      light,
    );
    assert.notEqual(await panelColour(), light);

    // Position: the launcher moves to the bottom left corner.
    await options.getByRole('radio', { name: 'Bottom left' }).check();
    assert.equal(await chat.getAttribute('position'), 'left');
    const box = await launcher.boundingBox();
    assert.ok(box && box.x < page.viewportSize()!.width / 2, `the launcher is on the left (x = ${box?.x})`);

    // Mode: inline, the chat is a section of the page, with no launcher.
    await options.getByRole('radio', { name: 'Inline, in the page' }).check();
    assert.equal(await chat.getAttribute('mode'), 'inline');
    await page.getByRole('heading', { name: 'Talk to a barista' }).waitFor();
    assert.equal(await launcher.count(), 0);
    assert.equal(await options.getByRole('radio', { name: 'Bottom left' }).isDisabled(), true, 'position is for floating only');
    await page.locator('.chat-home bridge-chat [part~="input"]').waitFor();

    // Customer: signing in restarts the chat as Maya, on the same page.
    await options.getByRole('radio', { name: 'Maya Chen, signed in' }).check();
    await page.getByText('Signed in as').waitFor();
    await page.waitForFunction(() => document.querySelector('bridge-chat')!.identity === 'customer-maya-chen', null, {
      timeout: 20_000,
    });

    // All of it without a reload, and kept in the address for a reload or a link.
    assert.equal(await page.evaluate(() => 'sameDocument' in window), true);
    const query = new URL(page.url()).searchParams;
    assert.deepEqual(Object.fromEntries(query), { theme: 'dark', mode: 'inline', position: 'left' });
    await page.reload();
    await page.locator('.chat-home bridge-chat[mode="inline"][theme="dark"][position="left"]').waitFor();
    await page.getByText('Signed in as').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
