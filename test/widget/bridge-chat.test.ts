import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/widget/index.js';
import type { BridgeChat, BridgeChatErrorDetail, BridgeChatReadyDetail } from '../../src/widget/index.js';
import { SessionTokenStore } from '../../src/widget/session/session-token-store.js';
import { expireTokens, listMessages, postAgentMessage, stackConfig } from './support/stack-client.js';
import type { StackConfig } from './support/stack-protocol.js';
import {
  forgetStoredSessions,
  findPart,
  inputOf,
  launcherOf,
  messageItems,
  openChat,
  panelOf,
  panelElementRoot,
  panelRoot,
  typeAndSend,
  waitFor,
  waitForMessage,
} from './support/widget-harness.js';

let stack: StackConfig;

function chatElement(sessionUrl = stack.companionUrl): Promise<BridgeChat> {
  return fixture<BridgeChat>(html`<bridge-chat session-url=${sessionUrl}></bridge-chat>`);
}

describe('<bridge-chat>', () => {
  beforeEach(async () => {
    stack ??= await stackConfig();
    forgetStoredSessions();
  });

  it('renders only a launcher button with an accessible name until opened', async () => {
    const element = await chatElement();
    const launcher = launcherOf(element);

    expect(launcher.tagName).to.equal('BUTTON');
    expect(launcher.getAttribute('aria-label')).to.equal('Open chat');
    expect(launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(panelOf(element)).to.equal(null);
    expect(element.identity).to.equal(undefined);
    expect(element.conversationSid).to.equal(undefined);
  });

  it('opens the panel on click, connects, fires bridge-chat-ready and focuses the input', async () => {
    const element = await chatElement();
    const detail = await openChat(element);

    expect(detail.identity).to.be.a('string').and.not.equal('');
    expect(detail.conversationSid).to.match(/^CH[0-9a-f]{32}$/);
    expect(element.identity).to.equal(detail.identity);
    expect(element.conversationSid).to.equal(detail.conversationSid);
    expect(element.open).to.equal(true);
    expect(launcherOf(element).getAttribute('aria-label')).to.equal('Close chat');
    expect(launcherOf(element).getAttribute('aria-expanded')).to.equal('true');
    expect(findPart(element, 'messages')!.getAttribute('role')).to.equal('log');
    await waitFor(() => panelElementRoot(element, 'bridge-chat-composer')!.activeElement === inputOf(element), 'focus never reached the input');
    await expect(element).to.be.accessible();
  });

  it('lets page styles reach every part, the panel’s included', async () => {
    const probe = document.createElement('style');
    const parts = ['launcher', 'panel', 'header', 'messages', 'message', 'composer', 'input', 'send'];
    // scroll-margin-top is neither inherited nor set by the widget: only a matching ::part rule sets it.
    probe.textContent = parts.map((part) => `bridge-chat::part(${part}) { scroll-margin-top: 7px; }`).join('\n');
    document.head.append(probe);
    try {
      const element = await chatElement();
      const { conversationSid } = await openChat(element);
      await postAgentMessage(conversationSid, 'part probe');
      await waitForMessage(element, 'part probe');

      for (const part of parts) {
        const node = findPart(element, part);
        expect(node, `part "${part}" exists`).to.not.equal(null);
        expect(getComputedStyle(node!).scrollMarginTop, `::part(${part}) applies`).to.equal('7px');
      }
    } finally {
      probe.remove();
    }
  });

  it('sends with Enter, shows the message as the visitor’s own, and the REST API has it', async () => {
    const element = await chatElement();
    const { identity, conversationSid } = await openChat(element);

    await typeAndSend(element, 'Hello from the widget');

    const item = await waitForMessage(element, 'Hello from the widget');
    expect(item.classList.contains('own')).to.equal(true);
    expect(inputOf(element).value).to.equal('');
    await waitFor(async () => (await listMessages(conversationSid)).length === 1, 'the REST API never saw the message');
    const [restMessage] = await listMessages(conversationSid);
    expect(restMessage).to.include({ author: identity, body: 'Hello from the widget' });
  });

  it('renews an expired access token through the companion and keeps chatting in the same conversation', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    const errors: BridgeChatErrorDetail[] = [];
    element.addEventListener('bridge-chat-error', (event) => errors.push(event.detail));
    // Tokens are stamped in whole seconds: one minted in the same second as the first would be the
    // very token that was just expired. A tab that slept is long past that second.
    await aTimeout(1100);

    await expireTokens();
    await postAgentMessage(conversationSid, 'Still with us after the nap?');
    await waitForMessage(element, 'Still with us after the nap?');
    await typeAndSend(element, 'Yes, back again');
    await waitFor(
      async () => (await listMessages(conversationSid)).some((message) => message.body === 'Yes, back again'),
      'the message sent after the token expired never reached the REST API',
    );
    expect(errors).to.deep.equal([]);
    expect(element.conversationSid).to.equal(conversationSid);
  });

  it('sends the site\'s own headers (getAuthHeaders), so the companion knows its signed-in user', async () => {
    const element = await chatElement();
    element.getAuthHeaders = async () => ({ 'X-Test-Site-User': '42' });
    const { identity } = await openChat(element);
    expect(identity).to.equal('site-user-42');
    expect(element.identity).to.equal('site-user-42');
  });

  it('reset() forgets the session: the next chat is a new conversation, for a new visitor', async () => {
    const element = await chatElement();
    const first = await openChat(element);
    const ready = oneEvent(element, 'bridge-chat-ready');
    element.reset();
    const { detail: next } = await ready;
    expect(next.conversationSid).to.not.equal(first.conversationSid);
    expect(next.identity).to.not.equal(first.identity);

    const reloaded = await chatElement();
    const { conversationSid } = await openChat(reloaded);
    expect(conversationSid, 'a reload resumes the new chat, not the forgotten one').to.equal(next.conversationSid);
  });

  it('reset() right after new getAuthHeaders starts the new chat with them (a site signing its user in)', async () => {
    const element = await chatElement();
    const anonymous = await openChat(element);
    const ready = oneEvent(element, 'bridge-chat-ready');
    element.getAuthHeaders = () => ({ 'X-Test-Site-User': 'reset' });
    element.reset();
    const { detail } = await ready;
    expect(detail.identity).to.not.equal(anonymous.identity);
    expect(detail.identity).to.equal('site-user-reset');
  });

  it('sends nothing for an empty input, and Shift+Enter adds a line instead of sending', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    const input = inputOf(element);

    input.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: '   ' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    expect(input.value).to.equal('   line one\nline two');
    await sendKeys({ press: 'Enter' });

    await waitForMessage(element, 'line one\nline two');
    const restMessages = await listMessages(conversationSid);
    expect(restMessages.map((message) => message.body)).to.deep.equal(['line one\nline two']);
  });

  it('refuses text over 32 KB with an error and keeps it in the input', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    const input = inputOf(element);
    const tooLong = 'x'.repeat(32 * 1024 + 1);

    input.value = tooLong;
    findPart(element, 'send')!.click();

    const problems = () => panelElementRoot(element, 'bridge-chat-composer')!.querySelector('.problems')!.textContent ?? '';
    await waitFor(() => problems() !== '', 'no error shown');
    expect(problems()).to.contain('too long');
    expect(input.value).to.equal(tooLong);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await aTimeout(300);
    expect(await listMessages(conversationSid)).to.deep.equal([]);
    expect(messageItems(element)).to.have.length(0);
  });

  it('shows an agent message posted through the REST API, styled as someone else’s', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);

    await postAgentMessage(conversationSid, 'Hi! How can I help?');

    const item = await waitForMessage(element, 'Hi! How can I help?');
    expect(item.classList.contains('other')).to.equal(true);
    expect(item.querySelector('.author')!.textContent).to.equal('agent');
  });

  it('renders message bodies as text, never as HTML', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    const markup = '<img src=x onerror=alert(1)>';
    // Were the markup ever parsed, a blocking alert() would stall the page instead of failing the test.
    const originalAlert = window.alert;
    const alerts: unknown[] = [];
    window.alert = (message?: unknown) => alerts.push(message);
    try {
      await postAgentMessage(conversationSid, markup);

      const item = await waitForMessage(element, markup);
      expect(item.querySelector('.body')!.children).to.have.length(0);
      expect(panelElementRoot(element, 'bridge-chat-message-list')!.querySelector('img')).to.equal(null);
      await aTimeout(100);
      expect(alerts).to.deep.equal([]);
    } finally {
      window.alert = originalAlert;
    }
  });

  it('shows an error state with "Try again" when the companion is unreachable, and recovers', async () => {
    const element = await chatElement(stack.unreachableUrl);
    const failed = oneEvent<CustomEvent<BridgeChatErrorDetail>>(element, 'bridge-chat-error');
    launcherOf(element).click();

    expect((await failed).detail.code).to.equal('companion_unreachable');
    await waitFor(() => panelRoot(element).querySelector('.state.error'), 'no error state');
    const errorState = panelRoot(element).querySelector('.state.error')!;
    expect(errorState.getAttribute('role')).to.equal('alert');
    const retry = errorState.querySelector<HTMLButtonElement>('button.retry')!;
    expect(retry.textContent!.trim()).to.equal('Try again');
    expect(element.conversationSid).to.equal(undefined);
    await expect(element).to.be.accessible();

    element.sessionUrl = stack.companionUrl;
    await element.updateComplete;
    const ready = oneEvent<CustomEvent<BridgeChatReadyDetail>>(element, 'bridge-chat-ready');
    retry.click();
    expect((await ready).detail.conversationSid).to.match(/^CH/);
    expect(panelRoot(element).querySelector('.state.error')).to.equal(null);
  });

  it('resumes the same conversation after a reload, with its stored session token', async () => {
    const first = await chatElement();
    const before = await openChat(first);
    await typeAndSend(first, 'before the reload');
    await waitForMessage(first, 'before the reload');
    first.remove();

    const second = await chatElement();
    const after = await openChat(second);

    expect(after).to.deep.equal(before);
    const item = await waitForMessage(second, 'before the reload');
    expect(item.classList.contains('own')).to.equal(true);
  });

  it('drops a stored session token the companion rejects, and starts a new session', async () => {
    const store = new SessionTokenStore(stack.companionUrl);
    store.write('not-a-valid-session-token');
    const element = await chatElement();

    const { conversationSid } = await openChat(element);

    expect(conversationSid).to.match(/^CH/);
    expect(store.read()).to.be.a('string').and.not.equal('not-a-valid-session-token');
  });

  it('closes with Escape, returns focus to the launcher, and reopens still connected', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    inputOf(element).focus();

    await sendKeys({ press: 'Escape' });
    await element.updateComplete;

    expect(element.open).to.equal(false);
    expect(panelOf(element)!.hidden).to.equal(true);
    expect(element.shadowRoot!.activeElement).to.equal(launcherOf(element));

    await postAgentMessage(conversationSid, 'while closed');
    launcherOf(element).click();
    await element.updateComplete;
    expect(panelOf(element)!.hidden).to.equal(false);
    await waitForMessage(element, 'while closed');
  });
});
