/**
 * <bridge-chat>'s public API against the real stack (companion + emulator): the methods
 * (show, hide, toggle, send, endChat), the public events (each reaching the page exactly once),
 * the forwarded slots, idempotent registration, and the `window.BridgeChat` snippet API of the
 * browser bundles' entry.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/widget/browser.js';
import {
  BridgeChat,
  type BridgeChatEventMap,
  type BridgeChatEventName,
  type BridgeChatMessage,
  WidgetError,
} from '../../src/widget/index.js';
import { chatElement, stack, waitForRestMessage } from './support/chat-flows.js';
import { getConversation, postAgentMessage, postMessageAs } from './support/stack-client.js';
import {
  findPart,
  forgetStoredSessions,
  launcherOf,
  messageListRoot,
  openChat,
  panelOf,
  panelRoot,
  typeAndSend,
  waitFor,
  waitForMessage,
} from './support/widget-harness.js';

/** Every public event the document hears, in order, until `stop`. */
function recordEvents(): { events: CustomEvent[]; of<K extends BridgeChatEventName>(type: K): BridgeChatEventMap[K][]; stop(): void } {
  const events: CustomEvent[] = [];
  const types: BridgeChatEventName[] = [
    'bridge-chat-ready',
    'bridge-chat-open',
    'bridge-chat-close',
    'bridge-chat-message',
    'bridge-chat-sent',
    'bridge-chat-unread',
    'bridge-chat-connection',
    'bridge-chat-context',
    'bridge-chat-error',
  ];
  const record = (event: Event): void => void events.push(event as CustomEvent);
  for (const type of types) document.addEventListener(type, record);
  return {
    events,
    of: <K extends BridgeChatEventName>(type: K) => events.filter((event) => event.type === type) as BridgeChatEventMap[K][],
    stop: () => types.forEach((type) => document.removeEventListener(type, record)),
  };
}

function panelHidden(element: BridgeChat): boolean {
  return panelOf(element)?.hasAttribute('hidden') ?? true;
}

