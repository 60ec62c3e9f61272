import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import {
  EmulatorClient,
  RealtimeRequestError,
  type EmulatorConversation,
  type EmulatorMessage,
} from '../../src/emulator/client/index.js';
import type { ConnectionState } from '../../src/protocol/sdk-shape.js';
import {
  basicAuth,
  installWebSocketGlobal,
  mintToken,
  nextValue,
  options,
  startEmulator,
  type StartedEmulator,
} from './support.js';

installWebSocketGlobal();

/** Clients opened by a test, shut down after it whatever happened. */
const openClients: EmulatorClient[] = [];
afterEach(async () => {
  await Promise.all(openClients.splice(0).map((client) => client.shutdown()));
});

function openClient(token: string, realtimeUrl: string): EmulatorClient {
  const client = new EmulatorClient(token, { realtimeUrl });
  openClients.push(client);
  return client;
}

async function initializedClient(identity: string, realtimeUrl: string, ttl?: number): Promise<EmulatorClient> {
  const client = openClient(mintToken(identity, { ttl }), realtimeUrl);
  await nextValue<void>((deliver) => {
    client.once('initialized', deliver);
    return () => client.off('initialized', deliver);
  }, 3000, 'initialized');
  return client;
}

const nextMessage = (conversation: EmulatorConversation, what = 'messageAdded') =>
  nextValue<EmulatorMessage>((deliver) => {
    conversation.on('messageAdded', deliver);
    return () => conversation.off('messageAdded', deliver);
  }, 3000, what);

const nextState = (client: EmulatorClient, wanted: ConnectionState, ms = 5000) =>
  nextValue<ConnectionState>((deliver) => {
    const listener = (state: ConnectionState) => state === wanted && deliver(state);
    client.on('connectionStateChanged', listener);
    return () => client.off('connectionStateChanged', listener);
  }, ms, `connection state ${wanted}`);

/** A conversation with the given chat participants and `messageCount` agent messages posted over REST. */
async function seedConversation(started: StartedEmulator, identities: string[], messageCount = 0): Promise<string> {
  const { sid } = await started.service.conversations.create({});
  const conversation = started.service.conversations(sid);
  for (const identity of identities) await conversation.participants.create({ identity });
  for (let n = 0; n < messageCount; n++) await conversation.messages.create({ author: 'agent', body: `history ${n}` });
  return sid;
}

