import { expect } from '@open-wc/testing';
import { WidgetError } from '../../src/widget/errors.js';
import { SdkTransport } from '../../src/widget/transport/sdk-transport.js';
import type { ChatMessage, TransportConnectionState } from '../../src/widget/transport/transport.js';
import { FakeSdkClient, FakeSdkConversation, fakeMessage } from './support/fake-sdk-client.js';

const CONVERSATION_SID = 'CH00000000000000000000000000000001';

/** A renewToken stand-in that hands out numbered tokens, or fails when told to. */
function tokenSource() {
  const source = {
    calls: 0,
    failing: false,
    renew: async () => {
      source.calls++;
      if (source.failing) throw new Error('companion down');
      return `token-${source.calls}`;
    },
  };
  return source;
}

function setUp(messageCount = 0, tokens = tokenSource()) {
  const client = new FakeSdkClient();
  const conversation = new FakeSdkConversation(CONVERSATION_SID);
  for (let index = 0; index < messageCount; index++) {
    conversation.messages.push(fakeMessage(index, index % 2 ? 'agent' : 'visitor', `message ${index}`));
  }
  client.conversations.set(CONVERSATION_SID, conversation);
  return { client, conversation, tokens, transport: new SdkTransport(client, CONVERSATION_SID, tokens.renew) };
}

async function connected(messageCount = 0, tokens = tokenSource()) {
  const setup = setUp(messageCount, tokens);
  setup.client.initialize();
  await setup.transport.connect();
  return setup;
}

