import { z } from 'zod/mini';

/**
 * Which realtime transport the widget loads for a session: the real Twilio
 * Conversations SDK, or the local emulator's browser client.
 */
export const backendSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('twilio') }),
  z.object({ kind: z.literal('emulator'), realtimeUrl: z.url() }),
]);
export type Backend = z.infer<typeof backendSchema>;

/** `POST /session` answer: everything the widget needs to chat. */
export const sessionResponseSchema = z.object({
  identity: z.string().check(z.minLength(1)),
  conversationSid: z.string().check(z.regex(/^CH[0-9a-f]{32}$/)),
  token: z.string().check(z.minLength(1)),
  /** ISO 8601 instant at which `token` stops being accepted. */
  tokenExpiresAt: z.iso.datetime(),
  /** The companion's own credential; sent back as `Authorization: Bearer …` to resume. */
  sessionToken: z.string().check(z.minLength(1)),
  backend: backendSchema,
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/**
 * `POST /session` body. Empty for now; unknown fields are refused so that a
 * typo never silently does nothing.
 */
export const sessionRequestSchema = z.strictObject({});
export type SessionRequest = z.infer<typeof sessionRequestSchema>;
