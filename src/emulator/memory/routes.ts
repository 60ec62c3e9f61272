import { Hono, type Context } from 'hono';
import { invalidRequest, noProfileWithIdentifier } from './errors.js';
import { IDENTITY_RESOLUTION_SETTINGS } from './identifiers.js';
import { parsePageRequest, tokenPage, type ListLimits, type SortKey } from './paging.js';
import { recall } from './recall.js';
import type { StoreRecord } from './snapshot.js';
import type { MemoryStore } from './store.js';
import {
  createObservationsBody,
  createSummariesBody,
  identifierBody,
  observationsQuery,
  parseProfileTraits,
  parseTraitsBody,
  parseWith,
  recallBody,
  serializeObservation,
  serializeProfile,
  serializeStore,
  serializeSummary,
  summariesQuery,
  traitGroupsQuery,
} from './wire.js';

/** Limits from Memory's OpenAPI: control-plane pages hold 100, data pages 1000, memory pages 50 at most. */
const STORE_LIST: ListLimits = { maxPageSize: 100, maxItems: 100, orderable: true };
const PROFILE_LIST: ListLimits = { maxPageSize: 1000, maxItems: 1000, orderable: true };
const OBSERVATION_LIST: ListLimits = { maxPageSize: 1000, maxItems: 50, orderable: true };
/**
 * Twilio's API defines no `orderBy` for summaries and lists them newest first; the emulator also
 * accepts `orderBy=ASC|DESC` there (a superset: clients that never send it see Twilio's behaviour).
 */
const SUMMARY_LIST: ListLimits = { maxPageSize: 1000, maxItems: 50, orderable: true };

const creationKey = (record: { createdAt: string; seq: number }): SortKey => [Date.parse(record.createdAt), record.seq];

/**
 * Conversation Memory v1 (`https://memory.twilio.com/v1/...`), mounted at
 * `/memory/v1`: the control-plane store endpoints, profiles with traits and
 * identifiers, Lookup, observations, conversation summaries and Recall.
 */
