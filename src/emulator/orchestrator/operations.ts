import type { OrchestratorStore } from './store.js';

/**
 * Drives ControlPlane operations through Twilio's lifecycle, PENDING →
 * RUNNING → COMPLETED or FAILED, one step every `stepMs`. The state lives in
 * the store, so after a restore `resumeUnfinished()` picks up where a
 * snapshot left off.
 */
export class OperationRunner {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly store: OrchestratorStore,
    private readonly stepMs: number,
  ) {
    store.on('operationCreated', (operation) => this.#schedule(operation.id));
  }

  /** Whole seconds a client should wait before its first poll (the 202's `Retry-After`). */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((2 * this.stepMs) / 1000));
  }

  /** Re-arms the timers of every operation still PENDING or RUNNING (after a restore). */
  resumeUnfinished(): void {
    this.dispose();
    for (const operation of this.store.unfinishedOperations()) this.#schedule(operation.id);
  }

  /** Stops every timer; unfinished operations stay as they are. */
  dispose(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #schedule(operationId: string): void {
    const timer = setTimeout(() => this.#step(operationId), this.stepMs);
    // Pending work must not keep a process alive that is otherwise done (tests, CLI one-shots).
    timer.unref();
    this.#timers.set(operationId, timer);
  }

  #step(operationId: string): void {
    this.#timers.delete(operationId);
    const operation = this.store.findOperation(operationId);
    if (operation?.status === 'PENDING') {
      this.store.markRunning(operationId);
      this.#schedule(operationId);
    } else if (operation?.status === 'RUNNING') {
      this.store.finishOperation(operationId);
    }
  }
}
