import type { WebSocket } from 'ws';
import type { AccessTokenVerdict } from '../access-token.js';
import { messageWindow } from './message-window.js';
import { parseRequestFrame, toRealtimeConversation, toRealtimeMessage } from './codec.js';
import type {
  RealtimeError,
  RealtimeMessageEventType,
  RealtimeRequest,
  RealtimeRequests,
  RealtimeRequestType,
  RealtimeServerFrame,
  SessionGrant,
} from './protocol.js';
import { twilioErrorFor } from '../classic/params.js';
import { WriteRefused, type Conversation, type ConversationStore, type Message } from '../classic/store.js';

export interface RealtimeSessionDeps {
  store: ConversationStore;
  verifyToken: (token: string) => AccessTokenVerdict;
}

/** A request failure to report to the client; anything else thrown is a server fault (20500). */
class RequestFailure extends Error {
  constructor(readonly error: RealtimeError) {
    super(error.message);
  }
}

const fail = (code: number, message: string) => new RequestFailure({ code, message });

const invalidRequest = (problem: string): RealtimeError => ({ code: 20001, message: `Invalid request: ${problem}` });

/** Policy-violation close code: sent after a failed authenticate and when the token ran out. */
const CLOSE_POLICY_VIOLATION = 1008;

/**
 * One client socket: authenticates it with an access token, answers its
 * requests on behalf of its identity, pushes it the messages of its
 * conversations, and ends it when its token expires.
 */
export class RealtimeSession {
  readonly #socket: WebSocket;
  readonly #deps: RealtimeSessionDeps;
  #identity: string | undefined;
  #expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(socket: WebSocket, deps: RealtimeSessionDeps) {
    this.#socket = socket;
    this.#deps = deps;
    socket.on('message', (data, isBinary) => {
      if (isBinary) this.#reject(null, invalidRequest('binary frames are not part of the protocol'));
      else this.#handleFrame(data.toString());
    });
    socket.on('close', () => clearTimeout(this.#expiryTimer));
    // A broken socket closes itself; without a listener, ws would throw the error instead.
    socket.on('error', () => undefined);
  }

  /** Pushes a message event if this socket's identity is in the message's conversation. */
  deliver(type: RealtimeMessageEventType, message: Message): void {
    if (this.#identity !== undefined && this.#deps.store.findParticipant(message.conversationSid, this.#identity)) {
      this.#send({ type, message: toRealtimeMessage(message) });
    }
  }

  /** Ends an authenticated session as if its token had run out; unauthenticated sockets are left alone. */
  expireToken(): void {
    if (this.#identity !== undefined) this.#expire();
  }

  /** Drops the connection at once (shutdown, or a dropped-sockets fault). */
  terminate(): void {
    clearTimeout(this.#expiryTimer);
    this.#socket.terminate();
  }

  #handleFrame(text: string): void {
    const parsed = parseRequestFrame(text);
    if (!parsed.ok) {
      this.#reject(parsed.id, invalidRequest(parsed.problem));
      return;
    }
    const { request } = parsed;
    try {
      this.#send({ type: 'response', id: request.id, ok: true, result: this.#answer(request) });
    } catch (error) {
      if (error instanceof WriteRefused) {
        this.#reject(request.id, { code: twilioErrorFor(error).code, message: error.message });
        return;
      }
      if (!(error instanceof RequestFailure)) {
        console.error('[bridge-chat emulator] realtime request failed:', error);
        this.#reject(request.id, { code: 20500, message: 'Internal error in the emulator' });
        return;
      }
      this.#reject(request.id, error.error);
      if (request.type === 'authenticate' && this.#identity === undefined) {
        this.#socket.close(CLOSE_POLICY_VIOLATION, 'authentication failed');
      }
    }
  }

  #answer(request: RealtimeRequest): RealtimeRequests[RealtimeRequestType]['result'] {
    if (request.type === 'authenticate') {
      if (this.#identity !== undefined) {
        throw fail(20001, 'Already authenticated; use updateToken to extend the session');
      }
      return this.#acceptToken(request.token);
    }
    if (this.#identity === undefined) throw fail(20003, 'Authenticate first');
    const identity = this.#identity;
    const { store } = this.#deps;
    switch (request.type) {
      case 'updateToken':
        return this.#acceptToken(request.token);
      case 'getConversation': {
        const conversation = this.#conversationFor(identity, request.conversationSid);
        return toRealtimeConversation(conversation, store.listMessages(conversation.sid).at(-1)?.index ?? null);
      }
      case 'getMessages': {
        const conversation = this.#conversationFor(identity, request.conversationSid);
        const { messages, prevAnchor, nextAnchor } = messageWindow(
          store.listMessages(conversation.sid),
          request.pageSize,
          request.anchor,
          request.direction,
        );
        return { messages: messages.map(toRealtimeMessage), prevAnchor, nextAnchor };
      }
      case 'sendMessage': {
        const conversation = this.#conversationFor(identity, request.conversationSid);
        const message = store.addMessage(conversation.sid, {
          author: identity,
          body: request.body,
          attributes: JSON.stringify(request.attributes),
        });
        return { sid: message.sid, index: message.index };
      }
    }
  }

  /** Verifies a token and (re)arms the session's expiry; a refresh must keep the identity. */
  #acceptToken(token: string): SessionGrant {
    const verdict = this.#deps.verifyToken(token);
    if (!verdict.valid) throw fail(verdict.code, verdict.reason);
    if (this.#identity !== undefined && verdict.identity !== this.#identity) {
      throw fail(20101, `The new token is for identity "${verdict.identity}", this session is "${this.#identity}"`);
    }
    this.#identity = verdict.identity;
    clearTimeout(this.#expiryTimer);
    this.#expiryTimer = setTimeout(() => this.#expire(), verdict.expiresAt.getTime() - Date.now());
    return { identity: verdict.identity, tokenExpiresAt: verdict.expiresAt.getTime() };
  }

  #expire(): void {
    clearTimeout(this.#expiryTimer);
    this.#send({ type: 'tokenExpired' });
    this.#socket.close(CLOSE_POLICY_VIOLATION, 'access token expired');
  }

  #conversationFor(identity: string, conversationSid: string): Conversation {
    const conversation = this.#deps.store.findConversation(conversationSid);
    if (!conversation) throw fail(20404, `Conversation ${conversationSid} not found`);
    if (!this.#deps.store.findParticipant(conversation.sid, identity)) {
      throw fail(20403, `Identity "${identity}" is not a participant of conversation ${conversationSid}`);
    }
    return conversation;
  }

  #reject(id: number | null, error: RealtimeError): void {
    this.#send({ type: 'response', id, ok: false, error });
  }

  #send(frame: RealtimeServerFrame): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(JSON.stringify(frame));
  }
}
