/**
 * A tab that slept past its access token, against the real stack. The tab
 * sleeps as when a laptop's lid closes (TAB_SLEEP: hidden, its scripts halted,
 * meanwhile the realtime link goes down and the emulator expires every access
 * token) and wakes with the link still down. The widget must renew its token at
 * the companion and carry on in the same conversation, sending what the visitor
 * queued meanwhile exactly once and in order; a companion that cannot answer
 * for a moment is asked again; a session the companion no longer honours ends
 * in a clear error, without a renewal loop and without dropping what was queued.
 */
import { aTimeout, expect } from '@open-wc/testing';
import '../../src/widget/index.js';
import type { BridgeChat, BridgeChatErrorDetail, BridgeChatReadyDetail } from '../../src/widget/index.js';
import { outboxKey } from '../../src/widget/outbox/outbox-entry.js';
import { BrowserOutboxStore, sharedOutboxStore } from '../../src/widget/outbox/outbox-store.js';
import { normalizeSessionUrl, SessionTokenStore } from '../../src/widget/session/session-token-store.js';
import { chatElement, forgetOutboxMemory, restBodies, stack, statusOf, waitForRestMessage } from './support/chat-flows.js';
import {
  controlledCompanionUrl,
  listMessages,
  listParticipants,
  postAgentMessage,
  resetFaults,
  restoreRealtimeLink,
  rotateCompanionSecret,
  setCompanionReachable,
  tabSleeps,
} from './support/stack-client.js';
import {
  bannerOf,
  deliveryStatusOf,
  forgetStoredSessions,
  messageBodies,
  openChat,
  panelRoot,
  typeAndSend,
  waitFor,
  waitForMessage,
} from './support/widget-harness.js';

/** One request of the page to the companion, as its `fetch` saw it. */
interface CompanionRequest {
  path: string;
  /** The Bearer session token it carried, if any. */
  sessionToken: string | undefined;
  /** The answer's HTTP status; undefined while under way, 0 when no answer came. */
  status: number | undefined;
}

interface CompanionWatch {
  requests: CompanionRequest[];
  /** The requests to one path, e.g. `/session/refresh`. */
  to(path: string): CompanionRequest[];
  stop(): void;
}

/** Records the page's requests to `companionUrl` (the widget's only server) until `stop`. */
function watchCompanion(companionUrl: string): CompanionWatch {
  const requests: CompanionRequest[] = [];
  const pageFetch = window.fetch;
  window.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(companionUrl)) return pageFetch(input, init);
    const request: CompanionRequest = {
      path: new URL(url).pathname,
      sessionToken: new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, ''),
      status: undefined,
    };
    requests.push(request);
    try {
      const response = await pageFetch(input, init);
      request.status = response.status;
      return response;
    } catch (error) {
      request.status = 0;
      throw error;
    }
  };
  return {
    requests,
    to: (path) => requests.filter((request) => request.path === path),
    stop: () => {
      window.fetch = pageFetch;
    },
  };
}

function errorsOf(element: BridgeChat): BridgeChatErrorDetail[] {
  const errors: BridgeChatErrorDetail[] = [];
  element.addEventListener('bridge-chat-error', (event) => errors.push(event.detail));
  return errors;
}

/** The bodies IndexedDB holds for a conversation's outbox: what a reload would find. */
async function storedBodies(sessionUrl: string, conversationSid: string): Promise<string[]> {
  // A store of its own has nothing in memory: it answers from IndexedDB alone.
  const entries = await new BrowserOutboxStore().load(outboxKey(normalizeSessionUrl(sessionUrl), conversationSid));
  return entries.sort((a, b) => a.order - b.order).map((entry) => entry.body);
}

/** Drops a conversation's outbox entries, kept or not, so that no later test meets them. */
async function forgetOutbox(sessionUrl: string, conversationSid: string): Promise<void> {
  const store = sharedOutboxStore();
  const key = outboxKey(normalizeSessionUrl(sessionUrl), conversationSid);
  for (const entry of await store.load(key)) await store.delete(entry);
}

const HISTORY = ['My order has not arrived', 'Let me check that for you'];
const WHILE_ASLEEP = 'Are you still there?';
const QUEUED = ['Sorry, I fell asleep', 'The order number is 4711', 'Can you send it again?'];

/** A conversation with some history on both sides, confirmed by Twilio. */
async function chatWithHistory(element: BridgeChat): Promise<BridgeChatReadyDetail> {
  const session = await openChat(element);
  await typeAndSend(element, HISTORY[0]!);
  await waitFor(() => statusOf(element, HISTORY[0]!) === 'sent', 'the first message was never confirmed');
  await postAgentMessage(session.conversationSid, HISTORY[1]!);
  await waitForMessage(element, HISTORY[1]!);
  return session;
}

