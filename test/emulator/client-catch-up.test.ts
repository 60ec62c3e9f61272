/**
 * The browser client's catch-up after a reconnect, when its reads keep
 * failing: messages pushed meanwhile wait, the catch-up is tried again, and
 * everything is announced in order with nothing skipped. (Announcing a pushed
 * message past the ones the failed catch-up missed would leave a gap for good:
 * the next catch-up starts after the newest message announced.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EmulatorClient, type EmulatorMessage } from '../../src/emulator/client/index.js';
import type { ConnectionState } from '../../src/protocol/sdk-shape.js';
import { installWebSocketGlobal, mintToken, nextValue, startEmulator, type StartedEmulator, waitFor } from './support.js';

installWebSocketGlobal();

describe('catch-up after a reconnect, under failing reads', () => {
  let started: StartedEmulator;
  let client: EmulatorClient | undefined;

  const control = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const response = await fetch(`${started.running.url}/__emulator/faults${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.equal(response.status, 200);
    return (await response.json()) as { injected: { failures: Record<'429' | '503', number> } };
  };

  before(async () => {
    started = await startEmulator({ faultInjection: true });
  });
  after(async () => {
    await client?.shutdown();
    await control('', undefined, 'DELETE');
    await started.running.close();
  });

  test('holds pushed messages back until a catch-up succeeds, then announces all of them in order', async () => {
    const { sid } = await started.service.conversations.create();
    await started.service.conversations(sid).participants.create({ identity: 'visitor-catch-up' });
    client = new EmulatorClient(mintToken('visitor-catch-up'), {
      realtimeUrl: started.running.realtimeUrl,
      backoffConfigOverride: { min: 5, max: 10 },
    });
    const connected = client;
    await nextValue<void>((deliver) => (connected.once('initialized', deliver), () => connected.off('initialized', deliver)));
    const conversation = await connected.getConversationBySid(sid);
    const announced: string[] = [];
    conversation.on('messageAdded', (message: EmulatorMessage) => announced.push(message.body ?? ''));
    const nextState = (wanted: ConnectionState) =>
      nextValue<void>((deliver) => {
        const listener = (state: ConnectionState) => state === wanted && deliver();
        connected.on('connectionStateChanged', listener);
        return () => connected.off('connectionStateChanged', listener);
      }, 5000, wanted);

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
});
