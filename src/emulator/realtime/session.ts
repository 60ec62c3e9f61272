import type { WebSocket } from 'ws';
import type { AccessTokenVerdict } from '../access-token.js';
import { messageWindow } from './message-window.js';
import { parseRequestFrame, toRealtimeConversation, toRealtimeMessage, toRealtimeParticipant } from './codec.js';
import { emulatorContentUrl } from './content-url.js';
import type {
  RealtimeError,
  RealtimeEvent,
  RealtimeRequest,
  RealtimeRequests,
  RealtimeRequestType,
  RealtimeServerFrame,
  SessionGrant,
} from './protocol.js';
import { twilioErrorFor } from '../classic/params.js';
import type { FaultPlan } from '../faults/fault-plan.js';
import { injectedError } from '../faults/injected-error.js';
import { mediaLimits } from '../limits.js';
import { emulatorUploadPath } from '../media/wire.js';
import { WriteRefused, type Conversation, type ConversationStore, type Participant } from '../classic/store.js';
import type { TypingTracker } from './typing.js';

export interface RealtimeSessionDeps {
  store: ConversationStore;
  /** The emulated Conversations service; its media upload URL goes to clients with every grant. */
  serviceSid: string;
  verifyToken: (token: string) => AccessTokenVerdict;
  typing: TypingTracker;
  /** Where this socket reached the emulator, e.g. `http://127.0.0.1:4010`; media URLs point there. */
  origin: string;
  /** Injected latency and failures for data requests, as REST requests get them. */
  faults?: FaultPlan;
}

/** The handshake and token refreshes are the connection itself: its faults are dropped sockets and expired tokens. */
const CONNECTION_REQUESTS: ReadonlySet<RealtimeRequestType> = new Set(['authenticate', 'updateToken']);

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

  /**
   * Pushes an event of a conversation if this socket's identity is one of its
   * participants and not `exceptIdentity` (a typist does not hear itself).
   */
  deliver(conversationSid: string, event: RealtimeEvent, exceptIdentity?: string): void {
    const identity = this.#identity;
    if (identity === undefined || identity === exceptIdentity) return;
    if (this.#deps.store.findParticipant(conversationSid, identity)) this.#send(event);
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
    const faults = this.#deps.faults;
    if (!faults || CONNECTION_REQUESTS.has(request.type)) {
      this.#handleRequest(request);
      return;
    }
    const { delayMs, fail } = faults.decide({ scope: 'conversations', name: `realtime ${request.type}` });
    const carryOut = () => {
      if (!fail) return this.#handleRequest(request);
      const { code, message } = injectedError(fail);
      this.#reject(request.id, { code, message });
    };
    // A request delayed past a dropped socket is still carried out, as a server would; only its answer is lost.
    if (delayMs > 0) setTimeout(carryOut, delayMs);
    else carryOut();
  }

  #handleRequest(request: RealtimeRequest): void {
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
        return {
          ...toRealtimeConversation(conversation, store.listMessages(conversation.sid).at(-1)?.index ?? null),
          lastReadMessageIndex: this.#participantFor(identity, conversation.sid).lastReadMessageIndex,
          limits: mediaLimits(store.media.maxBytes),
        };
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
        const mediaSids = request.mediaSids ?? [];
        this.#checkOwnMedia(identity, mediaSids);
        const message = store.addMessage(conversation.sid, {
          author: identity,
          body: request.body,
          attributes: JSON.stringify(request.attributes),
          mediaSids,
        });
        return { sid: message.sid, index: message.index };
      }
      case 'typing': {
        this.#deps.typing.typing(this.#participantFor(identity, request.conversationSid));
        return null;
      }
      case 'setAllMessagesRead': {
        const newest = store.listMessages(request.conversationSid).at(-1)?.index;
        return this.#readUpTo(this.#participantFor(identity, request.conversationSid), newest);
      }
      case 'advanceLastReadMessageIndex': {
        const participant = this.#participantFor(identity, request.conversationSid);
        const behind = participant.lastReadMessageIndex === null || request.index > participant.lastReadMessageIndex;
        return this.#readUpTo(participant, behind ? request.index : undefined);
      }
      case 'getParticipants': {
        const conversation = this.#conversationFor(identity, request.conversationSid);
        return store.listParticipants(conversation.sid).map(toRealtimeParticipant);
      }
      case 'getMediaContentUrl': {
        const conversation = this.#conversationFor(identity, request.conversationSid);
        const media = store.media.find(request.mediaSid);
        // Only media sent in this conversation: an upload's SID alone opens nothing.
        if (media?.conversationSid !== conversation.sid) {
          throw fail(20404, `Media ${request.mediaSid} not found in conversation ${conversation.sid}`);
        }
        return emulatorContentUrl(store.media.urls, media.sid, this.#deps.origin);
      }
    }
  }

  /**
   * A participant sends only media it uploaded itself: an upload's SID alone is
   * no licence to send it. Whether each one exists and is unsent, the store checks.
   */
  #checkOwnMedia(identity: string, mediaSids: readonly string[]): void {
    for (const sid of mediaSids) {
      const author = this.#deps.store.media.find(sid)?.author;
      if (author !== undefined && author !== identity) throw fail(50507, `Media ${sid} not found`);
    }
  }

  /**
   * Moves a read horizon to `index` (clamped to the newest message; undefined
   * leaves it) and answers the participant's unread count, as the SDK does.
   */
  #readUpTo(participant: Participant, index: number | undefined): number {
    const { store } = this.#deps;
    const messages = store.listMessages(participant.conversationSid);
    const newest = messages.at(-1)?.index;
    let horizon = participant.lastReadMessageIndex;
    if (index !== undefined && newest !== undefined) {
      horizon = Math.min(index, newest);
      store.updateParticipant(participant.conversationSid, participant.sid, { lastReadMessageIndex: horizon });
    }
    return messages.filter((message) => horizon === null || message.index > horizon).length;
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
    return {
      identity: verdict.identity,
      tokenExpiresAt: verdict.expiresAt.getTime(),
      mediaUploadPath: emulatorUploadPath(this.#deps.serviceSid),
    };
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

  #participantFor(identity: string, conversationSid: string): Participant {
    const conversation = this.#conversationFor(identity, conversationSid);
    // #conversationFor has checked that the identity takes part.
    return this.#deps.store.findParticipant(conversation.sid, identity) as Participant;
  }

  #reject(id: number | null, error: RealtimeError): void {
    this.#send({ type: 'response', id, ok: false, error });
  }

  #send(frame: RealtimeServerFrame): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(JSON.stringify(frame));
  }
}
