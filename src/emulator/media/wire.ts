import type { MediaRecord } from './store.js';

/**
 * Twilio's Media Content Service wire format, as MCS answers: snake_case,
 * `url` and `links.content` relative to the MCS host, and a
 * `content_direct_temporary` link (a signed, expiring URL on Twilio's media
 * host) only when media is fetched, not in the upload's answer.
 */

export const MCS_BASE_URL = 'https://mcs.us1.twilio.com/v1';

/** Where signed content URLs point; the routing rule maps it to `{emulatorUrl}/media/...`. */
export const MEDIA_CONTENT_BASE_URL = 'https://media.us1.twilio.com';

/** The upload URL of a service's media with the routing rule applied: a path on the emulator's own origin. */
export const emulatorUploadPath = (serviceSid: string) => `/mcs/v1/Services/${serviceSid}/Media`;

export const mediaPath = (serviceSid: string, mediaSid: string) => `/v1/Services/${serviceSid}/Media/${mediaSid}`;

export function serializeMedia(serviceSid: string, media: MediaRecord, temporaryUrl?: string) {
  const url = mediaPath(serviceSid, media.sid);
  const date = media.createdAt.toISOString();
  return {
    sid: media.sid,
    service_sid: serviceSid,
    date_created: date,
    date_upload_updated: date,
    date_updated: date,
    links: {
      content: `${url}/Content`,
      ...(temporaryUrl === undefined ? {} : { content_direct_temporary: temporaryUrl }),
    },
    size: media.size,
    content_type: media.contentType,
    filename: media.filename,
    author: media.author,
    category: media.category,
    message_sid: media.messageSid,
    channel_sid: media.conversationSid,
    url,
    is_multipart_upstream: false,
  };
}
