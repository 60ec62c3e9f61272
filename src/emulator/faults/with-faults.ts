import type { FailureRule, FaultPlan, FaultScope } from './fault-plan.js';
import { injectedError } from './injected-error.js';

type FetchHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function failure(rule: FailureRule): Response {
  const { status, retryAfterSeconds } = rule;
  return Response.json(injectedError(rule).toBody(), { status, headers: { 'Retry-After': String(retryAfterSeconds) } });
}

/** Which product a REST path belongs to (the emulator's routing rule); undefined for anything else. */
export function faultScopeOfPath(pathname: string): FaultScope | undefined {
  const [product, version] = pathname.split('/').slice(1, 3);
  if (product === 'conversations') return version === 'v2' ? 'orchestrator' : 'conversations';
  if (product === 'memory') return 'memory';
  // Media belong to the Conversations service: its content URLs and the Media Content Service.
  if (product === 'media' || product === 'mcs') return 'conversations';
  return undefined;
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
