import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionResponse } from '../../protocol/session.js';
import { WidgetError } from '../errors.js';
import { requestSession } from '../session/companion-client.js';
import { SessionTokenStore } from '../session/session-token-store.js';

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

  constructor(private readonly host: SessionHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.inFlight?.abort();
  }

  async open(): Promise<SessionResponse> {
    // One spelling per companion, for the request URL and the storage key alike.
    const sessionUrl = this.host.sessionUrl.replace(/\/+$/, '');
    if (!sessionUrl) throw new WidgetError('not_configured', 'The session-url attribute is not set.');
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
    store.write(session.sessionToken);
    return session;
  }
}
