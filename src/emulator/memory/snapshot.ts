import { z } from 'zod';

/**
 * Memory's state as plain JSON, for `--data FILE`: the record types the store
 * keeps, and a strict check of a snapshot read back from disk.
 */

const traitScalar = z.union([z.string(), z.number(), z.boolean()]);
const traitValue = z.union([traitScalar, z.array(traitScalar)]);
const isoDate = z.iso.datetime({ offset: true });

const storeRecord = z.object({
  id: z.string(),
  displayName: z.string(),
  description: z.string(),
  status: z.literal('ACTIVE'),
  version: z.number().int(),
});

const profileRecord = z.object({
  id: z.string(),
  storeId: z.string(),
  createdAt: isoDate,
  seq: z.number().int(),
  /** Trait group → trait name → value. */
  traits: z.record(z.string(), z.record(z.string(), traitValue)),
  /** Identifier type → normalized values, oldest first. */
  identifiers: z.record(z.string(), z.array(z.string())),
});

const observationRecord = z.object({
  id: z.string(),
  profileId: z.string(),
  content: z.string(),
  source: z.string(),
  occurredAt: isoDate,
  conversationIds: z.array(z.string()),
  createdAt: isoDate,
  updatedAt: isoDate,
  seq: z.number().int(),
});

const summaryRecord = z.object({
  id: z.string(),
  profileId: z.string(),
  content: z.string(),
  source: z.string().nullable(),
  conversationId: z.string(),
  occurredAt: isoDate,
  createdAt: isoDate,
  updatedAt: isoDate,
  seq: z.number().int(),
});

const memorySnapshot = z.object({
  stores: z.array(storeRecord),
  profiles: z.array(profileRecord),
  observations: z.array(observationRecord),
  summaries: z.array(summaryRecord),
  /** Next creation sequence number: orders records created in the same millisecond. */
  nextSeq: z.number().int(),
});

export type TraitValue = z.infer<typeof traitValue>;
export type TraitGroups = Record<string, Record<string, TraitValue>>;
export type StoreRecord = z.infer<typeof storeRecord>;
export type ProfileRecord = z.infer<typeof profileRecord>;
export type ObservationRecord = z.infer<typeof observationRecord>;
export type SummaryRecord = z.infer<typeof summaryRecord>;
export type MemorySnapshot = z.infer<typeof memorySnapshot>;

/** The snapshot, checked; throws naming the first problem when `value` is not one. */
export function parseMemorySnapshot(value: unknown): MemorySnapshot {
  const parsed = memorySnapshot.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Not a Memory snapshot: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}
