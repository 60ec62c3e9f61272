/**
 * Accessibility of the whole widget against the real stack: axe in every
 * state a visitor meets, and the keyboard alone (Tab order, Escape).
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/widget/index.js';
import type { BridgeChat } from '../../src/widget/index.js';
import { chatElement, itemWithBody, stack, statusOf, waitForRestMessage } from './support/chat-flows.js';
import { contextAnswer, restoreFetch, stubContextSequence } from './support/context-stub.js';
import {
  agentJoins,
  cutRealtimeLink,
  postMessageAs,
  removeParticipant,
  resetFaults,
  restoreRealtimeLink,
} from './support/stack-client.js';
import { AGENT_IDENTITY } from './support/stack-protocol.js';
import {
  bannerOf,
  contextToggleOf,
  deepActiveElement,
  expandContext,
  findPart,
  forgetStoredSessions,
  inputOf,
  launcherOf,
  logOf,
  openChat,
  panelElementRoot,
  panelOf,
  panelRoot,
  pickFiles,
  sendButtonOf,
  settled,
  typeAndSend,
  waitFor,
  waitForMessage,
} from './support/widget-harness.js';

/** How a control is named to someone using it: its accessible label, else its text. */
function nameOf(node: Element | null): string {
  if (!node) return '(nothing)';
  const label = node.getAttribute('aria-label');
  return (label ?? node.textContent ?? '').replace(/\s+/g, ' ').trim() || node.tagName.toLowerCase();
}

/** Presses Tab from where focus is until it leaves the widget; the names of what it reached, in order. */
async function tabThrough(element: BridgeChat, limit = 30): Promise<string[]> {
  const reached: string[] = [];
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' });
    if (document.activeElement !== element) return reached;
    reached.push(nameOf(deepActiveElement()));
  }
  throw new Error(`Tab never left the widget: ${reached.join(' → ')}`);
}

