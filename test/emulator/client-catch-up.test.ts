/**
 * The browser client's catch-up after a reconnect, when its reads keep
 * failing: messages pushed meanwhile wait, the catch-up is tried again, and
 * everything is announced in order with nothing skipped. (Announcing a pushed
 * message past the ones the failed catch-up missed would leave a gap for good:
 * the next catch-up starts after the newest message announced.) A catch-up
 * refused for good is not tried again until the next reconnect.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EmulatorClient, type EmulatorMessage } from '../../src/emulator/client/index.js';
import type { ConnectionState } from '../../src/protocol/sdk-shape.js';
import { WebSocket as NodeWebSocket } from 'ws';
import { faultControl, installWebSocketGlobal, mintToken, nextValue, startEmulator, type StartedEmulator, waitFor } from './support.js';

installWebSocketGlobal();

/** Every request the clients send, so a test can count a conversation's catch-ups. */
const sentRequests: Array<{ type?: string; conversationSid?: string }> = [];

/** The `ws` socket, recording what it sends: the client's own retries are otherwise invisible. */
class RecordingWebSocket extends NodeWebSocket {
  override send(data: Parameters<NodeWebSocket['send']>[0], ...rest: unknown[]): void {
    sentRequests.push(JSON.parse(String(data)) as (typeof sentRequests)[number]);
    Reflect.apply(super.send, this, [data, ...rest]);
  }
}
(globalThis as { WebSocket?: unknown }).WebSocket = RecordingWebSocket;

const catchUpReadsOf = (conversationSid: string) =>
  sentRequests.filter((request) => request.type === 'getConversation' && request.conversationSid === conversationSid).length;

/** Longer than the client's wait before it tries a failed catch-up again (2 s). */
const LONGER_THAN_A_CATCH_UP_RETRY_MS = 3_000;

describe('catch-up after a reconnect, under failing reads', () => {
  let started: StartedEmulator;
  const clients: EmulatorClient[] = [];

  const control = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const response = await faultControl(started.running.url)(path, body, method);
    assert.equal(response.status, 200);
    return (await response.json()) as { injected: { failures: Record<'429' | '503', number> } };
  };

  before(async () => {
    started = await startEmulator({ faultInjection: true });
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.shutdown()));
    await control('', undefined, 'DELETE');
    await started.running.close();
  });

  /** A connected client for `identity` (retrying reads after milliseconds), the bodies it announces in `sid`, and its next states. */
  async function listening(identity: string, sid: string) {
    const client = new EmulatorClient(mintToken(identity), {
      realtimeUrl: started.running.realtimeUrl,
      backoffConfigOverride: { min: 5, max: 10 },
    });
    clients.push(client);
    await nextValue<void>((deliver) => (client.once('initialized', deliver), () => client.off('initialized', deliver)));
    const conversation = await client.getConversationBySid(sid);
    const announced: string[] = [];
    conversation.on('messageAdded', (message: EmulatorMessage) => announced.push(message.body ?? ''));
    const nextState = (wanted: ConnectionState) =>
      nextValue<void>((deliver) => {
        const listener = (state: ConnectionState) => state === wanted && deliver();
        client.on('connectionStateChanged', listener);
        return () => client.off('connectionStateChanged', listener);
      }, 5000, wanted);
    return { announced, nextState };
  }

  test('holds pushed messages back until a catch-up succeeds, then announces all of them in order', async () => {
    const { sid } = await started.service.conversations.create();
    await started.service.conversations(sid).participants.create({ identity: 'visitor-catch-up' });
    const { announced, nextState } = await listening('visitor-catch-up', sid);

    const dropped = nextState('disconnected');
    await control('/drop-sockets', {});
    await dropped;
    await started.service.conversations(sid).messages.create({ author: 'agent', body: 'while dropped' });

    // The catch-up's first read (getConversation) fails on every one of its three attempts.
    const failuresBefore = (await control('')).injected.failures['503'];
    await control('/fail', { count: 3, status: 503 });
    await nextState('connected');
    await waitFor(
      async () => ((await control('')).injected.failures['503'] - failuresBefore === 3 ? true : undefined),
      'the catch-up to fail',
    );
    await started.service.conversations(sid).messages.create({ author: 'agent', body: 'after the reconnect' });

    await waitFor(async () => (announced.length === 2 ? true : undefined), 'both messages announced', 6000);
    assert.deepEqual(announced, ['while dropped', 'after the reconnect']);
  });

  test('a catch-up refused for good is not tried again; the next reconnect catches up with nothing lost', async () => {
    const { sid } = await started.service.conversations.create();
    const participants = started.service.conversations(sid).participants;
    const membership = await participants.create({ identity: 'visitor-removed' });
    const { announced, nextState } = await listening('visitor-removed', sid);

    // No longer a participant: the message is not pushed, and the catch-up's first read is answered 20403.
    await participants(membership.sid).remove();
    await started.service.conversations(sid).messages.create({ author: 'agent', body: 'while removed' });
    const readsBefore = catchUpReadsOf(sid);
    const dropped = nextState('disconnected');
    await control('/drop-sockets', {});
    await dropped;
    await nextState('connected');
    await waitFor(async () => (catchUpReadsOf(sid) > readsBefore ? true : undefined), 'the catch-up read');

    await new Promise((resolve) => setTimeout(resolve, LONGER_THAN_A_CATCH_UP_RETRY_MS));
    assert.equal(catchUpReadsOf(sid) - readsBefore, 1, 'a refusal is not asked again');
    assert.deepEqual(announced, []);

    // Back in: what is pushed now waits behind the missed message until the next reconnect catches up.
    await participants.create({ identity: 'visitor-removed' });
    await started.service.conversations(sid).messages.create({ author: 'agent', body: 'after rejoining' });
    const droppedAgain = nextState('disconnected');
    await control('/drop-sockets', {});
    await droppedAgain;
    await nextState('connected');
    await waitFor(async () => (announced.length === 2 ? true : undefined), 'both messages announced', 6000);
    assert.deepEqual(announced, ['while removed', 'after rejoining']);
  });
});
