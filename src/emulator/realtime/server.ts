import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AccessTokenVerdict } from '../access-token.js';
import type { Conversation, ConversationStore, Message, Participant } from '../classic/store.js';
import type { FaultPlan } from '../faults/fault-plan.js';
import { REALTIME_FRAME_MAX_BYTES } from '../limits.js';
import {
  participantUpdateReasons,
  toRealtimeConversation,
  toRealtimeMessage,
  toRealtimeParticipant,
} from './codec.js';
import type { RealtimeMessageEventType } from './protocol.js';
import { RealtimeSession } from './session.js';
import { TokenCutoff } from './token-cutoff.js';
import { TYPING_TIMEOUT_MS, TypingTracker } from './typing.js';

export const REALTIME_PATH = '/realtime';

export interface RealtimeServerDeps {
  store: ConversationStore;
  /** The emulated Conversations service (clients upload media to it). */
  serviceSid: string;
  verifyToken: (token: string) => AccessTokenVerdict;
  /** How long typing lasts after the last `typing` request; default Twilio's 5 s (tests shorten it). */
  typingTimeoutMs?: number;
  /**
   * The "expired early" cutoff. Pass one that lives as long as the emulator
   * when servers come and go with `listen()`/`close()`; default: this server's own.
   */
  tokenCutoff?: TokenCutoff;
  /** The fault-injection plan: its latency and failures meet the clients' data requests too. */
  faults?: FaultPlan;
}

export interface RealtimeServer {
  /** Takes over an HTTP upgrade request; anything but the realtime path is refused. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Fault: terminates every client socket abruptly (clients reconnect); returns how many. */
  dropAllSockets(): number;
  /**
   * Fault: every access token issued up to now counts as expired. Live sessions
   * get `tokenExpired` and are closed; reconnecting with such a token is
   * refused as expired (20104); a token minted afterwards works.
   */
  expireTokens(): void;
  /** Drops every client and stops listening for store events. */
  close(): Promise<void>;
}

const MESSAGE_EVENTS: readonly RealtimeMessageEventType[] = ['messageAdded', 'messageUpdated', 'messageRemoved'];

/**
 * The realtime WebSocket endpoint for the emulator's browser client. It shares
 * the HTTP server with the REST app and fans every message event out to the
 * sessions allowed to see it, along with typing, participants joining,
 * leaving and changing, and conversation changes.
 */
export function createRealtimeServer(deps: RealtimeServerDeps): RealtimeServer {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: REALTIME_FRAME_MAX_BYTES });
  const sessions = new Set<RealtimeSession>();
  const cutoff = deps.tokenCutoff ?? new TokenCutoff();

  const verifyToken = (token: string): AccessTokenVerdict => {
    const verdict = deps.verifyToken(token);
    if (!verdict.valid) return verdict;
    if (cutoff.isExpired(token, verdict.issuedAt)) {
      return { valid: false, code: 20104, reason: 'Access token expired (the emulator expired it early)' };
    }
    cutoff.noteAccepted(token, verdict.issuedAt);
    return verdict;
  };

  const typing = new TypingTracker(deps.typingTimeoutMs ?? TYPING_TIMEOUT_MS, (participant, started) => {
    const event = { type: started ? 'typingStarted' : 'typingEnded', participant: toRealtimeParticipant(participant) } as const;
    for (const session of sessions) session.deliver(participant.conversationSid, event, participant.identity);
  });

  const fanOut = MESSAGE_EVENTS.map((type) => {
    const listener = (message: Message) => {
      const event = { type, message: toRealtimeMessage(message) };
      for (const session of sessions) session.deliver(message.conversationSid, event);
      // Sending a message ends its author's typing, as in Twilio.
      if (type === 'messageAdded' && message.participantSid !== null) typing.stop(message.participantSid);
    };
    deps.store.on(type, listener);
    return () => deps.store.off(type, listener);
  });

  // Others learn who joined (and what to call them) without polling; the one who left hears nothing more.
  const participantJoined = (participant: Participant) => {
    const event = { type: 'participantJoined', participant: toRealtimeParticipant(participant) } as const;
    for (const session of sessions) session.deliver(participant.conversationSid, event);
  };
  const participantLeft = (participant: Participant) => {
    typing.stop(participant.sid);
    const event = { type: 'participantLeft', participant: toRealtimeParticipant(participant) } as const;
    for (const session of sessions) session.deliver(participant.conversationSid, event);
  };
  deps.store.on('participantAdded', participantJoined);
  deps.store.on('participantRemoved', participantLeft);

  const participantUpdated = (participant: Participant, previous: Participant) => {
    const event = {
      type: 'participantUpdated',
      participant: toRealtimeParticipant(participant),
      updateReasons: participantUpdateReasons(participant, previous),
    } as const;
    for (const session of sessions) session.deliver(participant.conversationSid, event);
  };
  deps.store.on('participantUpdated', participantUpdated);

  // State changes reach the participants however they happen: REST updates, timers, a message waking it.
  const conversationUpdated = (conversation: Conversation) => {
    const lastMessageIndex = deps.store.listMessages(conversation.sid).at(-1)?.index ?? null;
    const event = {
      type: 'conversationUpdated',
      conversation: toRealtimeConversation(conversation, lastMessageIndex),
    } as const;
    for (const session of sessions) session.deliver(conversation.sid, event);
  };
  deps.store.on('conversationUpdated', conversationUpdated);

  sockets.on('connection', (socket, request: IncomingMessage) => {
    const origin = `http://${request.headers.host ?? 'localhost'}`;
    const session = new RealtimeSession(socket, {
      store: deps.store,
      serviceSid: deps.serviceSid,
      verifyToken,
      typing,
      origin,
      faults: deps.faults,
    });
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
  });

  return {
    handleUpgrade(request, socket, head) {
      const path = new URL(request.url ?? '/', 'http://emulator').pathname;
      if (path !== REALTIME_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
    },
    dropAllSockets() {
      const dropped = sessions.size;
      for (const session of sessions) session.terminate();
      sessions.clear();
      return dropped;
    },
    expireTokens() {
      cutoff.expireAll();
      for (const session of sessions) session.expireToken();
    },
    close() {
      for (const unsubscribe of fanOut) unsubscribe();
      deps.store.off('participantAdded', participantJoined);
      deps.store.off('participantRemoved', participantLeft);
      deps.store.off('participantUpdated', participantUpdated);
      deps.store.off('conversationUpdated', conversationUpdated);
      typing.clear();
      for (const session of sessions) session.terminate();
      sessions.clear();
      return new Promise((resolve) => sockets.close(() => resolve()));
    },
  };
}
