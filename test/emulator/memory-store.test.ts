import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TwilioApiError } from '../../src/emulator/errors.js';
import { MemoryProfileDirectory } from '../../src/emulator/memory/directory.js';
import { recall } from '../../src/emulator/memory/recall.js';
import { MemoryStore } from '../../src/emulator/memory/store.js';
import { DEMO_CUSTOMER } from '../../src/emulator/seed/demo-customer.js';
import { seedMemory } from '../../src/emulator/seed/memory-seed.js';
import { options, startEmulator } from './support.js';

const storeId = options.memoryStoreId;
const conversationId = (n: number) => `conv_conversation_0${String(n).padStart(25, '0')}`;

/** The Orchestrator seeder's answer: one conversation ID per seed conversation key. */
const seededConversations = new Map(
  DEMO_CUSTOMER.conversations.map((conversation, i) => [conversation.key, conversationId(i + 1)]),
);

function memoryError(call: () => unknown): TwilioApiError {
  try {
    call();
  } catch (error) {
    assert.ok(error instanceof TwilioApiError, `expected a TwilioApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('MemoryProfileDirectory.resolveProfile', () => {
  test('the same address resolves to the same profile, a new one to a new profile', () => {
    const store = new MemoryStore(storeId);
    const directory = new MemoryProfileDirectory(store);
    const alice = directory.resolveProfile(storeId, { channel: 'CHAT', address: 'alice' });
    assert.match(alice, /^mem_profile_[0-7][0-9a-z]{25}$/);
    assert.equal(directory.resolveProfile(storeId, { channel: 'CHAT', address: ' alice ' }), alice);
    const bob = directory.resolveProfile(storeId, { channel: 'CHAT', address: 'bob' });
    assert.notEqual(bob, alice);
    assert.deepEqual(store.getProfile(storeId, alice).identifiers, { user_id: ['alice'] });
    assert.deepEqual(store.getProfile(storeId, alice).traits, {});
    assert.equal(store.listProfiles(storeId).length, 2);
  });

  test('phone channels share the number, whatever its format or channel prefix; email ignores case', () => {
    const directory = new MemoryProfileDirectory(new MemoryStore(storeId));
    const caller = directory.resolveProfile(storeId, { channel: 'VOICE', address: '+15555550123' });
    assert.equal(directory.resolveProfile(storeId, { channel: 'SMS', address: '(555) 555-0123' }), caller);
    assert.equal(directory.resolveProfile(storeId, { channel: 'WHATSAPP', address: 'whatsapp:+15555550123' }), caller);
    assert.equal(directory.resolveProfile(storeId, { channel: 'RCS', address: 'rcs:+1 555 555 0123' }), caller);
    assert.notEqual(directory.resolveProfile(storeId, { channel: 'SMS', address: '+15555550199' }), caller);
    const writer = directory.resolveProfile(storeId, { channel: 'EMAIL', address: 'Maya@Example.com' });
    assert.equal(directory.resolveProfile(storeId, { channel: 'EMAIL', address: 'maya@example.com' }), writer);
  });

  test('an unknown store or an address that is no identifier throws Memory errors and creates nothing', () => {
    const store = new MemoryStore(storeId);
    const directory = new MemoryProfileDirectory(store);
    const otherStore = `mem_store_1${'b'.repeat(25)}`;
    const chat = { channel: 'CHAT', address: 'a' } as const;
    assert.equal(memoryError(() => directory.resolveProfile(otherStore, chat)).code, 520041);
    const voiceClient = { channel: 'VOICE', address: 'client:alice' } as const;
    assert.equal(memoryError(() => directory.resolveProfile(storeId, voiceClient)).code, 520046);
    const blank = { channel: 'CHAT', address: '   ' } as const;
    assert.equal(memoryError(() => directory.resolveProfile(storeId, blank)).code, 520046);
    assert.deepEqual(store.listProfiles(storeId), []);
  });
});

describe('MemoryStore snapshots', () => {
  const Prefs = { roasts: ['light', 'dark'], decaf: true, cups: 2 };

  function populated(): { store: MemoryStore; profileId: string } {
    const store = new MemoryStore(storeId);
    const { profile } = store.upsertProfile(storeId, {
      traits: { Contact: { email: 'snap@example.com', firstName: 'Sam' }, Prefs },
      identifiers: [{ idType: 'user_id', value: 'sam' }],
    });
    const conversationIds = [conversationId(1)];
    store.addObservations(storeId, profile.id, [
      { content: 'Likes dark roasts.', source: 'ci', occurredAt: '2026-10-01T10:00:00Z', conversationIds },
    ]);
    store.addSummaries(storeId, profile.id, [
      { content: 'Talked roasts.', conversationId: conversationId(1), occurredAt: '2026-10-01T11:00:00Z' },
    ]);
    return { store, profileId: profile.id };
  }

  test('a JSON round trip restores every record, and new records keep sorting after the old', () => {
    const { store, profileId } = populated();
    const snapshot = store.toSnapshot();
    const restored = new MemoryStore(storeId);
    restored.restore(JSON.parse(JSON.stringify(snapshot)));
    assert.deepEqual(restored.toSnapshot(), snapshot);
    assert.deepEqual(restored.lookup(storeId, { idType: 'user_id', value: 'sam' }).profiles, [profileId]);
    assert.deepEqual(restored.getProfile(storeId, profileId).traits['Prefs'], Prefs);

    const [added] = restored.addObservations(storeId, profileId, [
      { content: 'New.', source: 'ci', occurredAt: '2026-10-02T10:00:00Z' },
    ]);
    const seqs = restored.listObservations(storeId, profileId).map((record) => record.seq);
    assert.equal(added?.seq, Math.max(...seqs));
    assert.equal(new Set(seqs).size, seqs.length);
  });

  test('the snapshot is detached: changing it does not change the store', () => {
    const { store, profileId } = populated();
    const snapshot = store.toSnapshot();
    snapshot.profiles[0]!.traits['Contact'] = {};
    assert.equal(store.getProfile(storeId, profileId).traits['Contact']?.['firstName'], 'Sam');
  });

  test('restore refuses a malformed snapshot and keeps the state; the configured store always exists', () => {
    const { store, profileId } = populated();
    const before = store.toSnapshot();
    const broken = { ...before, observations: [{ ...before.observations[0], occurredAt: 'yesterday' }] };
    assert.throws(() => store.restore(broken), /Not a Memory snapshot: observations\.0\.occurredAt/);
    assert.throws(() => store.restore({ stores: [] }), /Not a Memory snapshot/);
    assert.deepEqual(store.toSnapshot(), before);

    store.restore({ stores: [], profiles: [], observations: [], summaries: [], nextSeq: 1 });
    assert.deepEqual(store.listStores().map((record) => record.id), [storeId]);
    assert.equal(memoryError(() => store.getProfile(storeId, profileId)).code, 520009);
  });
});

describe('seedMemory', () => {
  test('creates the demo customer with identifiers, traits, summaries and observations', () => {
    const store = new MemoryStore(storeId);
    const profileId = seedMemory(store, storeId, DEMO_CUSTOMER, seededConversations);
    const directory = new MemoryProfileDirectory(store);
    const resolve = (channel: 'CHAT' | 'VOICE' | 'EMAIL', address: string) =>
      directory.resolveProfile(storeId, { channel, address });
    assert.equal(resolve('CHAT', DEMO_CUSTOMER.chatIdentity), profileId);
    assert.equal(resolve('VOICE', DEMO_CUSTOMER.phone), profileId);
    assert.equal(resolve('EMAIL', DEMO_CUSTOMER.email), profileId);
    assert.equal(store.listProfiles(storeId).length, 1);

    const profile = store.getProfile(storeId, profileId);
    assert.deepEqual(profile.traits, DEMO_CUSTOMER.traits);
    const summaries = store.listSummaries(storeId, profileId);
    assert.deepEqual(
      summaries.map((summary) => [summary.conversationId, summary.content, summary.createdAt]),
      DEMO_CUSTOMER.conversations.map((conversation, i) => [
        conversationId(i + 1),
        conversation.summary,
        new Date(conversation.endedAt).toISOString(),
      ]),
    );
    const observations = store.listObservations(storeId, profileId);
    assert.equal(observations.length, DEMO_CUSTOMER.observations.length);
    const espresso = observations.find((observation) => observation.content.includes('espresso'));
    assert.deepEqual(espresso?.conversationIds, [seededConversations.get('grind-change-sms')]);
  });

  test('seeding again, or into a profile the bridge already made, adds nothing twice', () => {
    const store = new MemoryStore(storeId);
    const directory = new MemoryProfileDirectory(store);
    const caller = directory.resolveProfile(storeId, { channel: 'SMS', address: DEMO_CUSTOMER.phone });
    assert.equal(seedMemory(store, storeId, DEMO_CUSTOMER, seededConversations), caller);
    assert.equal(seedMemory(store, storeId, DEMO_CUSTOMER, seededConversations), caller);
    assert.equal(store.listProfiles(storeId).length, 1);
    assert.equal(store.listSummaries(storeId, caller).length, DEMO_CUSTOMER.conversations.length);
    assert.equal(store.listObservations(storeId, caller).length, DEMO_CUSTOMER.observations.length);
  });

  test('a seed conversation without an Orchestrator ID fails before anything is written', () => {
    const store = new MemoryStore(storeId);
    const partial = new Map([...seededConversations].slice(1));
    assert.throws(() => seedMemory(store, storeId, DEMO_CUSTOMER, partial), /late-delivery-call/);
    assert.deepEqual(store.listProfiles(storeId), []);
  });

  test('the seeded memory reads back through the REST API', async () => {
    const started = await startEmulator();
    try {
      const profileId = seedMemory(started.emulator.memory, storeId, DEMO_CUSTOMER, seededConversations);
      const memory = started.twilioClient.memory.v1;
      const found = await memory.lookup(storeId).create({ idType: 'user_id', value: DEMO_CUSTOMER.chatIdentity });
      assert.deepEqual(found.profiles, [profileId]);
      const profile = await memory.profiles(storeId, profileId).fetch({ traitGroups: 'Loyalty' });
      assert.deepEqual(profile.traits, { Loyalty: DEMO_CUSTOMER.traits.Loyalty });
      const summaries = await memory.conversationSummaries(storeId, profileId).list();
      assert.equal(summaries[0]?.content, DEMO_CUSTOMER.conversations.at(-1)?.summary, 'newest first');
      const recalled = await memory.recall(storeId, profileId).create({ query: 'espresso machine grind' });
      assert.match(recalled.summaries[0]?.content ?? '', /espresso machine/);
    } finally {
      await started.running.close();
    }
  });
});

describe('recall', () => {
  const at = (day: number) => `2026-10-0${day}T10:00:00Z`;
  const observations = [1, 2, 3].map((day) => ({
    id: `o${day}`,
    profileId: 'p',
    content: day === 1 ? 'Loves Ethiopian roasts' : `Note ${day}`,
    source: 'ci',
    occurredAt: at(day),
    conversationIds: [],
    createdAt: at(day),
    updatedAt: at(day),
    seq: day,
  }));

  test('is deterministic, and a query of stop words only falls back to most recent without scores', () => {
    const request = { query: 'ethiopian roast', observationsLimit: 20, summariesLimit: 5, relevanceThreshold: 0 };
    const ranking = (result: ReturnType<typeof recall>) =>
      result.observations.map(({ record, score }) => [record.id, score]);
    const first = recall(observations, [], request);
    assert.deepEqual(recall([...observations].reverse(), [], request), first);
    assert.deepEqual(ranking(first), [['o1', 1], ['o3', 0], ['o2', 0]]);

    const vague = recall(observations, [], { ...request, query: 'what is the' });
    assert.deepEqual(ranking(vague), [['o3', undefined], ['o2', undefined], ['o1', undefined]]);
  });
});
