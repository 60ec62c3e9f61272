import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, it } from 'node:test';
import { DEMO_CUSTOMER } from '../../src/emulator/index.js';
import { AnswerCache } from '../../src/server/context/answer-cache.js';
import { bridgeService, startEmulator, type StartedEmulator, waitFor } from '../emulator/support.js';
import { contextCompanion, faults, getContext, startSession } from './context-support.js';
import { countingProxy, type CountingProxy } from './counting-proxy.js';

const MAYA = DEMO_CUSTOMER.chatIdentity;

describe('/context cache and single-flight', () => {
  let started: StartedEmulator;
  let proxy: CountingProxy;

  /** Maya's session, once the bridge has synced her chat (so no answer waits for it). */
  const linkedMayaSession = async () => {
    const session = await startSession(contextCompanion(started.running.url), MAYA);
    const v2 = started.twilioClient.conversations.v2;
    await waitFor(async () => {
      const [mirrored] = await v2.conversations.list({ channelId: session.conversationSid });
      const participants = mirrored ? await v2.participants(mirrored.id!).list() : [];
      return participants.some((participant) => participant.type === 'CUSTOMER') ? true : undefined;
    }, 'the bridged chat');
    return session;
  };

  before(async () => {
    started = await startEmulator({ seed: true, bridgeDelayMs: 50 });
    await bridgeService(started.twilioClient, 'GROUP_BY_PROFILE');
    proxy = await countingProxy(started.running.url);
  });
  afterEach(async () => {
    await faults(started.running.url, '');
    proxy.reset();
  });
  after(async () => {
    await proxy.close();
    await started.running.close();
  });

  it('answers again from the cache within the TTL, without asking Twilio', async () => {
    const session = await linkedMayaSession();
    const app = contextCompanion(proxy.url, { memoryObservations: true });
    const first = await getContext(app, session, { user: MAYA });
    assert.ok(proxy.calls.length > 0);
    proxy.reset();
    const second = await getContext(app, session, { user: MAYA });
    assert.deepEqual(proxy.calls, []);
    assert.equal(second.raw, first.raw);
  });

  it('asks Twilio again once the TTL has passed', async () => {
    const session = await linkedMayaSession();
    const app = contextCompanion(proxy.url, { contextCacheTtlMs: 100 });
    await getContext(app, session, { user: MAYA });
    await sleep(150);
    proxy.reset();
    await getContext(app, session, { user: MAYA });
    assert.ok(proxy.calls.some((call) => call.includes(`channelId=${session.conversationSid}`)), proxy.calls.join('\n'));
  });

  it('keeps a pending answer only for the shorter pending TTL', async () => {
    await faults(started.running.url, '/bridge', { paused: true });
    const app = contextCompanion(proxy.url, { contextLinkWaitMs: 0, contextPendingTtlMs: 150, contextCacheTtlMs: 60_000 });
    const session = await startSession(app);
    assert.equal((await getContext(app, session)).body.link.status, 'pending');
    proxy.reset();
    assert.equal((await getContext(app, session)).body.link.status, 'pending');
    assert.deepEqual(proxy.calls, [], 'kept within the pending TTL');
    await sleep(200);
    await getContext(app, session);
    assert.ok(proxy.calls.length > 0, 'asked again after it');
  });

  it('lets 10 concurrent requests for one conversation share one computation', async () => {
    const session = await linkedMayaSession();
    // The same secrets, so every companion instance accepts the session; each starts with an empty cache.
    const cold = contextCompanion(proxy.url, { memoryTraits: ['Loyalty.*'], memoryObservations: true });
    proxy.reset();
    const alone = await getContext(cold, session, { user: MAYA });
    const callsForOne = proxy.calls.length;
    assert.ok(callsForOne >= 5, `one computation made ${callsForOne} calls`);

    const app = contextCompanion(proxy.url, { memoryTraits: ['Loyalty.*'], memoryObservations: true });
    proxy.reset();
    const answers = await Promise.all(Array.from({ length: 10 }, () => getContext(app, session, { user: MAYA })));
    assert.equal(proxy.calls.length, callsForOne, proxy.calls.join('\n'));
    for (const answer of answers) assert.equal(answer.raw, alone.raw);
  });

  it('computes separately for different conversations', async () => {
    const app = contextCompanion(proxy.url);
    const [a, b] = [await startSession(app), await startSession(app)];
    const [answerA, answerB] = await Promise.all([getContext(app, a), getContext(app, b)]);
    assert.notEqual(answerA.body.link.conversationId, answerB.body.link.conversationId);
    for (const session of [a, b]) {
      assert.ok(proxy.calls.some((call) => call.includes(`channelId=${session.conversationSid}`)));
    }
  });
});

describe('AnswerCache', () => {
  const clock = () => {
    let now = 0;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('keeps each answer for the TTL its value asks for', async () => {
    const time = clock();
    const cache = new AnswerCache<string>((value) => (value === 'short' ? 10 : 100), 100, time.now);
    let computed = 0;
    const compute = (value: string) => async () => {
      computed += 1;
      return value;
    };
    await cache.get('a', compute('short'));
    await cache.get('b', compute('long'));
    time.advance(50);
    assert.equal(await cache.get('a', compute('short')), 'short');
    assert.equal(await cache.get('b', compute('changed')), 'long');
    assert.equal(computed, 3, 'only the short one was computed again');
  });

  it('shares one running computation, and keeps no failure', async () => {
    const cache = new AnswerCache<number>(() => 1_000);
    let calls = 0;
    const failing = async () => {
      calls += 1;
      await sleep(5);
      throw new Error('Twilio down');
    };
    const results = await Promise.allSettled([cache.get('k', failing), cache.get('k', failing)]);
    assert.deepEqual(results.map((result) => result.status), ['rejected', 'rejected']);
    assert.equal(calls, 1);
    assert.equal(await cache.get('k', async () => 42), 42, 'a failure is not kept');
  });

  it('holds at most maxEntries answers, dropping expired ones first, then the oldest', async () => {
    const time = clock();
    const cache = new AnswerCache<string>((value) => (value.startsWith('brief') ? 5 : 1_000), 2, time.now);
    await cache.get('old', async () => 'kept');
    await cache.get('brief', async () => 'brief');
    time.advance(10);
    await cache.get('new', async () => 'kept');
    assert.equal(await cache.get('old', async () => 'recomputed'), 'kept', 'the expired one made room');
    await cache.get('newest', async () => 'kept');
    assert.equal(await cache.get('old', async () => 'recomputed'), 'recomputed', 'then the oldest went');
  });
});
