/**
 * Message safety soak: a visitor in Debian's Chromium sends N messages from the
 * demo's shop page (BRIDGE_CHAT_SOAK_MESSAGES, 200 by default; the long run is
 * 1,000) while the emulator drops the realtime sockets every 20 messages and
 * fails a tenth of all requests — REST and the widget's own realtime sends —
 * with 503 or 429; the companion restarts once (messages keep going while it
 * is down) and the page reloads once, with messages still in the outbox and
 * one on the wire. Afterwards the conversation holds every message exactly
 * once, in order, and the widget shows the same list: read by scrolling it
 * from the first message to the last, as a visitor would, since the list
 * renders only a window of rows at a time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { type RunningDemo, startDemo } from '../../demo/servers.js';
import type { FailureStatus } from '../../src/emulator/faults/fault-plan.js';
import { CHROMIUM_ARGS, findOrInstallChromium } from '../support/chromium.js';
import { SoakEmulator } from './soak-emulator.js';
import {
  errorsHeard,
  installProbe,
  outboxCounts,
  renderedConversation,
  send,
  storedOutboxBodies,
  whenReady,
} from './soak-page.js';

const MESSAGES = messageCount(process.env['BRIDGE_CHAT_SOAK_MESSAGES']);
/** The sockets drop once every this many messages. */
const DROP_EVERY = 20;
/** The 503/429 share switches status every this many messages. */
const SWITCH_STATUS_EVERY = 25;
const FAILURE_RATIO = 0.1;
/** Latency of every request throughout: a drop then nearly always cuts off a send Twilio has stored but not answered. */
const BASE_LATENCY_MS = 30;
/** Messages queued but not yet confirmed, at most, before the next is sent: a steady backlog through every fault. */
const BACKLOG = 8;
/** Messages sent while the companion is down. */
const SENT_WHILE_COMPANION_DOWN = 5;
/** Messages in the outbox when the page reloads. */
const QUEUED_AT_RELOAD = 8;
/** Latency while the reload happens, so the first of those is on the wire (its answer is lost with the page). */
const RELOAD_LATENCY_MS = 1_500;
const RESTART_AT = Math.floor(MESSAGES * 0.35);
const RELOAD_AT = Math.floor(MESSAGES * 0.7);

function messageCount(value: string | undefined): number {
  if (value === undefined || value === '') return 200;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 50 || count > 100_000) {
    throw new Error(`BRIDGE_CHAT_SOAK_MESSAGES="${value}" must be a whole number from 50 to 100000.`);
  }
  return count;
}

/** What `actual` got wrong as a multiset of `expected`: the readable summary before the order is compared. */
function tally(actual: string[], expected: string[]) {
  const seen = new Map<string, number>();
  for (const body of actual) seen.set(body, (seen.get(body) ?? 0) + 1);
  const wanted = new Set(expected);
  return {
    lost: expected.filter((body) => !seen.has(body)),
    duplicated: [...seen].filter(([body, times]) => wanted.has(body) && times > 1).map(([body]) => body),
    unexpected: [...seen.keys()].filter((body) => !wanted.has(body)),
  };
}

