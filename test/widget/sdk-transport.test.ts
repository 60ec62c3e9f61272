import { expect } from '@open-wc/testing';
import type { SessionResponse } from '../../src/protocol/session.js';
import { WidgetError } from '../../src/widget/errors.js';
import { loadTransport } from '../../src/widget/transport/load-transport.js';
import { SdkTransport } from '../../src/widget/transport/sdk-transport.js';
import type {
  ChatMessage,
  ChatParticipant,
  ChatTransport,
  TransportConnectionState,
} from '../../src/widget/transport/transport.js';
import {
  FakeSdkClient,
  FakeSdkConversation,
  fakeMedia,
  fakeMessage,
  fakeParticipant,
} from './support/fake-sdk-client.js';
import { postAgentMessage, stackConfig } from './support/stack-client.js';

const CONVERSATION_SID = 'CH00000000000000000000000000000001';
const MB = 1024 * 1024;

/** A renewToken stand-in that hands out numbered tokens, or, when told to, says the session is no longer valid. */
function tokenSource() {
  const source = {
    calls: 0,
    failing: false,
    renew: async () => {
      source.calls++;
      if (source.failing) throw new WidgetError('unauthorized', 'The chat session is no longer valid.');
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
  const snapshot = await setup.transport.connect();
  return { ...setup, snapshot };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (reason: unknown) => reason,
  );
}

const file = (name: string, type: string, bytes = 4) => new File([new Uint8Array(bytes)], name, { type });

describe('SdkTransport', () => {
  describe('connecting', () => {
    it('connects only once the client is initialized', async () => {
      const { client, transport } = setUp(2);
      let settled = false;
      const connecting = transport.connect().finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(settled, 'connect() settled before "initialized"').to.equal(false);

      client.initialize();
      const { messages } = await connecting;
      expect(messages.map((message) => message.body)).to.deep.equal(['message 0', 'message 1']);
    });

    it('catches an "initialized" emitted before connect() is called', async () => {
      const { client, transport } = setUp(1);
      client.initialize();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect((await transport.connect()).messages).to.have.length(1);
    });

    it('rejects connect() with a transport_failed WidgetError on "initFailed"', async () => {
      const { client, transport } = setUp();
      const connecting = transport.connect();
      client.failInitialization('token is invalid');
      const error = await rejectionOf(connecting);
      expect(error).to.be.instanceOf(WidgetError);
      expect((error as WidgetError).code).to.equal('transport_failed');
      expect((error as WidgetError).message).to.contain('token is invalid');
    });

    it('snapshots the latest 50 messages, oldest first, and whether older ones exist', async () => {
      const { conversation, snapshot } = await connected(60);

      expect(conversation.getMessagesCalls).to.deep.equal([{ pageSize: 50, anchor: undefined, direction: 'backwards' }]);
      expect(snapshot.hasOlder).to.equal(true);
      expect(snapshot.messages).to.have.length(50);
      expect(snapshot.messages[0]!.index).to.equal(10);
      expect(snapshot.messages.at(-1)!.index).to.equal(59);
      expect(snapshot.messages[0]).to.deep.equal({
        id: fakeMessage(10, 'visitor', '').sid,
        index: 10,
        author: 'visitor',
        body: 'message 10',
        sentAt: new Date(Date.UTC(2025, 0, 1, 12, 0, 10)),
        clientId: undefined,
        attachments: [],
      });

      expect((await connected(3)).snapshot.hasOlder).to.equal(false);
    });

    it('snapshots the participants with their names, the own read horizon, the state and the media limits', async () => {
      const { client, conversation, transport } = setUp();
      conversation.participants = [
        fakeParticipant('visitor-1', {}, 4),
        fakeParticipant('agent-ana', { friendlyName: 'Ana', name: 'ignored' }, 7),
        fakeParticipant('agent-bo', { name: 'Bo' }),
        fakeParticipant('agent-cy', { friendlyName: 42 }),
        fakeParticipant(null, 'not an object'),
      ];
      conversation.lastReadMessageIndex = 4;
      conversation.limits = {
        mediaAttachmentsCountLimit: 5,
        mediaAttachmentSizeLimitInMb: 16,
        mediaAttachmentsTotalSizeLimitInMb: 64,
      };
      client.initialize();
      const snapshot = await transport.connect();

      expect(snapshot.participants).to.deep.equal([
        { identity: 'visitor-1', name: 'visitor-1', lastReadIndex: 4 },
        { identity: 'agent-ana', name: 'Ana', lastReadIndex: 7 },
        { identity: 'agent-bo', name: 'Bo', lastReadIndex: null },
        { identity: 'agent-cy', name: 'agent-cy', lastReadIndex: null },
        { identity: null, name: '', lastReadIndex: null },
      ]);
      expect(snapshot.ownLastReadIndex).to.equal(4);
      expect(snapshot.closed).to.equal(false);
      expect(snapshot.mediaLimits).to.deep.equal({ maxCount: 5, maxFileBytes: 16 * MB, maxTotalBytes: 64 * MB });
    });

    it('snapshots a closed conversation as closed', async () => {
      const { client, conversation, transport } = setUp(1);
      conversation.state = { current: 'closed', dateUpdated: new Date() };
      client.initialize();
      expect((await transport.connect()).closed).to.equal(true);
    });
  });

  describe('messages', () => {
    it('reads clientId from string attributes and maps attachments with fresh URLs', async () => {
      const { client, conversation, transport } = setUp();
      const photo = fakeMedia('ME1', 'photo.png', 'image/png', 2048);
      conversation.messages.push(
        fakeMessage(0, 'visitor', 'with id', { attributes: { clientId: 'c-1' } }),
        fakeMessage(1, 'visitor', 'numeric id', { attributes: { clientId: 7 } }),
        fakeMessage(2, 'agent', null, { attributes: ['not', 'an', 'object'], attachedMedia: [photo] }),
      );
      client.initialize();
      const [withId, numeric, media] = (await transport.connect()).messages;

      expect(withId!.clientId).to.equal('c-1');
      expect(numeric!.clientId).to.equal(undefined);
      expect(media!.clientId).to.equal(undefined);
      expect(media!.body, 'a media-only message has an empty body').to.equal('');
      const [attachment] = media!.attachments;
      expect({ ...attachment, url: undefined }).to.deep.equal({
        sid: 'ME1',
        filename: 'photo.png',
        contentType: 'image/png',
        size: 2048,
        url: undefined,
      });
      const first = await attachment!.url();
      const second = await attachment!.url();
      expect(first).to.match(/^https:\/\/media\.example\/ME1/);
      expect(second, 'each call asks the SDK for a new URL').to.not.equal(first);
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

    it('loadOlder pages back from the oldest page loaded, until there is nothing older', async () => {
      const { conversation, transport } = await connected(120);

      const older = await transport.loadOlder();
      expect(older.messages.map((message) => message.index)).to.deep.equal([...Array(50).keys()].map((n) => n + 20));
      expect(older.hasOlder).to.equal(true);
      const oldest = await transport.loadOlder();
      expect(oldest.messages.map((message) => message.index)).to.deep.equal([...Array(20).keys()]);
      expect(oldest.hasOlder).to.equal(false);
      const calls = conversation.getMessagesCalls.length;
      expect(await transport.loadOlder()).to.deep.equal({ messages: [], hasOlder: false });
      expect(conversation.getMessagesCalls.length, 'nothing fetched once at the start').to.equal(calls);
    });

    it('a failed loadOlder can be asked again and loads the same page', async () => {
      const { conversation, transport } = await connected(60);
      conversation.failing = true;
      await rejectionOf(transport.loadOlder());
      conversation.failing = false;
      const older = await transport.loadOlder();
      expect(older.messages.map((message) => message.index)).to.deep.equal([...Array(10).keys()]);
    });

    it('messagesAfter reads every message after an index, across pages', async () => {
      const { conversation, transport } = await connected(250);

      const after = await transport.messagesAfter(30);
      expect(after.map((message) => message.index)).to.deep.equal([...Array(219).keys()].map((n) => n + 31));
      expect(conversation.getMessagesCalls.slice(1)).to.deep.equal([
        { pageSize: 100, anchor: 31, direction: 'forward' },
        { pageSize: 100, anchor: 131, direction: 'forward' },
        { pageSize: 100, anchor: 231, direction: 'forward' },
      ]);
      expect((await transport.messagesAfter(-1)).length, 'the whole conversation').to.equal(250);
      expect(await transport.messagesAfter(249)).to.deep.equal([]);
    });
  });

  describe('sending', () => {
    it('sends text with the client id in the attributes', async () => {
      const { conversation, transport } = await connected();
      const echoes: ChatMessage[] = [];
      transport.onMessage((message) => echoes.push(message));
      await transport.send({ clientId: 'c-42', body: 'hello there', files: [] });

      expect(conversation.sent).to.deep.equal([
        { via: 'sendMessage', body: 'hello there', attributes: { clientId: 'c-42' }, media: [] },
      ]);
      expect(echoes.map(({ body, clientId }) => ({ body, clientId }))).to.deep.equal([
        { body: 'hello there', clientId: 'c-42' },
      ]);
    });

    it('sends a file with its text in one message', async () => {
      const { conversation, transport } = await connected();
      const invoice = file('invoice.pdf', 'application/pdf', 10);
      await transport.send({ clientId: 'c-1', body: 'the invoice', files: [invoice] });

      expect(conversation.sent).to.have.length(1);
      const [sent] = conversation.sent;
      expect(sent!.via).to.equal('builder');
      expect(sent!.body).to.equal('the invoice');
      expect(sent!.attributes).to.deep.equal({ clientId: 'c-1' });
      expect(sent!.media).to.deep.equal([{ contentType: 'application/pdf', filename: 'invoice.pdf', media: invoice }]);
      const echo = conversation.messages.at(-1)!;
      expect(echo.attachedMedia?.[0]?.size).to.equal(10);
    });

    it('sends a file without text as a media-only message, typeless files as octet-stream', async () => {
      const { conversation, transport } = await connected();
      await transport.send({ clientId: 'c-2', body: '', files: [file('notes', '')] });
      const [sent] = conversation.sent;
      expect(sent!.body, 'no body is set').to.equal(undefined);
      expect(sent!.media[0]!.contentType).to.equal('application/octet-stream');
    });

    it('refuses more than one file per message, sending nothing', async () => {
      const { conversation, transport } = await connected();
      const error = await rejectionOf(
        transport.send({ clientId: 'c-3', body: '', files: [file('a.png', 'image/png'), file('b.png', 'image/png')] }),
      );
      expect(error).to.be.instanceOf(WidgetError);
      expect((error as WidgetError).message).to.contain('One file per message');
      expect(conversation.sent).to.deep.equal([]);
    });

    it('refuses to send before connect()', async () => {
      const { transport } = setUp();
      const error = await rejectionOf(transport.send({ clientId: 'c-4', body: 'too early', files: [] }));
      expect(error).to.be.instanceOf(WidgetError);
    });

    it('passes a failed send on to the caller', async () => {
      const { conversation, transport } = await connected();
      conversation.failing = true;
      const error = await rejectionOf(transport.send({ clientId: 'c-5', body: 'lost', files: [] }));
      expect((error as Error).message).to.equal('send failed');
    });
  });

  describe('typing, reading and participants', () => {
    it('typing() tells the conversation and swallows its failures', async () => {
      const { conversation, transport } = await connected();
      transport.typing();
      conversation.failing = true;
      transport.typing();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(conversation.typingCalls).to.equal(2);
    });

    it('typing() before connect() does nothing', () => {
      const { conversation, transport } = setUp();
      expect(() => transport.typing()).to.not.throw();
      expect(conversation.typingCalls).to.equal(0);
    });

    it('markRead advances the read horizon', async () => {
      const { conversation, transport } = await connected(5);
      await transport.markRead(3);
      expect(conversation.readCalls).to.deep.equal([3]);
      expect(conversation.lastReadMessageIndex).to.equal(3);
    });

    it('reports others typing, started and stopped, with their names', async () => {
      const { conversation, transport } = await connected();
      const seen: Array<[ChatParticipant, boolean]> = [];
      const unsubscribe = transport.onTyping((participant, typing) => seen.push([participant, typing]));
      const ana = fakeParticipant('agent-ana', { friendlyName: 'Ana' });
      conversation.emitTyping(ana, true);
      conversation.emitTyping(ana, false);
      unsubscribe();
      conversation.emitTyping(ana, true);

      expect(seen).to.deep.equal([
        [{ identity: 'agent-ana', name: 'Ana', lastReadIndex: null }, true],
        [{ identity: 'agent-ana', name: 'Ana', lastReadIndex: null }, false],
      ]);
    });

    it('reports participant updates, e.g. a read horizon moving', async () => {
      const { conversation, transport } = await connected();
      const updates: ChatParticipant[] = [];
      transport.onParticipantUpdated((participant) => updates.push(participant));
      conversation.emitParticipantUpdated(fakeParticipant('agent-bo', { name: 'Bo' }, 9), ['lastReadMessageIndex']);
      expect(updates).to.deep.equal([{ identity: 'agent-bo', name: 'Bo', lastReadIndex: 9 }]);
    });

    it('reports a participant who joins after connect, with its name, and not one who leaves', async () => {
      const { conversation, snapshot, transport } = await connected();
      expect(snapshot.participants).to.deep.equal([]);
      const updates: ChatParticipant[] = [];
      transport.onParticipantUpdated((participant) => updates.push(participant));
      const sam = fakeParticipant('agent-sam', { friendlyName: 'Sam (Support)' });
      conversation.emitParticipant('participantJoined', sam);
      conversation.emitParticipant('participantLeft', sam);
      expect(updates).to.deep.equal([{ identity: 'agent-sam', name: 'Sam (Support)', lastReadIndex: null }]);
    });

    it('reports the conversation closing, and no other update', async () => {
      const { conversation, transport } = await connected();
      let closings = 0;
      transport.onClosed(() => closings++);
      conversation.emitUpdated(['attributes']);
      conversation.setState('inactive');
      expect(closings).to.equal(0);
      conversation.setState('closed');
      expect(closings).to.equal(1);
      conversation.emitUpdated(['attributes']);
      expect(closings, 'an attribute change on a closed conversation is no new closing').to.equal(1);
    });
  });

  describe('connection and token', () => {
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

    it('reports denied when the companion refuses to renew the session', async () => {
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
      const heard: string[] = [];
      transport.onMessage(() => heard.push('message'));
      transport.onConnectionStateChange(() => heard.push('state'));
      transport.onTyping(() => heard.push('typing'));
      transport.onParticipantUpdated(() => heard.push('participant'));
      transport.onClosed(() => heard.push('closed'));
      const conversationEvents = [
        'messageAdded',
        'typingStarted',
        'typingEnded',
        'participantJoined',
        'participantUpdated',
        'updated',
      ] as const;
      for (const event of conversationEvents) expect(conversation.listenerCount(event), event).to.equal(1);
      expect(client.listenerCount('connectionStateChanged')).to.equal(1);

      await transport.close();

      expect(client.shutDown).to.equal(true);
      for (const event of conversationEvents) expect(conversation.listenerCount(event), event).to.equal(0);
      expect(client.listenerCount('connectionStateChanged')).to.equal(0);
      expect(client.listenerCount('tokenAboutToExpire')).to.equal(0);
      expect(client.listenerCount('tokenExpired')).to.equal(0);
      conversation.receive(fakeMessage(0, 'agent', 'after close'));
      conversation.emitTyping(fakeParticipant('agent'), true);
      conversation.emitParticipantUpdated(fakeParticipant('agent'), ['attributes']);
      conversation.emitParticipant('participantJoined', fakeParticipant('agent-2'));
      conversation.setState('closed');
      client.setConnectionState('disconnected');
      expect(heard).to.deep.equal([]);
    });
  });
});

/**
 * The same adapter over the emulator's browser client, against the test stack:
 * what the demo runs. It proves the browser side of the emulator too (media
 * uploaded cross-origin with the access token, content URLs readable from the
 * page, the companion's /session/end reaching the visitor as a closing).
 */
describe('SdkTransport over the emulator client', () => {
  let transport: ChatTransport | undefined;
  afterEach(async () => {
    await transport?.close();
    transport = undefined;
  });

  async function openSession(body: object = {}): Promise<SessionResponse & { companionUrl: string }> {
    const { companionUrl } = await stackConfig();
    const response = await fetch(`${companionUrl}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.ok, `POST /session answered ${response.status}`).to.equal(true);
    return { ...((await response.json()) as SessionResponse), companionUrl };
  }

  function nextMessage(from: ChatTransport, wanted: (message: ChatMessage) => boolean): Promise<ChatMessage> {
    return new Promise((resolve) => {
      const unsubscribe = from.onMessage((message) => {
        if (!wanted(message)) return;
        unsubscribe();
        resolve(message);
      });
    });
  }

  it('connects with the participants named, sends a file with text and reads it back', async () => {
    const session = await openSession({ name: 'Maya' });
    transport = await loadTransport(session, () => Promise.reject(new Error('no renewal in this test')));
    const snapshot = await transport.connect();
    expect(snapshot.closed).to.equal(false);
    expect(snapshot.participants.map(({ identity, name }) => ({ identity, name }))).to.deep.equal([
      { identity: session.identity, name: 'Maya' },
    ]);
    expect(snapshot.mediaLimits).to.deep.equal({ maxCount: 10, maxFileBytes: 20 * MB, maxTotalBytes: 150 * MB });

    const bytes = new TextEncoder().encode('order #1234');
    const echo = nextMessage(transport, (message) => message.clientId === 'browser-1');
    const receipt = new File([bytes], 'receipt.txt', { type: 'text/plain' });
    await transport.send({ clientId: 'browser-1', body: 'my receipt', files: [receipt] });
    const message = await echo;
    expect(message.author).to.equal(session.identity);
    expect(message.body).to.equal('my receipt');
    const [attachment] = message.attachments;
    expect(attachment?.filename).to.equal('receipt.txt');
    expect(attachment?.size).to.equal(bytes.length);
    const content = await fetch((await attachment!.url()) ?? '');
    expect(await content.text()).to.equal('order #1234');

    const reply = nextMessage(transport, (incoming) => incoming.author === 'agent');
    await postAgentMessage(session.conversationSid, 'Thanks, got it');
    expect((await reply).body).to.equal('Thanks, got it');
    const all = await transport.messagesAfter(-1);
    expect(all.map(({ body }) => body)).to.deep.equal(['my receipt', 'Thanks, got it']);
  });

  it('hears the conversation close when the visitor ends it at the companion', async () => {
    const session = await openSession();
    transport = await loadTransport(session, () => Promise.reject(new Error('no renewal in this test')));
    await transport.connect();
    const closed = new Promise<void>((resolve) => transport!.onClosed(resolve));
    const ended = await fetch(`${session.companionUrl}/session/end`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.sessionToken}` },
    });
    expect(ended.ok, `POST /session/end answered ${ended.status}`).to.equal(true);
    await closed;
  });
});