export function memoryV1Routes(store: MemoryStore): Hono {
  const routes = new Hono();
  const storeOf = (c: Context) => param(c, 'storeId');
  const profileOf = (c: Context) => store.getProfile(storeOf(c), param(c, 'profileId'));

  routes.get('/ControlPlane/Stores', (c) => {
    const stores = store.listStores();
    const position = (record: StoreRecord): SortKey => [0, stores.indexOf(record)];
    const page = tokenPage(stores, position, parsePageRequest(c.req.query(), STORE_LIST), 'stores');
    return c.json({ stores: page.items.map((record) => record.id), meta: page.meta });
  });

  routes.get('/ControlPlane/Stores/:storeId', (c) => {
    const record = store.getStore(storeOf(c));
    return c.json(serializeStore(record), 200, { ETag: etag(record.id, record.version) });
  });

  routes.get('/ControlPlane/Stores/:storeId/IdentityResolutionSettings', (c) => {
    const record = store.getStore(storeOf(c));
    return c.json(IDENTITY_RESOLUTION_SETTINGS, 200, {
      ETag: etag(record.id, IDENTITY_RESOLUTION_SETTINGS.version),
    });
  });

  // The store is checked first: a malformed ID is 520049, an unknown one 520041.
  routes.use('/Stores/:storeId/*', async (c, next) => {
    store.getStore(storeOf(c));
    await next();
  });

  const profiles = '/Stores/:storeId/Profiles';
  const profile = `${profiles}/:profileId`;

  routes.get(profiles, (c) => {
    const request = parsePageRequest(c.req.query(), PROFILE_LIST);
    const page = tokenPage(store.listProfiles(storeOf(c)), creationKey, request, 'profiles');
    return c.json({ profiles: page.items.map((record) => record.id), meta: page.meta });
  });

  routes.post(profiles, async (c) => {
    const traits = parseProfileTraits(await readJson(c));
    const { profile: record } = store.upsertProfile(storeOf(c), { traits });
    return c.json({ message: 'Profile resolved and accepted for processing.', id: record.id }, 202);
  });

  routes.post(`${profiles}/Lookup`, async (c) => {
    const identifier = parseWith(identifierBody, await readJson(c), 'body');
    const found = store.lookup(storeOf(c), identifier);
    if (found.profiles.length === 0) throw noProfileWithIdentifier(identifier.idType, found.normalizedValue);
    return c.json(found);
  });

  routes.get(profile, (c) => {
    const { traitGroups } = parseWith(traitGroupsQuery, c.req.query(), 'traitGroups');
    return c.json(serializeProfile(profileOf(c), traitGroups));
  });

  routes.patch(profile, async (c) => {
    const record = profileOf(c);
    store.patchTraits(record.storeId, record.id, parseTraitsBody(await readJson(c), { allowNull: true }));
    return c.json({ message: 'Trait modifications accepted for processing.' }, 202);
  });

  routes.delete(profile, (c) => {
    const record = profileOf(c);
    store.deleteProfile(record.storeId, record.id);
    return c.json({ message: 'Profile accepted for deletion.' }, 202);
  });

  routes.get(`${profile}/Identifiers`, (c) => {
    const identifiers = Object.entries(profileOf(c).identifiers).map(([idType, values]) => ({ idType, values }));
    return c.json({ identifiers });
  });

  routes.post(`${profile}/Identifiers`, async (c) => {
    const record = profileOf(c);
    store.addIdentifier(record.storeId, record.id, parseWith(identifierBody, await readJson(c), 'body'));
    return c.json({ message: 'Identifier accepted for processing.' }, 202);
  });

  routes.get(`${profile}/Identifiers/:idType`, (c) => {
    const record = profileOf(c);
    const idType = param(c, 'idType');
    return c.json({ idType, values: store.identifierValues(record.storeId, record.id, idType) });
  });

  routes.get(`${profile}/Observations`, (c) => {
    const query = c.req.query();
    const filters = parseWith(observationsQuery, query, 'query');
    const request = parsePageRequest(query, OBSERVATION_LIST);
    const record = profileOf(c);
    const matching = store.listObservations(record.storeId, record.id).filter((observation) => {
      const createdAt = Date.parse(observation.createdAt);
      return (
        (filters.source === undefined || observation.source === filters.source) &&
        (filters.createdAfter === undefined || createdAt >= Date.parse(filters.createdAfter)) &&
        (filters.createdBefore === undefined || createdAt < Date.parse(filters.createdBefore)) &&
        (filters.conversationId === undefined || observation.conversationIds.includes(filters.conversationId))
      );
    });
    const page = tokenPage(matching, creationKey, request, 'observations');
    return c.json({ observations: page.items.map((item) => serializeObservation(item)), meta: page.meta });
  });

  routes.post(`${profile}/Observations`, async (c) => {
    const record = profileOf(c);
    const { observations } = parseWith(createObservationsBody, await readJson(c), 'body');
    store.addObservations(record.storeId, record.id, observations);
    return c.json({ message: 'Observations creation accepted' }, 202);
  });

  routes.get(`${profile}/Observations/:observationId`, (c) => {
    const record = profileOf(c);
    return c.json(serializeObservation(store.getObservation(record.storeId, record.id, param(c, 'observationId'))));
  });

  routes.get(`${profile}/ConversationSummaries`, (c) => {
    const query = c.req.query();
    const { conversationId } = parseWith(summariesQuery, query, 'query');
    const request = parsePageRequest(query, SUMMARY_LIST);
    const record = profileOf(c);
    const matching = store
      .listSummaries(record.storeId, record.id)
      .filter((summary) => conversationId === undefined || summary.conversationId === conversationId);
    const page = tokenPage(matching, creationKey, request, 'summaries');
    return c.json({ summaries: page.items.map((item) => serializeSummary(item)), meta: page.meta });
  });

  routes.post(`${profile}/ConversationSummaries`, async (c) => {
    const record = profileOf(c);
    const { summaries } = parseWith(createSummariesBody, await readJson(c), 'body');
    store.addSummaries(record.storeId, record.id, summaries);
    return c.json({ message: 'Summaries creation accepted' }, 202);
  });

  routes.get(`${profile}/ConversationSummaries/:summaryId`, (c) => {
    const record = profileOf(c);
    return c.json(serializeSummary(store.getSummary(record.storeId, record.id, param(c, 'summaryId'))));
  });

  routes.post(`${profile}/Recall`, async (c) => {
    const started = performance.now();
    const record = profileOf(c);
    const request = parseWith(recallBody, await readJson(c), 'body');
    const found = recall(
      store.listObservations(record.storeId, record.id),
      store.listSummaries(record.storeId, record.id),
      request,
    );
    return c.json({
      observations: found.observations.map(({ record: item, score }) => serializeObservation(item, score)),
      summaries: found.summaries.map(({ record: item, score }) => serializeSummary(item, score)),
      // Session memory (recent communications) needs the Orchestrator's transcripts, which Memory here does not read.
      communications: [],
      meta: { queryTime: Math.round(performance.now() - started) },
    });
  });

  return routes;
}

function param(c: Context, name: string): string {
  return c.req.param(name) ?? '';
}

async function readJson(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text()) as unknown;
  } catch {
    throw invalidRequest('the body must be JSON');
  }
}

/** An opaque version tag, shaped like Twilio's (base64 of the ID and version). */
const etag = (id: string, version: number) => Buffer.from(JSON.stringify({ id, v: version })).toString('base64url');