/** Polls `probe` until it returns a value, failing with `what` after `ms`. */
async function eventually<T>(probe: () => Promise<T | undefined>, what: () => string, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up after ${ms} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('message safety soak', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let emulator: SoakEmulator;

  before(async () => {
    demo = await startDemo({
      host: '127.0.0.1',
      ports: { demo: 0, companion: 0, emulator: 0 },
      env: { BRIDGE_CHAT_EMULATOR_FAULTS: 'on' },
      liveReload: false,
    });
    emulator = new SoakEmulator(demo.emulatorUrl);
    browser = await chromium.launch({ executablePath: findOrInstallChromium(), args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  it(`delivers ${MESSAGES} messages exactly once, in order, through dropped sockets, 503/429s, a companion restart and a reload`, {
    timeout: 180_000 + MESSAGES * 1_000,
  }, async (t) => {
    const started = Date.now();
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await installProbe(page);
    await page.goto(demo.demoUrl);
    await page.locator('bridge-chat [part~="launcher"]').click();
    const { identity, conversationSid } = await whenReady(page);

    const run = Date.now().toString(36);
    const bodies = Array.from({ length: MESSAGES }, (_, i) => `soak ${run} #${String(i + 1).padStart(4, '0')}`);
    let drops = 0;
    let socketsDropped = 0;
    let status: FailureStatus = 503;
    const widgetErrors: unknown[] = [];

    const failedNowhere = async () => {
      const counts = await outboxCounts(page);
      assert.equal(counts.failed, 0, `the outbox gave up on a message: ${JSON.stringify(counts)}`);
      return counts;
    };
    const backlogBelow = (limit: number) =>
      eventually(
        async () => {
          const { queued, sending } = await failedNowhere();
          return queued + sending <= limit ? true : undefined;
        },
        () => `the outbox to get down to ${limit} messages`,
        120_000,
      );
    const delivered = (count: number) =>
      eventually(
        async () => ((await emulator.messages(conversationSid)).length >= count ? true : undefined),
        () => `${count} messages in the conversation`,
        120_000,
      );

    await emulator.failShare(FAILURE_RATIO, status);
    await emulator.latency(BASE_LATENCY_MS);
    let sent = 0;
    const sendNext = async () => {
      await send(page, bodies[sent]!);
      sent += 1;
      if (sent % DROP_EVERY === DROP_EVERY / 2) {
        drops += 1;
        socketsDropped += await emulator.dropSockets();
      }
      if (sent % SWITCH_STATUS_EVERY === 0) {
        status = status === 503 ? 429 : 503;
        await emulator.failShare(FAILURE_RATIO, status);
      }
    };

    while (sent < MESSAGES) {
      if (sent === RESTART_AT) {
        // A deploy of the companion: chat goes on over the realtime link meanwhile.
        await demo.restartCompanion(async () => {
          for (let i = 0; i < SENT_WHILE_COMPANION_DOWN; i++) await sendNext();
          drops += 1;
          socketsDropped += await emulator.dropSockets();
          await backlogBelow(0);
        });
        t.diagnostic(`companion restarted after message ${sent}`);
        continue;
      }
      if (sent === RELOAD_AT) {
        await backlogBelow(0);
        await emulator.latency(RELOAD_LATENCY_MS);
        const queued = bodies.slice(sent, sent + QUEUED_AT_RELOAD);
        for (let i = 0; i < QUEUED_AT_RELOAD; i++) await sendNext();
        // The first goes on the wire at once; the rest wait their turn behind its (slow) answer.
        await eventually(
          async () => {
            const stored = new Set(await storedOutboxBodies(page));
            return queued.slice(1).every((body) => stored.has(body)) ? true : undefined;
          },
          () => 'the queued messages to be stored in IndexedDB',
          10_000,
        );
        const atReload = await outboxCounts(page);
        assert.ok(atReload.queued >= QUEUED_AT_RELOAD - 1, `still in the outbox at the reload: ${JSON.stringify(atReload)}`);
        widgetErrors.push(...(await errorsHeard(page)));
        await page.reload();
        // A returning visitor: the chat reconnects with the panel closed, and the outbox sends from there.
        const resumed = await whenReady(page);
        assert.deepEqual(resumed, { identity, conversationSid }, 'the restarted companion resumed the same session');
        await delivered(sent);
        await emulator.latency(BASE_LATENCY_MS);
        await page.locator('bridge-chat [part~="launcher"]').click();
        t.diagnostic(`page reloaded after message ${sent} with ${JSON.stringify(atReload)} in the outbox`);
        continue;
      }
      await backlogBelow(BACKLOG - 1);
      await sendNext();
    }

    await backlogBelow(0);
    const injected = await emulator.injected();
    await emulator.faultsOff();
    await delivered(MESSAGES);

    // Exactly once, in order: every body, nothing else, each with its own client id.
    const stored = await emulator.messages(conversationSid);
    const storedBodies = stored.map((message) => message.body);
    assert.deepEqual(tally(storedBodies, bodies), { lost: [], duplicated: [], unexpected: [] });
    assert.deepEqual(storedBodies, bodies, 'in send order');
    assert.equal(new Set(stored.map((message) => message.clientId)).size, MESSAGES, 'one client id per message');

    // The widget shows the same list, every message confirmed.
    const { rows: shown, olderRetries } = await renderedConversation(page);
    const shownBodies = shown.map((row) => row.body);
    assert.deepEqual(tally(shownBodies, bodies), { lost: [], duplicated: [], unexpected: [] }, 'the widget’s list');
    assert.deepEqual(shownBodies, bodies, 'the widget’s list, in send order');
    assert.deepEqual(
      shown.filter((row) => row.state !== 'sent' && row.state !== 'read'),
      [],
    );

    // The faults really happened, to the widget's own sends too.
    const sendFailures = injected.failedRequests['realtime sendMessage'] ?? 0;
    assert.ok(injected.failures[503] > 0 && injected.failures[429] > 0, `both statuses: ${JSON.stringify(injected.failures)}`);
    assert.ok(sendFailures > 0, `sends failed: ${JSON.stringify(injected.failedRequests)}`);
    assert.ok(drops >= Math.floor(MESSAGES / DROP_EVERY), `${drops} drops`);
    assert.ok(socketsDropped >= drops / 2, `${socketsDropped} sockets were live when ${drops} drops came`);
    widgetErrors.push(...(await errorsHeard(page)));
    assert.deepEqual(widgetErrors, []);
    assert.deepEqual(pageErrors, []);

    t.diagnostic(
      `${MESSAGES} messages in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${drops} drops (${socketsDropped} sockets); failures injected ${JSON.stringify(injected.failures)}, ` +
        `by request ${JSON.stringify(injected.failedRequests)}; "load earlier" asked again ${olderRetries} times`,
    );
  });
});
