/** Size limits the emulator enforces, shared by the REST and realtime edges. */

/** Twilio's limit for a chat message body (UTF-8 bytes). */
export const MESSAGE_BODY_MAX_BYTES = 32 * 1024;

export const messageBodyFits = (body: string) => Buffer.byteLength(body) <= MESSAGE_BODY_MAX_BYTES;

/** Largest REST request body; a full-size message body can triple in size when form-encoded. */
export const REST_BODY_MAX_BYTES = 128 * 1024;

/** Largest realtime frame; a full-size message body plus JSON escaping and envelope. */
export const REALTIME_FRAME_MAX_BYTES = 256 * 1024;

/** Twilio's largest page on Conversations v1 lists, and the default. */
export const REST_PAGE_SIZE_MAX = 100;
export const REST_PAGE_SIZE_DEFAULT = 50;

/** The SDK's largest message page. */
export const REALTIME_PAGE_SIZE_MAX = 100;

/**
 * Largest media upload the emulator keeps in memory. Twilio allows 150 MB per
 * media; the emulator holds every byte in memory (and in its data file), so it
 * stops far earlier unless told otherwise.
 */
export const MEDIA_MAX_BYTES_DEFAULT = 20 * 1024 * 1024;

/** How long a media content URL stays valid (`links.content_direct_temporary`). */
export const MEDIA_URL_TTL_SECONDS = 300;
