import type { ErrorCode } from '../../protocol/errors.js';
import type { TwilioClient } from '../twilio/client.js';
import { upstreamError } from '../twilio/upstream-error.js';
import { bridgeStatus } from './bridge-status.js';
import type { GroupingType } from './configurations.js';

export type DeepHealth =
  | { status: 'ok'; bridge: { bridged: boolean; configurationId?: string; grouping?: GroupingType } }
  | { status: 'degraded'; error: { code: ErrorCode; message: string; twilioStatus?: number; twilioCode?: number } };

export interface ProbeTiming {
  /** How long an answer from Twilio is reused. */
  okTtlMs: number;
  /** Shorter for a failure, so recovery shows soon. */
  degradedTtlMs: number;
}

/**
 * `/healthz?deep=1`: whether Twilio answers and bridges the service. Answers
 * are cached and concurrent checks share one probe, so the endpoint stays
 * cheap however often monitors call it.
 */
export class BridgeHealthProbe {
  #cached: { answer: DeepHealth; until: number } | undefined;
  #pending: Promise<DeepHealth> | undefined;

  constructor(
    private readonly client: TwilioClient,
    private readonly serviceSid: string,
    private readonly timing: ProbeTiming = { okTtlMs: 30_000, degradedTtlMs: 5_000 },
  ) {}

  check(): Promise<DeepHealth> {
    if (this.#cached && Date.now() < this.#cached.until) return Promise.resolve(this.#cached.answer);
    this.#pending ??= this.#probe().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #probe(): Promise<DeepHealth> {
    let answer: DeepHealth;
    try {
      const [configuration] = (await bridgeStatus(this.client, this.serviceSid)).configurations;
      answer = {
        status: 'ok',
        bridge: configuration
          ? { bridged: true, configurationId: configuration.id, grouping: configuration.grouping }
          : { bridged: false },
      };
    } catch (error) {
      const { code, message } = upstreamError(error);
      const { status: twilioStatus, code: twilioCode } = error as { status?: unknown; code?: unknown };
      answer = {
        status: 'degraded',
        error: {
          code,
          message,
          ...(typeof twilioStatus === 'number' ? { twilioStatus } : {}),
          ...(typeof twilioCode === 'number' ? { twilioCode } : {}),
        },
      };
    }
    const ttl = answer.status === 'ok' ? this.timing.okTtlMs : this.timing.degradedTtlMs;
    this.#cached = { answer, until: Date.now() + ttl };
    return answer;
  }
}
