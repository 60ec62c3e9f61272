import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { bridgeService, startEmulator, type StartedEmulator, waitFor } from '../emulator/support.js';
import { contextCompanion, faults, getContext, startSession } from './context-support.js';
import { countingProxy, type CountingProxy } from './counting-proxy.js';

const EMPTY = { history: { items: [] }, memory: { traits: {}, observations: [] } };

describe('/context link status', () => {
  let started: StartedEmulator;
  let proxy: CountingProxy;
  const orchestratorIdOf = async (conversationSid: string) =>
    (await started.twilioClient.conversations.v2.conversations.list({ channelId: conversationSid }))[0]?.id;

  before(async () => {
    started = await startEmulator({ bridgeDelayMs: 50 });
    proxy = await countingProxy(started.running.url);
  });
  afterEach(async () => {
    proxy.override = undefined;
    await faults(started.running.url, '');
    proxy.reset();
  });
  after(async () => {
    await proxy.close();
    await started.running.close();
  });

  it('is not-bridged while no configuration bridges the service', async () => {
    const app = contextCompanion(proxy.url);
    const session = await startSession(app);
    const answer = await getContext(app, session);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { link: { status: 'not-bridged' }, ...EMPTY });
  });

  it('is linked to the Orchestrator conversation the bridge made for the chat', async () => {
    await bridgeService(started.twilioClient);
    const app = contextCompanion(proxy.url);
    const session = await startSession(app);
    const answer = await getContext(app, session);
    assert.equal(answer.body.link.status, 'linked');
    const mirrored = await orchestratorIdOf(session.conversationSid);
    assert.ok(mirrored);
    assert.equal(answer.body.link.conversationId, mirrored);
    assert.ok(proxy.calls.some((call) => call.includes(`channelId=${session.conversationSid}`)), proxy.calls.join('\n'));
  });

  it('is pending while the bridge has not synced the chat, after retrying within the wait; linked once it has', async () => {
    const app = contextCompanion(proxy.url, { contextLinkWaitMs: 400, contextPendingTtlMs: 0 });
    await faults(started.running.url, '/bridge', { paused: true });
    const session = await startSession(app);
    proxy.reset();
    const startedAt = Date.now();
    const pending = await getContext(app, session);
    const elapsed = Date.now() - startedAt;
    assert.deepEqual(pending.body, { link: { status: 'pending' }, ...EMPTY });
    assert.ok(elapsed >= 400 && elapsed < 2_000, `answered after ${elapsed} ms`);
    const lookups = proxy.calls.filter((call) => call.includes(`channelId=${session.conversationSid}`));
    assert.ok(lookups.length >= 3, `asked ${lookups.length} times`);

    await faults(started.running.url, '/bridge', { paused: false });
    const linked = await waitFor(async () => {
      const answer = await getContext(app, session);
      return answer.body.link.status === 'linked' ? answer.body : undefined;
    }, 'the link after the bridge resumed');
    assert.equal(linked.link.conversationId, await orchestratorIdOf(session.conversationSid));
  });

  it('is unavailable (still 200, nothing else) when Twilio fails, and recovers once it answers', async () => {
    const app = contextCompanion(proxy.url, { contextPendingTtlMs: 0, twilioTimeoutMs: 1_000 });
    const first = await startSession(app);
    assert.equal((await getContext(app, first)).body.link.status, 'linked');
    const second = await startSession(app);

    await faults(started.running.url, '/fail', { ratio: 1, status: 503, retryAfterSeconds: 0 });
    const failed = await getContext(app, second);
    assert.equal(failed.status, 200);
    assert.deepEqual(failed.body, { link: { status: 'unavailable' }, ...EMPTY });

    await faults(started.running.url, '');
    assert.equal((await getContext(app, second)).body.link.status, 'linked');
  });

  it('is unavailable when the bridge lookup itself fails', async () => {
    const app = contextCompanion(proxy.url, { twilioTimeoutMs: 1_000 });
    const session = await startSession(app);
    await faults(started.running.url, '/fail', { ratio: 1, status: 429, retryAfterSeconds: 0 });
    const answer = await getContext(app, session);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.link.status, 'unavailable');
  });

  describe('when the channelId filter finds nothing (the documented fallback)', () => {
    const hideChatSids = () => {
      proxy.override = (call) =>
        /^GET \/conversations\/v2\/Conversations\?.*channelId=CH/.test(call)
          ? { status: 200, body: { conversations: [], meta: { key: 'conversations', pageSize: 0 } } }
          : undefined;
    };

    it("finds the conversation by the chat's newest message SID, confirmed the same way", async () => {
      const app = contextCompanion(proxy.url);
      const session = await startSession(app, undefined, { firstMessage: 'Do you ship to Canada?' });
      hideChatSids();
      const answer = await getContext(app, session);
      assert.equal(answer.body.link.status, 'linked');
      assert.equal(answer.body.link.conversationId, await orchestratorIdOf(session.conversationSid));
      assert.ok(proxy.calls.some((call) => /channelId=IM[0-9a-f]{32}/.test(call)), proxy.calls.join('\n'));
    });

    it('stays pending for a chat without messages', async () => {
      const app = contextCompanion(proxy.url, { contextLinkWaitMs: 300 });
      const session = await startSession(app);
      hideChatSids();
      assert.equal((await getContext(app, session)).body.link.status, 'pending');
    });
  });
});
