import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { ConversationStore } from '../../src/emulator/classic/store.js';
import type { ProfileAddress, ProfileDirectory } from '../../src/emulator/memory/profile-directory.js';
import { Orchestrator } from '../../src/emulator/orchestrator/orchestrator.js';
import type { ConfigurationSettings, GroupingType } from '../../src/emulator/orchestrator/store.js';
import { DEMO_CUSTOMER } from '../../src/emulator/seed/demo-customer.js';
import { seedOrchestratorHistory } from '../../src/emulator/seed/orchestrator-seed.js';
import { options } from './support.js';

const MAYA_PROFILE = 'mem_profile_' + '7'.repeat(26);

/** Knows Maya by her chat identity and her phone; anyone else gets a fresh profile. */
class FakeProfileDirectory implements ProfileDirectory {
  readonly calls: Array<[string, ProfileAddress]> = [];

  resolveProfile(storeId: string, address: ProfileAddress): string {
    this.calls.push([storeId, address]);
    const isMaya = address.address === DEMO_CUSTOMER.chatIdentity || address.address === DEMO_CUSTOMER.phone;
    return isMaya ? MAYA_PROFILE : 'mem_profile_' + '8'.repeat(26);
  }
}

const bridged = (grouping: GroupingType): ConfigurationSettings => ({
  displayName: 'bridge',
  description: 'Bridges the classic service',
  conversationGroupingType: grouping,
  memoryStoreId: options.memoryStoreId,
  channelSettings: {},
  statusCallbacks: [],
  intelligenceConfigurationIds: [],
  memoryExtractionEnabled: false,
  conversationsV1Bridge: { serviceId: options.serviceSid },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await sleep(5);
  }
}

