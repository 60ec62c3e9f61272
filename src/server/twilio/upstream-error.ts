import { HttpError } from '../errors.js';

/**
 * Turns a failed Twilio call into the companion's own error: Twilio's answer
 * (RestException) becomes 502, but a 429/503 still there after the HTTP
 * client's retries becomes 503, like no answer at all (refused, reset, timed
 * out). Twilio's message stays in the server log, never in the body.
 */
export function upstreamError(error: unknown): HttpError {
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') {
    console.error(`bridge-chat companion: Twilio answered ${status}:`, (error as Error).message);
    if (status === 429 || status === 503) {
      return new HttpError(503, 'upstream_unavailable', 'Twilio is busy or unavailable; try again shortly.', {
        'Retry-After': '5',
      });
    }
    return new HttpError(502, 'upstream_error', 'Twilio rejected the request.');
  }
  console.error('bridge-chat companion: Twilio unreachable:', (error as Error)?.message ?? error);
  return new HttpError(503, 'upstream_unavailable', 'Twilio could not be reached; try again shortly.', {
    'Retry-After': '5',
  });
}