describe('emulator browser client against the realtime endpoint', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  test('initializes, reports connected, and pages history backwards oldest-first', async () => {
    const conversationSid = await seedConversation(started, ['visitor-page'], 7);
    const client = await initializedClient('visitor-page', started.running.realtimeUrl);
    assert.equal(client.connectionState, 'connected');

    const conversation = await client.getConversationBySid(conversationSid);
    assert.equal(conversation.sid, conversationSid);
    assert.equal(await client.getConversationBySid(conversationSid), conversation, 'the same object each time');

    const newest = await conversation.getMessages(3);
    assert.deepEqual(newest.items.map((message) => message.index), [4, 5, 6]);
    assert.equal(newest.hasPrevPage, true);
    const [sixth] = newest.items.slice(-1);
    assert.equal(sixth?.body, 'history 6');
    assert.equal(sixth?.author, 'agent');
    assert.ok(sixth?.dateCreated instanceof Date && Math.abs(sixth.dateCreated.getTime() - Date.now()) < 60_000);
    assert.deepEqual(sixth?.attributes, {});

    const older = await newest.prevPage();
    assert.deepEqual(older.items.map((message) => message.index), [1, 2, 3]);
    const oldest = await older.prevPage();
    assert.deepEqual(oldest.items.map((message) => message.index), [0]);
    assert.equal(oldest.hasPrevPage, false);
    await assert.rejects(oldest.prevPage(), /No previous page/);

    const fromAnchor = await conversation.getMessages(2, 2, 'forward');
    assert.deepEqual(fromAnchor.items.map((message) => message.index), [2, 3]);
    assert.equal(fromAnchor.hasNextPage, true);
  });

  test('a sent message reaches the other participant and echoes to the sender', async () => {
    const conversationSid = await seedConversation(started, ['visitor-send', 'agent-send']);
    const visitor = await initializedClient('visitor-send', started.running.realtimeUrl);
    const agent = await initializedClient('agent-send', started.running.realtimeUrl);
    const visitorConversation = await visitor.getConversationBySid(conversationSid);
    const agentConversation = await agent.getConversationBySid(conversationSid);

    const atAgent = nextMessage(agentConversation, 'the message at the agent');
    const echo = nextMessage(visitorConversation, 'the echo at the sender');
    const index = await visitorConversation.sendMessage('Where is my order?', { clientMessageId: 'c-1' });
    assert.equal(index, 0);

    for (const received of [await atAgent, await echo]) {
      assert.equal(received.index, 0);
      assert.equal(received.body, 'Where is my order?');
      assert.equal(received.author, 'visitor-send');
      assert.deepEqual(received.attributes, { clientMessageId: 'c-1' });
      assert.match(received.sid, /^IM[0-9a-f]{32}$/);
    }
    const [stored] = await started.service.conversations(conversationSid).messages.list();
    assert.equal(stored?.author, 'visitor-send');
    assert.equal(stored?.attributes, '{"clientMessageId":"c-1"}');
    assert.match(stored?.participantSid ?? '', /^MB/);
  });

  test('an agent reply posted over REST is pushed to the participant', async () => {
    const conversationSid = await seedConversation(started, ['visitor-rest'], 2);
    const visitor = await initializedClient('visitor-rest', started.running.realtimeUrl);
    const conversation = await visitor.getConversationBySid(conversationSid);

    const pushed = nextMessage(conversation);
    await started.service.conversations(conversationSid).messages.create({ author: 'agent', body: 'Shipped today.' });
    const message = await pushed;
    assert.equal(message.index, 2);
    assert.equal(message.body, 'Shipped today.');
    assert.equal(message.author, 'agent');
  });

  test('a non-participant can neither open the conversation nor receive its messages', async () => {
    const conversationSid = await seedConversation(started, ['visitor-private'], 1);
    const outsider = await initializedClient('outsider', started.running.realtimeUrl);
    const refusal = await outsider.getConversationBySid(conversationSid).then(
      () => assert.fail('the outsider got the conversation'),
      (error: unknown) => error,
    );
    assert.ok(refusal instanceof RealtimeRequestError);
    assert.equal(refusal.code, 20403);

    await assert.rejects(
      outsider.getConversationBySid('CH' + 'e'.repeat(32)),
      (error: RealtimeRequestError) => error.code === 20404,
    );

    // The outsider's own conversation proves its socket still gets pushes, just not the private ones.
    const ownSid = await seedConversation(started, ['outsider']);
    const own = await outsider.getConversationBySid(ownSid);
    const received: (string | null)[] = [];
    own.on('messageAdded', (message) => received.push(message.body));
    const ownMessage = nextMessage(own);
    await started.service.conversations(conversationSid).messages.create({ body: 'private' });
    await started.service.conversations(ownSid).messages.create({ body: 'for the outsider' });
    await ownMessage;
    assert.deepEqual(received, ['for the outsider']);
  });

  test('a token signed with the wrong secret fails initialization terminally', async () => {
    const client = openClient(mintToken('visitor-bad', { apiSecret: 'wrong-secret' }), started.running.realtimeUrl);
    const failure = await nextValue<{ error?: { terminal: boolean; message: string } }>((deliver) => {
      client.once('initFailed', deliver);
      return () => client.off('initFailed', deliver);
    }, 3000, 'initFailed');
    assert.equal(failure.error?.terminal, true);
    assert.match(failure.error?.message ?? '', /signature/);
    assert.equal(client.connectionState, 'denied');
    await assert.rejects(client.getConversationBySid('CH' + '1'.repeat(32)), /denied/);
  });

  test('a token for another service fails initialization', async () => {
    const otherServiceToken = mintToken('visitor-other', { serviceSid: 'IS' + '5'.repeat(32) });
    const client = openClient(otherServiceToken, started.running.realtimeUrl);
    const failure = await nextValue<{ error?: { message: string } }>((deliver) => {
      client.once('initFailed', deliver);
      return () => client.off('initFailed', deliver);
    }, 3000, 'initFailed');
    assert.match(failure.error?.message ?? '', /service/);
  });

  test('a short token warns at once, its expiry denies, and a new token reconnects', async () => {
    const conversationSid = await seedConversation(started, ['visitor-ttl']);
    const client = openClient(mintToken('visitor-ttl', { ttl: 2 }), started.running.realtimeUrl);
    const aboutToExpire = nextValue<void>((deliver) => {
      client.on('tokenAboutToExpire', deliver);
      return () => client.off('tokenAboutToExpire', deliver);
    }, 1500, 'tokenAboutToExpire');
    const expired = nextValue<void>((deliver) => {
      client.on('tokenExpired', deliver);
      return () => client.off('tokenExpired', deliver);
    }, 4000, 'tokenExpired');
    const denied = nextState(client, 'denied');
    await aboutToExpire;
    await expired;
    await denied;

    const reconnected = nextState(client, 'connected');
    assert.equal(await client.updateToken(mintToken('visitor-ttl')), client);
    await reconnected;
    const conversation = await client.getConversationBySid(conversationSid);
    assert.equal((await conversation.sendMessage('back again')) >= 0, true);
  });

  test('updateToken refreshes a live session but refuses another identity', async () => {
    const client = await initializedClient('visitor-refresh', started.running.realtimeUrl);
    await client.updateToken(mintToken('visitor-refresh'));
    assert.equal(client.connectionState, 'connected');
    await assert.rejects(
      client.updateToken(mintToken('someone-else')),
      (error: RealtimeRequestError) => error.code === 20101,
    );
    assert.equal(client.connectionState, 'connected');
  });
});

