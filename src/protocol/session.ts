import { z } from 'zod/mini';
import { EMAIL_ADDRESS } from './email.js';
import { MAX_EMAIL_LENGTH, MAX_MESSAGE_BYTES, MAX_NAME_LENGTH, utf8Bytes } from './limits.js';

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
 * `POST /session` body: the optional pre-chat fields. Unknown fields are
 * refused, so a typo (or an attempt to pass an identity) never silently does
 * nothing. The widget's pre-chat form checks the same limits (limits.ts).
 */
export const sessionRequestSchema = z.strictObject({
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH))),
  email: z.optional(z.string().check(z.maxLength(MAX_EMAIL_LENGTH), z.regex(EMAIL_ADDRESS))),
  /** Posted for the visitor as the conversation's first message. */
  firstMessage: z.optional(
    z.string().check(
      z.trim(),
      z.minLength(1),
      z.refine((text) => utf8Bytes(text) <= MAX_MESSAGE_BYTES, `must be at most ${MAX_MESSAGE_BYTES} bytes`),
    ),
  ),
});
export type SessionRequest = z.infer<typeof sessionRequestSchema>;

/**
 * `GET /session/visitor` answer: whether the site's identify hook recognises
 * the caller as a signed-in user, so the widget can skip its pre-chat form.
 */
export const visitorResponseSchema = z.object({ identified: z.boolean() });
export type VisitorResponse = z.infer<typeof visitorResponseSchema>;

/** `POST /session/refresh` answer: a new access token (and a renewed session token). */
export const refreshResponseSchema = z.object({
  token: z.string().check(z.minLength(1)),
  tokenExpiresAt: z.iso.datetime(),
  sessionToken: z.string().check(z.minLength(1)),
});
export type RefreshResponse = z.infer<typeof refreshResponseSchema>;

/** `POST /session/end` answer. */
export const endResponseSchema = z.object({
  conversationSid: z.string(),
  state: z.literal('closed'),
});
export type EndResponse = z.infer<typeof endResponseSchema>;
