import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_DEFAULTS } from '../../src/demo-defaults.js';
import { DEMO_CUSTOMER } from '../../src/emulator/index.js';
import { TraitAllowlist } from '../../src/server/context/allowlist.js';
import { companionOptionsFromEnv, parseCompanionOptions, type CompanionOptions } from '../../src/server/settings.js';
import { bridgeService, startEmulator, type StartedEmulator } from '../emulator/support.js';
import { contextCompanion, demoProfileId, getContext, startSession } from './context-support.js';

const MAYA = DEMO_CUSTOMER.chatIdentity;
const { traits } = DEMO_CUSTOMER;

/** Every trait value and observation of the seeded customer but her first name (long enough not to match JSON by chance). */
const privateValues = [
  'Chen',
  DEMO_CUSTOMER.email,
  DEMO_CUSTOMER.phone,
  ...Object.values(traits.Preferences),
  ...Object.values(traits.Loyalty),
  ...DEMO_CUSTOMER.observations.map((observation) => observation.content),
].filter((value) => value.length > 3);

describe('/context memory', () => {
  let started: StartedEmulator;
  /**
   * Her context, and its raw JSON without the history: past summaries may
   * mention anything (they are shown by design), so the rest is what must
   * hold nothing but the allowlisted memory.
   */
  const mayaContext = async (overrides: Partial<CompanionOptions> = {}) => {
    const app = contextCompanion(started.running.url, overrides);
    const { body, raw } = await getContext(app, await startSession(app, MAYA), { user: MAYA });
    const { history, ...rest } = JSON.parse(raw) as { history: { items: object[] } };
    for (const item of history.items) assert.deepEqual(Object.keys(item).sort(), ['channel', 'conversationId', 'startedAt', 'summary']);
    return { body, raw: JSON.stringify(rest) };
  };

  before(async () => {
    started = await startEmulator({ seed: true, bridgeDelayMs: 50 });
    await bridgeService(started.twilioClient, 'GROUP_BY_PROFILE');
  });
  after(() => started.running.close());

  it('exposes nothing but the display name by default: no other trait or observation is in the raw answer', async () => {
    const { body, raw } = await mayaContext();
    assert.deepEqual(body.memory, { displayName: 'Maya', traits: {}, observations: [] });
    for (const value of [...privateValues, demoProfileId(started), 'mem_profile']) {
      assert.ok(!raw.includes(value), `"${value}" left the server`);
    }
  });

  it('exposes whole allowlisted groups, and nothing of the others', async () => {
    const { body, raw } = await mayaContext({ memoryTraits: ['Loyalty.*'] });
    assert.deepEqual(body.memory.traits, { Loyalty: { tier: 'Gold', memberSince: '2024-03-14' } });
    for (const value of [DEMO_CUSTOMER.email, traits.Preferences.favoriteRoast, traits.Preferences.grind]) {
      assert.ok(!raw.includes(value), value);
    }
  });

  it('exposes single allowlisted traits; unknown groups and traits add nothing', async () => {
    const { body, raw } = await mayaContext({
      memoryTraits: ['Preferences.favoriteRoast', 'Contact.firstName', 'Loyalty.points', 'Missing.*'],
    });
    assert.deepEqual(body.memory.traits, { Preferences: { favoriteRoast: 'Ethiopia Guji' }, Contact: { firstName: 'Maya' } });
    for (const value of [traits.Preferences.grind, traits.Loyalty.tier, 'Chen']) assert.ok(!raw.includes(value), value);
  });

  it('exposes observations, newest first, only when switched on', async () => {
    const { body } = await mayaContext({ memoryObservations: true });
    const { observations } = body.memory;
    assert.deepEqual(
      observations.map((observation) => observation.content).sort(),
      DEMO_CUSTOMER.observations.map((observation) => observation.content).sort(),
    );
    const times = observations.map((observation) => Date.parse(observation.occurredAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.deepEqual(body.memory.traits, {});
  });
});

describe('trait allowlist', () => {
  const stored = {
    Contact: { firstName: 'Ada', email: 'ada@example.com' },
    Preferences: { tags: ['decaf', 'oat milk'], nested: { a: 1 }, empty: [], size: 12, active: true, mixed: [1, ['x']] },
  };

  it('keeps named traits and whole groups; lists become one string; objects and nested lists never pass', () => {
    const allowlist = new TraitAllowlist(['Preferences.*', 'Contact.firstName']);
    assert.deepEqual(allowlist.groups, ['Preferences', 'Contact']);
    assert.deepEqual(allowlist.filter(stored), {
      Preferences: { tags: 'decaf, oat milk', size: 12, active: true },
      Contact: { firstName: 'Ada' },
    });
  });

  it('lets a whole group win over single traits of it, in any order', () => {
    assert.deepEqual(new TraitAllowlist(['Contact.firstName', 'Contact.*']).filter(stored), { Contact: stored.Contact });
    assert.deepEqual(new TraitAllowlist(['Contact.*', 'Contact.firstName']).filter(stored), { Contact: stored.Contact });
  });

  it('gives nothing for an empty allowlist', () => {
    assert.deepEqual(new TraitAllowlist([]).filter(stored), {});
    assert.deepEqual(new TraitAllowlist([]).groups, []);
  });
});

describe('memory settings', () => {
  const parse = (env: Record<string, string>) => parseCompanionOptions(companionOptionsFromEnv({ ...DEMO_DEFAULTS, ...env }));

  it('reads the allowlist, observations, store and context timings from the environment', () => {
    const settings = parse({
      BRIDGE_CHAT_MEMORY_TRAITS: 'Loyalty.*, Preferences.favoriteRoast',
      BRIDGE_CHAT_MEMORY_OBSERVATIONS: 'on',
      BRIDGE_CHAT_CONTEXT_CACHE_TTL_MS: '5000',
      BRIDGE_CHAT_CONTEXT_PENDING_TTL_MS: '500',
      BRIDGE_CHAT_CONTEXT_LINK_WAIT_MS: '1000',
    });
    assert.deepEqual(settings.memoryTraits, ['Loyalty.*', 'Preferences.favoriteRoast']);
    assert.equal(settings.memoryObservations, true);
    assert.equal(settings.memoryStoreId, DEMO_DEFAULTS.TWILIO_MEMORY_STORE_ID);
    assert.deepEqual([settings.contextCacheTtlMs, settings.contextPendingTtlMs, settings.contextLinkWaitMs], [5000, 500, 1000]);
  });

  it('defaults to exposing nothing, observations off, and the documented timings', () => {
    const { TWILIO_MEMORY_STORE_ID: _unset, ...withoutStore } = DEMO_DEFAULTS;
    const settings = parseCompanionOptions(companionOptionsFromEnv(withoutStore));
    assert.deepEqual(settings.memoryTraits, []);
    assert.equal(settings.memoryObservations, false);
    assert.equal(settings.memoryStoreId, undefined);
    assert.deepEqual([settings.contextCacheTtlMs, settings.contextPendingTtlMs, settings.contextLinkWaitMs], [15_000, 2_000, 3_000]);
  });

  it('names a malformed allowlist entry, flag or store ID and its variable', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ BRIDGE_CHAT_MEMORY_TRAITS: 'Loyalty' }, /memoryTraits \(BRIDGE_CHAT_MEMORY_TRAITS\).*Group\.trait/],
      [{ BRIDGE_CHAT_MEMORY_TRAITS: '*.*' }, /BRIDGE_CHAT_MEMORY_TRAITS/],
      [{ BRIDGE_CHAT_MEMORY_OBSERVATIONS: 'sometimes' }, /BRIDGE_CHAT_MEMORY_OBSERVATIONS.*true or false/],
      [{ TWILIO_MEMORY_STORE_ID: 'store-1' }, /memoryStoreId \(TWILIO_MEMORY_STORE_ID\)/],
      [{ BRIDGE_CHAT_CONTEXT_CACHE_TTL_MS: 'soon' }, /BRIDGE_CHAT_CONTEXT_CACHE_TTL_MS/],
    ];
    for (const [env, message] of cases) assert.throws(() => parse(env), message);
  });
});
