import { z } from 'zod';
import { invalidRequest } from './errors.js';
import { CONVERSATION_ID_PATTERN } from './ids.js';
import type { ObservationRecord, ProfileRecord, StoreRecord, SummaryRecord, TraitGroups } from './snapshot.js';
import type { TraitPatch } from './store.js';

/**
 * Memory v1's wire format: camelCase JSON bodies in and out, dates in ISO
 * 8601 UTC, request bodies checked against the API's schema (a failure is
 * 520046 naming the field).
 */

/** Whole seconds, as Memory's examples show them (`2025-01-15T10:30:45Z`). */
const wireDate = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function serializeStore(store: StoreRecord) {
  return {
    displayName: store.displayName,
    description: store.description,
    id: store.id,
    status: store.status,
    // Twilio provisions a Conversational Intelligence service per store; the emulator has none.
    intelligenceServiceId: null,
    version: store.version,
  };
}

/** The profile with all its trait groups, or only those named in `traitGroups`. */
export function serializeProfile(profile: ProfileRecord, traitGroups: readonly string[] | undefined) {
  const groups = Object.entries(profile.traits).filter(([group]) => !traitGroups || traitGroups.includes(group));
  return { id: profile.id, createdAt: wireDate(profile.createdAt), traits: Object.fromEntries(groups) };
}

export function serializeObservation(record: ObservationRecord, score?: number) {
  return {
    id: record.id,
    content: record.content,
    source: record.source,
    occurredAt: wireDate(record.occurredAt),
    conversationIds: record.conversationIds,
    createdAt: wireDate(record.createdAt),
    updatedAt: wireDate(record.updatedAt),
    ...(score === undefined ? {} : { score }),
  };
}

export function serializeSummary(record: SummaryRecord, score?: number) {
  return {
    id: record.id,
    content: record.content,
    ...(record.source === null ? {} : { source: record.source }),
    conversationId: record.conversationId,
    occurredAt: wireDate(record.occurredAt),
    createdAt: wireDate(record.createdAt),
    updatedAt: wireDate(record.updatedAt),
    ...(score === undefined ? {} : { score }),
  };
}

const dateTime = z.iso.datetime({ offset: true });
const source = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-zA-Z0-9 _.-]+$/, 'allows letters, digits, spaces, "_", "." and "-"');
const conversationId = z.string().regex(CONVERSATION_ID_PATTERN, 'must be an Orchestrator conversation ID');
const content = z.string().min(1).max(4096);

export const identifierBody = z.strictObject({ idType: z.string().min(2).max(30), value: z.string().max(255) });

export const createObservationsBody = z.strictObject({
  observations: z
    .array(
      z.object({ content, occurredAt: dateTime, source, conversationIds: z.array(conversationId).max(10).optional() }),
    )
    .min(1)
    .max(10),
});

export const createSummariesBody = z.strictObject({
  summaries: z
    .array(z.object({ content, occurredAt: dateTime, source: source.optional(), conversationId }))
    .min(1)
    .max(10),
});

export const recallBody = z.object({
  conversationId: conversationId.optional(),
  query: z.string().max(1024).optional(),
  beginDate: dateTime.optional(),
  endDate: dateTime.optional(),
  communicationsLimit: z.number().int().min(0).max(100).default(0),
  observationsLimit: z.number().int().min(0).max(100).default(20),
  summariesLimit: z.number().int().min(0).max(100).default(5),
  relevanceThreshold: z.number().min(0).max(1).default(0),
});

export const observationsQuery = z.object({
  source: source.optional(),
  createdAfter: dateTime.optional(),
  createdBefore: dateTime.optional(),
  conversationId: conversationId.optional(),
});

export const summariesQuery = z.object({ conversationId: conversationId.optional() });

/** `traitGroups=a,b`: a comma-separated allow list of trait group names. */
export const traitGroupsQuery = z.object({
  traitGroups: z
    .string()
    .min(1)
    .max(256)
    .transform((value) => value.split(',').map((name) => name.trim()))
    .optional(),
});

export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : what;
  throw invalidRequest(`${field}: ${issue?.message ?? 'is not valid'}`);
}

const MAX_TRAIT_GROUPS = 50;
const MAX_TRAITS_PER_GROUP = 99;
const TRAIT_GROUP_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
const TRAIT_NAME = /^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$/;

/**
 * `{traits: {Group: {name: value}}}` as Create and Patch Profile take it: a
 * value is a string, number, boolean or a flat array of those; in a patch,
 * `null` removes the trait.
 */
export function parseTraitsBody(body: unknown, { allowNull }: { allowNull: boolean }): TraitPatch {
  if (!isPlainObject(body) || Object.keys(body).some((key) => key !== 'traits')) {
    throw invalidRequest('the body must be an object with only "traits"');
  }
  const traits = body['traits'] ?? {};
  if (!isPlainObject(traits)) throw invalidRequest('traits must be an object of trait groups');
  const groups = Object.entries(traits);
  if (groups.length > MAX_TRAIT_GROUPS) throw invalidRequest(`traits: at most ${MAX_TRAIT_GROUPS} trait groups`);
  return Object.fromEntries(
    groups.map(([group, values]) => {
      // `__proto__` is refused so a snapshot's JSON round trip keeps every group.
      if (!TRAIT_GROUP_NAME.test(group) || group === '__proto__') {
        throw invalidRequest(`traits: "${group}" is not a trait group name`);
      }
      if (!isPlainObject(values)) throw invalidRequest(`traits.${group} must be an object of traits`);
      const entries = Object.entries(values);
      if (entries.length > MAX_TRAITS_PER_GROUP) {
        throw invalidRequest(`traits.${group}: at most ${MAX_TRAITS_PER_GROUP} traits`);
      }
      for (const [name, value] of entries) {
        if (!TRAIT_NAME.test(name)) throw invalidRequest(`traits.${group}: "${name}" is not a trait name`);
        if (!(isTraitValue(value) || (allowNull && value === null))) {
          throw invalidRequest(`traits.${group}.${name} must be a string, number, boolean or array of those`);
        }
      }
      return [group, values as TraitPatch[string]];
    }),
  );
}

/** Create Profile takes no `null` removals, so its parsed traits are plain trait groups. */
export const parseProfileTraits = (body: unknown) => parseTraitsBody(body, { allowNull: false }) as TraitGroups;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isScalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

const isTraitValue = (value: unknown) => isScalar(value) || (Array.isArray(value) && value.every(isScalar));
