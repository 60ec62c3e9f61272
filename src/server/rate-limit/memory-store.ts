import type { RateLimitResult, RateLimitStore } from './store.js';

interface Window {
  count: number;
  resetAt: number;
}

export interface MemoryRateLimitStoreOptions {
  /** Injectable clock, for tests. */
  now?: () => number;
  /**
   * Most keys kept at once. Expired windows are swept first; past that the
   * oldest windows are dropped, so a flood of new keys costs bounded memory.
   */
  maxKeys?: number;
}

/** Fixed-window counters in this process's memory: right for a single instance. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, Window>();
  readonly #now: () => number;
  readonly #maxKeys: number;

  constructor({ now = Date.now, maxKeys = 100_000 }: MemoryRateLimitStoreOptions = {}) {
    this.#now = now;
    this.#maxKeys = maxKeys;
  }

  /** Keys currently held. */
  get size(): number {
    return this.#windows.size;
  }

  async hit(key: string, windowMs: number, limit: number): Promise<RateLimitResult> {
    const now = this.#now();
    this.#sweep(now);
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      // Re-inserted, so the Map's order stays oldest-window-first for eviction.
      this.#windows.delete(key);
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    const allowed = window.count <= limit;
    return {
      allowed,
      remaining: Math.max(0, limit - window.count),
      retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
    };
  }

  /**
   * With one window length, windows sit in the Map oldest first, so expired
   * ones are at the front: dropping them stops at the first live one
   * (amortised O(1) per hit). At the cap, the oldest live window goes too.
   */
  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (window.resetAt > now && this.#windows.size < this.#maxKeys) break;
      this.#windows.delete(key);
    }
  }
}