/** Puts the tab to sleep, checks that it really went out of sight and back, and that the widget saw the link go. */
async function sleepTab(element: BridgeChat): Promise<void> {
  const visibility: DocumentVisibilityState[] = [];
  const changed = () => visibility.push(document.visibilityState);
  document.addEventListener('visibilitychange', changed);
  try {
    await tabSleeps();
  } finally {
    document.removeEventListener('visibilitychange', changed);
  }
  expect(visibility, 'the tab went out of sight and came back').to.deep.equal(['hidden', 'visible']);
  await waitFor(() => !bannerOf(element).hidden, 'the widget never noticed the link was down after the tab woke');
}

/** The visitor writes while the link is down: each message shows as waiting, and is stored for a reload. */
async function queue(element: BridgeChat, session: BridgeChatReadyDetail, sessionUrl: string, bodies: string[]): Promise<void> {
  for (const body of bodies) {
    await typeAndSend(element, body);
    const item = await waitForMessage(element, body);
    expect(deliveryStatusOf(item), `"${body}" waits`).to.equal('queued');
    expect(item.closest('.row')!.querySelector('[part="delivery-status"]')!.textContent).to.equal('Waiting for the connection');
  }
  await waitFor(
    async () => (await storedBodies(sessionUrl, session.conversationSid)).length === bodies.length,
    'the queued messages were never stored',
  );
  expect(await storedBodies(sessionUrl, session.conversationSid)).to.deep.equal(bodies);
}

