import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionResponse } from '../../protocol/session.js';
import { WidgetError } from '../errors.js';
import { requestRefresh, requestSession } from '../session/companion-client.js';
import { SessionTokenStore } from '../session/session-token-store.js';

/** A refresh that takes longer is abandoned; the transport tries again on its next token event. */
const REFRESH_TIMEOUT_MS = 15_000;

export interface SessionHost extends ReactiveControllerHost {
  /** Base URL of the companion. */
  readonly sessionUrl: string;
}

/**
 * Gets a chat session from the companion, resuming the stored one when there is
 * one, and keeps the companion's `sessionToken` for the next visit.
 */
export class SessionController implements ReactiveController {
  private inFlight: AbortController | undefined;
  /** The current session's token, kept in memory too: storage may be unavailable. */
  private sessionToken: string | undefined;

  constructor(private readonly host: SessionHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.inFlight?.abort();
  }

  async open(): Promise<SessionResponse> {
    const sessionUrl = this.sessionUrl();
    this.inFlight?.abort();
    const { signal } = (this.inFlight = new AbortController());
    const store = new SessionTokenStore(sessionUrl);
    const storedToken = store.read();
    let session: SessionResponse;
    try {
      session = await requestSession(sessionUrl, storedToken, signal);
    } catch (error) {
      const storedTokenRejected = storedToken && error instanceof WidgetError && error.code === 'unauthorized';
      if (!storedTokenRejected) throw error;
      // The stored session expired or was revoked: start a new one.
      store.clear();
      session = await requestSession(sessionUrl, undefined, signal);
    }
    this.remember(store, session.sessionToken);
    return session;
  }

  /** A new access token for the open session (before or after the old one expired). */
  async refreshAccessToken(): Promise<string> {
    const sessionUrl = this.sessionUrl();
    const store = new SessionTokenStore(sessionUrl);
    const sessionToken = this.sessionToken ?? store.read();
    if (!sessionToken) throw new WidgetError('unauthorized', 'There is no chat session to refresh.');
    const refreshed = await requestRefresh(sessionUrl, sessionToken, AbortSignal.timeout(REFRESH_TIMEOUT_MS));
    this.remember(store, refreshed.sessionToken);
    return refreshed.token;
  }

  /** One spelling per companion, for the request URL and the storage key alike. */
  private sessionUrl(): string {
    const sessionUrl = this.host.sessionUrl.replace(/\/+$/, '');
    if (!sessionUrl) throw new WidgetError('not_configured', 'The session-url attribute is not set.');
    return sessionUrl;
  }

  private remember(store: SessionTokenStore, sessionToken: string): void {
    this.sessionToken = sessionToken;
    store.write(sessionToken);
  }
}
