/**
 * Graceful degradation against the real stack: the realtime client's code that fails to download,
 * a companion that is down or answers 503, and a context (Orchestrator, Memory, /context) that
 * fails while the chat goes on. The chat retries by itself and shows that it does.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/widget/index.js';
import { contextRecheck } from '../../src/widget/controllers/context.controller.js';
import type { BridgeChat, BridgeChatConnectionState, BridgeChatErrorDetail } from '../../src/widget/index.js';
import { chatElement, forgetOutboxMemory, restBodies, statusOf, storedOutboxBodies, waitForRestMessage } from './support/chat-flows.js';
import { contextAnswer, restoreFetch, stubContextSequence } from './support/context-stub.js';
import {
  controlledCompanionUrl,
  cutRealtimeLink,
  failNextRequest,
  postAgentMessage,
  resetFaults,
  restoreRealtimeLink,
  setCompanionReachable,
  twilioFails,
} from './support/stack-client.js';
import {
  bannerOf,
  composerRoot,
  expandContext,
  forgetStoredSessions,
  launcherOf,
  linkIndicatorOf,
  openChat,
  panelElementRoot,
  panelOf,
  panelRoot,
  settled,
  typeAndSend,
  waitFor,
  waitForMessage,
} from './support/widget-harness.js';

const defaultRecheck = { ...contextRecheck };

/** What the page hears from the element: its errors and its connection states, in order. */
function listen(element: BridgeChat): { errors: BridgeChatErrorDetail[]; states: BridgeChatConnectionState[] } {
  const heard = { errors: [] as BridgeChatErrorDetail[], states: [] as BridgeChatConnectionState[] };
  element.addEventListener('bridge-chat-error', (event) => heard.errors.push(event.detail));
  element.addEventListener('bridge-chat-connection', (event) => heard.states.push(event.detail.state));
  return heard;
}

/** The failed-chat state while the chat retries by itself: its words, and what it shows. */
interface RetryingState {
  title: string;
  message: string;
  text: string;
  spinner: boolean;
  button: string;
  header: string;
  headerState: string | undefined;
}

/** Waits for the panel's retrying state and reads it. */
async function retryingState(element: BridgeChat): Promise<RetryingState> {
  await waitFor(() => panelOf(element)?.shadowRoot?.querySelector('.state.error .spinner'), 'no retrying state');
  const state = panelRoot(element).querySelector<HTMLElement>('.state.error')!;
  const header = panelRoot(element).querySelector<HTMLElement>('.connection')!;
  expect(state.getAttribute('role')).to.equal('alert');
  return {
    title: state.querySelector('.state-title')!.textContent!,
    message: state.querySelector('.state-message')!.textContent!,
    text: state.textContent!.replace(/\s+/g, ' ').trim(),
    spinner: state.querySelector('.spinner') !== null,
    button: state.querySelector('button.retry')!.textContent!.trim(),
    header: header.textContent!.trim(),
    headerState: header.dataset['state'],
  };
}

/** Waits until the chat is connected, without any click: the composer shows. */
async function recovered(element: BridgeChat, timeout = 8_000): Promise<void> {
  await waitUntil(() => panelElementRoot(element, 'bridge-chat-composer'), 'the chat never recovered by itself', { timeout });
  expect(panelRoot(element).querySelector('.state')).to.equal(null);
}

