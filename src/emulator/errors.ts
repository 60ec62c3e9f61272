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

export const internalError = () => new TwilioApiError(500, 20500, 'Internal Server Error');
