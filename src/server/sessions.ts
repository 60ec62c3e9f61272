import { randomUUID } from 'node:crypto';
import type { Backend, EndResponse, RefreshResponse, SessionRequest, SessionResponse } from '../protocol/session.js';
import { unauthorized } from './errors.js';
import type { IdentifiedVisitor } from './identify.js';
import type { SessionClaims, SessionTokens } from './session-token.js';
import type { CompanionSettings } from './settings.js';
import { mintAccessToken } from './twilio/access-token.js';
import type { TwilioClient } from './twilio/client.js';
import {
  type ClassicConversation,
  closeConversation,
  createWidgetConversation,
  ensureChatParticipant,
  fetchConversation,
  findOpenWidgetConversation,
  postVisitorMessage,
} from './twilio/conversations.js';

export interface SessionServiceDeps {
  settings: CompanionSettings;
  twilio: TwilioClient;
  tokens: SessionTokens;
}

/** Who is asking: the Bearer session token they sent (if any) and what the site's identify hook said. */
export interface Caller {
  sessionToken: string | undefined;
  visitor: IdentifiedVisitor | undefined;
}

/**
 * Starts, resumes, refreshes and ends a visitor's chat: identity, classic
 * conversation, participant, Twilio access token and the companion's own
 * session token.
 */
export class SessionService {
  readonly #backend: Backend;

  constructor(private readonly deps: SessionServiceDeps) {
    this.#backend = backendFor(deps.settings);
  }

  async start(caller: Caller, prechat: SessionRequest): Promise<SessionResponse> {
    const { settings, twilio } = this.deps;
    const claims = this.#claims(caller, { required: false });
    const details = {
      identity: caller.visitor?.identity ?? claims?.identity ?? `visitor-${randomUUID()}`,
      name: caller.visitor?.name ?? prechat.name,
      email: caller.visitor?.email ?? prechat.email,
    };
    const existing = await this.#openConversation(details.identity, claims, caller.visitor !== undefined);
    const conversation = existing ?? (await createWidgetConversation(twilio, settings.serviceSid, details));
    await ensureChatParticipant(twilio, settings.serviceSid, conversation.sid, details);
    if (prechat.firstMessage) {
      await postVisitorMessage(twilio, settings.serviceSid, conversation.sid, details.identity, prechat.firstMessage);
    }
    return {
      ...this.#credentials({
        identity: details.identity,
        conversationSid: conversation.sid,
        serviceSid: settings.serviceSid,
        ...(caller.visitor ? { signedIn: true } : {}),
      }),
      identity: details.identity,
      conversationSid: conversation.sid,
      backend: this.#backend,
    };
  }

  /** A fresh access token for a valid session, also after the previous token expired. */
  refresh(caller: Caller): RefreshResponse {
    return this.#credentials(this.#claims(caller, { required: true }));
  }

  /** The session a Bearer request may act for, by the same rules as refresh and end. */
  authorize(caller: Caller): SessionClaims {
    return this.#claims(caller, { required: true });
  }

  /** The customer ends the chat: the classic conversation is closed. */
  async end(caller: Caller): Promise<EndResponse> {
    const { conversationSid } = this.#claims(caller, { required: true });
    await closeConversation(this.deps.twilio, this.deps.settings.serviceSid, conversationSid);
    return { conversationSid, state: 'closed' };
  }

  /**
   * The conversation to carry on in: the session's own while it is open; for
   * a signed-in user without one (another device), their newest open widget
   * conversation. Undefined means: start a new one.
   */
  async #openConversation(
    identity: string,
    claims: SessionClaims | undefined,
    signedIn: boolean,
  ): Promise<ClassicConversation | undefined> {
    const { twilio, settings } = this.deps;
    if (claims) {
      const resumed = await fetchConversation(twilio, settings.serviceSid, claims.conversationSid);
      if (resumed && resumed.state !== 'closed') return resumed;
    }
    return signedIn ? findOpenWidgetConversation(twilio, settings.serviceSid, identity) : undefined;
  }

  /**
   * The session the caller's token vouches for. A token for someone other than
   * the signed-in user is not theirs to use, and a signed-in user's token is
   * only good while the site still says it is them (not after they signed out,
   * on a shared computer): with `required` that is refused, otherwise it is
   * ignored and the caller gets a session of their own.
   */
  #claims(caller: Caller, options: { required: true }): SessionClaims;
  #claims(caller: Caller, options: { required: false }): SessionClaims | undefined;
  #claims(caller: Caller, { required }: { required: boolean }): SessionClaims | undefined {
    if (caller.sessionToken === undefined) {
      if (required) throw unauthorized('This request needs the session token as "Authorization: Bearer <sessionToken>".');
      return undefined;
    }
    const claims = this.deps.tokens.verify(caller.sessionToken);
    // A token another companion signed for its own service (sharing the secret) is no token here.
    if (!claims || claims.serviceSid !== this.deps.settings.serviceSid) {
      throw unauthorized('The session token is invalid or expired; start a new session without it.');
    }
    const vouched = caller.visitor ? caller.visitor.identity === claims.identity : !claims.signedIn;
    if (!vouched) {
      if (required) throw unauthorized('This session belongs to another user.');
      return undefined;
    }
    return claims;
  }

  #credentials(claims: SessionClaims): RefreshResponse {
    const access = mintAccessToken(this.deps.settings, claims.identity);
    return {
      token: access.token,
      tokenExpiresAt: access.expiresAt.toISOString(),
      sessionToken: this.deps.tokens.sign(claims),
    };
  }
}

function backendFor(settings: CompanionSettings): Backend {
  if (!settings.emulatorUrl) return { kind: 'twilio' };
  const realtime = new URL('realtime', settings.emulatorUrl.replace(/\/*$/, '/'));
  realtime.protocol = realtime.protocol === 'https:' ? 'wss:' : 'ws:';
  return { kind: 'emulator', realtimeUrl: realtime.toString() };
}
