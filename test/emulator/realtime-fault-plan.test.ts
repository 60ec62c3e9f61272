/**
 * The realtime socket obeys the fault plan as REST does: injected failures
 * answer the client's data requests (its own sends included) with Twilio's
 * 20429 / 20503, which the browser client surfaces as a failed call (after
 * retrying reads, as the SDK does), and injected latency delays them. The
 * handshake and token refreshes are exempt.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { EmulatorClient, RealtimeRequestError } from '../../src/emulator/client/index.js';
import {
  faultControl,
  installWebSocketGlobal,
  mintToken,
  nextValue,
  startEmulator,
  type StartedEmulator,
  waitFor,
} from './support.js';

installWebSocketGlobal();

interface Injected {
  failures: Record<'429' | '503', number>;
  failedRequests: Record<string, number>;
  droppedSockets: number;
}

describe('realtime requests under the fault plan', () => {
  let started: StartedEmulator;
  const clients: EmulatorClient[] = [];

  const control = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const response = await faultControl(started.running.url)(path, body, method);
    assert.equal(response.status, 200, `${method} faults${path}`);
    return response.json() as Promise<{ injected: Injected; dropped?: number }>;
  };

  /** A connected client for `identity` that retries reads after a few milliseconds, not seconds. */
  async function connect(identity: string): Promise<EmulatorClient> {
    const client = new EmulatorClient(mintToken(identity), {
      realtimeUrl: started.running.realtimeUrl,
      backoffConfigOverride: { min: 5, max: 10 },
    });
    clients.push(client);
    await nextValue<void>((deliver) => (client.once('initialized', deliver), () => client.off('initialized', deliver)));
    return client;
  }

  /** A conversation with `identity` in it, and that identity's connected client. */
  async function joined(identity: string) {
    const { sid } = await started.service.conversations.create();
    await started.service.conversations(sid).participants.create({ identity });
    const client = await connect(identity);
    return { sid, client, conversation: await client.getConversationBySid(sid) };
  }

  const storedBodies = async (sid: string) =>
    (await started.service.conversations(sid).messages.list()).map((message) => message.body);

  const rejection = async (call: Promise<unknown>): Promise<RealtimeRequestError> => {
    try {
      await call;
    } catch (error) {
      assert.ok(error instanceof RealtimeRequestError, `expected a RealtimeRequestError, got ${String(error)}`);
      return error;
    }
    assert.fail('expected the call to fail');
  };

  before(async () => {
    started = await startEmulator({ faultInjection: true });
  });
  afterEach(async () => {
    await control('', undefined, 'DELETE');
    await Promise.all(clients.splice(0).map((client) => client.shutdown()));
  });
  after(async () => {
    await started.running.close();
  });

  test('a failed send is answered 20503 or 20429 and stores nothing; the next one goes through', async () => {
    const { sid, conversation } = await joined('visitor-fail-send');
    await control('/fail', { count: 1, status: 503 });
    const unavailable = await rejection(conversation.sendMessage('first try', { clientId: 'a' }));
    assert.equal(unavailable.code, 20503);
    await control('/fail', { count: 1, status: 429 });
    assert.equal((await rejection(conversation.sendMessage('second try', { clientId: 'a' }))).code, 20429);
    assert.deepEqual(await storedBodies(sid), []);

    assert.equal(await conversation.sendMessage('third try', { clientId: 'a' }), 0);
    assert.deepEqual(await storedBodies(sid), ['third try']);
  });

  test('reads are failed too, and retried as the SDK retries its reads: the error surfaces after three attempts', async () => {
    const { conversation } = await joined('visitor-fail-read');
    const failedPages = async () => (await control('')).injected.failedRequests['realtime getMessages'] ?? 0;
    const before = await failedPages();

    await control('/fail', { count: 2, status: 429 });
    assert.equal((await conversation.getMessages(10)).items.length, 0, 'the third attempt got the page');
    assert.equal((await failedPages()) - before, 2);

    await control('/fail', { count: 3, status: 503 });
    assert.equal((await rejection(conversation.getMessages(10))).code, 20503);
    assert.equal((await failedPages()) - before, 5);

    // A write is never repeated by the client: its caller decides.
    await control('/fail', { count: 1, status: 503 });
    assert.equal((await rejection(conversation.sendMessage('once', {}))).code, 20503);
    assert.equal(await conversation.sendMessage('twice', {}), 0);
  });

  test('chat requests belong to the conversations scope: an Orchestrator or Memory outage leaves them alone', async () => {
    const { sid, conversation } = await joined('visitor-other-outage');
    await control('/fail', { ratio: 1, status: 503, scope: 'orchestrator' });
    await control('/fail', { ratio: 1, status: 503, scope: 'memory' });
    assert.equal(await conversation.sendMessage('still chatting', {}), 0);
    await control('/fail', { ratio: 1, status: 503, scope: 'conversations' });
    assert.equal((await rejection(conversation.sendMessage('now down', {}))).code, 20503);
    await control('', undefined, 'DELETE');
    assert.deepEqual(await storedBodies(sid), ['still chatting']);
  });

  test('the handshake and token refreshes are not failed: a client connects and refreshes while data requests fail', async () => {
    const { sid } = await started.service.conversations.create();
    await started.service.conversations(sid).participants.create({ identity: 'visitor-handshake' });
    await control('/fail', { ratio: 1, status: 503 });
    const client = await connect('visitor-handshake');
    await client.updateToken(mintToken('visitor-handshake'));
    assert.equal(client.connectionState, 'connected');
    assert.equal((await rejection(client.getConversationBySid(sid))).code, 20503, 'the plan is on');
  });

  test('latency delays data requests, in order; a send delayed past a dropped socket is still carried out', async () => {
    const { sid, client, conversation } = await joined('visitor-latency');
    await control('/latency', { ms: 150 });
    const sends = [conversation.sendMessage('one', {}), conversation.sendMessage('two', {})];
    assert.deepEqual(await Promise.all(sends), [0, 1]);

    // Far longer than the steps below take, so the send is still waiting when its socket goes.
    await control('/latency', { ms: 2_000 });
    const lost = conversation.sendMessage('answer lost', {}).then(
      () => 'answered',
      () => 'lost',
    );
    // A token refresh skips the latency and the server reads a socket's frames in order:
    // once it is answered, the send (written before it) has arrived and is waiting.
    await client.updateToken(mintToken('visitor-latency'));
    // A request's delay is fixed when it arrives: this leaves the send delayed, and the REST reads below quick.
    await control('/latency', { ms: 0 });
    assert.equal((await control('/drop-sockets', {})).dropped, 1);
    assert.equal(await lost, 'lost', 'the client hears no answer');
    await waitFor(async () => ((await storedBodies(sid)).length === 3 ? true : undefined), 'the delayed send', 5000);
    assert.deepEqual(await storedBodies(sid), ['one', 'two', 'answer lost']);
    assert.ok((await control('')).injected.droppedSockets >= 1);
  });
});
