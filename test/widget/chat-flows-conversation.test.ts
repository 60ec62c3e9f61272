/**
 * The conversation through the whole widget against the real stack, with the
 * agent acting through the REST API (read horizon, closing) and on its own
 * realtime client (typing): delivery and read status, unread messages after a
 * reload, typing both ways, and paging back through a long conversation.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/widget/index.js';
import type { BridgeChat } from '../../src/widget/index.js';
import type { BridgeChatMessageList } from '../../src/widget/message-list/message-list.js';
import { chatElement, itemWithBody, rowsOnScreen, waitForRestMessage } from './support/chat-flows.js';
import {
  agentJoins,
  agentListens,
  agentReads,
  agentTypes,
  listMessages,
  postMessageAs,
  postMessages,
  typingSeenByAgent,
} from './support/stack-client.js';
import { AGENT_IDENTITY, AGENT_NAME } from './support/stack-protocol.js';
import {
  deliveryStatusOf,
  findPart,
  forgetStoredSessions,
  inputOf,
  launcherOf,
  logOf,
  messageBodies,
  messageListRoot,
  openChat,
  panelOf,
  typeAndSend,
  waitFor,
  waitForMessage,
} from './support/widget-harness.js';

function statusOf(element: BridgeChat, body: string): string | undefined {
  const item = itemWithBody(element, body);
  return item ? deliveryStatusOf(item) : undefined;
}

/** The delivery status shown (not only said) under the visitor's latest message. */
function shownStatus(element: BridgeChat): string {
  return messageListRoot(element).querySelector('[part="delivery-status"]')?.textContent ?? '';
}

async function frames(count = 3): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Waits until the log has stopped moving: the same scroll position and height for several frames in a row. */
async function steady(log: HTMLElement, frameCount = 8): Promise<void> {
  let still = 0;
  let last = '';
  await waitUntil(async () => {
    await frames(1);
    const now = `${log.scrollTop} ${log.scrollHeight}`;
    still = now === last ? still + 1 : 0;
    last = now;
    return still >= frameCount;
  }, 'the message list never settled');
}

/** The text of the first message at least partly in view in the log. */
function firstVisibleBody(element: BridgeChat): string | undefined {
  const top = logOf(element).getBoundingClientRect().top;
  const row = rowsOnScreen(element).find((candidate) => candidate.matches('[data-key^="m:"]') && candidate.getBoundingClientRect().bottom > top + 1);
  return row?.querySelector('.body')?.textContent ?? undefined;
}

function typingLine(element: BridgeChat): string {
  return findPart(element, 'typing')!.textContent!.replace(/\s+/g, ' ').trim();
}

