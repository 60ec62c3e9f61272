import twilio from 'twilio';

/**
 * Why a bridge command stopped: `invalid` input (caught before calling
 * Twilio), `refused` because it would break the guide's rules, `failed` when
 * Twilio's operation FAILED, `timeout` when it did not finish in time.
 */
export type BridgeErrorKind = 'invalid' | 'refused' | 'failed' | 'timeout';

export class BridgeError extends Error {
  override name = 'BridgeError';

  constructor(
    readonly kind: BridgeErrorKind,
    message: string,
    /** For `failed`: Twilio's problem details, as the operation reported them. */
    readonly problem?: { operationId: string; title?: string; detail?: string; status?: number },
  ) {
    super(message);
  }
}

/** One line for a failed bridge step: our own reason, Twilio's answer, or why Twilio could not be reached. */
export function describeFailure(error: unknown): string {
  if (error instanceof BridgeError) return error.message;
  const { status, code, message } = error as { status?: unknown; code?: unknown; message?: unknown };
  if (error instanceof twilio.RestException) {
    return `Twilio answered ${status}${typeof code === 'number' ? ` (error ${code})` : ''}: ${message}`;
  }
  if ((error as { isAxiosError?: unknown }).isAxiosError) return `Twilio could not be reached: ${message}`;
  return String(message ?? error);
}
