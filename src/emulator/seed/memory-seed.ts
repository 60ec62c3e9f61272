import { CHAT_IDENTITY_ID_TYPE } from '../memory/identifiers.js';
import type { MemoryStore, ObservationInput, SummaryInput } from '../memory/store.js';
import type { DEMO_CUSTOMER } from './demo-customer.js';

export type MemorySeedCustomer = typeof DEMO_CUSTOMER;

/** What Twilio's extraction writes as the source of the memories it derives from conversations. */
const SOURCE = 'conversational-intelligence';

/**
 * Gives the demo customer her Memory profile: identifiers (chat identity as
 * `user_id`, phone, email), trait groups, one summary per past conversation
 * and the observations, dated when each conversation ended as if Twilio had
 * extracted them then. `conversationIds` maps each seed conversation `key` to
 * the Orchestrator conversation the Orchestrator seeder made for it.
 *
 * Resolves like Create Profile, so a profile the bridge already made for her
 * phone or chat identity is the one filled in; memories already there are not
 * added twice. Every key is checked before anything is written.
 *
 * @returns the profile ID.
 */
export function seedMemory(
  store: MemoryStore,
  storeId: string,
  customer: MemorySeedCustomer,
  conversationIds: ReadonlyMap<string, string>,
): string {
  const conversationOf = (key: string) => {
    const id = conversationIds.get(key);
    if (id === undefined) throw new Error(`No Orchestrator conversation ID for seed conversation "${key}"`);
    return id;
  };
  const summaries: SummaryInput[] = customer.conversations.map((conversation) => ({
    content: conversation.summary,
    source: SOURCE,
    conversationId: conversationOf(conversation.key),
    occurredAt: conversation.endedAt,
    createdAt: conversation.endedAt,
  }));
  const observations: ObservationInput[] = customer.observations.map((observation) => ({
    content: observation.content,
    source: SOURCE,
    conversationIds: observation.conversationKeys.map(conversationOf),
    occurredAt: observation.occurredAt,
    createdAt: observation.occurredAt,
  }));

  const { profile } = store.upsertProfile(storeId, {
    traits: customer.traits,
    identifiers: [
      { idType: CHAT_IDENTITY_ID_TYPE, value: customer.chatIdentity },
      { idType: 'phone', value: customer.phone },
      { idType: 'email', value: customer.email },
    ],
  });
  const summarized = new Set(store.listSummaries(storeId, profile.id).map((summary) => summary.conversationId));
  const observed = new Set(store.listObservations(storeId, profile.id).map((observation) => observation.content));
  const newSummaries = summaries.filter((item) => !summarized.has(item.conversationId));
  const newObservations = observations.filter((item) => !observed.has(item.content));
  store.addSummaries(storeId, profile.id, byOccurrence(newSummaries));
  store.addObservations(storeId, profile.id, byOccurrence(newObservations));
  return profile.id;
}

/** Oldest first, so creation order matches when things happened. */
const byOccurrence = <T extends { occurredAt: string }>(items: T[]) =>
  [...items].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
