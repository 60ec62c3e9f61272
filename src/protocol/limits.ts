/**
 * Sizes and formats the companion and the widget agree on. Free of zod: the
 * companion's schemas are built from them, and the widget checks with them
 * directly, so no schema library reaches the browser.
 */

/** Twilio's limit for a message body, in bytes of UTF-8. */
export const MAX_MESSAGE_BYTES = 32 * 1024;

/** The longest pre-chat name, in characters (after trimming). */
export const MAX_NAME_LENGTH = 100;
/** The longest email address (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * An email address as the pre-chat form and `POST /session` accept it: dot-separated
 * runs of the characters RFC 5322 allows unquoted, an `@`, then a host name of
 * letter/digit labels ending in a top-level domain of two letters or more.
 */
export const EMAIL_ADDRESS = /^[\w!#$%&'*+/=?^`{|}~-]+(\.[\w!#$%&'*+/=?^`{|}~-]+)*@([a-z\d]([a-z\d-]*[a-z\d])?\.)+[a-z]{2,}$/i;

/** The size of `text` in bytes of UTF-8, as Twilio measures message bodies. */
export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;
