/**
 * The visitor's history and memory in the panel. The "Your history" section is a chunk of its own
 * that the panel fetches only once the context has something to show: the first test checks that,
 * and needs a page where nothing has loaded the chunk yet (web-test-runner gives each test file
 * one), so it stays first.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/widget/index.js';
import type { ContextResponse, HistoryItem } from '../../src/protocol/context.js';
import { contextRecheck } from '../../src/widget/controllers/context.controller.js';
import type { BridgeChat, BridgeChatContextDetail, BridgeChatErrorDetail } from '../../src/widget/index.js';
import { SessionTokenStore } from '../../src/widget/session/session-token-store.js';
import { contextAnswer, restoreFetch, type StubAnswer, stubContext, stubContextSequence } from './support/context-stub.js';
import { listMessages, stackConfig } from './support/stack-client.js';
import type { StackConfig } from './support/stack-protocol.js';
import {
  contextRegionOf,
  contextSectionOf,
  contextToggleOf,
  deepActiveElement,
  expandContext,
  forgetStoredSessions,
  inputOf,
  launcherOf,
  linkIndicatorOf,
  openChat,
  panelRoot,
  panelElementRoot,
  panelOf,
  settled,
  typeAndSend,
  waitFor,
} from './support/widget-harness.js';

let stack: StackConfig;
const defaultRecheck = { ...contextRecheck };

// web-test-runner serves the sources: the section's chunk is this module (the panel imports it as .js).
const CHUNK_URL = new URL('/src/widget/context-details/context-details.ts', location.href).href;
/** Compared as a boolean: a failed comparison with the element itself stalls the test runner's report. */
const sectionShown = (element: BridgeChat) => contextSectionOf(element) !== null;
const chunkFetches = () => performance.getEntriesByType('resource').filter((entry) => entry.name === CHUNK_URL);

function chatElement(): Promise<BridgeChat> {
  return fixture<BridgeChat>(html`<bridge-chat session-url=${stack.companionUrl}></bridge-chat>`);
}

/** Collects the details of every `bridge-chat-context` the element fires. */
function contextEvents(element: BridgeChat): BridgeChatContextDetail[] {
  const details: BridgeChatContextDetail[] = [];
  element.addEventListener('bridge-chat-context', (event) => details.push(event.detail));
  return details;
}

function texts(root: ParentNode, selector: string): string[] {
  return [...root.querySelectorAll(selector)].map((node) => node.textContent!.replace(/\s+/g, ' ').trim());
}

const dateIn = (language: string, iso: string) => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso));

const history: HistoryItem[] = [
  { conversationId: 'conv_call', channel: 'VOICE', startedAt: '2026-03-02T15:30:00Z', summary: 'Asked about the late order 1042.' },
  { conversationId: 'conv_sms', channel: 'SMS', startedAt: '2026-02-14T08:05:00Z', summary: null },
  { conversationId: 'conv_web', channel: 'CHAT', startedAt: '2026-01-20T18:45:00Z', summary: 'Changed the delivery address.' },
];

const returningCustomer: ContextResponse = contextAnswer({
  history: { items: history },
  memory: {
    displayName: 'Ana',
    traits: { Preferences: { favoriteRoast: 'Dark' }, Loyalty: { tier: 'Gold', points: 1200, newsletter: true } },
    observations: [{ content: 'Prefers whole beans.', occurredAt: '2026-03-02T15:40:00Z' }],
  },
});

