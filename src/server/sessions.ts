import { randomUUID } from 'node:crypto';
import type { Backend, SessionResponse } from '../protocol/session.js';
import { unauthorized } from './errors.js';
import type { SessionTokens } from './session-token.js';
import type { CompanionSettings } from './settings.js';
import { mintAccessToken } from './twilio/access-token.js';
import type { TwilioClient } from './twilio/client.js';
import {
  createVisitorConversation,
  ensureChatParticipant,
  fetchConversation,
} from './twilio/conversations.js';

export interface SessionServiceDeps {
  settings: CompanionSettings;
  twilio: TwilioClient;
  tokens: SessionTokens;
}

/**
 * Starts or resumes a visitor's chat: identity, classic conversation,
 * participant, Twilio access token and the companion's session token.
 */
export class SessionService {
  readonly #backend: Backend;

  constructor(private readonly deps: SessionServiceDeps) {
    this.#backend = backendFor(deps.settings);
  }

  /** `sessionToken` is the caller's Bearer credential, when it has one. */
  async start(sessionToken: string | undefined): Promise<SessionResponse> {
    const { settings, twilio, tokens } = this.deps;
    const claims = sessionToken === undefined ? undefined : tokens.verify(sessionToken);
    if (sessionToken !== undefined && !claims) {
      throw unauthorized('The session token is invalid or expired; start a new session without it.');
    }
    const identity = claims?.identity ?? `visitor-${randomUUID()}`;
    const resumed = claims && (await fetchConversation(twilio, settings.serviceSid, claims.conversationSid));
    const conversation =
      resumed && resumed.state !== 'closed'
        ? resumed
        : await createVisitorConversation(twilio, settings.serviceSid, identity);
    await ensureChatParticipant(twilio, settings.serviceSid, conversation.sid, identity);

    const access = mintAccessToken(settings, identity);
    return {
      identity,
      conversationSid: conversation.sid,
      token: access.token,
      tokenExpiresAt: access.expiresAt.toISOString(),
      sessionToken: tokens.sign({ identity, conversationSid: conversation.sid }),
      backend: this.#backend,
    };
  }
}

function backendFor(settings: CompanionSettings): Backend {
  if (!settings.emulatorUrl) return { kind: 'twilio' };
  const realtime = new URL('realtime', settings.emulatorUrl.replace(/\/*$/, '/'));
  realtime.protocol = realtime.protocol === 'https:' ? 'wss:' : 'ws:';
  return { kind: 'emulator', realtimeUrl: realtime.toString() };
}