describe('<bridge-chat> after the tab slept past its access token', () => {
  let companion: CompanionWatch | undefined;
  /** What to drop from the outbox after the test. */
  let used: { sessionUrl: string; conversationSid: string } | undefined;

  beforeEach(() => forgetStoredSessions());
  afterEach(async () => {
    companion?.stop();
    companion = undefined;
    if (used) await forgetOutbox(used.sessionUrl, used.conversationSid);
    used = undefined;
    await setCompanionReachable(true);
    await resetFaults();
  });

  it('renews the token at the companion and sends what was queued once, in order, in the same conversation', async () => {
    const { companionUrl } = await stack();
    const element = await chatElement();
    const errors = errorsOf(element);
    const before = await chatWithHistory(element);
    used = { sessionUrl: companionUrl, conversationSid: before.conversationSid };
    companion = watchCompanion(companionUrl);

    await sleepTab(element);
    await postAgentMessage(before.conversationSid, WHILE_ASLEEP);
    await queue(element, before, companionUrl, QUEUED);
    expect(await restBodies(before.conversationSid), 'nothing is sent while the link is down').to.deep.equal([
      ...HISTORY,
      WHILE_ASLEEP,
    ]);
    expect(companion.to('/session/refresh'), 'nothing is renewed before the link is back').to.deep.equal([]);

    await restoreRealtimeLink();

    await waitForRestMessage(before.conversationSid, (message) => message.body === QUEUED.at(-1), 'the last queued message');
    await waitFor(() => QUEUED.every((body) => statusOf(element, body) === 'sent'), 'the queued messages were never confirmed');
    const restMessages = await listMessages(before.conversationSid);
    expect(restMessages.map((message) => message.body), 'each once, in order').to.deep.equal([
      ...HISTORY,
      WHILE_ASLEEP,
      ...QUEUED,
    ]);
    for (const message of restMessages.slice(-QUEUED.length)) expect(message.author).to.equal(before.identity);
    expect(companion.to('/session/refresh').map((request) => request.status), 'one renewal, granted').to.deep.equal([200]);
    expect(companion.to('/session'), 'the session carried on: no new one').to.deep.equal([]);
    expect(element.conversationSid).to.equal(before.conversationSid);
    expect(element.identity).to.equal(before.identity);
    const participants = await listParticipants(before.conversationSid);
    expect(participants.map((participant) => participant.identity), 'no second visitor').to.deep.equal([before.identity]);
    await waitForMessage(element, WHILE_ASLEEP);
    expect(messageBodies(element), 'the history, what came meanwhile and the queued messages').to.deep.equal([
      ...HISTORY,
      WHILE_ASLEEP,
      ...QUEUED,
    ]);
    await waitFor(() => bannerOf(element).hidden, 'the reconnecting banner stayed');
    await waitFor(async () => (await storedBodies(companionUrl, before.conversationSid)).length === 0, 'sent, yet still stored');
    expect(errors).to.deep.equal([]);
  });

  it('after a reload while the token is expired, resumes the stored session and sends the stored outbox once', async () => {
    const { companionUrl } = await stack();
    const first = await chatElement();
    const before = await chatWithHistory(first);
    used = { sessionUrl: companionUrl, conversationSid: before.conversationSid };
    await sleepTab(first);
    const pending = QUEUED.slice(0, 2);
    await queue(first, before, companionUrl, pending);
    const storedSession = new SessionTokenStore(companionUrl).read();
    expect(storedSession).to.be.a('string');
    // The page goes, and with it what the widget kept in memory; storage stays.
    first.remove();
    forgetOutboxMemory();
    companion = watchCompanion(companionUrl);

    // The new page loads while the link is still down, then the link comes back.
    const second = await chatElement();
    const errors = errorsOf(second);
    const opened = openChat(second);
    await waitFor(() => companion!.to('/session').some((request) => request.status === 200), 'the reloaded widget never resumed');
    await restoreRealtimeLink();
    const after = await opened;

    expect(after, 'the same visitor in the same conversation').to.deep.equal(before);
    const resumed = companion.to('/session').map(({ sessionToken, status }) => ({ sessionToken, status }));
    expect(resumed, 'resumed with the stored session').to.deep.equal([{ sessionToken: storedSession, status: 200 }]);
    await waitForRestMessage(before.conversationSid, (message) => message.body === pending.at(-1), 'the last stored message');
    await waitFor(() => pending.every((body) => statusOf(second, body) === 'sent'), 'the stored messages were never confirmed');
    expect(await restBodies(before.conversationSid), 'each once, in order').to.deep.equal([...HISTORY, ...pending]);
    expect(messageBodies(second), 'the history and the stored messages').to.deep.equal([...HISTORY, ...pending]);
    await waitFor(async () => (await storedBodies(companionUrl, before.conversationSid)).length === 0, 'sent, yet still stored');
    expect(errors).to.deep.equal([]);
  });

  it('asks again when the companion cannot be reached as the tab wakes, and recovers by itself', async () => {
    const companionUrl = await controlledCompanionUrl();
    const element = await chatElement({ sessionUrl: companionUrl });
    const errors = errorsOf(element);
    const before = await chatWithHistory(element);
    used = { sessionUrl: companionUrl, conversationSid: before.conversationSid };
    companion = watchCompanion(companionUrl);
    const pending = QUEUED.slice(0, 2);

    await sleepTab(element);
    await setCompanionReachable(false);
    await queue(element, before, companionUrl, pending);
    await restoreRealtimeLink();
    await waitFor(() => companion!.to('/session/refresh').some((request) => request.status === 0), 'no renewal was tried');
    expect(bannerOf(element).textContent!.trim(), 'reconnecting, not given up').to.equal('Connection lost. Reconnecting…');
    expect(statusOf(element, pending[0]!)).to.equal('queued');
    await setCompanionReachable(true);

    await waitForRestMessage(before.conversationSid, (message) => message.body === pending.at(-1), 'the last queued message');
    await waitFor(() => pending.every((body) => statusOf(element, body) === 'sent'), 'the queued messages were never confirmed');
    expect(await restBodies(before.conversationSid), 'each once, in order').to.deep.equal([...HISTORY, ...pending]);
    const statuses = companion.to('/session/refresh').map((request) => request.status);
    expect(statuses.at(-1), 'the last renewal was granted').to.equal(200);
    expect(statuses.slice(0, -1), 'the ones before found no companion').to.satisfy(
      (failed: unknown[]) => failed.length > 0 && failed.every((status) => status === 0),
    );
    expect(companion.to('/session'), 'the session carried on: no new one').to.deep.equal([]);
    expect(element.conversationSid).to.equal(before.conversationSid);
    expect(messageBodies(element)).to.deep.equal([...HISTORY, ...pending]);
    expect(errors).to.deep.equal([]);
  });

  it('ends in a clear error, without a renewal loop, when the companion no longer honours the session', async () => {
    const companionUrl = await controlledCompanionUrl();
    const element = await chatElement({ sessionUrl: companionUrl });
    const errors = errorsOf(element);
    const before = await chatWithHistory(element);
    used = { sessionUrl: companionUrl, conversationSid: before.conversationSid };
    companion = watchCompanion(companionUrl);

    await sleepTab(element);
    // Meanwhile the operator rotated the companion's secret: the visitor's session token is void.
    await rotateCompanionSecret();
    await queue(element, before, companionUrl, QUEUED.slice(0, 1));
    await restoreRealtimeLink();

    await waitFor(() => errors.length > 0, 'the widget never gave up');
    // What the visitor sees: the panel's error state in place of the conversation, with "Try again".
    expect(errors).to.deep.equal([{ code: 'connection_denied', message: 'The chat connection was refused.' }]);
    const alert = panelRoot(element).querySelector('[role="alert"]')!;
    expect(alert.querySelector('.state-title')!.textContent).to.equal('The chat is unavailable');
    expect(alert.querySelector('.state-message')!.textContent).to.equal('The chat connection was refused.');
    expect(alert.querySelector('button')!.textContent!.trim()).to.equal('Try again');
    expect(companion.to('/session/refresh').map((request) => request.status), 'asked once, refused').to.deep.equal([401]);
    expect(await restBodies(before.conversationSid), 'nothing was sent').to.deep.equal(HISTORY);
    const kept = await storedBodies(companionUrl, before.conversationSid);
    expect(kept, 'the queued message is kept').to.deep.equal(QUEUED.slice(0, 1));
    // Longer than the realtime client's first reconnect delays and the first renewal retry: a loop would have shown by now.
    await aTimeout(2_000);
    expect(companion.requests.map(({ path, status }) => `${path} ${status}`), 'nothing more was asked').to.deep.equal([
      '/session/refresh 401',
    ]);
    expect(errors).to.have.length(1);
  });
});
