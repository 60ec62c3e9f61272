import { TwilioApiError } from '../errors.js';
import type { FailureRule } from './fault-plan.js';

/** Twilio's own answers for the injected statuses: 20429 Too Many Requests, 20503 Service Unavailable. */
export function injectedError({ status }: FailureRule): TwilioApiError {
  return status === 429
    ? new TwilioApiError(429, 20429, 'Too Many Requests')
    : new TwilioApiError(503, 20503, 'Service Unavailable');
}
