import {
  identifierNotFound,
  invalidRequest,
  invalidStoreId,
  observationNotFound,
  profileNotFound,
  storeNotFound,
  summaryNotFound,
} from './errors.js';
import {
  IDENTIFIER_VALUE_LIMIT,
  MATCHING_RULES,
  PROMOTED_TRAITS,
  normalizeIdentifier,
  type Identifier,
} from './identifiers.js';
import { PROFILE_ID_PATTERN, STORE_ID_PATTERN, newTypeId } from './ids.js';
import {
  parseMemorySnapshot,
  type MemorySnapshot,
  type ObservationRecord,
  type ProfileRecord,
  type StoreRecord,
  type SummaryRecord,
  type TraitGroups,
  type TraitValue,
} from './snapshot.js';

export interface ProfileInput {
  traits?: TraitGroups;
  /** Identifiers beyond those promoted from `traits`. */
  identifiers?: Identifier[];
  /** ISO 8601; defaults to now (seeding backdates). */
  createdAt?: string;
}

/** Trait changes: a `null` value removes the trait. */
export type TraitPatch = Record<string, Record<string, TraitValue | null>>;

export interface ObservationInput {
  content: string;
  source: string;
  occurredAt: string;
  conversationIds?: readonly string[];
  createdAt?: string;
}

export interface SummaryInput {
  content: string;
  source?: string;
  conversationId: string;
  occurredAt: string;
  createdAt?: string;
}

/**
 * Conversation Memory's data: stores, profiles with trait groups and
 * identifiers, observations and conversation summaries. Writes Twilio accepts
 * asynchronously (202) apply at once here. Every write checks all its input
 * before changing anything; failures throw Memory's Twilio errors.
 */
export class MemoryStore {
  #stores = new Map<string, StoreRecord>();
  #profiles = new Map<string, ProfileRecord>();
  #observations = new Map<string, ObservationRecord>();
  #summaries = new Map<string, SummaryRecord>();
  #nextSeq = 1;

  /** `configuredStoreId` exists from start and survives `restore`. */
  constructor(readonly configuredStoreId: string) {
    this.#addConfiguredStore();
  }

