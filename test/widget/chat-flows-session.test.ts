/**
 * The chat's session through the whole widget against the real stack: the
 * pre-chat form (and its skipping for a signed-in visitor), the agent closing
 * the chat, the visitor ending it, and the transcript download.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/widget/index.js';
import type { BridgeChat, BridgeChatReadyDetail } from '../../src/widget/index.js';
import { catchDownloads, chatElement, waitForRestMessage } from './support/chat-flows.js';
import { closeConversation, getConversation, listParticipants, postMessageAs } from './support/stack-client.js';
import { AGENT_IDENTITY } from './support/stack-protocol.js';
import {
  deepActiveElement,
  findPart,
  forgetStoredSessions,
  inputOf,
  launcherOf,
  messageItems,
  openChat,
  panelElementRoot,
  panelOf,
  panelRoot,
  settled,
  typeAndSend,
  waitFor,
  waitForMessage,
} from './support/widget-harness.js';

function prechatRoot(element: BridgeChat): ShadowRoot | null {
  return panelOf(element)?.shadowRoot ? panelElementRoot(element, 'bridge-chat-prechat') : null;
}

function prechatErrors(element: BridgeChat): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const error of prechatRoot(element)!.querySelectorAll<HTMLElement>('[part="prechat-error"]')) {
    errors[error.id.replace(/^prechat-|-error$/g, '')] = error.textContent!.trim();
  }
  return errors;
}

function prechatInput(element: BridgeChat, name: string): HTMLInputElement {
  return prechatRoot(element)!.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
}

function submitPrechat(element: BridgeChat): void {
  prechatRoot(element)!.querySelector<HTMLButtonElement>('[part="prechat-submit"]')!.click();
}

function closedNotice(element: BridgeChat): HTMLElement | null {
  return findPart(element, 'closed');
}

describe('<bridge-chat> session, end to end', () => {
  beforeEach(() => forgetStoredSessions());

  it('asks an anonymous visitor for the pre-chat details, checks them, and starts the session with them', async () => {
    const element = await chatElement({ prechat: 'name email' });
    const ready = oneEvent<CustomEvent<BridgeChatReadyDetail>>(element, 'bridge-chat-ready');
    launcherOf(element).click();
    await waitFor(() => prechatRoot(element)?.querySelector('form'), 'no pre-chat form');
    expect(panelRoot(element).querySelector('bridge-chat-composer'), 'no chat before the form').to.equal(null);
    expect(element.conversationSid).to.equal(undefined);

    submitPrechat(element);
    await waitFor(() => Object.keys(prechatErrors(element)).length === 2, 'no errors for the empty form');
    expect(prechatErrors(element)).to.deep.equal({ name: 'Please fill in this field.', email: 'Please fill in this field.' });
    expect(prechatInput(element, 'name').getAttribute('aria-invalid')).to.equal('true');
    expect(prechatInput(element, 'name').getAttribute('aria-describedby')).to.equal('prechat-name-error');
    await waitFor(() => deepActiveElement() === prechatInput(element, 'name'), 'focus never went to the first invalid field');
    await settled(element);
    await expect(element).to.be.accessible();

    await sendKeys({ type: 'Ada Lovelace' });
    prechatInput(element, 'email').focus();
    await sendKeys({ type: 'ada@' });
    submitPrechat(element);
    await waitFor(() => prechatErrors(element)['email'] === 'Please enter a valid email address.', 'no error for a malformed email');
    expect(prechatErrors(element)).to.deep.equal({ email: 'Please enter a valid email address.' });
    expect(element.conversationSid, 'nothing starts while an answer is wrong').to.equal(undefined);

    prechatInput(element, 'email').focus();
    await sendKeys({ type: 'example.com' });
    await waitFor(() => Object.keys(prechatErrors(element)).length === 0, 'the fixed email still showed an error');
    await sendKeys({ press: 'Enter' });

    const { detail } = await ready;
    expect(prechatRoot(element)).to.equal(null);
    const participants = await listParticipants(detail.conversationSid);
    expect(participants.map(({ identity, attributes }) => ({ identity, attributes }))).to.deep.equal([
      { identity: detail.identity, attributes: { name: 'Ada Lovelace', email: 'ada@example.com' } },
    ]);
    const conversation = await getConversation(detail.conversationSid);
    expect(conversation.friendlyName).to.equal('Web chat with Ada Lovelace');
    expect(conversation.attributes['bridgeChat']).to.deep.include({ name: 'Ada Lovelace', email: 'ada@example.com' });
    await waitFor(() => panelElementRoot(element, 'bridge-chat-composer'), 'no composer after the form');
  });

  it('posts the pre-chat form’s message as the visitor’s first message', async () => {
    const element = await chatElement({ prechat: 'name? message' });
    const ready = oneEvent<CustomEvent<BridgeChatReadyDetail>>(element, 'bridge-chat-ready');
    launcherOf(element).click();
    await waitFor(() => prechatRoot(element)?.querySelector('form'), 'no pre-chat form');
    prechatInput(element, 'message').focus();
    await sendKeys({ type: 'My parcel never came' });
    submitPrechat(element);

    const { detail } = await ready;
    const first = await waitForRestMessage(detail.conversationSid, () => true, 'the first message');
    expect(first).to.deep.include({ author: detail.identity, body: 'My parcel never came' });
    const item = await waitForMessage(element, 'My parcel never came');
    expect(item.classList.contains('own')).to.equal(true);
  });

  it('skips the pre-chat form for a visitor the site signed in', async () => {
    const user = `flows-${crypto.randomUUID()}`;
    const element = await chatElement({ prechat: 'name email' });
    element.getAuthHeaders = () => ({ 'X-Test-Site-User': user });
    let formShown = false;
    element.addEventListener('bridge-chat-ready', () => (formShown ||= prechatRoot(element) !== null));

    const { identity, conversationSid } = await openChat(element);

    expect(identity).to.equal(`site-user-${user}`);
    expect(formShown).to.equal(false);
    expect(prechatRoot(element)).to.equal(null);
    expect((await listParticipants(conversationSid)).map((participant) => participant.identity)).to.deep.equal([identity]);
  });

  it('shows the agent closing the chat, and "Start a new chat" starts a new conversation', async () => {
    const element = await chatElement();
    const first = await openChat(element);
    await typeAndSend(element, 'Thanks, that is all');
    await waitForRestMessage(first.conversationSid, (message) => message.body === 'Thanks, that is all', 'the message');

    await closeConversation(first.conversationSid);

    await waitFor(() => closedNotice(element), 'the closed state never showed');
    const notice = closedNotice(element)!;
    expect(notice.querySelector('.state-title')!.textContent).to.equal('This chat has ended');
    expect(notice.getAttribute('role')).to.equal('status');
    expect(panelRoot(element).querySelector('bridge-chat-composer'), 'nothing can be written any more').to.equal(null);
    expect(findPart(element, 'end-chat')).to.equal(null);
    expect(panelRoot(element).querySelector('.connection')!.textContent).to.equal('This chat has ended');
    expect(messageItems(element).length, 'the messages stay readable').to.equal(1);
    await settled(element);
    await expect(element).to.be.accessible();

    const button = notice.querySelector('button')!;
    expect(button.textContent!.trim()).to.equal('Start a new chat');
    const ready = oneEvent<CustomEvent<BridgeChatReadyDetail>>(element, 'bridge-chat-ready');
    button.click();
    const { detail: next } = await ready;

    expect(next.conversationSid).to.not.equal(first.conversationSid);
    expect((await getConversation(next.conversationSid)).state).to.equal('active');
    expect((await getConversation(first.conversationSid)).state).to.equal('closed');
    await waitFor(() => panelElementRoot(element, 'bridge-chat-composer'), 'no composer in the new chat');
    expect(closedNotice(element)).to.equal(null);
    expect(messageItems(element)).to.deep.equal([]);
    await typeAndSend(element, 'A new question');
    await waitForRestMessage(next.conversationSid, (message) => message.body === 'A new question', 'the new chat’s message');
  });

  it('downloads the transcript, and ends the chat only once the visitor confirms', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    await typeAndSend(element, 'Where is my parcel?');
    await waitFor(() => findPart(element, 'transcript'), 'no transcript button once there are messages');
    await postMessageAs(conversationSid, AGENT_IDENTITY, 'It ships tomorrow.');
    await waitForMessage(element, 'It ships tomorrow.');

    const caught = catchDownloads();
    try {
      findPart(element, 'transcript')!.click();
      await waitFor(() => caught.downloads.length === 1, 'no transcript download');
    } finally {
      caught.restore();
    }
    const [download] = caught.downloads;
    expect(download!.filename).to.match(/^chat-transcript-\d{4}-\d{2}-\d{2}\.txt$/);
    const lines = (await download!.text).split('\n');
    expect(lines.slice(0, 2)).to.deep.equal(['Chat transcript', conversationSid]);
    expect(lines.filter((line) => line.startsWith('[')).map((line) => line.replace(/^\[[^\]]+\] /, ''))).to.deep.equal([
      'You: Where is my parcel?',
      // The agent never joined as a participant here: its identity names it.
      `${AGENT_IDENTITY}: It ships tomorrow.`,
    ]);

    // Asked, then cancelled: still chatting.
    const endButton = findPart(element, 'end-chat')!;
    expect(endButton.getAttribute('aria-label')).to.equal('End chat');
    endButton.click();
    await waitFor(() => findPart(element, 'end-confirmation'), 'no confirmation');
    const confirmation = findPart(element, 'end-confirmation')!;
    expect(confirmation.getAttribute('role')).to.equal('alertdialog');
    expect(confirmation.querySelector('#end-question')!.textContent).to.equal('End this chat?');
    expect(endButton.getAttribute('aria-expanded')).to.equal('true');
    expect(panelRoot(element).querySelector('bridge-chat-composer')).to.equal(null);
    confirmation.querySelector<HTMLButtonElement>('button.secondary')!.click();
    await waitFor(() => panelElementRoot(element, 'bridge-chat-composer'), 'the composer never came back');
    expect(findPart(element, 'end-confirmation')).to.equal(null);
    await waitFor(() => deepActiveElement() === inputOf(element), 'focus never went back to the input');
    expect((await getConversation(conversationSid)).state).to.equal('active');
    await typeAndSend(element, 'One more thing');
    await waitForRestMessage(conversationSid, (message) => message.body === 'One more thing', 'the message after cancelling');

    // Asked again, and confirmed.
    findPart(element, 'end-chat')!.click();
    await waitFor(() => findPart(element, 'end-confirmation'), 'no confirmation the second time');
    const endNow = findPart(element, 'end-confirmation')!.querySelector<HTMLButtonElement>('button.danger')!;
    expect(endNow.textContent!.trim()).to.equal('End chat');
    endNow.click();
    await waitFor(() => closedNotice(element), 'the chat never showed as ended');
    expect((await getConversation(conversationSid)).state).to.equal('closed');
    expect(findPart(element, 'transcript'), 'the transcript can still be downloaded').to.not.equal(null);
  });
});
