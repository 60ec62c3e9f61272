import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import type { ContextResponse } from '../../protocol/context.js';
import type { SessionRequest, SessionResponse } from '../../protocol/session.js';
import { WidgetError } from '../errors.js';
import {
  type CompanionCall,
  requestContext,
  requestEnd,
  requestRefresh,
  requestSession,
  requestVisitor,
} from '../session/companion-client.js';
import { normalizeSessionUrl, SessionTokenStore } from '../session/session-token-store.js';
import type { PanelSettings, PrechatField } from '../settings/panel-settings.js';

/** A refresh that takes longer is abandoned; the transport tries again on its next token event. */
const REFRESH_TIMEOUT_MS = 15_000;
/** Ending a chat that takes longer fails, and the visitor may try again. */
const END_TIMEOUT_MS = 15_000;

/** What the visitor told the pre-chat form: name, email, first message; each optional. */
export type SessionDetails = SessionRequest;

/** The site's own request headers for the companion, e.g. its signed-in user's session. */
export type AuthHeaders = () => Record<string, string> | Promise<Record<string, string>>;

export interface SessionHost extends ReactiveControllerHost {
  readonly settings: Pick<PanelSettings, 'sessionUrl' | 'getAuthHeaders'>;
}

/**
 * Gets a chat session from the companion, resuming the stored one when there is
 * one, and keeps the companion's `sessionToken` for the next visit.
 */
export class SessionController implements ReactiveController {
  #inFlight: AbortController | undefined;
  /** The current session's token, kept in memory too: storage may be unavailable. */
  #sessionToken: string | undefined;
  /** The companion that issued `sessionToken`. */
  #issuedBy: string | undefined;
  readonly #host: SessionHost;

  constructor(host: SessionHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#inFlight?.abort();
  }

  /**
   * Whether the visitor must fill in the pre-chat form before `open`: only when
   * the site asks for `fields`, there is no session to resume, and the site's
   * identify hook does not know the visitor (a signed-in user is never asked).
   * Fails like `open` when the companion cannot answer.
   */
  async needsDetails(fields: readonly PrechatField[]): Promise<boolean> {
    if (fields.length === 0) return false;
    const sessionUrl = this.#sessionUrl();
    if ((this.#sessionToken && this.#issuedBy === sessionUrl) || new SessionTokenStore(sessionUrl).read()) return false;
    const signal = this.#startCall();
    const { identified } = await requestVisitor({
      sessionUrl,
      sessionToken: undefined,
      siteHeaders: await this.#siteHeaders(),
      signal,
    });
    return !identified;
  }

  /**
   * Resumes the stored session, or starts a new one; `details` (the pre-chat
   * form's answers) are used only when a new conversation starts.
   */
  async open(details: SessionDetails = {}): Promise<SessionResponse> {
    const sessionUrl = this.#sessionUrl();
    const signal = this.#startCall();
    const store = new SessionTokenStore(sessionUrl);
    const storedToken = store.read();
    const siteHeaders = await this.#siteHeaders();
    let session: SessionResponse;
    try {
      session = await requestSession({ sessionUrl, sessionToken: storedToken, siteHeaders, signal }, details);
    } catch (error) {
      const storedTokenRejected = storedToken && error instanceof WidgetError && error.code === 'unauthorized';
      if (!storedTokenRejected) throw error;
      // The stored session expired or was revoked: start a new one.
      store.clear();
      session = await requestSession({ sessionUrl, sessionToken: undefined, siteHeaders, signal }, details);
    }
    this.#remember(sessionUrl, store, session.sessionToken);
    return session;
  }

  /**
   * The visitor ends the chat: the companion closes the conversation. The
   * session is kept, so its messages stay readable; `forget` before a new chat.
   */
  async end(): Promise<void> {
    await requestEnd(await this.#sessionCall(AbortSignal.timeout(END_TIMEOUT_MS)));
  }

  /** The open session's link, history page and memory; fails before a session opens. */
  async requestContext(historyPageToken: string | undefined, signal: AbortSignal): Promise<ContextResponse> {
    return requestContext(await this.#sessionCall(signal), historyPageToken);
  }

  /** A new access token for the open session (before or after the old one expired). */
  async refreshAccessToken(): Promise<string> {
    const call = await this.#sessionCall(AbortSignal.timeout(REFRESH_TIMEOUT_MS));
    const refreshed = await requestRefresh(call);
    this.#remember(call.sessionUrl, new SessionTokenStore(call.sessionUrl), refreshed.sessionToken);
    return refreshed.token;
  }

  /** Forgets the visitor's session, here and in storage: the next open starts a new conversation. */
  forget(): void {
    this.#inFlight?.abort();
    const sessionUrl = this.#issuedBy ?? normalizeSessionUrl(this.#host.settings.sessionUrl);
    if (sessionUrl) new SessionTokenStore(sessionUrl).clear();
    this.#sessionToken = undefined;
    this.#issuedBy = undefined;
  }

  /** Abandons the previous `open` or `needsDetails` call: only the newest one's answer counts. */
  #startCall(): AbortSignal {
    this.#inFlight?.abort();
    return (this.#inFlight = new AbortController()).signal;
  }

  /** A call as the open session, to the companion that issued it. */
  async #sessionCall(signal: AbortSignal): Promise<CompanionCall> {
    const sessionUrl = this.#issuedBy;
    const sessionToken = this.#sessionToken;
    if (!sessionUrl || !sessionToken) throw new WidgetError('unauthorized', 'There is no chat session yet.');
    return { sessionUrl, sessionToken, siteHeaders: await this.#siteHeaders(), signal };
  }

  async #siteHeaders(): Promise<Record<string, string>> {
    return (await this.#host.settings.getAuthHeaders?.()) ?? {};
  }

  #sessionUrl(): string {
    const sessionUrl = normalizeSessionUrl(this.#host.settings.sessionUrl);
    if (!sessionUrl) throw new WidgetError('not_configured', 'The session-url attribute is not set.');
    return sessionUrl;
  }

  #remember(sessionUrl: string, store: SessionTokenStore, sessionToken: string): void {
    this.#issuedBy = sessionUrl;
    this.#sessionToken = sessionToken;
    store.write(sessionToken);
  }
}
