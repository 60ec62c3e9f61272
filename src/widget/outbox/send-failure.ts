/**
 * Why a send failed, which decides what the outbox does next:
 * - `offline`: the link is down; the message waits for it (it may have been stored: check first).
 * - `refused`: Twilio answered no (bad media, closed conversation, no permission); sending again won't help.
 * - `transient`: anything else (timeouts, rate limits, server errors); retried with backoff, a few times.
 */
export type SendFailure = 'offline' | 'refused' | 'transient';

/** HTTP statuses and Twilio error codes that mean "try again later". */
const TRANSIENT_CODES = new Set([408, 429, 20429, 20500, 20503, 20504]);

/**
 * Classifies a failed send by the error's numeric `code` (Twilio's, e.g. 50xxx, or
 * an HTTP status) or `status`; `connected` is whether the link was up when it failed.
 */
export function classifySendFailure(error: unknown, connected: boolean): SendFailure {
  if (!connected) return 'offline';
  const code = numeric(error, 'code') ?? numeric(error, 'status');
  if (code === undefined || TRANSIENT_CODES.has(code)) return 'transient';
  const clientError = code >= 400 && code < 500;
  const twilioError = code >= 10_000;
  return clientError || twilioError ? 'refused' : 'transient';
}

function numeric(error: unknown, key: 'code' | 'status'): number | undefined {
  if (typeof error !== 'object' || error === null || !(key in error)) return undefined;
  const value: unknown = (error as Record<typeof key, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