describe('emulator browser client across a server drop', () => {
  let started: StartedEmulator;
  let port: number;
  before(async () => {
    started = await startEmulator();
    port = Number(new URL(started.running.url).port);
  });
  after(() => started.running.close());

  test('reconnects, re-authenticates and catches up on what it missed', async () => {
    const conversationSid = await seedConversation(started, ['visitor-drop'], 1);
    const client = await initializedClient('visitor-drop', started.running.realtimeUrl);
    const conversation = await client.getConversationBySid(conversationSid);
    const states: ConnectionState[] = [];
    client.on('connectionStateChanged', (state) => states.push(state));
    const received: EmulatorMessage[] = [];
    conversation.on('messageAdded', (message) => received.push(message));

    const disconnected = nextState(client, 'disconnected');
    await started.running.close();
    await disconnected;

    // Posted while the client is cut off: straight into the emulator's app, no server needed.
    const posted = await started.emulator.app.request(
      `/conversations/v1/Services/${options.serviceSid}/Conversations/${conversationSid}/Messages`,
      {
        method: 'POST',
        headers: {
          authorization: basicAuth(),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'Author=agent&Body=while+you+were+away',
      },
    );
    assert.equal(posted.status, 201);

    const caughtUp = nextMessage(conversation, 'the missed message');
    const reconnected = nextState(client, 'connected');
    started.running = await started.emulator.listen({ port });
    await reconnected;
    const missed = await caughtUp;
    assert.equal(missed.index, 1);
    assert.equal(missed.body, 'while you were away');
    // Possibly several failed attempts in between, while the server was down.
    assert.equal(states[0], 'disconnected');
    assert.equal(states[1], 'connecting');
    assert.equal(states.at(-1), 'connected');

    const live = nextMessage(conversation, 'a message after the reconnect');
    await started.service.conversations(conversationSid).messages.create({ author: 'agent', body: 'still here' });
    assert.equal((await live).index, 2);
    assert.deepEqual(received.map((message) => message.index), [1, 2]);
  });
});
