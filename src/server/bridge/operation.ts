import type { TwilioClient } from '../twilio/client.js';
import { BridgeError } from './errors.js';

/** One look at a ControlPlane operation while waiting for it. */
export interface OperationPoll {
  operationId: string;
  /** PENDING, RUNNING, COMPLETED or FAILED. */
  status: string;
  elapsedMs: number;
}

export interface WaitOptions {
  /** How long the 202 said to wait before the first look (its Retry-After). */
  firstWaitMs: number;
  /** Give up after this long in all. */
  timeoutMs: number;
  onPoll?: (poll: OperationPoll) => void;
}

/** Without a Retry-After, look again after this long, growing to the cap. */
const DEFAULT_WAIT_MS = 1000;
const MAX_WAIT_MS = 5000;
/** A Retry-After is honoured up to this long (a bad header must not stall the CLI). */
const MAX_RETRY_AFTER_MS = 30_000;
/** Even "Retry-After: 0" waits this long, so a misbehaving server is not hammered. */
const MIN_WAIT_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `GET /v2/ControlPlane/Operations/{id}` until COMPLETED (resolves) or
 * FAILED (throws a `failed` BridgeError with Twilio's problem details), or
 * throws a `timeout` BridgeError once `timeoutMs` has passed.
 */
export async function waitForOperation(client: TwilioClient, operationId: string, options: WaitOptions): Promise<void> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let wait = options.firstWaitMs;
  let fallback = DEFAULT_WAIT_MS;
  for (;;) {
    await sleep(Math.max(0, Math.min(wait, deadline - Date.now())));
    const { body: operation, headers } = await client.conversations.v2.operations(operationId).fetchWithHttpInfo();
    const status = String(operation.status);
    options.onPoll?.({ operationId, status, elapsedMs: Date.now() - started });
    if (status === 'COMPLETED') return;
    if (status === 'FAILED') {
      const { title, detail, status: httpStatus } = operation.error ?? {};
      const reason = [title, detail].filter(Boolean).join(': ') || 'no details given';
      throw new BridgeError('failed', `Operation ${operationId} FAILED: ${reason}`, {
        operationId,
        ...(title ? { title } : {}),
        ...(detail ? { detail } : {}),
        ...(httpStatus ? { status: httpStatus } : {}),
      });
    }
    if (Date.now() >= deadline) {
      throw new BridgeError(
        'timeout',
        `Operation ${operationId} is still ${status} after ${Math.round(options.timeoutMs / 1000)} s; see later with "bridge-chat bridge status"`,
      );
    }
    wait = retryAfterMs(headers) ?? fallback;
    fallback = Math.min(fallback * 2, MAX_WAIT_MS);
  }
}

/** Retry-After in seconds or as an HTTP date, clamped; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
  const raw = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw).trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(ms, MIN_WAIT_MS), MAX_RETRY_AFTER_MS);
}