describe('<bridge-chat> public API', () => {
  let recorder: ReturnType<typeof recordEvents>;

  beforeEach(async () => {
    await stack();
    forgetStoredSessions();
    recorder = recordEvents();
  });
  afterEach(() => recorder.stop());

  describe('show(), hide(), toggle()', () => {
    it('open and close the panel as the launcher does, firing bridge-chat-open and -close once each', async () => {
      const element = await chatElement();
      expect(element.open).to.equal(false);

      const opened = oneEvent(element, 'bridge-chat-open');
      element.show();
      const openEvent = await opened;
      expect(openEvent.bubbles && openEvent.composed).to.equal(true);
      expect(openEvent.detail).to.deep.equal({});
      expect(element.open).to.equal(true);
      await oneEvent(element, 'bridge-chat-ready');
      expect(panelHidden(element)).to.equal(false);
      element.show(); // already open: nothing happens

      const closed = oneEvent(element, 'bridge-chat-close');
      element.hide();
      await closed;
      expect(element.open).to.equal(false);
      await element.updateComplete;
      expect(panelHidden(element)).to.equal(true);

      element.toggle();
      await oneEvent(element, 'bridge-chat-open');
      expect(element.open).to.equal(true);
      element.toggle();
      await oneEvent(element, 'bridge-chat-close');
      expect(element.open).to.equal(false);

      expect(recorder.events.filter((e) => e.type === 'bridge-chat-open' || e.type === 'bridge-chat-close').map((e) => e.type)).to.deep.equal([
        'bridge-chat-open',
        'bridge-chat-close',
        'bridge-chat-open',
        'bridge-chat-close',
      ]);
      expect(recorder.of('bridge-chat-ready')).to.have.length(1);
    });

    it('fire the events for the launcher and the open attribute too, but not for the initial state', async () => {
      const { companionUrl } = await stack();
      const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${companionUrl} open></bridge-chat>`);
      await oneEvent(element, 'bridge-chat-ready');
      expect(recorder.of('bridge-chat-open')).to.have.length(0);

      launcherOf(element).click();
      await oneEvent(element, 'bridge-chat-close');
      element.setAttribute('open', '');
      await oneEvent(element, 'bridge-chat-open');
      expect(recorder.of('bridge-chat-open')).to.have.length(1);
      expect(recorder.of('bridge-chat-close')).to.have.length(1);
    });

    it('do nothing inline, where the panel is always shown', async () => {
      const { companionUrl } = await stack();
      const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${companionUrl} mode="inline"></bridge-chat>`);
      await oneEvent(element, 'bridge-chat-ready');
      element.show();
      element.toggle();
      element.hide();
      await element.updateComplete;
      expect(element.open).to.equal(false);
      expect(panelHidden(element)).to.equal(false);
      expect(recorder.of('bridge-chat-open')).to.have.length(0);
      expect(recorder.of('bridge-chat-close')).to.have.length(0);
    });
  });

  describe('send(text)', () => {
    it('sends with the panel closed: the chat connects out of sight, the REST API gets it, bridge-chat-sent fires', async () => {
      const element = await chatElement();
      const sent = oneEvent(element, 'bridge-chat-sent');

      await element.send('  Where is my order?  ');

      expect(element.open).to.equal(false);
      expect(panelHidden(element)).to.equal(true);
      const { detail } = await sent;
      expect(detail.body).to.equal('Where is my order?');
      expect(detail.clientId).to.be.a('string').and.not.equal('');
      const stored = await waitForRestMessage(element.conversationSid!, (m) => m.body === 'Where is my order?', 'the sent text');
      expect(stored.attributes).to.include({ clientId: detail.clientId });
      expect(recorder.of('bridge-chat-sent').map((e) => e.detail)).to.deep.equal([detail]);
      expect(recorder.of('bridge-chat-open')).to.have.length(0);

      // Opening it later shows the message, sent.
      element.show();
      await waitForMessage(element, 'Where is my order?');
    });

    it('rejects empty text and text longer than a message holds, with a WidgetError', async () => {
      const element = await chatElement();
      for (const text of ['', '   \n ', 'x'.repeat(32 * 1024 + 1)]) {
        let error: unknown;
        try {
          await element.send(text);
        } catch (caught) {
          error = caught;
        }
        expect(error).to.be.instanceOf(WidgetError);
        expect((error as WidgetError).code).to.equal('invalid_message');
      }
      // Nothing loaded or connected for it.
      expect(panelOf(element)).to.equal(null);
    });

    it('rejects while the pre-chat form waits for the visitor', async () => {
      const element = await chatElement({ prechat: 'name' });
      let error: unknown;
      try {
        await element.send('Hello');
      } catch (caught) {
        error = caught;
      }
      expect((error as WidgetError).code).to.equal('prechat_required');
    });
  });

  describe('bridge-chat-message', () => {
    it('fires once per new message, the agent’s and the visitor’s own, and never for the history', async () => {
      // A conversation with history: the visitor chats, leaves, and comes back.
      const first = await chatElement();
      const { conversationSid, identity } = await openChat(first);
      await postAgentMessage(conversationSid, 'History from the agent');
      await waitForMessage(first, 'History from the agent');
      // Live for the first element: it arrived after that chat connected.
      expect(recorder.of('bridge-chat-message').map((e) => e.detail.message.body)).to.deep.equal(['History from the agent']);
      first.remove();
      recorder.events.length = 0;

      const element = await chatElement();
      await openChat(element);
      await waitForMessage(element, 'History from the agent');
      expect(recorder.of('bridge-chat-message')).to.have.length(0);

      await postAgentMessage(conversationSid, 'Live from the agent');
      await waitFor(() => recorder.of('bridge-chat-message').length === 1, 'no event for the agent’s message');
      const agent = recorder.of('bridge-chat-message')[0]!;
      expect(agent.target).to.equal(element);
      const message: BridgeChatMessage = agent.detail.message;
      expect(message).to.include({ author: 'agent', body: 'Live from the agent', own: false });
      expect(message.id).to.match(/^IM/);
      expect(message.index).to.be.a('number');
      expect(message.sentAt).to.be.instanceOf(Date);
      expect(message.attachments).to.deep.equal([]);

      await typeAndSend(element, 'Typed by the visitor');
      await waitFor(() => recorder.of('bridge-chat-message').length === 2, 'no event for the visitor’s message');
      await element.send('Sent by the page');
      await waitFor(() => recorder.of('bridge-chat-sent').length === 2, 'not both sends were confirmed');
      // The visitor on another device: their own, though not sent from this page.
      await postMessageAs(conversationSid, identity, 'From the visitor’s phone');
      await waitFor(() => recorder.of('bridge-chat-message').length === 4, 'no event for the other device’s message');

      const messages = recorder.of('bridge-chat-message').map((e) => e.detail.message);
      expect(messages.map((m) => [m.body, m.own])).to.deep.equal([
        ['Live from the agent', false],
        ['Typed by the visitor', true],
        ['Sent by the page', true],
        ['From the visitor’s phone', true],
      ]);
      expect(new Set(messages.map((m) => m.id)).size).to.equal(4);
      expect(recorder.of('bridge-chat-sent').map((e) => e.detail.body)).to.deep.equal(['Typed by the visitor', 'Sent by the page']);
    });
  });

  describe('bridge-chat-connection', () => {
    it('fires on every change of the link: connecting, then connected', async () => {
      const element = await chatElement();
      await openChat(element);
      await waitFor(() => recorder.of('bridge-chat-connection').length >= 2, 'no connection events');
      expect(recorder.of('bridge-chat-connection').map((e) => e.detail.state)).to.deep.equal(['connecting', 'connected']);
      expect(recorder.of('bridge-chat-connection').every((e) => e.target === element && e.bubbles && e.composed)).to.equal(true);
    });

    it('says offline when the companion cannot be reached, with one bridge-chat-error', async () => {
      const { unreachableUrl } = await stack();
      const element = await chatElement({ sessionUrl: unreachableUrl });
      element.show();
      await waitFor(() => recorder.of('bridge-chat-error').length === 1, 'no error');
      await waitFor(() => recorder.of('bridge-chat-connection').length === 2, 'no offline');
      expect(recorder.of('bridge-chat-connection').map((e) => e.detail.state)).to.deep.equal(['connecting', 'offline']);
      expect(recorder.of('bridge-chat-error')[0]!.detail.code).to.equal('companion_unreachable');
      let error: unknown;
      try {
        await element.send('Anyone?');
      } catch (caught) {
        error = caught;
      }
      expect((error as WidgetError).code).to.equal('companion_unreachable');
    });
  });

  describe('endChat()', () => {
    it('ends the conversation without asking and resolves true; false when there is nothing to end', async () => {
      const idle = await chatElement();
      expect(await idle.endChat()).to.equal(false);
      expect(panelOf(idle)).to.equal(null);
      idle.remove();

      const element = await chatElement();
      const { conversationSid } = await openChat(element);
      expect(await element.endChat()).to.equal(true);
      expect((await getConversation(conversationSid)).state).to.equal('closed');
      await element.updateComplete;
      await waitFor(() => findPart(element, 'closed'), 'the panel never showed the chat as ended');
      expect(await element.endChat()).to.equal(false);
    });
  });

  describe('slots', () => {
    it('render the site’s header, greeting and footer inside the panel', async () => {
      const { companionUrl } = await stack();
      const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${companionUrl}>
        <span slot="header" id="logo">LOGO</span>
        <p slot="greeting" id="greeting">Hi! Ask us anything about your order.</p>
        <small slot="footer" id="privacy">We keep chats for 30 days.</small>
      </bridge-chat>`);
      await openChat(element);
      const list = messageListRoot(element);
      await waitFor(() => list.querySelector('.empty'), 'no empty state');

      for (const id of ['logo', 'greeting', 'privacy']) {
        const node = element.querySelector<HTMLElement>(`#${id}`)!;
        const box = node.getBoundingClientRect();
        expect(box.width * box.height, `#${id} is rendered`).to.be.greaterThan(0);
      }
      // Where they are: the header in the title bar, the greeting in the message list, the footer last.
      const logoSlot = element.querySelector('#logo')!.assignedSlot!.assignedSlot!;
      expect(logoSlot.closest('[part="header"]')).to.not.equal(null);
      const greetingSlot = element.querySelector('#greeting')!.assignedSlot!.assignedSlot!.assignedSlot!;
      expect(greetingSlot.getRootNode()).to.equal(list);
      expect(list.textContent).to.not.include('Send a message to start the conversation.');
      // Sized by the site and the list, not by the launcher icon's rules.
      expect(element.querySelector('#greeting')!.getBoundingClientRect().width).to.be.greaterThan(200);
      const footerSlot = element.querySelector('#privacy')!.assignedSlot!.assignedSlot!;
      expect(footerSlot.closest('[part="footer"]')).to.not.equal(null);
      expect(findPart(element, 'footer')!.getBoundingClientRect().top).to.be.greaterThan(
        findPart(element, 'composer')!.getBoundingClientRect().top,
      );
    });

    it('leave the built-in greeting, and no empty boxes, when not given; follow content added later', async () => {
      const element = await chatElement();
      await openChat(element);
      const list = messageListRoot(element);
      await waitFor(() => list.querySelector('.empty'), 'no empty state');
      expect(list.querySelector('.empty')!.textContent).to.include('Send a message to start the conversation.');
      expect(findPart(element, 'footer')).to.equal(null);
      expect(panelRoot(element).querySelector('.header-content')).to.equal(null);

      const greeting = document.createElement('p');
      greeting.slot = 'greeting';
      greeting.textContent = 'Welcome back!';
      element.append(greeting);
      await waitFor(() => greeting.getBoundingClientRect().height > 0, 'the greeting added later never showed');
      expect(list.textContent).to.not.include('Send a message to start the conversation.');

      greeting.remove();
      await waitFor(
        () => list.querySelector('.empty')?.textContent?.includes('Send a message to start the conversation.'),
        'the built-in greeting never came back',
      );
    });
  });

  describe('registration', () => {
    it('is idempotent: loading the modules again neither throws nor replaces the element or the global API', async () => {
      const defined = customElements.get('bridge-chat');
      const api = window.BridgeChat;
      // The same files under other URLs: the browser runs them again, as it would a second copy.
      const load = (path: string): Promise<unknown> => import(new URL(`${path}?second-copy`, import.meta.url).href);
      const again = (await load('../../src/widget/bridge-chat/bridge-chat.ts')) as { BridgeChat: typeof BridgeChat };
      await load('../../src/widget/browser.ts');
      expect(again.BridgeChat).to.be.a('function');
      expect(customElements.get('bridge-chat')).to.equal(defined);
      expect(customElements.get('bridge-chat')).to.equal(BridgeChat);
      expect(window.BridgeChat).to.equal(api);
      expect(document.createElement('bridge-chat')).to.be.instanceOf(BridgeChat);
    });
  });

  describe('window.BridgeChat', () => {
    it('takes listeners and calls before the element exists, and forwards them once it does', async () => {
      expect(document.querySelector('bridge-chat')).to.equal(null);
      expect(window.BridgeChat.element).to.equal(null);
      const heard: string[] = [];
      const bodies: string[] = [];
      window.BridgeChat.on('open', (event) => heard.push(event.type));
      window.BridgeChat.on('bridge-chat-ready', (event) => heard.push(`${event.type} ${event.detail.conversationSid.slice(0, 2)}`));
      const stop = window.BridgeChat.on('message', (event) => bodies.push(event.detail.message.body));
      window.BridgeChat.open();

      const element = await chatElement();
      expect(window.BridgeChat.element).to.equal(element);
      await waitFor(() => heard.length === 2, 'the queued open() and the listeners never reached the element');
      expect(heard).to.deep.equal(['bridge-chat-open', 'bridge-chat-ready CH']);
      expect(element.open).to.equal(true);

      await postAgentMessage(element.conversationSid!, 'Hello from the agent');
      await waitFor(() => bodies.length === 1, 'on("message") never heard the agent');
      expect(bodies).to.deep.equal(['Hello from the agent']);

      window.BridgeChat.close();
      expect(element.open).to.equal(false);
      window.BridgeChat.toggle();
      expect(element.open).to.equal(true);

      stop();
      await postAgentMessage(element.conversationSid!, 'Not heard');
      await waitForMessage(element, 'Not heard');
      expect(bodies).to.deep.equal(['Hello from the agent']);
    });
  });
});
