import { type FailureRule, type FaultPlan, faultScopeOfPath } from './fault-plan.js';
import { injectedError } from './injected-error.js';

type FetchHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function failure(rule: FailureRule): Response {
  const { status, retryAfterSeconds } = rule;
  return Response.json(injectedError(rule).toBody(), { status, headers: { 'Retry-After': String(retryAfterSeconds) } });
}

/** Wraps the REST handler so every request first meets the injected latency and the failures of its product. */
export function withFaults(plan: FaultPlan, handler: FetchHandler): FetchHandler {
  return async (request, env) => {
    const scope = faultScopeOfPath(new URL(request.url).pathname);
    const { delayMs, fail } = plan.decide({ scope, name: `rest ${scope ?? 'other'}` });
    if (delayMs > 0) await sleep(delayMs);
    return fail ? failure(fail) : handler(request, env);
  };
}
