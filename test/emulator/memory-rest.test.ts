import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import twilio from 'twilio';
import { EmulatorHttpClient } from '../../src/server/twilio/emulator-http-client.js';
import { options, restError, startEmulator, type StartedEmulator } from './support.js';

/** Records every request the twilio library makes, to prove it really paged. */
class RecordingHttpClient extends EmulatorHttpClient {
  readonly requests: string[] = [];

  override request<TData>(opts: Parameters<EmulatorHttpClient['request']>[0] & { data?: TData }) {
    this.requests.push(`${opts.method.toUpperCase()} ${opts.uri}`);
    return super.request<TData>(opts);
  }
}

/** An Orchestrator conversation ID (a Twilio Type ID). */
const conversationId = (n: number) => `conv_conversation_0${String(n).padStart(25, '0')}`;

const PROFILE_ID = /^mem_profile_[0-7][0-9a-z]{25}$/;
const storeId = options.memoryStoreId;

describe('Memory v1 through the official twilio library', () => {
  let started: StartedEmulator;
  let memory: twilio.Twilio['memory']['v1'];
  /** A profile with traits in three groups, made through Create Profile. */
  let mayaId: string;
  /** A new profile known by its email. */
  const newProfile = async (email: string) => {
    const created = await memory.profiles(storeId).create({ traits: { Contact: { email } } });
    return created.id!;
  };

  before(async () => {
    started = await startEmulator();
    memory = started.twilioClient.memory.v1;
    const created = await memory.profiles(storeId).create({
      traits: {
        Contact: { firstName: 'Maya', email: 'Maya.Chen@Example.com', phone: '(555) 555-0123' },
        Loyalty: { tier: 'Gold', points: 1250 },
        Preferences: { roasts: ['light', 'medium'], decaf: false },
      },
    });
    mayaId = created.id!;
  });
  after(() => started.running.close());

  test('the configured store exists from start: listed, fetched, with its identity resolution settings', async () => {
    assert.deepEqual(await memory.stores.list(), [storeId]);
    const store = await memory.stores(storeId).fetch();
    assert.equal(store.id, storeId);
    assert.equal(store.status, 'ACTIVE');
    assert.equal(store.version, 1);
    assert.match(store.displayName ?? '', /^[a-zA-Z0-9-]+$/);

    const settings = await memory.identityResolutionSettings(storeId).fetch();
    assert.deepEqual(settings.matchingRules, ['email', 'phone', 'whatsapp', 'user_id']);
    assert.equal(settings.identifierConfigs?.find((config) => config.idType === 'phone')?.normalization, 'phone');
  });

  test('Create Profile answers 202 with the ID and resolves a known identifier to the same profile', async () => {
    assert.match(mayaId, PROFILE_ID);
    const again = await memory.profiles(storeId).createWithHttpInfo({
      traits: { Contact: { phone: '+15555550123' }, Loyalty: { points: 1300 } },
    });
    assert.equal(again.statusCode, 202);
    assert.equal(again.body.id, mayaId);
    assert.match(again.body.message ?? '', /accepted/);
    const profile = await memory.profiles(storeId, mayaId).fetch({ traitGroups: 'Loyalty' });
    assert.deepEqual(profile.traits, { Loyalty: { tier: 'Gold', points: 1300 } });
  });

  test('Get Profile returns only the requested trait groups, and all of them without traitGroups', async () => {
    const some = await memory.profiles(storeId, mayaId).fetch({ traitGroups: 'Contact, Preferences,Unknown' });
    assert.equal(some.id, mayaId);
    assert.ok(some.createdAt instanceof Date && !Number.isNaN(some.createdAt.getTime()));
    assert.deepEqual(Object.keys(some.traits ?? {}).sort(), ['Contact', 'Preferences']);
    assert.deepEqual(some.traits?.['Preferences'], { roasts: ['light', 'medium'], decaf: false });

    const all = await memory.profiles(storeId, mayaId).fetch();
    assert.deepEqual(Object.keys(all.traits ?? {}).sort(), ['Contact', 'Loyalty', 'Preferences']);
  });

  test('Patch Profile adds and changes traits, and a null value removes one', async () => {
    const patched = await memory.profiles(storeId, mayaId).patchWithHttpInfo({
      traits: { Preferences: { decaf: null, grind: 'espresso fine' }, Support: { disposition: 'resolved' } },
    });
    assert.equal(patched.statusCode, 202);
    const profile = await memory.profiles(storeId, mayaId).fetch({ traitGroups: 'Preferences,Support' });
    assert.deepEqual(profile.traits, {
      Preferences: { roasts: ['light', 'medium'], grind: 'espresso fine' },
      Support: { disposition: 'resolved' },
    });
  });

  test('Lookup normalizes the value and finds the profile; an unknown identifier is a 404', async () => {
    const byPhone = await memory.lookup(storeId).create({ idType: 'phone', value: '1-555-555-0123' });
    assert.equal(byPhone.normalizedValue, '+15555550123');
    assert.deepEqual(byPhone.profiles, [mayaId]);
    const byEmail = await memory.lookup(storeId).create({ idType: 'email', value: ' maya.chen@EXAMPLE.com' });
    assert.deepEqual(byEmail.profiles, [mayaId]);

    const missing = await restError(() =>
      memory.lookup(storeId).create({ idType: 'email', value: 'nobody@example.com' }),
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.code, 20404);
    const unknownType = await restError(() => memory.lookup(storeId).create({ idType: 'fax', value: '123' }));
    assert.equal(unknownType.status, 400);
    assert.equal(unknownType.code, 520046);
  });

  test('identifiers: promoted from Contact traits, added explicitly, listed and fetched by type', async () => {
    const identifiers = memory.identifiers(storeId, mayaId);
    const added = await identifiers.createWithHttpInfo({ idType: 'user_id', value: ' maya-42 ' });
    assert.equal(added.statusCode, 202);
    const all = await identifiers.list();
    assert.deepEqual(
      all.map((identifier) => [identifier.idType, identifier.values]),
      [
        ['email', ['maya.chen@example.com']],
        ['phone', ['+15555550123']],
        ['user_id', ['maya-42']],
      ],
    );
    const userIds = await memory.identifiers(storeId, mayaId, 'user_id').fetch();
    assert.deepEqual(userIds.values, ['maya-42']);
    const none = await restError(() => memory.identifiers(storeId, mayaId, 'whatsapp').fetch());
    assert.equal(none.code, 520014);
    assert.equal(none.status, 404);
  });

  test('List Profiles pages newest first by default and oldest first with orderBy ASC', async () => {
    const others: string[] = [];
    for (const n of [1, 2, 3]) others.push(await newProfile(`list-${n}@example.com`));
    const firstPage = await memory.profiles(storeId).page({ pageSize: 2 });
    assert.deepEqual(firstPage.instances, [others[2], others[1]]);
    assert.equal(firstPage.pageSize, 2);
    assert.ok(firstPage.nextToken);
    const secondPage = await firstPage.nextPage();
    assert.deepEqual(secondPage?.instances, [others[0], mayaId]);
    const previous = await secondPage?.previousPage();
    assert.deepEqual(previous?.instances, [others[2], others[1]]);

    const ascending: string[] = [];
    await memory.profiles(storeId).each({ pageSize: 3, orderBy: 'ASC' }, (id) => ascending.push(id));
    assert.deepEqual(ascending, [mayaId, ...others]);
  });

  test('observations: created in a batch, listed with paging, orderBy and filters', async () => {
    const profileId = await newProfile('obs@example.com');
    const observations = memory.observations(storeId, profileId);
    const created = await observations.createWithHttpInfo({
      observations: [1, 2, 3, 4, 5].map((n) => ({
        content: `Observation ${n}`,
        occurredAt: new Date(Date.UTC(2026, 9, n)),
        source: n % 2 ? 'conversational-intelligence' : 'agent notes',
        conversationIds: [conversationId(n % 2)],
      })),
    });
    assert.equal(created.statusCode, 202);

    const recording = new RecordingHttpClient(started.running.url);
    const client = twilio(options.apiKey, options.apiSecret, { accountSid: options.accountSid, httpClient: recording });
    const listed = await client.memory.v1.observations(storeId, profileId).list({ pageSize: 2 });
    assert.deepEqual(
      listed.map((item) => item.content),
      ['Observation 5', 'Observation 4', 'Observation 3', 'Observation 2', 'Observation 1'],
    );
    assert.equal(recording.requests.length, 3, 'five observations in pages of two take three requests');
    const first = listed[0]!;
    assert.match(first.id ?? '', /^mem_observation_[0-7][0-9a-z]{25}$/);
    assert.equal(first.source, 'conversational-intelligence');
    assert.deepEqual(first.conversationIds, [conversationId(1)]);
    assert.equal(first.occurredAt?.toISOString(), '2026-10-05T00:00:00.000Z');
    assert.ok(first.createdAt instanceof Date && first.updatedAt instanceof Date);

    const ascending = await observations.list({ orderBy: 'ASC', pageSize: 50 });
    assert.deepEqual(ascending.map((item) => item.content).slice(0, 2), ['Observation 1', 'Observation 2']);
    const fromAgents = await observations.list({ source: 'agent notes' });
    assert.deepEqual(fromAgents.map((item) => item.content), ['Observation 4', 'Observation 2']);
    const ofConversation = await observations.list({ conversationId: conversationId(1) });
    assert.equal(ofConversation.length, 3);

    const fetched = await memory.observations(storeId, profileId, first.id!).fetch();
    assert.equal(fetched.content, 'Observation 5');
    const missing = await restError(() =>
      memory.observations(storeId, profileId, 'mem_observation_00000000000000000000000000').fetch(),
    );
    assert.equal(missing.code, 520003);
  });

  test('conversation summaries: created, listed newest first with paging, filtered by conversation', async () => {
    const profileId = await newProfile('sum@example.com');
    const summaries = memory.conversationSummaries(storeId, profileId);
    for (const n of [1, 2, 3]) {
      const occurredAt = new Date(Date.UTC(2026, 10, n));
      const summary = { content: `Summary ${n}`, conversationId: conversationId(n), occurredAt };
      await summaries.create({ summaries: [summary] });
    }
    const firstPage = await summaries.page({ pageSize: 2 });
    assert.deepEqual(firstPage.instances.map((item) => item.content), ['Summary 3', 'Summary 2']);
    const all = await summaries.list({ pageSize: 2 });
    assert.deepEqual(all.map((item) => item.content), ['Summary 3', 'Summary 2', 'Summary 1']);
    assert.equal(all[0]?.conversationId, conversationId(3));
    assert.equal(all[0]?.source, undefined);
    const one = await summaries.list({ conversationId: conversationId(2) });
    assert.deepEqual(one.map((item) => item.content), ['Summary 2']);

    const fetched = await memory.conversationSummaries(storeId, profileId, all[1]!.id!).fetch();
    assert.equal(fetched.content, 'Summary 2');
    const missing = await restError(() =>
      memory.conversationSummaries(storeId, profileId, 'mem_summary_00000000000000000000000000').fetch(),
    );
    assert.equal(missing.code, 520037);
  });

  test('Recall ranks memories by relevance to the query, within limits and dates', async () => {
    const profileId = await newProfile('recall@example.com');
    await memory.observations(storeId, profileId).create({
      observations: [
        { content: 'Prefers light roasts from Ethiopia.', occurredAt: new Date('2026-10-01T10:00:00Z'), source: 'ci' },
        { content: 'Brews espresso at home.', occurredAt: new Date('2026-10-02T10:00:00Z'), source: 'ci' },
        { content: 'Had a late delivery.', occurredAt: new Date('2026-10-03T10:00:00Z'), source: 'ci' },
      ],
    });
    const espressoSummary = 'Switched the subscription to espresso grind.';
    await memory.conversationSummaries(storeId, profileId).create({
      summaries: [
        { content: espressoSummary, conversationId: conversationId(7), occurredAt: new Date('2026-10-04T10:00Z') },
        { content: 'Asked about gifts.', conversationId: conversationId(8), occurredAt: new Date('2026-10-05T10:00Z') },
      ],
    });
    const recallFor = (body: Parameters<ReturnType<typeof memory.recall>['create']>[0]) =>
      memory.recall(storeId, profileId).create(body);
    const scored = (items: { content: string; score?: number }[]) => items.map((item) => [item.content, item.score]);

    const ranked = await recallFor({
      query: 'Which espresso roasts does she like?',
      observationsLimit: 2,
      summariesLimit: 1,
    });
    assert.deepEqual(
      scored(ranked.observations),
      // Equal scores: the more recent memory first.
      [
        ['Brews espresso at home.', 0.3333],
        ['Prefers light roasts from Ethiopia.', 0.3333],
      ],
    );
    assert.deepEqual(scored(ranked.summaries), [[espressoSummary, 0.3333]]);
    assert.deepEqual(ranked.communications, []);
    assert.ok(Number.isInteger(ranked.meta.queryTime));

    const strict = await recallFor({ query: 'espresso grind', relevanceThreshold: 0.6 });
    assert.deepEqual(strict.observations, []);
    assert.deepEqual(strict.summaries.map((item) => item.score), [1]);

    const recent = await recallFor({
      beginDate: new Date('2026-10-02T00:00:00Z'),
      endDate: new Date('2026-10-03T10:00:00Z'),
    });
    assert.deepEqual(scored(recent.observations), [['Brews espresso at home.', undefined]]);
    assert.deepEqual(recent.summaries, []);

    const newestFirst = await recallFor({ summariesLimit: 0 });
    assert.deepEqual(newestFirst.observations.map((item) => item.content), [
      'Had a late delivery.',
      'Brews espresso at home.',
      'Prefers light roasts from Ethiopia.',
    ]);
    assert.deepEqual(newestFirst.summaries, []);
  });

  test('Memory errors: store and profile IDs malformed or unknown', async () => {
    const unknownStore = await restError(() =>
      memory.profiles(`mem_store_7${'z'.repeat(25)}`, mayaId).fetch(),
    );
    assert.equal(unknownStore.status, 404);
    assert.equal(unknownStore.code, 520041);
    const badStore = await restError(() => memory.profiles('store-1', mayaId).fetch());
    assert.equal(badStore.status, 400);
    assert.equal(badStore.code, 520049);
    assert.equal((await restError(() => memory.stores('store-1').fetch())).code, 520049);

    const unknownProfile = await restError(() =>
      memory.profiles(storeId, 'mem_profile_00000000000000000000000000').fetch(),
    );
    assert.equal(unknownProfile.status, 404);
    assert.equal(unknownProfile.code, 520009);
    assert.equal(unknownProfile.moreInfo, 'https://www.twilio.com/docs/errors/520009');
    const badProfile = await restError(() => memory.observations(storeId, 'maya').list());
    assert.equal(badProfile.status, 400);
    assert.equal(badProfile.code, 520046);
  });

  test('Delete Profile removes the profile and its memories', async () => {
    const profileId = await newProfile('gone@example.com');
    await memory.observations(storeId, profileId).create({
      observations: [{ content: 'Soon gone.', occurredAt: new Date('2026-10-01T00:00:00Z'), source: 'ci' }],
    });
    const removed = await memory.profiles(storeId, profileId).removeWithHttpInfo();
    assert.equal(removed.statusCode, 202);
    assert.equal((await restError(() => memory.profiles(storeId, profileId).fetch())).code, 520009);
    assert.equal((await restError(() => memory.observations(storeId, profileId).list())).code, 520009);
    const lookup = () => memory.lookup(storeId).create({ idType: 'email', value: 'gone@example.com' });
    assert.equal((await restError(lookup)).status, 404);
  });
});
