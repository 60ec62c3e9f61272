/** How long a computed answer may be reused, decided per answer. */
export type TtlOf<T> = (value: T) => number;

const MAX_ENTRIES = 10_000;

/**
 * Answers per key for a time, with single-flight: while one computation for a
 * key runs, every other request for that key waits for it instead of starting
 * its own. A computation that throws is not kept. At most `maxEntries` answers
 * are kept; expired ones go first, then the oldest.
 */
export class AnswerCache<T> {
  readonly #answers = new Map<string, { value: T; until: number }>();
  readonly #running = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlOf: TtlOf<T>,
    private readonly maxEntries = MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.#answers.get(key);
    if (kept && kept.until > this.now()) return Promise.resolve(kept.value);
    let running = this.#running.get(key);
    if (!running) {
      running = compute()
        .then((value) => {
          this.#keep(key, value);
          return value;
        })
        .finally(() => this.#running.delete(key));
      this.#running.set(key, running);
    }
    return running;
  }

  #keep(key: string, value: T): void {
    const ttl = this.ttlOf(value);
    this.#answers.delete(key);
    if (ttl <= 0) return;
    if (this.#answers.size >= this.maxEntries) {
      const now = this.now();
      for (const [other, { until }] of this.#answers) if (until <= now) this.#answers.delete(other);
      if (this.#answers.size >= this.maxEntries) this.#answers.delete(this.#answers.keys().next().value!);
    }
    this.#answers.set(key, { value, until: this.now() + ttl });
  }
}
