/**
 * Sizes the companion and the widget agree on. Free of zod: the companion's
 * schemas are built from them, and the widget checks with them directly, so no
 * schema library reaches the browser.
 */

/** Twilio's limit for a message body, in bytes of UTF-8. */
export const MAX_MESSAGE_BYTES = 32 * 1024;

/** The longest pre-chat name, in characters (after trimming). */
export const MAX_NAME_LENGTH = 100;
/** The longest email address (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;

/** The size of `text` in bytes of UTF-8, as Twilio measures message bodies. */
export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;
