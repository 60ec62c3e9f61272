/**
 * What the fault-injection control API has asked for, and the decision for
 * each incoming REST request. Pure state: the HTTP edges apply it.
 */
export type FailureStatus = 429 | 503;

export interface FailureRule {
  status: FailureStatus;
  /** Seconds sent as Retry-After. */
  retryAfterSeconds: number;
}

export interface FaultSettings {
  latencyMs: number;
  /** Fail this many of the next requests. */
  failNext: (FailureRule & { remaining: number }) | null;
  /** Fail this share (0–1) of requests, after `failNext` is used up. */
  failShare: (FailureRule & { ratio: number }) | null;
}

export type FaultDecision = { delayMs: number; fail: FailureRule | null };

const NO_FAULTS: FaultSettings = { latencyMs: 0, failNext: null, failShare: null };

export class FaultPlan {
  #settings: FaultSettings = { ...NO_FAULTS };

  /** `random` is injectable so tests of share-based failures are deterministic. */
  constructor(private readonly random: () => number = Math.random) {}

  get settings(): Readonly<FaultSettings> {
    return this.#settings;
  }

  update(changes: Partial<FaultSettings>): void {
    this.#settings = { ...this.#settings, ...changes };
  }

  reset(): void {
    this.#settings = { ...NO_FAULTS };
  }

  /** Decides the fate of one request; counts it against `failNext`. */
  decide(): FaultDecision {
    const { latencyMs, failNext, failShare } = this.#settings;
    let fail: FailureRule | null = null;
    if (failNext && failNext.remaining > 0) {
      fail = { status: failNext.status, retryAfterSeconds: failNext.retryAfterSeconds };
      const remaining = failNext.remaining - 1;
      this.#settings = { ...this.#settings, failNext: remaining > 0 ? { ...failNext, remaining } : null };
    } else if (failShare && this.random() < failShare.ratio) {
      fail = { status: failShare.status, retryAfterSeconds: failShare.retryAfterSeconds };
    }
    return { delayMs: latencyMs, fail };
  }
}
