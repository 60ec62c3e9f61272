import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The JSON body Twilio's REST API sends with every error. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** An error to answer in Twilio's form; thrown by routes and middleware, rendered by the app's error handler. */
export class TwilioApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'TwilioApiError';
  }

  toBody(): TwilioErrorBody {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

export const invalidParameter = (message: string) => new TwilioApiError(400, 20001, message);

export const authenticationFailed = () => new TwilioApiError(401, 20003, 'Authenticate');

export const resourceNotFound = (path: string) =>
  new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);

export const methodNotAllowed = (method: string) =>
  new TwilioApiError(405, 20004, `Method not allowed: ${method} is not supported for this resource`);

/** Twilio documents no code of its own for an oversized body; 20413 mirrors its HTTP-status codes (20404, 20429). */
export const payloadTooLarge = (limitBytes: number) =>
  new TwilioApiError(413, 20413, `Request body exceeds the limit of ${limitBytes} bytes`);

export const uniqueNameTaken = (message: string) => new TwilioApiError(409, 50353, message);

export const participantAlreadyExists = (message: string) => new TwilioApiError(409, 50433, message);

export const forbidden = (message: string) => new TwilioApiError(403, 20403, message);

export const internalError = () => new TwilioApiError(500, 20500, 'Internal Server Error');

/*
 * Conversations codes from Twilio's error dictionary. The dictionary names no
 * HTTP status for them; 400 is Twilio's usual status for a refused parameter.
 */

/** 50377: the conversation is closed, which is final ("can't be used for chatting anymore"). */
export const conversationClosed = (conversationSid: string) =>
  new TwilioApiError(400, 50377, `Conversation ${conversationSid} is closed and can't be updated or used for chatting`);

/** 50375 / 50376: Timers.Inactive below 1 minute, Timers.Closed below 10 minutes. */
export const timerTooShort = (timer: 'Inactive' | 'Closed') =>
  timer === 'Inactive'
    ? new TwilioApiError(400, 50375, 'Timers.Inactive should be greater or equal to 1 minute')
    : new TwilioApiError(400, 50376, 'Timers.Closed should be greater or equal to 10 minutes');

/** 50379 / 50380: a timer that is not an ISO 8601 duration. */
export const timerFormatInvalid = (timer: 'Inactive' | 'Closed', value: string) =>
  new TwilioApiError(
    400,
    timer === 'Inactive' ? 50379 : 50380,
    `Timers.${timer} "${value}" is not an ISO 8601 duration (e.g. PT10M, P1D)`,
  );

/** 50510: a MediaSid that is not a media SID at all. */
export const mediaSidInvalid = (value: string) =>
  new TwilioApiError(400, 50510, `Invalid message media SID "${value}"`);

/** 50507: no media with that SID in the service. */
export const mediaNotFound = (mediaSid: string) => new TwilioApiError(400, 50507, `Media ${mediaSid} not found`);

/** 50508: a media can be attached to one message only. */
export const mediaAlreadySent = (mediaSid: string) =>
  new TwilioApiError(400, 50508, `Media ${mediaSid} is already sent with another message`);