describe('<bridge-chat> degradation', () => {
  beforeEach(() => forgetStoredSessions());
  afterEach(async () => {
    restoreFetch();
    Object.assign(contextRecheck, defaultRecheck);
    await setCompanionReachable(true);
    await resetFaults();
  });

  // First in the file: a module the page already imported is never fetched again, and the other
  // tests import the emulator's client.
  it('says the chat could not be loaded when the realtime client’s code fails to download, then loads it by itself', async () => {
    await failNextRequest('*/src/emulator/client/index.*');
    const element = await chatElement();
    const heard = listen(element);
    launcherOf(element).click();

    const state = await retryingState(element);
    expect(heard.errors.map(({ code }) => code)).to.deep.equal(['panel_load_failed']);
    expect(heard.errors[0]!.message).to.match(/^The chat could not be loaded \(.+\)\.$/);
    expect(state).to.deep.include({
      title: 'The chat is unavailable',
      message: 'The chat could not be loaded. Check your connection.',
      spinner: true,
      button: 'Try again',
      header: 'Reconnecting…',
      headerState: 'connecting',
    });

    await recovered(element);
    expect(element.conversationSid).to.match(/^CH/);
    expect(heard.errors).to.have.length(1);
    expect(heard.states).to.deep.equal(['connecting', 'offline', 'connected']);
  });

  it('retries by itself while the companion is down, then resumes the same conversation and sends what was queued', async () => {
    const sessionUrl = await controlledCompanionUrl();
    const first = await chatElement({ sessionUrl });
    const before = await openChat(first);
    // A message written while the realtime link is down waits in the outbox, stored for the next page.
    await cutRealtimeLink();
    await waitFor(() => !bannerOf(first).hidden, 'the widget never noticed the link was down');
    await typeAndSend(first, 'Written before the outage');
    await waitFor(() => statusOf(first, 'Written before the outage') === 'queued', 'the message was never queued');
    await waitFor(async () => (await storedOutboxBodies()).includes('Written before the outage'), 'the message was never stored');
    first.remove();
    forgetOutboxMemory();
    await restoreRealtimeLink();

    // The visitor comes back while the companion is down.
    await setCompanionReachable(false);
    const second = await chatElement({ sessionUrl });
    const heard = listen(second);
    launcherOf(second).click();

    const state = await retryingState(second);
    expect(state).to.deep.include({
      title: 'The chat is unavailable',
      message: 'The chat service cannot be reached.',
      spinner: true,
      button: 'Try again',
      header: 'Reconnecting…',
      headerState: 'connecting',
    });
    expect(state.text).to.include('Reconnecting…');
    await settled(second);
    await expect(second).to.be.accessible();
    expect(heard.errors.map(({ code }) => code)).to.deep.equal(['companion_unreachable']);
    expect(heard.states).to.deep.equal(['connecting', 'offline']);

    await setCompanionReachable(true);
    await recovered(second);
    expect(second.conversationSid).to.equal(before.conversationSid);
    await waitForRestMessage(before.conversationSid, (message) => message.body === 'Written before the outage', 'the queued message');
    await waitFor(() => statusOf(second, 'Written before the outage') === 'sent', 'the queued message was never confirmed');
    expect(await restBodies(before.conversationSid)).to.deep.equal(['Written before the outage']);
    expect(heard.errors, 'told of the outage once, not at every retry').to.have.length(1);
    expect(heard.states).to.deep.equal(['connecting', 'offline', 'connected']);
  });

  it('retries by itself while the companion answers 503 (Twilio down behind it), after the Retry-After it sends', async () => {
    // Twilio fails every Conversations request: the companion gives up on it and answers 503.
    await twilioFails({ status: 503, scope: 'conversations', retryAfterSeconds: 0 });
    const element = await chatElement();
    const heard = listen(element);
    launcherOf(element).click();

    const state = await retryingState(element);
    expect(state.message).to.equal('The chat is busy right now. Please try again in a moment.');
    expect(state.header).to.equal('Reconnecting…');
    expect(heard.errors.map(({ code }) => code)).to.deep.equal(['upstream_unavailable']);

    await resetFaults();
    // The companion asks for 5 s (its Retry-After), more than the chat's own first wait.
    await recovered(element, 12_000);
    expect(element.conversationSid).to.match(/^CH/);
    expect(heard.states).to.deep.equal(['connecting', 'offline', 'connected']);
  });

  it('keeps chatting while /context fails, and shows the context’s own error', async () => {
    const stub = stubContextSequence({ status: 503, body: { error: { code: 'upstream_unavailable', message: 'Stubbed outage.' } } });
    const element = await chatElement();
    const heard = listen(element);
    const { conversationSid } = await openChat(element);

    await waitFor(() => stub.requests.length > 0, 'no /context request');
    const details = await expandContext(element);
    await waitFor(() => details.querySelector('[role="alert"]'), 'the context never showed its error');
    expect(details.querySelector('[role="alert"] p')!.textContent).to.equal('Your history could not be loaded.');

    await typeAndSend(element, 'Is anyone there?');
    await waitForRestMessage(conversationSid, (message) => message.body === 'Is anyone there?', 'the visitor’s message');
    await postAgentMessage(conversationSid, 'Yes, how can I help?');
    await waitForMessage(element, 'Yes, how can I help?');
    await waitFor(() => statusOf(element, 'Is anyone there?') === 'sent', 'the visitor’s message was never confirmed');
    expect(panelRoot(element).querySelector('.connection')!.textContent!.trim()).to.equal('Online');
    expect(composerRoot(element).querySelector('[part="input"]')).to.not.equal(null);
    expect(heard.errors).to.deep.equal([]);
  });

  it('keeps chatting while Conversation Orchestrator and Memory are down, and shows the history as unavailable', async () => {
    Object.assign(contextRecheck, { firstDelayMs: 50, maxDelayMs: 50, unavailableRetries: 1 });
    await twilioFails({ status: 503, scope: 'orchestrator' });
    await twilioFails({ status: 503, scope: 'memory' });
    // What the companion answers when Orchestrator or Memory fail (the stack's service is not bridged, so it would not ask them).
    const unavailable = contextAnswer({ link: { status: 'unavailable' } });
    stubContextSequence(unavailable);
    const element = await chatElement();
    const heard = listen(element);
    const { conversationSid } = await openChat(element);

    await waitFor(() => linkIndicatorOf(element)?.dataset['status'] === 'unavailable', 'the history never showed as unavailable');
    expect(linkIndicatorOf(element)!.getAttribute('aria-label')).to.equal('Your support history is unavailable');
    const details = await expandContext(element);
    expect(details.querySelector('.context-note[data-status="unavailable"] p')!.textContent).to.equal('Your history is unavailable right now.');

    await typeAndSend(element, 'Hello despite the outage');
    await waitForRestMessage(conversationSid, (message) => message.body === 'Hello despite the outage', 'the visitor’s message');
    await postAgentMessage(conversationSid, 'Hello back');
    await waitForMessage(element, 'Hello back');
    expect(panelRoot(element).querySelector('.connection')!.textContent!.trim()).to.equal('Online');
    expect(heard.errors).to.deep.equal([]);
  });
});