  listStores(): StoreRecord[] {
    return [...this.#stores.values()];
  }

  getStore(storeId: string): StoreRecord {
    if (!STORE_ID_PATTERN.test(storeId)) throw invalidStoreId(storeId);
    const store = this.#stores.get(storeId);
    if (!store) throw storeNotFound(storeId);
    return store;
  }

  listProfiles(storeId: string): ProfileRecord[] {
    this.getStore(storeId);
    return [...this.#profiles.values()].filter((profile) => profile.storeId === storeId);
  }

  getProfile(storeId: string, profileId: string): ProfileRecord {
    this.getStore(storeId);
    if (!PROFILE_ID_PATTERN.test(profileId)) throw invalidRequest(`"${profileId}" is not a profile ID`);
    const profile = this.#profiles.get(profileId);
    if (!profile || profile.storeId !== storeId) throw profileNotFound(profileId);
    return profile;
  }

  /**
   * Create Profile's identity resolution: the earliest profile holding one of
   * the identifiers (tried in matching-rule order) gets the traits and any new
   * identifiers; without a match a new profile is made.
   */
  upsertProfile(storeId: string, input: ProfileInput): { profile: ProfileRecord; created: boolean } {
    this.getStore(storeId);
    const traits = input.traits ?? {};
    const identifiers = [...(input.identifiers ?? []), ...promotedIdentifiers(traits)].map(normalized);
    if (identifiers.length === 0) {
      throw invalidRequest('a profile needs at least one identifier trait (Contact.email or Contact.phone)');
    }
    const createdAt = isoDate(input.createdAt);
    const existing = this.#resolve(storeId, identifiers);
    const profile: ProfileRecord = existing ?? {
      id: newTypeId('mem_profile'),
      storeId,
      createdAt,
      seq: this.#nextSeq++,
      traits: {},
      identifiers: {},
    };
    profile.traits = mergeTraits(profile.traits, traits);
    for (const identifier of identifiers) addIdentifierValue(profile, identifier);
    this.#profiles.set(profile.id, profile);
    return { profile, created: !existing };
  }

  patchTraits(storeId: string, profileId: string, patch: TraitPatch): ProfileRecord {
    const profile = this.getProfile(storeId, profileId);
    const identifiers = promotedIdentifiers(patch).map(normalized);
    profile.traits = mergeTraits(profile.traits, patch);
    for (const identifier of identifiers) addIdentifierValue(profile, identifier);
    return profile;
  }

  /** Removes the profile with its identifiers, traits, observations and summaries. */
  deleteProfile(storeId: string, profileId: string): void {
    const profile = this.getProfile(storeId, profileId);
    this.#profiles.delete(profile.id);
    for (const records of [this.#observations, this.#summaries]) {
      for (const [id, record] of records) if (record.profileId === profile.id) records.delete(id);
    }
  }

  /** The profiles holding the identifier, earliest first (none is an empty list). */
  lookup(storeId: string, identifier: Identifier): { normalizedValue: string; profiles: string[] } {
    this.getStore(storeId);
    const value = normalized(identifier);
    const profiles = this.#holders(storeId, value).map((profile) => profile.id);
    return { normalizedValue: value.value, profiles };
  }

  addIdentifier(storeId: string, profileId: string, identifier: Identifier): void {
    const profile = this.getProfile(storeId, profileId);
    addIdentifierValue(profile, normalized(identifier));
  }

  identifierValues(storeId: string, profileId: string, idType: string): string[] {
    const values = this.getProfile(storeId, profileId).identifiers[idType];
    if (!values?.length) throw identifierNotFound(idType);
    return values;
  }

  addObservations(storeId: string, profileId: string, inputs: readonly ObservationInput[]): ObservationRecord[] {
    const profile = this.getProfile(storeId, profileId);
    const records = inputs.map((input): ObservationRecord => {
      const createdAt = isoDate(input.createdAt);
      return {
        id: newTypeId('mem_observation'),
        profileId: profile.id,
        content: input.content,
        source: input.source,
        occurredAt: isoDate(input.occurredAt),
        conversationIds: [...(input.conversationIds ?? [])],
        createdAt,
        updatedAt: createdAt,
        seq: this.#nextSeq++,
      };
    });
    for (const record of records) this.#observations.set(record.id, record);
    return records;
  }

  listObservations(storeId: string, profileId: string): ObservationRecord[] {
    const profile = this.getProfile(storeId, profileId);
    return [...this.#observations.values()].filter((record) => record.profileId === profile.id);
  }

  getObservation(storeId: string, profileId: string, observationId: string): ObservationRecord {
    const profile = this.getProfile(storeId, profileId);
    const record = this.#observations.get(observationId);
    if (!record || record.profileId !== profile.id) throw observationNotFound(observationId);
    return record;
  }

  addSummaries(storeId: string, profileId: string, inputs: readonly SummaryInput[]): SummaryRecord[] {
    const profile = this.getProfile(storeId, profileId);
    const records = inputs.map((input): SummaryRecord => {
      const createdAt = isoDate(input.createdAt);
      return {
        id: newTypeId('mem_summary'),
        profileId: profile.id,
        content: input.content,
        source: input.source ?? null,
        conversationId: input.conversationId,
        occurredAt: isoDate(input.occurredAt),
        createdAt,
        updatedAt: createdAt,
        seq: this.#nextSeq++,
      };
    });
    for (const record of records) this.#summaries.set(record.id, record);
    return records;
  }

  listSummaries(storeId: string, profileId: string): SummaryRecord[] {
    const profile = this.getProfile(storeId, profileId);
    return [...this.#summaries.values()].filter((record) => record.profileId === profile.id);
  }

  getSummary(storeId: string, profileId: string, summaryId: string): SummaryRecord {
    const profile = this.getProfile(storeId, profileId);
    const record = this.#summaries.get(summaryId);
    if (!record || record.profileId !== profile.id) throw summaryNotFound(summaryId);
    return record;
  }

  /** All state as plain JSON-safe data, detached from the store. */
  toSnapshot(): MemorySnapshot {
    return structuredClone({
      stores: [...this.#stores.values()],
      profiles: [...this.#profiles.values()],
      observations: [...this.#observations.values()],
      summaries: [...this.#summaries.values()],
      nextSeq: this.#nextSeq,
    });
  }

  /** Replaces all state with a snapshot (checked first: a bad one changes nothing). */
  restore(snapshot: unknown): void {
    const state = structuredClone(parseMemorySnapshot(snapshot));
    this.#stores = new Map(state.stores.map((record) => [record.id, record]));
    this.#profiles = new Map(state.profiles.map((record) => [record.id, record]));
    this.#observations = new Map(state.observations.map((record) => [record.id, record]));
    this.#summaries = new Map(state.summaries.map((record) => [record.id, record]));
    this.#nextSeq = state.nextSeq;
    this.#addConfiguredStore();
  }

  #addConfiguredStore(): void {
    const id = this.configuredStoreId;
    if (this.#stores.has(id)) return;
    this.#stores.set(id, {
      id,
      displayName: 'bridge-chat',
      description: 'Created by the bridge-chat emulator at start',
      status: 'ACTIVE',
      version: 1,
    });
  }

  /** Store profiles holding the value, earliest first. */
  #holders(storeId: string, { idType, value }: Identifier): ProfileRecord[] {
    return [...this.#profiles.values()]
      .filter((profile) => profile.storeId === storeId && profile.identifiers[idType]?.includes(value))
      .sort((a, b) => a.seq - b.seq);
  }

  #resolve(storeId: string, identifiers: readonly Identifier[]): ProfileRecord | undefined {
    for (const idType of MATCHING_RULES) {
      for (const identifier of identifiers) {
        if (identifier.idType !== idType) continue;
        const [holder] = this.#holders(storeId, identifier);
        if (holder) return holder;
      }
    }
    return undefined;
  }
}

const normalized = (identifier: Identifier): Identifier => ({
  idType: identifier.idType,
  value: normalizeIdentifier(identifier),
});

/** Identifier values carried by promoted traits (`Contact.email`, `Contact.phone`). */
function promotedIdentifiers(traits: TraitPatch): Identifier[] {
  return PROMOTED_TRAITS.flatMap(({ traitGroup, trait, idType }) => {
    const value = Object.hasOwn(traits, traitGroup) ? traits[traitGroup]?.[trait] : undefined;
    if (value === undefined || value === null) return [];
    if (typeof value !== 'string') throw invalidRequest(`${traitGroup}.${trait} must be a string`);
    return [{ idType, value }];
  });
}

function addIdentifierValue(profile: ProfileRecord, { idType, value }: Identifier): void {
  const values = profile.identifiers[idType] ?? [];
  if (values.includes(value)) return;
  // The oldest value goes once the type holds its limit (the `fifo` policy).
  profile.identifiers = { ...profile.identifiers, [idType]: [...values, value].slice(-IDENTIFIER_VALUE_LIMIT) };
}

/** Built with entries, never by assignment, so a trait named like `__proto__` stays plain data. */
function mergeTraits(current: TraitGroups, patch: TraitPatch): TraitGroups {
  const groups = new Map(Object.entries(current).map(([group, traits]) => [group, new Map(Object.entries(traits))]));
  for (const [group, traits] of Object.entries(patch)) {
    const merged = groups.get(group) ?? new Map<string, TraitValue>();
    for (const [name, value] of Object.entries(traits)) {
      if (value === null) merged.delete(name);
      else merged.set(name, structuredClone(value));
    }
    if (merged.size > 0) groups.set(group, merged);
    else groups.delete(group);
  }
  return Object.fromEntries([...groups].map(([group, traits]) => [group, Object.fromEntries(traits)]));
}

function isoDate(value: string | undefined): string {
  return (value === undefined ? new Date() : new Date(value)).toISOString();
}
