/** How long before expiry the SDK warns with `tokenAboutToExpire`. */
const WARNING_BEFORE_EXPIRY_MS = 3 * 60 * 1000;

/**
 * `tokenAboutToExpire` three minutes before the token's expiry (at once if it
 * has less left) and `tokenExpired` at expiry, or earlier when the server says
 * so: once per token, however often the connection re-authenticates with it.
 */
export class TokenTimers {
  readonly #onAboutToExpire: () => void;
  readonly #onExpired: () => void;
  #expiresAt: number | undefined;
  #expired = false;
  #timers: ReturnType<typeof setTimeout>[] = [];

  constructor(onAboutToExpire: () => void, onExpired: () => void) {
    this.#onAboutToExpire = onAboutToExpire;
    this.#onExpired = onExpired;
  }

  /** Arms the timers for a token expiring at `expiresAt` (ms since the epoch). */
  track(expiresAt: number): void {
    if (expiresAt === this.#expiresAt) return;
    this.clear();
    this.#expiresAt = expiresAt;
    this.#expired = false;
    const remaining = expiresAt - Date.now();
    this.#timers = [
      setTimeout(this.#onAboutToExpire, Math.max(0, remaining - WARNING_BEFORE_EXPIRY_MS)),
      setTimeout(() => this.expireNow(), Math.max(0, remaining)),
    ];
  }

  /** The current token is expired now (at its time, or early when the server ended it). */
  expireNow(): void {
    if (this.#expired) return;
    this.#expired = true;
    this.clear();
    this.#onExpired();
  }

  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
  }
}
