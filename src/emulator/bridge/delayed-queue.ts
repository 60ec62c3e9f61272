/**
 * A FIFO of work that becomes due `delayMs` after it was queued, run in
 * order by one timer. Pausing holds everything (nothing runs, new work still
 * queues); resuming runs what has come due and keeps the rest on schedule.
 * Entries are plain data with absolute due times, so a snapshot carries them
 * across a restart.
 */

export interface QueuedTask<T> {
  task: T;
  /** Epoch milliseconds. */
  dueAt: number;
}

export class DelayedQueue<T> {
  #entries: QueuedTask<T>[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #paused = false;

  constructor(
    private readonly delayMs: number,
    private readonly run: (task: T) => void,
  ) {}

  get paused(): boolean {
    return this.#paused;
  }

  get size(): number {
    return this.#entries.length;
  }

  push(task: T): void {
    this.#entries.push({ task, dueAt: Date.now() + this.delayMs });
    this.#arm();
  }

  pause(): void {
    this.#paused = true;
    this.#disarm();
  }

  resume(): void {
    this.#paused = false;
    this.#arm();
  }

  clear(): void {
    this.#entries = [];
    this.#disarm();
  }

  toSnapshot(): QueuedTask<T>[] {
    return structuredClone(this.#entries);
  }

  /** Replaces the queue; entries already overdue run at once (unless paused). */
  restore(entries: readonly QueuedTask<T>[]): void {
    this.#disarm();
    this.#entries = structuredClone([...entries]).sort((a, b) => a.dueAt - b.dueAt);
    this.#arm();
  }

  dispose(): void {
    this.#disarm();
  }

  #arm(): void {
    const head = this.#entries[0];
    if (this.#paused || this.#timer !== undefined || head === undefined) return;
    // Timers may fire a millisecond early; the drain re-arms for whatever is not due yet.
    this.#timer = setTimeout(() => this.#drain(), Math.max(0, head.dueAt - Date.now()));
    this.#timer.unref();
  }

  #disarm(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #drain(): void {
    this.#timer = undefined;
    const now = Date.now();
    while (!this.#paused && this.#entries[0] !== undefined && this.#entries[0].dueAt <= now) {
      const { task } = this.#entries.shift() as QueuedTask<T>;
      try {
        this.run(task);
      } catch (error) {
        // One bad task must not stall the rest; the bridge's syncs are idempotent, so a later one repairs it.
        console.error('[bridge-chat emulator] bridge sync failed:', error);
      }
    }
    this.#arm();
  }
}