describe('<bridge-chat> history and memory', () => {
  beforeEach(async () => {
    stack ??= await stackConfig();
    forgetStoredSessions();
  });

  afterEach(() => {
    restoreFetch();
    Object.assign(contextRecheck, defaultRecheck);
  });

  it('loads the section only for a visitor with something to show, never while the first answer loads', async () => {
    // A new visitor on a bridged service: the link is made while they chat, and nothing of theirs exists yet.
    contextRecheck.firstDelayMs = 50;
    let answer!: (value: StubAnswer) => void;
    const stub = stubContext(() =>
      stub.requests.length === 1 ? new Promise((resolve) => (answer = resolve)) : contextAnswer(),
    );
    const element = await chatElement();
    const events = contextEvents(element);
    await openChat(element);
    await waitFor(() => stub.requests.length === 1, 'no /context request');
    expect(sectionShown(element), 'a section while the first answer loads').to.equal(false);

    answer(contextAnswer({ link: { status: 'pending' } }));
    await waitFor(() => linkIndicatorOf(element)?.dataset.status === 'pending', 'never pending');
    expect(sectionShown(element), 'a section while the link is being made').to.equal(false);
    await waitFor(() => events.some((detail) => detail.link.status === 'linked'), 'never linked');
    // Time for the panel to render the answer, and for a chunk it wrongly asked for to arrive.
    await aTimeout(200);
    expect(sectionShown(element)).to.equal(false);
    expect(customElements.get('bridge-chat-context-details') !== undefined, 'the section’s element is defined').to.equal(false);
    expect(chunkFetches().length, 'fetches of the section’s chunk').to.equal(0);
    element.remove();
    restoreFetch();

    forgetStoredSessions();
    const returning = stubContext(() => new Promise((resolve) => (answer = resolve)));
    const customer = await chatElement();
    await openChat(customer);
    await waitFor(() => returning.requests.length === 1, 'no /context request');
    expect(sectionShown(customer), 'a section while the first answer loads').to.equal(false);
    expect(chunkFetches().length, 'fetches of the section’s chunk').to.equal(0);

    const answeredAt = performance.now();
    answer(returningCustomer);
    await waitFor(() => contextToggleOf(customer), 'no history toggle for a returning customer');
    expect(chunkFetches().map((entry) => entry.startTime >= answeredAt)).to.deep.equal([true]);
    expect(contextToggleOf(customer)!.textContent!.trim()).to.equal('Your history');
  });

  it('asks the companion for /context with the session’s Bearer token once the chat is ready', async () => {
    const stub = stubContextSequence(contextAnswer());
    const element = await chatElement();
    await openChat(element);

    await waitFor(() => stub.requests.length === 1, 'no /context request');
    const [request] = stub.requests;
    expect(`${request!.url.origin}${request!.url.pathname}`).to.equal(`${stack.companionUrl}/context`);
    expect(request!.url.search).to.equal('');
    const sessionToken = new SessionTokenStore(stack.companionUrl).read();
    expect(sessionToken).to.be.a('string');
    expect(request!.authorization).to.equal(`Bearer ${sessionToken}`);
  });

  it('shows what the real companion’s /context reports', async () => {
    const element = await chatElement();
    const events = contextEvents(element);
    await openChat(element);

    await waitFor(() => events.length > 0, 'no bridge-chat-context from the real companion');
    const { status } = events[0]!.link;
    // The test stack's service may or may not be bridged; either way the view must match the answer.
    expect(['linked', 'pending', 'not-bridged']).to.include(status);
    if (status === 'not-bridged') {
      expect(linkIndicatorOf(element)).to.equal(null);
      expect(sectionShown(element)).to.equal(false);
    } else {
      expect(linkIndicatorOf(element)!.dataset.status).to.equal(status);
      await waitFor(() => contextToggleOf(element), 'no history toggle');
    }
  });

  it('keeps the section, with a loading skeleton, while a reload is under way', async () => {
    let answer!: (value: StubAnswer) => void;
    const stub = stubContextSequence({ status: 503 });
    const element = await chatElement();
    await openChat(element);
    const region = await expandContext(element);
    await waitFor(() => region.querySelector('[role="alert"]'), 'no error state');
    expect(contextRegionOf(element).getAttribute('aria-busy')).to.equal('false');
    restoreFetch();

    const held = stubContext(() => new Promise((resolve) => (answer = resolve)));
    region.querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitFor(() => held.requests.length === 1, 'no /context request after "Try again"');
    await waitFor(() => region.querySelector('.skeleton'), 'no skeleton while reloading');
    expect(sectionShown(element)).to.equal(true);
    expect(contextToggleOf(element)!.getAttribute('aria-expanded')).to.equal('true');
    expect(contextRegionOf(element).getAttribute('aria-busy')).to.equal('true');
    expect(region.querySelector('[role="status"]')!.textContent).to.contain('Loading your history…');
    expect(region.querySelectorAll('.skeleton')).to.have.length(3);
    expect(region.querySelector('[role="alert"]')).to.equal(null);
    expect(linkIndicatorOf(element)).to.equal(null);
    expect(stub.requests).to.have.length(1);
    await settled(element);
    await expect(element).to.be.accessible();

    answer(returningCustomer);
    await waitFor(() => linkIndicatorOf(element), 'no link indicator after the answer');
    await contextSectionOf(element)!.updateComplete;
    expect(contextRegionOf(element).getAttribute('aria-busy')).to.equal('false');
    expect(region.querySelector('.skeleton')).to.equal(null);
    expect(region.querySelectorAll('[part="history"] li')).to.have.length(3);
  });

  it('shows a linked chat: indicator, earlier conversations and what we remember, collapsed at first', async () => {
    stubContextSequence(returningCustomer);
    const element = await chatElement();
    const events = contextEvents(element);
    await openChat(element);
    await waitFor(() => events.length === 1, 'no bridge-chat-context event');
    expect(events[0]).to.deep.equal(returningCustomer);

    const indicator = linkIndicatorOf(element)!;
    expect(indicator.dataset.status).to.equal('linked');
    expect(indicator.getAttribute('role')).to.equal('img');
    expect(indicator.getAttribute('aria-label')).to.equal('Connected to your support history');
    expect(indicator.querySelector<SVGGraphicsElement>('svg path')!.getBBox().width).to.be.greaterThan(0);
    await waitFor(() => contextToggleOf(element), 'no history toggle');
    const toggle = contextToggleOf(element)!;
    expect(toggle.textContent!.trim()).to.equal('Your history');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    const sectionRegion = contextRegionOf(element);
    expect(sectionRegion.hidden).to.equal(true);
    expect(toggle.getAttribute('aria-controls')).to.equal(sectionRegion.id);
    expect(sectionRegion.getAttribute('role')).to.equal('region');
    expect(sectionRegion.getAttribute('aria-labelledby')).to.equal(toggle.id);

    // From the keyboard: Enter opens it and the focus stays on the toggle; Tab then reaches the region, to scroll it.
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await contextSectionOf(element)!.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(sectionRegion.hidden).to.equal(false);
    expect(deepActiveElement() === toggle, 'the focus stays on the toggle').to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(deepActiveElement() === sectionRegion, 'Tab reaches the open region').to.equal(true);
    const region = await expandContext(element);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');

    const items = [...region.querySelectorAll<HTMLElement>('[part="history"] li')];
    expect(items.map((item) => item.dataset.channel)).to.deep.equal(['VOICE', 'SMS', 'CHAT']);
    expect(texts(region, '.history-item .channel')).to.deep.equal(['Phone call', 'SMS', 'Chat']);
    for (const item of items) {
      const icon = item.querySelector('.channel-icon svg')!;
      expect(icon.getAttribute('aria-hidden')).to.equal('true');
      // Drawn, not just present: shapes created in the HTML namespace would have no box.
      expect(icon.querySelector<SVGGraphicsElement>('path')!.getBBox().width).to.be.greaterThan(0);
    }
    expect(texts(region, '.history-item time')).to.deep.equal(history.map((item) => dateIn('en', item.startedAt)));
    expect(items[0]!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-03-02T15:30:00Z');
    expect(texts(region, '.summary')).to.deep.equal([
      'Asked about the late order 1042.',
      'No summary',
      'Changed the delivery address.',
    ]);
    expect(region.querySelector('.load-more')).to.equal(null);

    const memory = region.querySelector('[part="memory"]')!;
    expect(memory.querySelector('h3')!.textContent).to.equal('What we remember');
    expect(memory.querySelector('.greeting')!.textContent).to.equal('Welcome back, Ana!');
    expect(texts(memory, 'dt')).to.deep.equal(['Favorite roast', 'Tier', 'Points', 'Newsletter']);
    expect(texts(memory, 'dd')).to.deep.equal(['Dark', 'Gold', '1,200', 'Yes']);
    expect(texts(memory, '.observations p')).to.deep.equal(['Prefers whole beans.']);
    await settled(element);
    await expect(element).to.be.accessible();
    expect(events).to.have.length(1);
  });

  it('takes at most half the panel when open, scrolls its region, and gives way first when the panel is short', async () => {
    const long = Array.from({ length: 20 }, (_, index): HistoryItem => ({ ...history[0]!, conversationId: `conv_${index}` }));
    stubContextSequence({ ...returningCustomer, history: { items: long } });
    const element = await fixture<BridgeChat>(
      html`<bridge-chat mode="inline" style="width: 400px; height: 700px" session-url=${stack.companionUrl}></bridge-chat>`,
    );
    await waitFor(() => panelOf(element) && contextToggleOf(element), 'no history toggle');
    await expandContext(element);
    const height = (node: Element) => node.getBoundingClientRect().height;
    const column = panelRoot(element).querySelector('.panel')!;
    const section = contextSectionOf(element)!;
    const messages = panelRoot(element).querySelector('bridge-chat-message-list')!;

    expect(height(section)).to.be.at.most(height(column) / 2 + 1);
    const region = contextRegionOf(element);
    expect(region.scrollHeight, 'the open region scrolls what does not fit').to.be.greaterThan(region.clientHeight);
    expect(getComputedStyle(section).boxShadow, 'a shadow on the messages while open').to.not.equal('none');

    // The element's smallest inline height: the section shrinks, the toggle stays, the messages keep their 120px.
    element.style.height = '420px';
    await waitFor(() => height(column) < 440, 'the panel never got shorter');
    expect(height(messages)).to.be.at.least(119.5);
    expect(height(section)).to.be.below(height(column) / 2);
    expect(height(contextToggleOf(element)!)).to.be.greaterThan(30);
    expect(section.getBoundingClientRect().bottom).to.be.at.most(messages.getBoundingClientRect().top + 0.5);

    contextToggleOf(element)!.click();
    await section.updateComplete;
    expect(getComputedStyle(section).boxShadow, 'a shadow once closed').to.equal('none');
  });

  it('lets page styles reach the link indicator, history and memory parts', async () => {
    stubContextSequence(returningCustomer);
    const probe = document.createElement('style');
    const parts = ['link-indicator', 'history', 'memory'];
    probe.textContent = parts.map((part) => `bridge-chat::part(${part}) { scroll-margin-top: 7px; }`).join('\n');
    document.head.append(probe);
    try {
      const element = await chatElement();
      await openChat(element);
      const details = await expandContext(element);
      await waitFor(() => details.querySelector('[part="memory"]'), 'no memory section');

      for (const part of parts) {
        const node = (part === 'link-indicator' ? panelRoot(element) : details).querySelector(`[part~="${part}"]`)!;
        expect(getComputedStyle(node).scrollMarginTop, `::part(${part}) applies`).to.equal('7px');
      }
    } finally {
      probe.remove();
    }
  });

  it('says "No earlier conversations" for a linked customer known only by what we remember', async () => {
    stubContextSequence(contextAnswer({ memory: { displayName: 'Ana', traits: {}, observations: [] } }));
    const element = await chatElement();
    await openChat(element);

    const region = await expandContext(element);
    await waitFor(() => region.querySelector('.empty-history'), 'no empty state');
    expect(region.querySelector('.empty-history')!.textContent).to.equal('No earlier conversations');
    expect(region.querySelector('[part="history"] li') === null).to.equal(true);
    expect(region.querySelector('[part="memory"]')!.textContent).to.contain('Ana');
    expect(linkIndicatorOf(element)!.dataset.status).to.equal('linked');
  });

  it('shows no section for a linked customer with nothing remembered and no earlier conversations', async () => {
    const stub = stubContextSequence(contextAnswer());
    const element = await chatElement();
    await openChat(element);

    await waitFor(() => linkIndicatorOf(element)?.dataset.status === 'linked', 'never linked');
    await aTimeout(200);
    expect(stub.requests).to.have.length(1);
    expect(sectionShown(element)).to.equal(false);
  });

  it('re-checks a pending link until it is linked, and fires bridge-chat-context for each change', async () => {
    contextRecheck.firstDelayMs = 150;
    const pending = contextAnswer({ link: { status: 'pending' } });
    const stub = stubContextSequence(pending, pending, returningCustomer);
    const element = await chatElement();
    const events = contextEvents(element);
    await openChat(element);

    await waitFor(() => linkIndicatorOf(element)?.dataset.status === 'pending', 'never pending');
    expect(linkIndicatorOf(element)!.getAttribute('aria-label')).to.equal('Connecting to your history…');
    // Nothing of the customer's yet: the header's indicator says it all.
    expect(sectionShown(element), 'a section while pending').to.equal(false);

    await waitFor(() => linkIndicatorOf(element)?.dataset.status === 'linked', 'never linked');
    expect(linkIndicatorOf(element)!.getAttribute('aria-label')).to.equal('Connected to your support history');
    const region = await expandContext(element);
    expect(region.querySelector('.context-note') === null).to.equal(true);
    expect(region.querySelectorAll('[part="history"] li')).to.have.length(3);
    expect(stub.requests).to.have.length(3);
    // An unchanged re-check fires nothing; linked ends the re-checks.
    expect(events.map((detail) => detail.link.status)).to.deep.equal(['pending', 'linked']);
    await aTimeout(700);
    expect(stub.requests).to.have.length(3);
    expect(events).to.have.length(2);
  });

  it('stops re-checking a pending link after the bounded time, and when the panel is removed', async () => {
    Object.assign(contextRecheck, { firstDelayMs: 100, giveUpAfterMs: 250 });
    const bounded = stubContextSequence(contextAnswer({ link: { status: 'pending' } }));
    const element = await chatElement();
    await openChat(element);
    // Checks at 0 ms and 100 ms; the next (after 200 ms more) would end past 250 ms.
    await aTimeout(800);
    expect(bounded.requests).to.have.length(2);
    expect(linkIndicatorOf(element)!.dataset.status).to.equal('pending');
    restoreFetch();

    contextRecheck.giveUpAfterMs = 60_000;
    forgetStoredSessions();
    const removed = stubContextSequence(contextAnswer({ link: { status: 'pending' } }));
    const second = await chatElement();
    await openChat(second);
    await waitFor(() => removed.requests.length === 1, 'no /context request');
    second.remove();
    await aTimeout(500);
    expect(removed.requests).to.have.length(1);
  });

  it('asks again when a message arrives while pending, even after the re-checks gave up', async () => {
    Object.assign(contextRecheck, { firstDelayMs: 100, giveUpAfterMs: 50 });
    let sent = false;
    // Like the bridge: a chat without messages is not linked yet.
    const stub = stubContext(() => (sent ? returningCustomer : contextAnswer({ link: { status: 'pending' } })));
    const element = await chatElement();
    await openChat(element);
    await waitFor(() => linkIndicatorOf(element)?.dataset.status === 'pending', 'never pending');
    await aTimeout(300);
    expect(stub.requests).to.have.length(1);

    sent = true;
    await typeAndSend(element, 'Hello?');
    await waitFor(() => linkIndicatorOf(element)?.dataset.status === 'linked', 'never linked after the message');
    expect(stub.requests).to.have.length(2);
  });

  it('keeps what it shows when a re-check fails, and checks again on schedule', async () => {
    contextRecheck.firstDelayMs = 100;
    const pending = contextAnswer({ link: { status: 'pending' } });
    const stub = stubContextSequence(pending, { status: 503 }, returningCustomer);
    const element = await chatElement();
    const events = contextEvents(element);
    await openChat(element);

    await waitFor(() => stub.requests.length === 2, 'no re-check');
    expect(linkIndicatorOf(element)!.dataset.status).to.equal('pending');
    expect(sectionShown(element), 'the failed re-check shown as an error').to.equal(false);
    await waitFor(() => linkIndicatorOf(element)?.dataset.status === 'linked', 'never linked after the failed re-check');
    expect(events.map((detail) => detail.link.status)).to.deep.equal(['pending', 'linked']);
  });

  it('shows nothing for a chat that is not bridged, and asks only once', async () => {
    contextRecheck.firstDelayMs = 50;
    const stub = stubContextSequence(contextAnswer({ link: { status: 'not-bridged' } }));
    const element = await chatElement();
    const events = contextEvents(element);
    await openChat(element);

    await waitFor(() => events.length === 1, 'no bridge-chat-context event');
    expect(events[0]!.link.status).to.equal('not-bridged');
    await aTimeout(300);
    expect(stub.requests).to.have.length(1);
    expect(linkIndicatorOf(element)).to.equal(null);
    expect(sectionShown(element)).to.equal(false);
  });

  it('retries an unavailable link a few times, then shows it as unavailable with "Try again"', async () => {
    Object.assign(contextRecheck, { firstDelayMs: 100, unavailableRetries: 2 });
    let answer: ContextResponse = contextAnswer({ link: { status: 'unavailable' } });
    const stub = stubContext(() => answer);
    const element = await chatElement();
    await openChat(element);

    // While retrying, it looks like a link still being made.
    await waitFor(() => linkIndicatorOf(element), 'no link indicator');
    expect(linkIndicatorOf(element)!.dataset.status).to.equal('pending');
    await waitFor(() => linkIndicatorOf(element)!.dataset.status === 'unavailable', 'never shown as unavailable');
    expect(stub.requests).to.have.length(3);
    expect(linkIndicatorOf(element)!.getAttribute('aria-label')).to.equal('Your support history is unavailable');
    const region = await expandContext(element);
    const note = region.querySelector('.context-note')!;
    expect(note.textContent).to.contain('Your history is unavailable right now.');
    await aTimeout(500);
    expect(stub.requests).to.have.length(3);

    answer = returningCustomer;
    note.querySelector<HTMLButtonElement>('button')!.click();
    await waitFor(() => linkIndicatorOf(element)?.dataset.status === 'linked', 'never linked after "Try again"');
    expect(region.querySelector('.context-note')).to.equal(null);
  });

  for (const failure of [{ status: 500 }, 'network-error'] as const) {
    const name = failure === 'network-error' ? 'a network failure' : 'HTTP 500';
    it(`keeps the chat working when /context fails with ${name}, and offers "Try again"`, async () => {
      let answer: StubAnswer = failure;
      stubContext(() => answer);
      const element = await chatElement();
      const errors: BridgeChatErrorDetail[] = [];
      element.addEventListener('bridge-chat-error', (event) => errors.push(event.detail));
      const { conversationSid } = await openChat(element);

      const region = await expandContext(element);
      await waitFor(() => region.querySelector('[role="alert"]'), 'no error state');
      const alert = region.querySelector('[role="alert"]')!;
      expect(alert.querySelector('p')!.textContent).to.equal('Your history could not be loaded.');
      expect(linkIndicatorOf(element)).to.equal(null);

      await typeAndSend(element, 'Still chatting');
      await waitFor(
        async () => (await listMessages(conversationSid)).some((message) => message.body === 'Still chatting'),
        'the message never reached the REST API',
      );
      expect(errors).to.deep.equal([]);
      await settled(element);
      await expect(element).to.be.accessible();

      answer = returningCustomer;
      const retry = alert.querySelector<HTMLButtonElement>('button')!;
      expect(retry.textContent!.trim()).to.equal('Try again');
      retry.click();
      await waitFor(() => linkIndicatorOf(element)?.dataset.status === 'linked', 'never linked after "Try again"');
      expect(region.querySelector('[role="alert"]')).to.equal(null);
    });
  }

  it('never calls /context with show-history and show-memory off', async () => {
    const stub = stubContextSequence(returningCustomer);
    const element = await fixture<BridgeChat>(
      html`<bridge-chat session-url=${stack.companionUrl} show-history="false" show-memory="false"></bridge-chat>`,
    );
    expect(element.showHistory).to.equal(false);
    expect(element.showMemory).to.equal(false);
    const { conversationSid } = await openChat(element);
    await typeAndSend(element, 'No history please');
    await waitFor(async () => (await listMessages(conversationSid)).length === 1, 'the message never arrived');
    await aTimeout(200);

    expect(stub.requests).to.have.length(0);
    expect(linkIndicatorOf(element)).to.equal(null);
    expect(sectionShown(element)).to.equal(false);
  });

  it('shows only what we remember with show-history off, and only the history with show-memory off', async () => {
    stubContextSequence(returningCustomer);
    const memoryOnly = await fixture<BridgeChat>(
      html`<bridge-chat session-url=${stack.companionUrl} show-history="false"></bridge-chat>`,
    );
    expect(memoryOnly.showMemory).to.equal(true);
    await openChat(memoryOnly);
    let region = await expandContext(memoryOnly);
    await waitFor(() => region.querySelector('[part="memory"]'), 'no memory section');
    expect(contextToggleOf(memoryOnly)!.textContent!.trim()).to.equal('What we remember');
    expect(region.querySelector('[part="history"]')).to.equal(null);
    expect(linkIndicatorOf(memoryOnly)!.dataset.status).to.equal('linked');
    memoryOnly.remove();

    forgetStoredSessions();
    const historyOnly = await fixture<BridgeChat>(
      html`<bridge-chat session-url=${stack.companionUrl} show-memory="false"></bridge-chat>`,
    );
    await openChat(historyOnly);
    region = await expandContext(historyOnly);
    await waitFor(() => region.querySelector('[part="history"]'), 'no history section');
    expect(contextToggleOf(historyOnly)!.textContent!.trim()).to.equal('Your history');
    expect(region.querySelectorAll('[part="history"] li')).to.have.length(3);
    expect(region.querySelector('[part="memory"]')).to.equal(null);
  });

  it('loads older history pages with "Load more", and says so when one fails', async () => {
    const older: HistoryItem = { conversationId: 'conv_old', channel: 'EMAIL', startedAt: '2025-11-03T10:00:00Z', summary: 'Asked for an invoice.' };
    let pageFails = true;
    const stub = stubContext(({ url }): StubAnswer => {
      const pageToken = url.searchParams.get('historyPageToken');
      if (pageToken === null) return { ...returningCustomer, history: { items: history, nextPageToken: 'page 2/€' } };
      if (pageFails) return { status: 503 };
      return { ...returningCustomer, history: { items: [older] } };
    });
    const element = await chatElement();
    const events = contextEvents(element);
    await openChat(element);
    const region = await expandContext(element);
    await waitFor(() => region.querySelector('.load-more'), 'no "Load more" button');

    region.querySelector<HTMLButtonElement>('.load-more')!.click();
    await waitFor(() => region.querySelector('.load-more-error'), 'no page error');
    expect(region.querySelector('.load-more-error')!.textContent).to.equal('Older conversations could not be loaded.');
    expect(stub.requests[1]!.url.searchParams.get('historyPageToken')).to.equal('page 2/€');
    expect(events).to.have.length(1);

    pageFails = false;
    region.querySelector<HTMLButtonElement>('.load-more')!.click();
    await waitFor(() => region.querySelectorAll('[part="history"] li').length === 4, 'the older page never showed');
    expect(texts(region, '.history-item .channel').at(-1)).to.equal('Email');
    expect(region.querySelector('.load-more')).to.equal(null);
    expect(region.querySelector('.load-more-error')).to.equal(null);
    expect(events).to.have.length(2);
    expect(events[1]!.history.items.map((item) => item.conversationId)).to.deep.equal([
      ...history.map((item) => item.conversationId),
      'conv_old',
    ]);
    expect(events[1]!.history.nextPageToken).to.equal(undefined);
  });

  it('renders summaries, traits, observations and the name as text, never as HTML', async () => {
    const markup = '<img src=x onerror=alert(1)>';
    stubContextSequence(
      contextAnswer({
        history: { items: [{ conversationId: 'conv_x', channel: 'OTHER', startedAt: '2026-01-01T00:00:00Z', summary: markup }] },
        memory: { displayName: markup, traits: { Notes: { [markup]: markup } }, observations: [{ content: markup, occurredAt: '2026-01-01T00:00:00Z' }] },
      }),
    );
    const originalAlert = window.alert;
    const alerts: unknown[] = [];
    window.alert = (message?: unknown) => alerts.push(message);
    try {
      const element = await chatElement();
      await openChat(element);
      const region = await expandContext(element);
      await waitFor(() => region.querySelector('[part="memory"]'), 'no memory section');

      expect(region.querySelector('.summary')!.textContent).to.equal(markup);
      expect(region.querySelector('.observations p')!.textContent).to.equal(markup);
      expect(region.querySelector('dd')!.textContent).to.equal(markup);
      expect(region.querySelector('.greeting')!.textContent).to.equal(`Welcome back, ${markup}!`);
      expect(panelRoot(element).querySelector('img')).to.equal(null);
      await aTimeout(100);
      expect(alerts).to.deep.equal([]);
    } finally {
      window.alert = originalAlert;
    }
  });
});

describe('<bridge-chat> translations', () => {
  beforeEach(async () => {
    stack ??= await stackConfig();
    forgetStoredSessions();
  });

  afterEach(() => {
    restoreFetch();
  });

  it('speaks Spanish with lang="es", dates included, and switches when lang changes', async () => {
    stubContextSequence(returningCustomer);
    const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.companionUrl} lang="es"></bridge-chat>`);
    expect(launcherOf(element).getAttribute('aria-label')).to.equal('Abrir chat');
    await openChat(element);
    expect(launcherOf(element).getAttribute('aria-label')).to.equal('Cerrar chat');
    expect(inputOf(element).placeholder).to.equal('Escribe un mensaje…');
    expect(panelElementRoot(element, 'bridge-chat-composer')!.querySelector('[part="send"]')!.getAttribute('aria-label')).to.equal('Enviar mensaje');
    expect(panelElementRoot(element, 'bridge-chat-message-list')!.querySelector('.empty')!.textContent).to.equal('Envía un mensaje para empezar la conversación.');

    const region = await expandContext(element);
    await waitFor(() => linkIndicatorOf(element), 'no link indicator');
    expect(linkIndicatorOf(element)!.getAttribute('aria-label')).to.equal('Conectado a tu historial de atención');
    expect(contextToggleOf(element)!.textContent!.trim()).to.equal('Tu historial');
    expect(region.querySelector('.greeting')!.textContent).to.equal('¡Hola de nuevo, Ana!');
    expect(texts(region, '.history-item .channel')[0]).to.equal('Llamada');
    expect(texts(region, '.history-item time')[0]).to.equal(dateIn('es', '2026-03-02T15:30:00Z'));
    expect(texts(region, 'dd')[3]).to.equal('Sí');
    await settled(element);
    await expect(element).to.be.accessible();

    element.lang = 'de';
    await element.updateComplete;
    expect(element.language).to.equal('de');
    expect(launcherOf(element).getAttribute('aria-label')).to.equal('Chat schließen');
    // The panel's German strings are a chunk of their own, loaded on first use.
    await waitFor(() => inputOf(element).placeholder === 'Nachricht schreiben…', 'the panel never switched to German');
    await contextSectionOf(element)!.updateComplete;
    expect(contextToggleOf(element)!.textContent!.trim()).to.equal('Ihr Verlauf');
  });

  it('falls back to <html lang>, then to English for a language it does not speak', async () => {
    const documentLang = document.documentElement.lang;
    try {
      document.documentElement.lang = 'de-AT';
      const german = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.companionUrl}></bridge-chat>`);
      expect(launcherOf(german).getAttribute('aria-label')).to.equal('Chat öffnen');

      document.documentElement.lang = 'ja';
      // The browser's own language is the last resort before English: make it one we do not speak either.
      Object.defineProperty(navigator, 'language', { value: 'pt-BR', configurable: true });
      const unknown = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.companionUrl} lang="xx"></bridge-chat>`);
      expect(launcherOf(unknown).getAttribute('aria-label')).to.equal('Open chat');
      await openChat(unknown);
      expect(inputOf(unknown).placeholder).to.equal('Write a message…');
    } finally {
      document.documentElement.lang = documentLang;
      delete (navigator as { language?: string }).language;
    }
  });

  it('words a failed chat in the visitor’s language', async () => {
    const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.unreachableUrl} lang="es"></bridge-chat>`);
    launcherOf(element).click();

    await waitFor(() => panelOf(element)?.shadowRoot?.querySelector('.state.error'), 'no error state');
    const errorState = panelRoot(element).querySelector('.state.error')!;
    expect(errorState.querySelector('.state-title')!.textContent).to.equal('El chat no está disponible');
    expect(errorState.querySelector('.state-message')!.textContent).to.equal('No se puede contactar con el servicio de chat.');
    expect(errorState.querySelector('button')!.textContent!.trim()).to.equal('Reintentar');
  });
});
