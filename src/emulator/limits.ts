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

/** Twilio's chat media limits, as its SDK receives them in the client configuration (MB = 2^20 bytes). */
export const TWILIO_MEDIA_COUNT_LIMIT = 10;
export const TWILIO_MEDIA_SIZE_LIMIT_MB = 150;
export const TWILIO_MEDIA_TOTAL_SIZE_LIMIT_MB = 150;

const MB = 1024 * 1024;

/**
 * The limits the emulator announces to its clients: Twilio's, except that one
 * file cannot be larger than the media store keeps (so a client that checks
 * the limits before uploading is never refused by the upload).
 */
export function mediaLimits(mediaMaxBytes: number) {
  return {
    mediaAttachmentsCountLimit: TWILIO_MEDIA_COUNT_LIMIT,
    mediaAttachmentSizeLimitInMb: Math.min(TWILIO_MEDIA_SIZE_LIMIT_MB, Math.floor(mediaMaxBytes / MB)),
    mediaAttachmentsTotalSizeLimitInMb: TWILIO_MEDIA_TOTAL_SIZE_LIMIT_MB,
  };
}

/** How long a media content URL stays valid (`links.content_direct_temporary`). */
export const MEDIA_URL_TTL_SECONDS = 300;
