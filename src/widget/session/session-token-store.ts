/**
 * Keeps the companion's `sessionToken` in localStorage, one per session URL,
 * so a returning visitor resumes its conversation.
 * Storage can be unavailable (privacy modes, sandboxed frames): then the
 * visitor simply starts a new session each time.
 */
/** One spelling per companion, for request URLs and storage keys alike. */
export function normalizeSessionUrl(sessionUrl: string): string {
  return sessionUrl.replace(/\/+$/, '');
}

/** Whether a visitor of this companion has a session to resume (a returning visitor). */
export function hasStoredSession(sessionUrl: string): boolean {
  const normalized = normalizeSessionUrl(sessionUrl);
  return normalized !== '' && new SessionTokenStore(normalized).read() !== undefined;
}

export class SessionTokenStore {
  readonly #key: string;

  constructor(sessionUrl: string) {
    this.#key = `bridge-chat:session-token:${sessionUrl}`;
  }

  read(): string | undefined {
    try {
      return localStorage.getItem(this.#key) ?? undefined;
    } catch {
      return undefined;
    }
  }

  write(sessionToken: string): void {
    try {
      localStorage.setItem(this.#key, sessionToken);
    } catch {
      // Not persisted: the next visit starts a new session.
    }
  }

  clear(): void {
    try {
      localStorage.removeItem(this.#key);
    } catch {
      // Nothing stored that could be cleared.
    }
  }
}
