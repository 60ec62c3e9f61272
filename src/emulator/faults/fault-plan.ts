/**
 * What the fault-injection control API has asked for, the decision for each
 * incoming request (REST, and the realtime socket's data requests), and a
 * count of what was injected. Pure state: the HTTP and WebSocket edges apply it.
 */
export type FailureStatus = 429 | 503;

/** The products a failure can be limited to, so one can go down while the others keep working. */
export const FAULT_SCOPES = ['conversations', 'orchestrator', 'memory'] as const;
export type FaultScope = (typeof FAULT_SCOPES)[number];

export interface FailureRule {
  status: FailureStatus;
  /** Seconds sent as Retry-After. */
  retryAfterSeconds: number;
}

export interface FailureRules {
  /** Fail this many of the next requests. */
  failNext: (FailureRule & { remaining: number }) | null;
  /** Fail this share (0–1) of requests, after `failNext` is used up. */
  failShare: (FailureRule & { ratio: number }) | null;
}

/** The unscoped rules apply to every request; `scoped` ones only to their product's, on top. */
export interface FaultSettings extends FailureRules {
  latencyMs: number;
  scoped: Partial<Record<FaultScope, FailureRules>>;
}

/** One request as the plan sees it: its product (none for e.g. an unknown path) and a name to count it by. */
export interface FaultTarget {
  scope?: FaultScope | undefined;
  /** E.g. `rest conversations` or `realtime sendMessage`. */
  name?: string;
}

/** Counted since the emulator started; `reset` leaves them, so a test can read them after turning faults off. */
export interface InjectedFaults {
  failures: Record<FailureStatus, number>;
  /** Failures by the name of the request they hit. */
  failedRequests: Record<string, number>;
  droppedSockets: number;
}

export type FaultDecision = { delayMs: number; fail: FailureRule | null };

const NO_RULES: FailureRules = { failNext: null, failShare: null };
const NO_FAULTS: FaultSettings = { latencyMs: 0, ...NO_RULES, scoped: {} };

export class FaultPlan {
  #settings: FaultSettings = { ...NO_FAULTS };
  readonly #injected: InjectedFaults = { failures: { 429: 0, 503: 0 }, failedRequests: {}, droppedSockets: 0 };

  /** `random` is injectable so tests of share-based failures are deterministic. */
  constructor(private readonly random: () => number = Math.random) {}

  get settings(): Readonly<FaultSettings> {
    return this.#settings;
  }

  get injected(): Readonly<InjectedFaults> {
    return structuredClone(this.#injected);
  }

  /** Changes the latency or the unscoped rules. */
  update(changes: Partial<Omit<FaultSettings, 'scoped'>>): void {
    this.#settings = { ...this.#settings, ...changes };
  }

  /** Changes the rules of one product only; a scope left with no rule is dropped. */
  updateScoped(scope: FaultScope, changes: Partial<FailureRules>): void {
    const rules = { ...NO_RULES, ...this.#settings.scoped[scope], ...changes };
    const scoped = { ...this.#settings.scoped };
    if (rules.failNext || rules.failShare) scoped[scope] = rules;
    else delete scoped[scope];
    this.#settings = { ...this.#settings, scoped };
  }

  reset(): void {
    this.#settings = { ...NO_FAULTS };
  }

  /** The control API dropped this many realtime sockets. */
  recordDroppedSockets(count: number): void {
    this.#injected.droppedSockets += count;
  }

  /**
   * Decides the fate of one request; a failure counts against the `failNext`
   * that caused it. Countdowns come before shares, unscoped rules before scoped ones.
   */
  decide(target: FaultTarget = {}): FaultDecision {
    const { scope, name = 'request' } = target;
    const scoped = scope === undefined ? undefined : this.#settings.scoped[scope];
    const fail =
      this.#countDown(undefined) ??
      (scoped && this.#countDown(scope)) ??
      this.#draw(this.#settings) ??
      (scoped && this.#draw(scoped)) ??
      null;
    if (fail) {
      this.#injected.failures[fail.status] += 1;
      this.#injected.failedRequests[name] = (this.#injected.failedRequests[name] ?? 0) + 1;
    }
    return { delayMs: this.#settings.latencyMs, fail };
  }

  /** The next failure of a `failNext` (unscoped when `scope` is undefined), used up as it goes. */
  #countDown(scope: FaultScope | undefined): FailureRule | undefined {
    const failNext = scope === undefined ? this.#settings.failNext : this.#settings.scoped[scope]?.failNext;
    if (!failNext || failNext.remaining <= 0) return undefined;
    const remaining = failNext.remaining - 1;
    const left = remaining > 0 ? { ...failNext, remaining } : null;
    if (scope === undefined) this.update({ failNext: left });
    else this.updateScoped(scope, { failNext: left });
    return { status: failNext.status, retryAfterSeconds: failNext.retryAfterSeconds };
  }

  #draw({ failShare }: FailureRules): FailureRule | undefined {
    if (!failShare || this.random() >= failShare.ratio) return undefined;
    return { status: failShare.status, retryAfterSeconds: failShare.retryAfterSeconds };
  }
}