describe('classic bridge (stores wired directly)', () => {
  const disposers: Array<() => void> = [];
  afterEach(() => {
    for (const dispose of disposers.splice(0)) dispose();
  });

  function setUp(bridgeDelayMs: number, profiles?: ProfileDirectory, classic = new ConversationStore()) {
    const orchestrator = new Orchestrator({
      accountSid: options.accountSid,
      serviceSid: options.serviceSid,
      memoryStoreId: options.memoryStoreId,
      classic,
      bridgeDelayMs,
      operationStepMs: 5,
      ...(profiles ? { profiles } : {}),
    });
    disposers.push(() => orchestrator.dispose());
    return { classic, orchestrator, store: orchestrator.store };
  }

  test('the delay is honoured: nothing appears before it, everything after', async () => {
    const { classic, store } = setUp(150);
    store.createConfigurationNow(bridged('GROUP_BY_PARTICIPANT_ADDRESSES'));
    const chat = classic.createConversation({ friendlyName: 'slow sync' });
    classic.addParticipant(chat.sid, { identity: 'visitor' });
    const message = classic.addMessage(chat.sid, { author: 'visitor', body: 'hello' });

    await sleep(60);
    assert.deepEqual(store.listConversations(), [], 'nothing before the delay');
    await waitUntil(() => store.listConversations({ channelId: chat.sid }).length === 1, 'the mirror');
    const [conversation] = store.listConversations({ channelId: chat.sid });
    await waitUntil(() => store.listCommunications(conversation?.id ?? '').length === 1, 'the communication');
    assert.equal(store.listCommunications(conversation?.id ?? '')[0]?.resourceId, message.sid);
  });

  test('GROUP_BY_PROFILE: the chat customer gets her Memory profile, shared with her seeded calls and texts', async () => {
    const directory = new FakeProfileDirectory();
    const { classic, orchestrator, store } = setUp(10, directory);
    const history = seedOrchestratorHistory(store, DEMO_CUSTOMER, {
      memoryStoreId: options.memoryStoreId,
      profileId: directory.resolveProfile(options.memoryStoreId, { channel: 'VOICE', address: DEMO_CUSTOMER.phone }),
    });
    directory.calls.length = 0;
    store.createConfigurationNow(bridged('GROUP_BY_PROFILE'));

    const chat = classic.createConversation({});
    classic.addParticipant(chat.sid, { identity: DEMO_CUSTOMER.chatIdentity });
    classic.addMessage(chat.sid, { author: DEMO_CUSTOMER.chatIdentity, body: 'Is my Guji on its way?' });
    classic.addMessage(chat.sid, { author: 'agent-priya', body: 'Yes, it ships Thursday.' });
    await waitUntil(() => orchestrator.bridge.pendingSyncs === 0 && store.listConversations({ channelId: chat.sid }).length === 1, 'sync');

    const conversationId = orchestrator.bridge.conversationIdFor(chat.sid) ?? '';
    const participants = store.listParticipants(conversationId);
    assert.deepEqual(
      participants.map((participant) => [participant.type, participant.profileId]),
      [
        ['CUSTOMER', MAYA_PROFILE],
        ['HUMAN_AGENT', null],
      ],
    );
    assert.deepEqual(directory.calls, [[options.memoryStoreId, { channel: 'CHAT', address: DEMO_CUSTOMER.chatIdentity }]]);

    const sharing = store
      .listConversations()
      .filter((conversation) =>
        store.listParticipants(conversation.id).some((participant) => participant.profileId === MAYA_PROFILE),
      )
      .map((conversation) => conversation.id);
    assert.deepEqual(sharing.sort(), [...history.values(), conversationId].sort());
  });

  test('a JSON snapshot round trip keeps pending operations and syncs, and replays duplicate nothing', async () => {
    const before = setUp(20);
    before.store.createConfigurationNow(bridged('GROUP_BY_PARTICIPANT_ADDRESSES'));
    const chat = before.classic.createConversation({ friendlyName: 'persisted' });
    before.classic.addParticipant(chat.sid, { identity: 'visitor' });
    const first = before.classic.addMessage(chat.sid, { author: 'visitor', body: 'one' });
    await waitUntil(() => before.store.listConversations({ channelId: chat.sid }).length === 1, 'first sync');
    const conversationId = before.orchestrator.bridge.conversationIdFor(chat.sid) ?? '';
    await waitUntil(() => before.store.listCommunications(conversationId).length === 1, 'first communication');

    before.orchestrator.bridge.pause();
    const second = before.classic.addMessage(chat.sid, { author: 'agent', body: 'two' });
    const pendingCreate = before.store.requestCreate({ ...bridged('GROUP_BY_PROFILE'), displayName: 'later', conversationsV1Bridge: null });
    const saved = JSON.parse(
      JSON.stringify({ classic: before.classic.toSnapshot(), orchestrator: before.orchestrator.toSnapshot() }),
    ) as { classic: ReturnType<ConversationStore['toSnapshot']>; orchestrator: ReturnType<Orchestrator['toSnapshot']> };
    assert.equal(saved.orchestrator.bridge.pending.length, 1);
    assert.equal(saved.orchestrator.store.operations.find((item) => item.id === pendingCreate.id)?.status, 'PENDING');
    for (const dispose of disposers.splice(0)) dispose();

    const classic = new ConversationStore();
    classic.restore(saved.classic);
    const after = setUp(20, undefined, classic);
    after.orchestrator.restore(saved.orchestrator);
    assert.deepEqual(after.store.toSnapshot(), saved.orchestrator.store, 'restore brings back exactly the saved state');

    await waitUntil(() => after.store.findOperation(pendingCreate.id)?.status === 'COMPLETED', 'the operation');
    assert.ok(after.store.findConfiguration(pendingCreate.configurationId));
    await waitUntil(() => after.store.listCommunications(conversationId).length === 2, 'the held message');
    after.orchestrator.restore(after.orchestrator.toSnapshot());
    await sleep(100);
    assert.equal(after.orchestrator.bridge.conversationIdFor(chat.sid), conversationId);
    assert.deepEqual(after.store.listConversations({ channelId: chat.sid }).map((item) => item.id), [conversationId]);
    assert.deepEqual(
      after.store.listCommunications(conversationId).map((item) => item.resourceId),
      [first.sid, second.sid],
    );
    assert.equal(after.store.listParticipants(conversationId).length, 2);
  });
});
