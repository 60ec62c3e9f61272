import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { EmulatorClient, type EmulatorMessage } from '../../src/emulator/client/index.js';
import type { RealtimeServerFrame } from '../../src/emulator/realtime/protocol.js';
import { TokenCutoff } from '../../src/emulator/realtime/token-cutoff.js';
import type { ConnectionState } from '../../src/protocol/sdk-shape.js';
import { installWebSocketGlobal, mintToken, nextValue, type RealtimeStack, startWithRealtime } from './support.js';

installWebSocketGlobal();

type Started = RealtimeStack;

const openClients: EmulatorClient[] = [];
afterEach(async () => {
  await Promise.all(openClients.splice(0).map((client) => client.shutdown()));
});

async function initializedClient(started: Started, token: string): Promise<EmulatorClient> {
  const client = new EmulatorClient(token, { realtimeUrl: started.realtimeUrl });
  openClients.push(client);
  await nextValue<void>((deliver) => {
    client.once('initialized', deliver);
    return () => client.off('initialized', deliver);
  }, 3000, 'initialized');
  return client;
}

const nextState = (client: EmulatorClient, wanted: ConnectionState, ms = 3000) =>
  nextValue<ConnectionState>((deliver) => {
    const listener = (state: ConnectionState) => state === wanted && deliver(state);
    client.on('connectionStateChanged', listener);
    return () => client.off('connectionStateChanged', listener);
  }, ms, `connection state ${wanted}`);

/** Authenticates a raw socket with `token` and returns the server's answer. */
async function rawAuthenticate(realtimeUrl: string, token: string): Promise<RealtimeServerFrame> {
  const socket = new WebSocket(realtimeUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const answer = new Promise<RealtimeServerFrame>((resolve) =>
    socket.once('message', (data) => resolve(JSON.parse(String(data)) as RealtimeServerFrame)),
  );
  socket.send(JSON.stringify({ id: 1, type: 'authenticate', token }));
  const frame = await answer;
  socket.close();
  return frame;
}

async function conversationWith(started: Started, identity: string): Promise<string> {
  const { sid } = await started.service.conversations.create({});
  await started.service.conversations(sid).participants.create({ identity });
  return sid;
}

describe('realtime fault hooks with the browser client', () => {
  let started: Started;
  before(async () => {
    started = await startWithRealtime();
  });
  after(() => started.close());

  test('dropAllSockets() cuts every client off; they reconnect and catch up', async () => {
    const conversationSid = await conversationWith(started, 'visitor-drop');
    const visitor = await initializedClient(started, mintToken('visitor-drop'));
    const bystander = await initializedClient(started, mintToken('bystander-drop'));
    const conversation = await visitor.getConversationBySid(conversationSid);
    const received: EmulatorMessage[] = [];
    conversation.on('messageAdded', (message) => received.push(message));

    const visitorBack = nextState(visitor, 'connected');
    const bystanderBack = nextState(bystander, 'connected');
    const disconnected = nextState(visitor, 'disconnected');
    assert.equal(started.realtime.dropAllSockets(), 2);
    await disconnected;
    await started.service.conversations(conversationSid).messages.create({ author: 'agent', body: 'while dropped' });
    await Promise.all([visitorBack, bystanderBack]);

    const live = nextValue<EmulatorMessage>((deliver) => {
      const listener = (message: EmulatorMessage) => message.body === 'after the drop' && deliver(message);
      conversation.on('messageAdded', listener);
      return () => conversation.off('messageAdded', listener);
    }, 3000, 'a message after the drop');
    await started.service.conversations(conversationSid).messages.create({ author: 'agent', body: 'after the drop' });
    await live;
    assert.deepEqual(received.map((message) => message.body), ['while dropped', 'after the drop']);
    assert.equal(started.realtime.dropAllSockets(), 2, 'both reconnected');
  });

  test('expireTokens() ends live sessions with tokenExpired; the old token is refused, a new one works', async () => {
    const conversationSid = await conversationWith(started, 'visitor-expire');
    const unusedOldToken = mintToken('visitor-expire');
    const oldToken = mintToken('visitor-expire');
    const client = await initializedClient(started, oldToken);
    const expired = nextValue<void>((deliver) => {
      client.on('tokenExpired', deliver);
      return () => client.off('tokenExpired', deliver);
    }, 2000, 'tokenExpired');
    const denied = nextState(client, 'denied');

    // Tokens minted in an earlier second than the cutoff are expired even if never seen.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    started.realtime.expireTokens();
    await expired;
    await denied;

    const reused = await rawAuthenticate(started.realtimeUrl, oldToken);
    assert.ok(reused.type === 'response' && !reused.ok);
    assert.equal(reused.error.code, 20104);
    const neverUsed = await rawAuthenticate(started.realtimeUrl, unusedOldToken);
    assert.ok(neverUsed.type === 'response' && !neverUsed.ok && neverUsed.error.code === 20104);

    const reconnected = nextState(client, 'connected');
    await client.updateToken(mintToken('visitor-expire'));
    await reconnected;
    const conversation = await client.getConversationBySid(conversationSid);
    assert.equal(await conversation.sendMessage('back with a fresh token'), 0);
  });
});

describe('token cutoff (whole-second iat)', () => {
  const at = (seconds: number) => new Date(seconds * 1000);

  test('a token of the cutoff second is expired only if it was accepted before the cutoff', () => {
    const cutoff = new TokenCutoff();
    assert.equal(cutoff.isExpired('anything', at(100)), false, 'no cutoff yet');
    cutoff.noteAccepted('seen-token', at(100), 100_200);
    cutoff.expireAll(100_700);
    assert.equal(cutoff.isExpired('older-token', at(99)), true);
    assert.equal(cutoff.isExpired('seen-token', at(100)), true);
    assert.equal(cutoff.isExpired('fresh-token', at(100)), false, 'minted right after the cutoff');
    assert.equal(cutoff.isExpired('later-token', at(101)), false);
    assert.equal(cutoff.isExpired('no-iat', null), true);
  });

  test('remembers only tokens that could still share a future cutoff second', () => {
    const cutoff = new TokenCutoff();
    cutoff.noteAccepted('old', at(100), 100_500);
    cutoff.noteAccepted('new', at(105), 105_100);
    cutoff.expireAll(105_900);
    assert.equal(cutoff.isExpired('old', at(100)), true, 'covered by iat alone');
    assert.equal(cutoff.isExpired('new', at(105)), true);
  });
});
