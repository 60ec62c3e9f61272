import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type BridgeTestProgress, testBridge } from '../../src/server/bridge/index.js';
import { createTwilioClient } from '../../src/server/index.js';
import { bridgeService, options, startEmulator, type StartedEmulator } from '../emulator/support.js';

const clientFor = (emulatorUrl: string) => createTwilioClient({ ...options, emulatorUrl, twilioTimeoutMs: 5_000 });

const faults = (started: StartedEmulator, path: string, body?: unknown) =>
  fetch(`${started.running.url}/__emulator/faults${path}`, {
    method: body === undefined ? 'DELETE' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then((response) => assert.equal(response.status, 200));

/** Classic conversations left in the service (the test deletes its own). */
const classicConversations = (started: StartedEmulator) => started.service.conversations.list();

describe('testBridge', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  it('fails at the first step, creating nothing, while the service is not bridged', async () => {
    const result = await testBridge(clientFor(started.running.url), options.serviceSid, { timeoutMs: 2_000 });
    assert.equal(result.ok, false);
    assert.equal(result.failure?.step, 'bridge');
    assert.match(result.failure?.message ?? '', /is not bridged/);
    assert.equal(result.conversationSid, undefined);
    assert.deepEqual(await classicConversations(started), []);
  });

  it('sends a classic message and finds its conversation, CHAT participant and communication in the Orchestrator', async () => {
    const configurationId = await bridgeService(started.twilioClient);
    const steps: string[] = [];
    const result = await testBridge(clientFor(started.running.url), options.serviceSid, {
      timeoutMs: 5_000,
      onProgress: (progress: BridgeTestProgress) => {
        if (progress.kind === 'step') steps.push(progress.step);
      },
    });

    assert.equal(result.ok, true, result.failure?.message);
    assert.deepEqual(steps, ['bridge', 'conversation', 'message', 'orchestrator-conversation', 'participant', 'communication']);
    assert.equal(result.configurationId, configurationId);
    assert.match(result.conversationSid ?? '', /^CH[0-9a-f]{32}$/);
    assert.match(result.messageSid ?? '', /^IM[0-9a-f]{32}$/);
    assert.ok(result.timings.syncMs !== undefined && result.timings.syncMs >= options.bridgeDelayMs);
    assert.ok(result.timings.totalMs >= result.timings.syncMs);

    // What it reports is what the Orchestrator holds.
    const v2 = started.twilioClient.conversations.v2;
    const [mirror] = await v2.conversations.list({ channelId: result.conversationSid! });
    assert.equal(mirror?.id, result.orchestratorConversationId);
    const [participant] = await v2.participants(result.orchestratorConversationId!).list();
    assert.equal(participant?.id, result.participantId);
    assert.deepEqual({ ...participant?.addresses[0] }, { channel: 'CHAT', address: result.identity, channelId: result.conversationSid });
    const [communication] = await v2.communications(result.orchestratorConversationId!).list();
    assert.equal(communication?.id, result.communicationId);
    assert.equal(communication?.resourceId, result.messageSid);

    assert.equal(result.cleanedUp, true);
    assert.deepEqual(await classicConversations(started), [], 'the test conversation is deleted');
  });

  it('fails at the Orchestrator step when the bridge is paused, and still cleans up', async () => {
    await faults(started, '/bridge', { paused: true });
    try {
      const result = await testBridge(clientFor(started.running.url), options.serviceSid, { timeoutMs: 300 });
      assert.equal(result.ok, false);
      assert.equal(result.failure?.step, 'orchestrator-conversation');
      assert.match(result.failure?.message ?? '', new RegExp(`No Orchestrator conversation has channelId ${result.conversationSid} after 0\\.\\d s`));
      assert.equal(result.communicationId, undefined);
      assert.equal(result.cleanedUp, true);
      assert.deepEqual(await classicConversations(started), []);
    } finally {
      await faults(started, '');
    }
  });

  it('reports Twilio being unavailable as a failed step, not an exception', async () => {
    await faults(started, '/fail', { ratio: 1, status: 503, retryAfterSeconds: 0 });
    try {
      const result = await testBridge(clientFor(started.running.url), options.serviceSid, { timeoutMs: 300 });
      assert.equal(result.ok, false);
      assert.equal(result.failure?.step, 'bridge');
      assert.match(result.failure?.message ?? '', /^Twilio answered 503 \(error 20503\)/);
    } finally {
      await faults(started, '');
    }
  });
});
