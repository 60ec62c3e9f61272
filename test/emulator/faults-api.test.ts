import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EmulatorClient } from '../../src/emulator/client/index.js';
import type { ConnectionState } from '../../src/protocol/sdk-shape.js';
import {
  bridgeService,
  expectTwilioError,
  faultControl,
  installWebSocketGlobal,
  mintToken,
  nextValue,
  restError,
  startEmulator,
  type StartedEmulator,
  waitFor,
} from './support.js';

describe('fault-injection control API', () => {
  let started: StartedEmulator;
  let control: ReturnType<typeof faultControl>;

  before(async () => {
    installWebSocketGlobal();
    started = await startEmulator({ faultInjection: true });
    control = faultControl(started.running.url);
  });
  after(async () => {
    await control('', undefined, 'DELETE');
    await started.running.close();
  });

  test('fails the next N requests with Twilio-style 503 or 429 and Retry-After, then recovers', async () => {
    assert.equal((await control('/fail', { count: 2, status: 503, retryAfterSeconds: 7 })).status, 200);
    const first = await restError(() => started.service.conversations.list());
    assert.equal(first.status, 503);
    assert.equal(first.code, 20503);
    const raw = await fetch(`${started.running.url}/conversations/v1/Services/x/Conversations`);
    await expectTwilioError(raw, 503, 20503);
    assert.equal(raw.headers.get('retry-after'), '7');
    assert.ok(Array.isArray(await started.service.conversations.list()));

    await control('/fail', { count: 1, status: 429 });
    assert.equal((await restError(() => started.service.conversations.list())).code, 20429);
  });

  test('fails a share of requests', async () => {
    await control('/fail', { ratio: 1, status: 503 });
    assert.equal((await restError(() => started.service.conversations.list())).status, 503);
    await control('/fail', { ratio: 0, status: 503 });
    assert.ok(Array.isArray(await started.service.conversations.list()));
  });

  test('adds latency to every request', async () => {
    await control('/latency', { ms: 150 });
    const begun = Date.now();
    await started.service.conversations.list();
    const took = Date.now() - begun;
    await control('/latency', { ms: 0 });
    assert.ok(took >= 150, `took ${took} ms`);
  });

  test('drops realtime sockets; clients reconnect', async () => {
    const conversation = await started.service.conversations.create();
    await started.service.conversations(conversation.sid).participants.create({ identity: 'drop-me' });
    const client = new EmulatorClient(mintToken('drop-me'), { realtimeUrl: started.running.realtimeUrl });
    try {
      await nextValue<void>((deliver) => (client.once('initialized', deliver), () => {}));
      const states: ConnectionState[] = [];
      client.on('connectionStateChanged', (state) => states.push(state));
      const dropped = (await (await control('/drop-sockets', {})).json()) as { dropped: number };
      assert.equal(dropped.dropped, 1);
      await waitFor(async () => (states.includes('connected') ? true : undefined), 'the reconnect');
      assert.notEqual(states[0], 'connected', 'the drop was noticed before the reconnect');
    } finally {
      await client.shutdown();
    }
  });

  test('expires tokens early: the client hears tokenExpired', async () => {
    const conversation = await started.service.conversations.create();
    await started.service.conversations(conversation.sid).participants.create({ identity: 'sleepy-tab' });
    const client = new EmulatorClient(mintToken('sleepy-tab'), { realtimeUrl: started.running.realtimeUrl });
    try {
      await nextValue<void>((deliver) => (client.once('initialized', deliver), () => {}));
      const expired = nextValue<void>((deliver) => (client.on('tokenExpired', deliver), () => client.off('tokenExpired', deliver)));
      await control('/expire-tokens', {});
      await expired;
    } finally {
      await client.shutdown();
    }
  });

  test('pauses and resumes the bridge', async () => {
    await bridgeService(started.twilioClient);
    await control('/bridge', { paused: true });
    const classic = await started.service.conversations.create();
    // The channelId filter finds a conversation through its CHAT customer's address.
    await started.service.conversations(classic.sid).participants.create({ identity: 'paused-visitor' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const v2 = started.twilioClient.conversations.v2;
    assert.deepEqual(await v2.conversations.list({ channelId: classic.sid }), []);
    await control('/bridge', { paused: false });
    const mirrored = await waitFor(async () => {
      const [found] = await v2.conversations.list({ channelId: classic.sid });
      return found;
    }, 'the mirrored conversation');
    assert.ok(mirrored.id);
  });

  test('rejects malformed control requests with 400 and unknown ones with 404', async () => {
    assert.equal((await control('/fail', { count: 0, status: 503 })).status, 400);
    assert.equal((await control('/fail', { count: 1, status: 500 })).status, 400);
    assert.equal((await control('/latency', { ms: 'slow' })).status, 400);
    const notJson = await fetch(`${started.running.url}/__emulator/faults/latency`, { method: 'POST', body: '{' });
    assert.equal(notJson.status, 400);
    assert.equal((await control('/meteor', {})).status, 404);
  });

  test('answers loopback callers only', async () => {
    const app = (await import('../../src/emulator/faults/control-api.js')).createControlApi({
      plan: new (await import('../../src/emulator/faults/fault-plan.js')).FaultPlan(),
      dropAllSockets: () => 0,
      expireTokens: () => {},
      pauseBridge: () => {},
      resumeBridge: () => {},
    });
    const from = (remoteAddress: string) =>
      app.request('/__emulator/faults', {}, { incoming: { socket: { remoteAddress } } } as never);
    assert.equal((await from('203.0.113.9')).status, 403);
    assert.equal((await from('127.0.0.1')).status, 200);
    assert.equal((await from('::1')).status, 200);
  });
});

describe('fault-injection control API, when off', () => {
  test('is not served', async () => {
    const started = await startEmulator({ faultInjection: false });
    try {
      const response = await fetch(`${started.running.url}/__emulator/faults/fail`, {
        method: 'POST',
        body: JSON.stringify({ count: 5, status: 503 }),
      });
      assert.equal(response.status, 404);
      assert.match(((await response.json()) as { error: string }).error, /BRIDGE_CHAT_EMULATOR_FAULTS/);
      assert.ok(Array.isArray(await started.service.conversations.list()));
    } finally {
      await started.running.close();
    }
  });
});
