/**
 * SdkTransport renewing an access token when the companion cannot answer at
 * once: it asks again (after a second, then less often), reporting the link as
 * reconnecting meanwhile, and gives up only when the companion refuses.
 */
import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { WidgetError } from '../../src/widget/errors.js';
import { SdkTransport } from '../../src/widget/transport/sdk-transport.js';
import type { TransportConnectionState } from '../../src/widget/transport/transport.js';
import { FakeSdkClient, FakeSdkConversation } from './support/fake-sdk-client.js';

const CONVERSATION_SID = 'CH00000000000000000000000000000002';
/** Longer than the first wait before asking again (one second). */
const PAST_FIRST_RETRY_MS = 1_500;

/** A companion answering renewals in turn: a token, or an error as the session controller throws it. */
function companion(...answers: (string | Error)[]) {
  const source = {
    calls: 0,
    renew: async (): Promise<string> => {
      const answer = answers[source.calls++] ?? new Error('the test gave no more answers');
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return source;
}

const unreachable = () => new WidgetError('companion_unreachable', 'The chat service cannot be reached.');

/** A connected transport whose token has just expired, with the states it reports from then on. */
async function expired(tokens: ReturnType<typeof companion>) {
  const client = new FakeSdkClient();
  client.conversations.set(CONVERSATION_SID, new FakeSdkConversation(CONVERSATION_SID));
  const transport = new SdkTransport(client, CONVERSATION_SID, tokens.renew);
  client.initialize();
  await transport.connect();
  const states: TransportConnectionState[] = [];
  transport.onConnectionStateChange((state) => states.push(state));
  client.emitTokenEvent('tokenExpired');
  client.setConnectionState('denied');
  await aTimeout(0);
  return { client, transport, states };
}

describe('SdkTransport renewing a token', () => {
  it('asks a companion that could not answer again, reconnecting meanwhile; events in between share the renewal', async () => {
    const tokens = companion(unreachable(), 'token-2');
    const { client, transport, states } = await expired(tokens);
    expect(tokens.calls).to.equal(1);
    expect(client.updatedTokens).to.deep.equal([]);
    expect(transport.connectionState, 'reconnecting, not denied').to.equal('connecting');

    client.emitTokenEvent('tokenExpired');
    client.setConnectionState('denied');
    await waitUntil(() => client.updatedTokens.length > 0, 'the companion was never asked again', { timeout: 3_000 });

    expect(client.updatedTokens).to.deep.equal(['token-2']);
    expect(tokens.calls, 'the events while it waited asked nothing of their own').to.equal(2);
    client.setConnectionState('connected');
    expect(states).to.deep.equal(['connecting', 'connecting', 'connected']);
  });

  it('gives up at once when the companion refuses the page', async () => {
    const tokens = companion(new WidgetError('forbidden', 'This origin may not use the chat service.'));
    const { client, transport, states } = await expired(tokens);
    expect(states).to.deep.equal(['connecting', 'denied']);
    expect(transport.connectionState).to.equal('denied');
    await aTimeout(PAST_FIRST_RETRY_MS);
    expect(tokens.calls, 'never asked again').to.equal(1);
    expect(client.updatedTokens).to.deep.equal([]);
  });

  it('asks nothing more once closed while it waits to ask again', async () => {
    const tokens = companion(unreachable(), 'token-2');
    const { client, transport } = await expired(tokens);
    await transport.close();
    await aTimeout(PAST_FIRST_RETRY_MS);
    expect(tokens.calls).to.equal(1);
    expect(client.updatedTokens).to.deep.equal([]);
  });
});
