/**
 * The realtime link through the whole widget against the real stack: the
 * emulator drops the browser's socket and the stack's gate keeps it from
 * reconnecting until the test lets it. Covers the connection banner and the
 * outbox (pending while down, sent exactly once after the link or a reload).
 */
import { expect } from '@open-wc/testing';
import '../../src/widget/index.js';
import type { BridgeChat } from '../../src/widget/index.js';
import {
  chatElement,
  forgetOutboxMemory,
  restBodies,
  statusOf,
  storedOutboxBodies,
  waitForRestMessage,
} from './support/chat-flows.js';
import { cutRealtimeLink, resetFaults, restoreRealtimeLink } from './support/stack-client.js';
import {
  bannerOf,
  deliveryStatusOf,
  forgetStoredSessions,
  messageBodies,
  openChat,
  panelRoot,
  settled,
  typeAndSend,
  waitFor,
  waitForMessage,
} from './support/widget-harness.js';

function headerStatus(element: BridgeChat): string {
  return panelRoot(element).querySelector('.connection')!.textContent!.trim();
}

/** Takes the link down and waits until the widget knows it. */
async function linkDown(element: BridgeChat): Promise<void> {
  await cutRealtimeLink();
  await waitFor(() => !bannerOf(element).hidden, 'the widget never noticed the link was down');
}

describe('<bridge-chat> over a lost realtime link', () => {
  beforeEach(() => forgetStoredSessions());
  afterEach(async () => {
    await resetFaults();
  });

  it('shows a reconnecting banner while the link is down, and takes it away when the link is back', async () => {
    const element = await chatElement();
    await openChat(element);
    const banner = bannerOf(element);
    expect(banner.hidden).to.equal(true);
    expect(banner.textContent!.trim()).to.equal('');
    expect(headerStatus(element)).to.equal('Online');

    await linkDown(element);

    expect(banner.getAttribute('role')).to.equal('status');
    expect(banner.textContent!.trim()).to.be.oneOf([
      'Connection lost. Reconnecting…',
      'You are offline. Your messages will be sent when you are back online.',
    ]);
    expect(headerStatus(element)).to.be.oneOf(['Reconnecting…', 'Offline']);
    await settled(element);
    await expect(element).to.be.accessible();

    await restoreRealtimeLink();
    await waitFor(() => banner.hidden, 'the banner stayed after the link came back');
    expect(banner.textContent!.trim()).to.equal('');
    await waitFor(() => headerStatus(element) === 'Online', 'the header never said Online again');
  });

  it('keeps a message sent while the link is down pending, and sends it exactly once when the link is back', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    await typeAndSend(element, 'Before the outage');
    await waitForRestMessage(conversationSid, (message) => message.body === 'Before the outage', 'the first message');

    await linkDown(element);
    await typeAndSend(element, 'Sent while the link is down');

    const pending = await waitForMessage(element, 'Sent while the link is down');
    expect(deliveryStatusOf(pending)).to.equal('queued');
    expect(pending.closest('.row')!.querySelector('[part="delivery-status"]')!.textContent).to.equal('Waiting for the connection');
    expect(pending.classList.contains('own')).to.equal(true);
    expect(await restBodies(conversationSid), 'nothing reaches Twilio while the link is down').to.deep.equal(['Before the outage']);

    await restoreRealtimeLink();
    await waitForRestMessage(conversationSid, (message) => message.body === 'Sent while the link is down', 'the pending message');
    await waitFor(() => statusOf(element, 'Sent while the link is down') === 'sent', 'the pending message was never confirmed');

    // Sends are in order: once the next one is in, a duplicate of the first would be too.
    await typeAndSend(element, 'After the outage');
    await waitForRestMessage(conversationSid, (message) => message.body === 'After the outage', 'the message after the outage');
    expect(await restBodies(conversationSid)).to.deep.equal(['Before the outage', 'Sent while the link is down', 'After the outage']);
    await waitForMessage(element, 'After the outage');
    expect(messageBodies(element)).to.deep.equal(['Before the outage', 'Sent while the link is down', 'After the outage']);
  });

  it('sends a message still pending at a reload exactly once, from the new page’s widget', async () => {
    const first = await chatElement();
    const before = await openChat(first);
    await linkDown(first);
    await typeAndSend(first, 'Written before the reload');
    const pending = await waitForMessage(first, 'Written before the reload');
    expect(deliveryStatusOf(pending)).to.equal('queued');
    // Stored where a reload finds it; then the page's memory goes, as it would.
    await waitFor(async () => (await storedOutboxBodies()).includes('Written before the reload'), 'the message was never stored');
    first.remove();
    forgetOutboxMemory();
    await restoreRealtimeLink();
    expect(await restBodies(before.conversationSid)).to.deep.equal([]);

    const second = await chatElement();
    const after = await openChat(second);

    expect(after).to.deep.equal(before);
    await waitForRestMessage(before.conversationSid, (message) => message.body === 'Written before the reload', 'the stored message');
    await waitFor(() => statusOf(second, 'Written before the reload') === 'sent', 'the stored message was never confirmed');
    await typeAndSend(second, 'Written after the reload');
    await waitForRestMessage(before.conversationSid, (message) => message.body === 'Written after the reload', 'the next message');
    expect(await restBodies(before.conversationSid)).to.deep.equal(['Written before the reload', 'Written after the reload']);
    await waitForMessage(second, 'Written after the reload');
    expect(messageBodies(second)).to.deep.equal(['Written before the reload', 'Written after the reload']);
    await waitFor(
      async () => !(await storedOutboxBodies()).some((body) => body.endsWith('the reload')),
      'the sent messages stayed stored',
    );
  });
});
