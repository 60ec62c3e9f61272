import { z } from 'zod/mini';

/**
 * Whether the visitor's chat has landed in Conversation Orchestrator:
 * `linked` (with the Orchestrator conversation), `pending` (the bridge has
 * not synced it yet; ask again later), `not-bridged` (no configuration
 * bridges the service), `unavailable` (Twilio could not be asked).
 */
export const linkStatusSchema = z.enum(['linked', 'pending', 'not-bridged', 'unavailable']);
export type LinkStatus = z.infer<typeof linkStatusSchema>;

export const linkSchema = z.object({
  status: linkStatusSchema,
  conversationId: z.optional(z.string()),
});
export type Link = z.infer<typeof linkSchema>;

/** Channels a past conversation can have happened on. */
export const historyChannelSchema = z.enum(['VOICE', 'SMS', 'CHAT', 'WHATSAPP', 'RCS', 'EMAIL', 'OTHER']);
export type HistoryChannel = z.infer<typeof historyChannelSchema>;

/** One earlier conversation of the customer, on any channel. */
export const historyItemSchema = z.object({
  conversationId: z.string(),
  channel: historyChannelSchema,
  startedAt: z.iso.datetime(),
  /** Memory's summary of it, when there is one. */
  summary: z.nullable(z.string()),
});
export type HistoryItem = z.infer<typeof historyItemSchema>;

export const historySchema = z.object({
  /** Newest first. */
  items: z.array(historyItemSchema),
  /** Pass as `?historyPageToken=` for the next (older) page; absent on the last page. */
  nextPageToken: z.optional(z.string()),
});
export type History = z.infer<typeof historySchema>;

/** A trait value as Memory stores it. */
export const traitValueSchema = z.union([z.string(), z.number(), z.boolean()]);

/** What the company remembers, reduced to what the site chose to expose. */
export const memorySchema = z.object({
  /** How to greet the customer, when known. */
  displayName: z.optional(z.string()),
  /** Allowlisted traits by group, e.g. `{Loyalty: {tier: 'Gold'}}`. */
  traits: z.record(z.string(), z.record(z.string(), traitValueSchema)),
  /** Allowlisted observations, newest first (empty when the site exposes none). */
  observations: z.array(z.object({ content: z.string(), occurredAt: z.iso.datetime() })),
});
export type Memory = z.infer<typeof memorySchema>;

/** `GET /context` answer: only ever about the caller's own session. */
export const contextResponseSchema = z.object({
  link: linkSchema,
  history: historySchema,
  memory: memorySchema,
});
export type ContextResponse = z.infer<typeof contextResponseSchema>;