describe('SdkTransport', () => {
  it('connects only once the client is initialized', async () => {
    const { client, transport } = setUp(2);
    let settled = false;
    const connecting = transport.connect().finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled, 'connect() settled before "initialized"').to.equal(false);

    client.initialize();
    const messages = await connecting;
    expect(messages.map((message) => message.body)).to.deep.equal(['message 0', 'message 1']);
  });

  it('catches an "initialized" emitted before connect() is called', async () => {
    const { client, transport } = setUp(1);
    client.initialize();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await transport.connect()).to.have.length(1);
  });

  it('rejects connect() with a transport_failed WidgetError on "initFailed"', async () => {
    const { client, transport } = setUp();
    const connecting = transport.connect();
    client.failInitialization('token is invalid');
    const error = await connecting.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(WidgetError);
    expect((error as WidgetError).code).to.equal('transport_failed');
    expect((error as WidgetError).message).to.contain('token is invalid');
  });

  it('returns the latest page of messages, oldest first, mapped to ChatMessage', async () => {
    const { client, conversation, transport } = setUp(60);
    client.initialize();
    const messages = await transport.connect();

    expect(conversation.getMessagesCalls).to.deep.equal([{ pageSize: 50, anchor: undefined, direction: 'backwards' }]);
    expect(messages).to.have.length(50);
    expect(messages[0]!.index).to.equal(10);
    expect(messages.at(-1)!.index).to.equal(59);
    const indexes = messages.map((message) => message.index);
    expect(indexes).to.deep.equal([...indexes].sort((a, b) => a - b));
    expect(messages[0]).to.deep.equal({
      id: fakeMessage(10, 'visitor', '').sid,
      index: 10,
      author: 'visitor',
      body: 'message 10',
      sentAt: new Date(Date.UTC(2025, 0, 1, 12, 0, 10)),
    });
  });

  it('shows a body-less (media) message with an empty body', async () => {
    const { client, conversation, transport } = setUp();
    conversation.messages.push(fakeMessage(0, 'agent', null));
    client.initialize();
    const [message] = await transport.connect();
    expect(message!.body).to.equal('');
  });

  it('sends text to the conversation', async () => {
    const { conversation, transport } = await connected();
    await transport.send('hello there');
    expect(conversation.messages.map((message) => message.body)).to.deep.equal(['hello there']);
  });

  it('refuses to send before connect()', async () => {
    const { transport } = setUp();
    const error = await transport.send('too early').then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(WidgetError);
  });

  it('delivers incoming messages to every subscriber until it unsubscribes', async () => {
    const { conversation, transport } = await connected();
    const first: ChatMessage[] = [];
    const second: ChatMessage[] = [];
    transport.onMessage((message) => first.push(message));
    const unsubscribeSecond = transport.onMessage((message) => second.push(message));

    conversation.receive(fakeMessage(0, 'agent', 'Hi, how can I help?'));
    unsubscribeSecond();
    conversation.receive(fakeMessage(1, 'agent', 'Still there?'));

    expect(first.map((message) => [message.author, message.body])).to.deep.equal([
      ['agent', 'Hi, how can I help?'],
      ['agent', 'Still there?'],
    ]);
    expect(second.map((message) => message.body)).to.deep.equal(['Hi, how can I help?']);
  });

  it('maps the SDK connection states onto the widget states', async () => {
    const { client, transport } = await connected();
    const states: TransportConnectionState[] = [];
    transport.onConnectionStateChange((state) => states.push(state));
    expect(transport.connectionState).to.equal('connected');

    // `denied` is covered by the token-renewal tests: it means "renewing" until renewing fails.
    const sdkStates = ['disconnecting', 'disconnected', 'retrying', 'connecting', 'connected', 'error'] as const;
    for (const state of sdkStates) client.setConnectionState(state);

    expect(states).to.deep.equal(['offline', 'offline', 'connecting', 'connecting', 'connected', 'offline']);
    expect(transport.connectionState).to.equal('offline');
  });

  it('renews the access token before it expires, once for overlapping events', async () => {
    const { client, tokens } = await connected();
    client.emitTokenEvent('tokenAboutToExpire');
    client.emitTokenEvent('tokenAboutToExpire');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tokens.calls).to.equal(1);
    expect(client.updatedTokens).to.deep.equal(['token-1']);
  });

  it('after the token expired, reports reconnecting (not denied) while it renews, then connected', async () => {
    const { client, transport } = await connected();
    const states: TransportConnectionState[] = [];
    transport.onConnectionStateChange((state) => states.push(state));
    client.emitTokenEvent('tokenExpired');
    client.setConnectionState('denied');
    expect(transport.connectionState).to.equal('connecting');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(client.updatedTokens).to.deep.equal(['token-1']);
    client.setConnectionState('connected');
    expect(states).to.deep.equal(['connecting', 'connected']);
  });

  it('renews too when the client says denied before tokenExpired', async () => {
    const { client, transport, tokens } = await connected();
    const states: TransportConnectionState[] = [];
    transport.onConnectionStateChange((state) => states.push(state));
    client.setConnectionState('denied');
    client.emitTokenEvent('tokenExpired');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tokens.calls).to.equal(1);
    expect(client.updatedTokens).to.deep.equal(['token-1']);
    expect(states).to.deep.equal(['connecting']);
  });

  it('reports denied when the token cannot be renewed', async () => {
    const tokens = tokenSource();
    tokens.failing = true;
    const { client, transport } = await connected(0, tokens);
    const states: TransportConnectionState[] = [];
    transport.onConnectionStateChange((state) => states.push(state));
    client.emitTokenEvent('tokenExpired');
    client.setConnectionState('denied');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(states).to.deep.equal(['connecting', 'denied']);
    expect(transport.connectionState).to.equal('denied');
    expect(client.updatedTokens).to.deep.equal([]);
  });

  it('close() removes its listeners and shuts the client down', async () => {
    const { client, conversation, transport } = await connected();
    const received: ChatMessage[] = [];
    const states: TransportConnectionState[] = [];
    transport.onMessage((message) => received.push(message));
    transport.onConnectionStateChange((state) => states.push(state));
    expect(conversation.listenerCount('messageAdded')).to.equal(1);
    expect(client.listenerCount('connectionStateChanged')).to.equal(1);

    await transport.close();

    expect(client.shutDown).to.equal(true);
    expect(conversation.listenerCount('messageAdded')).to.equal(0);
    expect(client.listenerCount('connectionStateChanged')).to.equal(0);
    expect(client.listenerCount('tokenAboutToExpire')).to.equal(0);
    expect(client.listenerCount('tokenExpired')).to.equal(0);
    conversation.receive(fakeMessage(0, 'agent', 'after close'));
    client.setConnectionState('disconnected');
    expect(received).to.deep.equal([]);
    expect(states).to.deep.equal([]);
  });
});
