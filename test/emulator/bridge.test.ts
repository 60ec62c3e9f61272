import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bridgeService, options, startEmulator, waitFor, type StartedEmulator } from './support.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Helpers over one started emulator's Orchestrator API. */
function orchestratorOf(started: StartedEmulator) {
  const v2 = started.twilioClient.conversations.v2;
  return {
    async conversationsFor(conversationSid: string) {
      return v2.conversations.list({ channelId: conversationSid });
    },
    /** The mirror of a classic conversation once it has `count` communications. */
    async mirrored(conversationSid: string, count: number) {
      return waitFor(async () => {
        const [conversation, ...others] = await v2.conversations.list({ channelId: conversationSid });
        assert.equal(others.length, 0, 'one Orchestrator conversation per classic conversation');
        const id = conversation?.id;
        if (!conversation || id === undefined) return undefined;
        const communications = await v2.communications(id).list();
        return communications.length >= count ? { conversation, id, communications } : undefined;
      }, `${count} communications for ${conversationSid}`);
    },
    participants: (conversationId: string) => v2.participants(conversationId).list(),
    communications: (conversationId: string) => v2.communications(conversationId).list(),
    fetch: (conversationId: string) => v2.conversations(conversationId).fetch(),
  };
}

describe('classic ↔ Orchestrator bridge (through the REST APIs)', () => {
  let started: StartedEmulator;
  let configurationId: string;
  before(async () => {
    started = await startEmulator();
    configurationId = await bridgeService(started.twilioClient);
  });
  after(() => started.running.close());

  test('one Orchestrator conversation per classic conversation, a CHAT customer, messages and agent replies as communications', async () => {
    const orchestrator = orchestratorOf(started);
    const classic = await started.service.conversations.create({ friendlyName: 'Help with my order' });
    const messages = started.service.conversations(classic.sid).messages;
    await started.service.conversations(classic.sid).participants.create({ identity: 'visitor-42' });
    const question = await messages.create({ author: 'visitor-42', body: 'Where is my parcel?' });
    const reply = await messages.create({ author: 'agent-jordan', body: 'It ships today.' });

    const { conversation, id, communications } = await orchestrator.mirrored(classic.sid, 2);
    assert.equal(conversation.configurationId, configurationId);
    assert.equal(conversation.status, 'ACTIVE');
    assert.equal(conversation.name, 'Help with my order');

    const participants = await orchestrator.participants(id);
    const customer = participants.find((participant) => participant.type === 'CUSTOMER');
    const agent = participants.find((participant) => participant.type === 'HUMAN_AGENT');
    assert.deepEqual(customer?.addresses?.map((address) => ({ ...address })), [
      { channel: 'CHAT', address: 'visitor-42', channelId: classic.sid },
    ]);
    assert.equal(agent?.addresses?.[0]?.address, 'agent-jordan');
    assert.equal(participants.length, 2);

    assert.deepEqual(
      communications.map((item) => [item.resourceId, item.content.type, item.content.text, item.author.participantId]),
      [
        [question.sid, 'TEXT', 'Where is my parcel?', customer?.id],
        [reply.sid, 'TEXT', 'It ships today.', agent?.id],
      ],
    );
    assert.ok(communications.every((item) => item.channelId === classic.sid && item.author.channel === 'CHAT'));
    assert.equal(communications[0]?.occurredAt.getTime(), Math.floor(question.dateCreated.getTime() / 1000) * 1000);

    // A later reply syncs the same way, into the same conversation.
    const followUp = await messages.create({ author: 'agent-jordan', body: 'Tracking link sent.' });
    const synced = await orchestrator.mirrored(classic.sid, 3);
    assert.equal(synced.id, id);
    assert.equal(synced.communications[2]?.resourceId, followUp.sid);

    await started.service.conversations(classic.sid).update({ state: 'closed' });
    await waitFor(async () => ((await orchestrator.fetch(id)).status === 'CLOSED' ? true : undefined), 'CLOSED');
    assert.equal((await orchestrator.conversationsFor(classic.sid)).length, 1);
  });

  test('pause holds every sync; resume delivers them in order, once', async () => {
    const orchestrator = orchestratorOf(started);
    const bridge = started.emulator.orchestrator.bridge;
    const classic = await started.service.conversations.create({ friendlyName: 'Paused chat' });
    await started.service.conversations(classic.sid).participants.create({ identity: 'visitor-paused' });
    const first = await started.service.conversations(classic.sid).messages.create({ author: 'visitor-paused', body: 'one' });
    await orchestrator.mirrored(classic.sid, 1);

    bridge.pause();
    try {
      const held: string[] = [];
      for (const body of ['two', 'three', 'four']) {
        held.push((await started.service.conversations(classic.sid).messages.create({ author: 'visitor-paused', body })).sid);
      }
      await sleep(options.bridgeDelayMs * 5);
      const [conversation] = await orchestrator.conversationsFor(classic.sid);
      assert.equal((await orchestrator.communications(conversation?.id ?? '')).length, 1, 'nothing syncs while paused');
      assert.ok(bridge.pendingSyncs >= 3);

      bridge.resume();
      const { communications } = await orchestrator.mirrored(classic.sid, 4);
      assert.deepEqual(communications.map((item) => item.resourceId), [first.sid, ...held]);
      await sleep(options.bridgeDelayMs * 5);
      assert.equal((await orchestrator.communications(conversation?.id ?? '')).length, 4, 'no duplicates');
      assert.equal(bridge.pendingSyncs, 0);
    } finally {
      bridge.resume();
    }
  });
});

describe('classic bridge activation and removal', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  test('nothing is mirrored before a bridge; existing conversations are mirrored when it starts; deleting it stops bridging', async () => {
    const orchestrator = orchestratorOf(started);
    const classic = await started.service.conversations.create({ friendlyName: 'Before the bridge' });
    await started.service.conversations(classic.sid).participants.create({ identity: 'early-visitor' });
    const early = await started.service.conversations(classic.sid).messages.create({ author: 'early-visitor', body: 'hi' });
    await sleep(options.bridgeDelayMs * 5);
    assert.deepEqual(await orchestrator.conversationsFor(classic.sid), [], 'no bridge, no mirror');

    const configurationId = await bridgeService(started.twilioClient);
    const { id, communications } = await orchestrator.mirrored(classic.sid, 1);
    assert.deepEqual(communications.map((item) => item.resourceId), [early.sid]);
    assert.equal((await orchestrator.participants(id))[0]?.type, 'CUSTOMER');

    const v2 = started.twilioClient.conversations.v2;
    const removal = await v2.configurations(configurationId).remove();
    const operationId = (removal.statusUrl ?? '').split('/').pop() ?? '';
    await waitFor(async () => ((await v2.operations(operationId).fetch()).status === 'COMPLETED' ? true : undefined), 'delete');

    await started.service.conversations(classic.sid).messages.create({ author: 'early-visitor', body: 'anyone?' });
    const later = await started.service.conversations.create({ friendlyName: 'After the bridge' });
    await sleep(options.bridgeDelayMs * 5);
    assert.equal((await orchestrator.communications(id)).length, 1, 'no sync after the bridge is deleted');
    assert.deepEqual(await orchestrator.conversationsFor(later.sid), []);
  });
});
