import { TwilioApiError } from '../errors.js';
import type { FailureRule, FaultPlan } from './fault-plan.js';

type FetchHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Twilio's own answers for these two statuses: 20429 Too Many Requests, 20503 Service Unavailable. */
function failure({ status, retryAfterSeconds }: FailureRule): Response {
  const error =
    status === 429
      ? new TwilioApiError(429, 20429, 'Too Many Requests')
      : new TwilioApiError(503, 20503, 'Service Unavailable');
  return Response.json(error.toBody(), { status, headers: { 'Retry-After': String(retryAfterSeconds) } });
}

/** Wraps the REST handler so every request first meets the injected latency and failures. */
export function withFaults(plan: FaultPlan, handler: FetchHandler): FetchHandler {
  return async (request, env) => {
    const { delayMs, fail } = plan.decide();
    if (delayMs > 0) await sleep(delayMs);
    return fail ? failure(fail) : handler(request, env);
  };
}