describe('<bridge-chat> accessibility, end to end', () => {
  beforeEach(() => forgetStoredSessions());
  afterEach(async () => {
    await resetFaults();
  });

  it('is accessible closed, connecting, and when the chat cannot start, on a page with its own banner', async () => {
    // Most sites have a <header> (the page's banner landmark): the widget must not add another.
    const siteHeader = document.createElement('header');
    siteHeader.textContent = 'Coffee shop';
    document.body.prepend(siteHeader);
    try {
      const element = await chatElement();
      await expect(element).to.be.accessible();

      // Connecting: the site's own headers are slow to come.
      let release!: () => void;
      const headers = new Promise<Record<string, string>>((resolve) => (release = () => resolve({})));
      element.getAuthHeaders = () => headers;
      launcherOf(element).click();
      await waitFor(() => panelOf(element)?.shadowRoot?.querySelector('.state[role="status"]'), 'no connecting state');
      expect(panelRoot(element).querySelector('.state')!.textContent!.trim()).to.equal('Connecting…');
      await settled(element);
      await expect(element).to.be.accessible();
      release();
      await waitFor(() => panelElementRoot(element, 'bridge-chat-composer'), 'the chat never connected');
      await expect(element).to.be.accessible();

      const unreachable = await chatElement({ sessionUrl: (await stack()).unreachableUrl });
      launcherOf(unreachable).click();
      await waitFor(() => panelOf(unreachable)?.shadowRoot?.querySelector('.state.error'), 'no error state');
      await settled(unreachable);
      await expect(unreachable).to.be.accessible();
    } finally {
      siteHeader.remove();
    }
  });

  it('is accessible with the visitor’s own, the agent’s, a failed and a pending message', async () => {
    const element = await chatElement();
    const { identity, conversationSid } = await openChat(element);
    await agentJoins(conversationSid);
    await postMessageAs(conversationSid, AGENT_IDENTITY, 'Hello, this is Sam. Details at https://example.com/help');
    await waitForMessage(element, 'Hello, this is Sam. Details at https://example.com/help');
    await typeAndSend(element, 'My own message');
    await waitForRestMessage(conversationSid, (message) => message.body === 'My own message', 'the visitor’s message');

    // Removed from the conversation, the visitor's next message is refused: "Not sent", with Retry and Delete.
    await removeParticipant(conversationSid, identity);
    await typeAndSend(element, 'This one is refused');
    await waitFor(() => statusOf(element, 'This one is refused') === 'failed', 'never failed');
    const failed = itemWithBody(element, 'This one is refused')!;
    expect([...failed.querySelectorAll('.actions button')].map((button) => button.textContent!.trim())).to.deep.equal([
      'Retry',
      'Delete',
    ]);

    await cutRealtimeLink();
    await waitFor(() => !bannerOf(element).hidden, 'the link never went down');
    await typeAndSend(element, 'Waiting for the link');
    await waitFor(() => statusOf(element, 'Waiting for the link') === 'queued', 'never pending');
    // A file waiting in the composer too.
    pickFiles(element, [new File(['x'], 'notes.txt', { type: 'text/plain' })]);

    await settled(element);
    await expect(element).to.be.accessible();
    await restoreRealtimeLink();
  });

  it('is accessible asking to end the chat, and once it has ended', async () => {
    const element = await chatElement();
    await openChat(element);
    await typeAndSend(element, 'Bye');
    await waitForMessage(element, 'Bye');

    findPart(element, 'end-chat')!.click();
    await waitFor(() => findPart(element, 'end-confirmation'), 'no confirmation');
    await settled(element);
    await expect(element).to.be.accessible();

    findPart(element, 'end-confirmation')!.querySelector<HTMLButtonElement>('button.danger')!.click();
    await waitFor(() => findPart(element, 'closed'), 'the chat never ended');
    await expect(element).to.be.accessible();
  });

  it('is accessible with the visitor’s history expanded above the messages', async () => {
    // The test stack's service is not bridged to Conversation Orchestrator: /context alone is answered here.
    stubContextSequence(
      contextAnswer({
        history: {
          items: [
            { conversationId: 'conv_call', channel: 'VOICE', startedAt: '2026-03-02T15:30:00Z', summary: 'Asked about order 1042.' },
            { conversationId: 'conv_sms', channel: 'SMS', startedAt: '2026-02-14T08:05:00Z', summary: null },
          ],
        },
        memory: {
          displayName: 'Ana',
          traits: { Preferences: { favoriteRoast: 'Dark' } },
          observations: [{ content: 'Prefers whole beans.', occurredAt: '2026-03-02T15:40:00Z' }],
        },
      }),
    );
    try {
      const element = await chatElement();
      const { conversationSid } = await openChat(element);
      await postMessageAs(conversationSid, AGENT_IDENTITY, 'Welcome back, Ana!');
      await typeAndSend(element, 'Hi again');
      await waitForMessage(element, 'Welcome back, Ana!');
      await waitForMessage(element, 'Hi again');
      const region = await expandContext(element);
      await waitFor(() => region.querySelectorAll('.history-item').length === 2, 'the history never showed');
      expect(contextToggleOf(element)!.getAttribute('aria-expanded')).to.equal('true');
      await settled(element);
      await expect(element).to.be.accessible();
    } finally {
      restoreFetch();
    }
  });

  it('reaches every control with Tab, in order, and Escape closes the panel back to the launcher', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    await typeAndSend(element, 'Tab through me');
    await waitForRestMessage(conversationSid, (message) => message.body === 'Tab through me', 'the message');
    await waitFor(() => findPart(element, 'transcript'), 'no transcript button');
    const history = contextToggleOf(element) ? [nameOf(contextToggleOf(element))] : [];

    launcherOf(element).focus();
    const order = await tabThrough(element);

    expect(order).to.deep.equal([
      'Download transcript',
      'End chat',
      'Close chat',
      ...history,
      'Messages',
      'Attach files',
      'Message',
      'Send message',
    ]);

    // Escape from anywhere in the panel: closed, and focus is back on the launcher.
    logOf(element).focus();
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !element.open, 'Escape did not close the panel');
    expect(panelOf(element)!.hidden).to.equal(true);
    expect(deepActiveElement()).to.equal(launcherOf(element));
    // And the launcher opens it again from the keyboard.
    await sendKeys({ press: 'Enter' });
    await waitFor(() => element.open && !panelOf(element)!.hidden, 'Enter on the launcher did not open the panel');
  });

  it('moves focus into the end-chat question, where Escape only cancels it', async () => {
    const element = await chatElement();
    await openChat(element);
    await typeAndSend(element, 'Almost done');
    await waitForMessage(element, 'Almost done');

    findPart(element, 'end-chat')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => findPart(element, 'end-confirmation'), 'no confirmation');
    const confirmation = findPart(element, 'end-confirmation')!;
    await waitFor(() => confirmation.contains(deepActiveElement()), 'focus never moved into the question');
    expect(nameOf(deepActiveElement())).to.equal('Cancel');
    await sendKeys({ press: 'Tab' });
    expect(nameOf(deepActiveElement())).to.equal('End chat');
    expect(confirmation.contains(deepActiveElement())).to.equal(true);

    await sendKeys({ press: 'Escape' });

    await waitFor(() => !findPart(element, 'end-confirmation'), 'Escape did not cancel the question');
    expect(element.open, 'the panel stays open').to.equal(true);
    expect(panelOf(element)!.hidden).to.equal(false);
    await waitFor(() => deepActiveElement() === inputOf(element), 'focus never went back to the input');
    expect(findPart(element, 'closed'), 'the chat was not ended').to.equal(null);
    expect(sendButtonOf(element).disabled).to.equal(false);
  });
});
