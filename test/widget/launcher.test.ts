import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/widget/index.js';
import type { BridgeChat, BridgeChatReadyDetail } from '../../src/widget/index.js';
import { postAgentMessage, postMessageAs, stackConfig } from './support/stack-client.js';
import type { StackConfig } from './support/stack-protocol.js';
import {
  forgetStoredSessions,
  launcherOf,
  openChat,
  panelOf,
  panelRoot,
  typeAndSend,
  waitFor,
  waitForMessage,
} from './support/widget-harness.js';

let stack: StackConfig;

function badgeOf(element: BridgeChat): HTMLElement | null {
  return element.shadowRoot!.querySelector('[part="unread-badge"]');
}

/** Every `bridge-chat-unread` count the element fires from now on. */
function unreadCounts(element: BridgeChat): number[] {
  const counts: number[] = [];
  element.addEventListener('bridge-chat-unread', (event) => counts.push(event.detail.count));
  return counts;
}

/** Opens the chat (which connects it), then closes it again: the visitor is now away. */
async function connectThenClose(element: BridgeChat): Promise<BridgeChatReadyDetail> {
  const detail = await openChat(element);
  launcherOf(element).click();
  await element.updateComplete;
  return detail;
}

describe('<bridge-chat> launcher', () => {
  beforeEach(async () => {
    stack ??= await stackConfig();
    forgetStoredSessions();
  });

  it('counts agent messages that arrive while closed on a badge, and opening clears it', async () => {
    const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.companionUrl}></bridge-chat>`);
    const counts = unreadCounts(element);
    const { conversationSid } = await connectThenClose(element);
    expect(badgeOf(element)).to.equal(null);

    await postAgentMessage(conversationSid, 'Are you still there?');
    await waitFor(() => badgeOf(element)?.textContent === '1', 'the badge never showed 1');
    expect(launcherOf(element).getAttribute('aria-label')).to.equal('Open chat, 1 unread message');
    await postAgentMessage(conversationSid, 'I can help with your order.');
    await waitFor(() => badgeOf(element)?.textContent === '2', 'the badge never showed 2');
    expect(launcherOf(element).getAttribute('aria-label')).to.equal('Open chat, 2 unread messages');
    expect(element.unreadCount).to.equal(2);
    expect(counts).to.deep.equal([1, 2]);
    await expect(element).to.be.accessible();

    launcherOf(element).click();
    await element.updateComplete;
    expect(badgeOf(element)).to.equal(null);
    expect(element.unreadCount).to.equal(0);
    expect(counts).to.deep.equal([1, 2, 0]);
    await waitForMessage(element, 'I can help with your order.');
  });

  it('does not count the visitor’s own messages, and words the count in the element’s language', async () => {
    const element = await fixture<BridgeChat>(html`<bridge-chat lang="es" session-url=${stack.companionUrl}></bridge-chat>`);
    const counts = unreadCounts(element);
    const { identity, conversationSid } = await connectThenClose(element);

    // Sent by the visitor from another device, then an answer: messages arrive in order.
    await postMessageAs(conversationSid, identity, 'Sent from my phone');
    await postAgentMessage(conversationSid, 'Got it');
    await waitFor(() => badgeOf(element), 'the badge never appeared');
    await aTimeout(100);
    expect(badgeOf(element)!.textContent).to.equal('1');
    expect(counts).to.deep.equal([1]);
    expect(launcherOf(element).getAttribute('aria-label')).to.equal('Abrir chat, 1 mensaje sin leer');
  });

  it('counts nothing while the panel is open', async () => {
    const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.companionUrl}></bridge-chat>`);
    const counts = unreadCounts(element);
    const { conversationSid } = await openChat(element);

    await postAgentMessage(conversationSid, 'Hello there');
    await waitForMessage(element, 'Hello there');
    expect(badgeOf(element)).to.equal(null);
    expect(counts).to.deep.equal([]);
  });

  it('alternates the tab title with a hint while closed (title-hint), and restores it on open', async () => {
    const pageTitle = document.title;
    document.title = 'Our shop';
    try {
      const element = await fixture<BridgeChat>(
        html`<bridge-chat title-hint session-url=${stack.companionUrl}></bridge-chat>`,
      );
      const { conversationSid } = await connectThenClose(element);
      expect(document.title).to.equal('Our shop');

      await postAgentMessage(conversationSid, 'Your parcel shipped');
      await waitFor(() => document.title === '(1) New message', 'the title never showed the hint');
      await waitFor(() => document.title === 'Our shop', 'the title never alternated back');
      await waitFor(() => document.title === '(1) New message', 'the title never alternated to the hint again');

      launcherOf(element).click();
      await element.updateComplete;
      expect(document.title).to.equal('Our shop');
      await aTimeout(1600);
      expect(document.title).to.equal('Our shop');
    } finally {
      document.title = pageTitle;
    }
  });

  it('leaves the title alone without title-hint', async () => {
    const pageTitle = document.title;
    const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.companionUrl}></bridge-chat>`);
    const { conversationSid } = await connectThenClose(element);
    await postAgentMessage(conversationSid, 'Psst');
    await waitFor(() => badgeOf(element), 'the badge never appeared');
    expect(document.title).to.equal(pageTitle);
  });

  describe('sound', () => {
    const NativeAudioContext = window.AudioContext;
    let created = 0;

    beforeEach(() => {
      created = 0;
      window.AudioContext = class extends NativeAudioContext {
        constructor(options?: AudioContextOptions) {
          super(options);
          created++;
        }
      };
    });

    afterEach(() => {
      window.AudioContext = NativeAudioContext;
    });

    it('is off by default: no AudioContext is ever created', async () => {
      const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.companionUrl}></bridge-chat>`);
      const { conversationSid } = await connectThenClose(element);
      await postAgentMessage(conversationSid, 'Quiet, please');
      await waitFor(() => badgeOf(element), 'the badge never appeared');
      expect(created).to.equal(0);
    });

    it('with `sound`, makes its tone with Web Audio when a message arrives unseen', async () => {
      const element = await fixture<BridgeChat>(html`<bridge-chat sound session-url=${stack.companionUrl}></bridge-chat>`);
      const { conversationSid } = await connectThenClose(element);
      expect(created).to.equal(0);
      await postAgentMessage(conversationSid, 'Ding');
      await waitFor(() => badgeOf(element), 'the badge never appeared');
      expect(created).to.equal(1);
    });
  });

  it('mode="inline" shows the panel in the page flow, filling the element, without a launcher, and chats', async () => {
    const ready = new Promise<CustomEvent<BridgeChatReadyDetail>>((resolve) =>
      document.addEventListener('bridge-chat-ready', resolve, { once: true }),
    );
    const element = await fixture<BridgeChat>(
      html`<bridge-chat mode="inline" style="width: 480px; height: 520px" session-url=${stack.companionUrl}></bridge-chat>`,
    );
    const { detail } = await ready;

    expect(launcherOf(element)).to.equal(null);
    expect(getComputedStyle(element).position).to.not.equal('fixed');
    const panel = panelOf(element)!;
    expect(panel.hidden).to.equal(false);
    await (panel as LitElement).updateComplete;
    const box = element.getBoundingClientRect();
    const panelBox = panel.getBoundingClientRect();
    expect([panelBox.left, panelBox.top, panelBox.width, panelBox.height]).to.deep.equal([box.left, box.top, 480, 520]);
    expect(panelRoot(element).querySelector('.close')).to.equal(null);

    await typeAndSend(element, 'Hi from the page');
    await waitForMessage(element, 'Hi from the page');
    await postAgentMessage(detail.conversationSid, 'Hi, inline visitor');
    await waitForMessage(element, 'Hi, inline visitor');
    expect(element.unreadCount).to.equal(0);
    await expect(element).to.be.accessible();
  });

  it('mode="inline" keeps a sensible minimum height', async () => {
    const element = await fixture<BridgeChat>(html`<bridge-chat mode="inline" session-url=${stack.companionUrl}></bridge-chat>`);
    expect(element.getBoundingClientRect().height).to.be.at.least(420);
  });

  it('position="left" puts the launcher and the panel in the bottom-left corner', async () => {
    const container = await fixture<HTMLDivElement>(html`<div>
      <bridge-chat position="left" session-url=${stack.companionUrl}></bridge-chat>
      <bridge-chat session-url=${stack.companionUrl}></bridge-chat>
    </div>`);
    const [left, right] = [...container.querySelectorAll('bridge-chat')];
    await Promise.all([left!.updateComplete, right!.updateComplete]);
    const leftBox = launcherOf(left!).getBoundingClientRect();
    const rightBox = launcherOf(right!).getBoundingClientRect();

    expect(leftBox.left).to.equal(20);
    expect(rightBox.right).to.equal(document.documentElement.clientWidth - 20);
    expect(leftBox.bottom).to.equal(rightBox.bottom);

    await openChat(left!);
    const panelBox = left!.shadowRoot!.querySelector('[part="panel"]')!.getBoundingClientRect();
    expect(panelBox.left).to.equal(leftBox.left);
  });
});