describe('<bridge-chat> conversation, end to end', () => {
  beforeEach(() => forgetStoredSessions());

  it('shows the visitor’s messages as "Sent", then "Read" once the agent’s read horizon passes them', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    await agentJoins(conversationSid);

    await typeAndSend(element, 'Did my order ship?');
    await typeAndSend(element, 'It is order 1042.');
    const first = await waitForRestMessage(conversationSid, (message) => message.body === 'Did my order ship?', 'the first message');
    await waitForRestMessage(conversationSid, (message) => message.body === 'It is order 1042.', 'the second message');
    await waitFor(() => statusOf(element, 'It is order 1042.') === 'sent', 'the second message was never "Sent"');
    expect(statusOf(element, 'Did my order ship?')).to.equal('sent');
    expect(shownStatus(element)).to.equal('Sent');

    await agentReads(conversationSid, first.index);

    await waitFor(() => statusOf(element, 'Did my order ship?') === 'read', 'the message the agent read never showed as read');
    expect(statusOf(element, 'It is order 1042.'), 'past the agent’s horizon').to.equal('sent');
    expect(shownStatus(element)).to.equal('Sent');

    await agentReads(conversationSid, first.index + 1);
    await waitFor(() => statusOf(element, 'It is order 1042.') === 'read', 'the second message never showed as read');
    expect(shownStatus(element)).to.equal('Read');
  });

  it('counts agent messages that arrived unseen on the launcher after a reload, and marks them with "New messages"', async () => {
    const first = await chatElement();
    const { conversationSid } = await openChat(first);
    await typeAndSend(first, 'Is anyone there?');
    await waitForRestMessage(conversationSid, (message) => message.body === 'Is anyone there?', 'the visitor’s message');
    first.remove();

    await agentJoins(conversationSid);
    await postMessages(conversationSid, ['Hi, this is Sam.', 'How can I help?']);

    // A new page: the panel loads hidden once the page is idle, since a session is stored.
    const second = await chatElement();
    const counts: number[] = [];
    second.addEventListener('bridge-chat-unread', (event) => counts.push(event.detail.count));
    await waitFor(() => second.unreadCount === 2, 'the unread messages were never counted');
    expect(second.open).to.equal(false);
    expect(panelOf(second)!.hidden).to.equal(true);
    const badge = second.shadowRoot!.querySelector('[part="unread-badge"]')!;
    expect(badge.textContent!.trim()).to.equal('2');
    expect(launcherOf(second).getAttribute('aria-label')).to.equal('Open chat, 2 unread messages');
    expect(counts.at(-1)).to.equal(2);
    await expect(second).to.be.accessible();

    launcherOf(second).click();
    await waitFor(() => findPart(second, 'new-messages'), 'no "New messages" separator');
    const rows = rowsOnScreen(second);
    const separator = rows.findIndex((row) => row.matches('[part="new-messages"]'));
    expect(rows[separator]!.textContent!.trim()).to.equal('New messages');
    expect(rows[separator - 1]!.textContent, 'after what the visitor had seen').to.contain('Is anyone there?');
    expect(rows[separator + 1]!.textContent, 'before the first unseen message').to.contain('Hi, this is Sam.');
    expect(rows[separator + 1]!.querySelector('.author')!.textContent).to.equal(AGENT_NAME);
    await waitFor(() => second.unreadCount === 0, 'opening the chat did not clear the count');
    expect(second.shadowRoot!.querySelector('[part="unread-badge"]')).to.equal(null);
    expect(counts.at(-1)).to.equal(0);
  });

  it('shows the agent typing, and tells the agent when the visitor types', async () => {
    const element = await chatElement();
    const { identity, conversationSid } = await openChat(element);
    await agentListens(conversationSid);
    expect(typingLine(element)).to.equal('');

    await agentTypes(conversationSid);
    await waitFor(() => typingLine(element) === `${AGENT_NAME} is typing…`, 'the agent’s typing never showed');
    expect(findPart(element, 'typing')!.getAttribute('role')).to.equal('status');

    // The agent's message ends its typing.
    await postMessageAs(conversationSid, AGENT_IDENTITY, 'Here is your answer.');
    await waitForMessage(element, 'Here is your answer.');
    await waitFor(() => typingLine(element) === '', 'the typing indicator stayed after the agent’s message');

    expect((await typingSeenByAgent(conversationSid)).filter((seen) => seen.identity === identity)).to.deep.equal([]);
    inputOf(element).focus();
    await sendKeys({ type: 'I am wri' });
    await waitFor(
      async () => (await typingSeenByAgent(conversationSid)).some((seen) => seen.identity === identity && seen.started),
      'the agent never heard the visitor typing',
    );
  });

  it('pages back through a conversation of 300 messages, keeping its place, until the first message shows', async () => {
    const first = await chatElement();
    const { conversationSid } = await openChat(first);
    first.remove();
    const bodies = Array.from({ length: 300 }, (_, i) => `Message ${String(i + 1).padStart(3, '0')}`);
    await postMessages(conversationSid, bodies);
    expect((await listMessages(conversationSid)).length).to.equal(300);

    const element = await chatElement();
    await openChat(element);
    await waitForMessage(element, 'Message 300');
    const log = logOf(element);
    expect(messageBodies(element)).to.not.include('Message 001');

    // To the top, as a visitor would once the list has settled at the end: the page before loads, and the
    // visitor keeps seeing what was at the top.
    await steady(log);
    const list = messageListRoot(element).host as BridgeChatMessageList;
    expect(list.messages.length).to.equal(50);
    await waitUntil(
      () => {
        if (list.messages.length > 50) return true;
        if (log.getAttribute('aria-busy') !== 'true') log.scrollTop = 0;
        return false;
      },
      'the page before never loaded',
      { timeout: 8_000, interval: 100 },
    );
    expect(list.messages.length).to.equal(100);
    await waitFor(() => log.getAttribute('aria-busy') === 'false', 'the log stayed busy');
    await frames();
    expect(log.scrollTop, 'the view did not jump to the new top').to.be.greaterThan(0);
    const atTop = Number(firstVisibleBody(element)?.slice('Message '.length));
    expect(atTop, 'around Message 251 (the oldest before), not Message 201 (the new top)').to.be.within(246, 256);

    await waitUntil(
      () => {
        log.scrollTop = 0;
        return messageBodies(element).includes('Message 001');
      },
      'scrolling to the top never reached the first message',
      { timeout: 12_000, interval: 100 },
    );
    await waitFor(() => log.getAttribute('aria-busy') === 'false', 'the log stayed busy');
    expect(messageListRoot(element).querySelector('.older'), 'nothing more to load').to.equal(null);
    log.scrollTop = 0;
    await waitFor(() => rowsOnScreen(element)[0]?.matches('[part="day-separator"]'), 'the day line never led the list');
    const [, unseen, firstMessage] = rowsOnScreen(element);
    // The visitor never saw any of them: all are new.
    expect(unseen!.matches('[part="new-messages"]')).to.equal(true);
    expect(firstMessage!.querySelector('.body')!.textContent).to.equal('Message 001');
  });
});
