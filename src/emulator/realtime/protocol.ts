/**
 * The emulator's realtime protocol, spoken over one WebSocket at `/realtime`
 * between the emulator and its browser client. JSON text frames only.
 * Types only: shared by the Node server and the browser client, imports nothing.
 *
 * 1. The client opens the socket and sends `authenticate` with a Twilio access
 *    token. Until that succeeds nothing else is answered; if it fails the server
 *    answers with the error and closes the socket.
 * 2. Requests carry a client-chosen `id`; each gets exactly one `response` with
 *    that id, `ok: true` with a result or `ok: false` with an error.
 * 3. The server pushes `messageAdded` for every new message (REST or realtime)
 *    in a conversation the socket's identity is a participant of, the sender's
 *    own messages included. Per conversation, events arrive in index order.
 *    Edits and deletions follow as `messageUpdated` / `messageRemoved`.
 * 4. Also to every participant's sockets: `participantJoined` /
 *    `participantLeft` when a participant is added or removed (over REST; the
 *    one who left hears nothing more), `participantUpdated` when a
 *    participant changes (e.g. its read horizon moves, over realtime or REST),
 *    `conversationUpdated` when the conversation changes (its state or
 *    attributes over REST, a timer closing it), and `typingStarted` /
 *    `typingEnded` when another participant calls `typing` (never to the
 *    typist's own identity). Typing ends when the typist sends a message or
 *    sends no `typing` for the typing timeout.
 * 5. When the token expires without `updateToken`, the server sends
 *    `tokenExpired` and closes the socket; the client must not reconnect with
 *    the same token. The emulator can also expire tokens early (a test fault):
 *    same frame, same rule.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface RealtimeConversation {
  sid: string;
  uniqueName: string | null;
  friendlyName: string | null;
  state: 'active' | 'inactive' | 'closed';
  attributes: JsonValue;
  /** ISO 8601: the conversation's last change (its state's included). */
  dateUpdated: string;
  /** Index of the newest message, null when there is none yet (the client's catch-up starting point). */
  lastMessageIndex: number | null;
}

/** What a conversation accepts as attachments, as the SDK's `ConversationLimits` (MB = 2^20 bytes). */
export interface RealtimeMediaLimits {
  mediaAttachmentsCountLimit: number;
  mediaAttachmentSizeLimitInMb: number;
  mediaAttachmentsTotalSizeLimitInMb: number;
}

/** A conversation as its participant fetches it: with the caller's read horizon and the media limits. */
export interface RealtimeConversationDetail extends RealtimeConversation {
  /** The caller's own read horizon. */
  lastReadMessageIndex: number | null;
  limits: RealtimeMediaLimits;
}

/** A file sent with a message; its bytes come from a `getMediaContentUrl` URL. */
export interface RealtimeMedia {
  sid: string;
  filename: string | null;
  contentType: string;
  size: number;
  category: 'media' | 'body' | 'history';
}

export interface RealtimeParticipant {
  sid: string;
  conversationSid: string;
  identity: string;
  /** Parsed; a display name lives here as `friendlyName` or `name` when the site or agent set one. */
  attributes: JsonValue;
  /** The participant's read horizon: the index of the newest message it has read. */
  lastReadMessageIndex: number | null;
}

/** The SDK's `ParticipantUpdateReason`s that the emulator reports. */
export type RealtimeParticipantUpdateReason =
  | 'attributes'
  | 'roleSid'
  | 'dateUpdated'
  | 'lastReadMessageIndex'
  | 'lastReadTimestamp';

export interface RealtimeMessage {
  sid: string;
  conversationSid: string;
  index: number;
  author: string;
  /** Null for a media-only message. */
  body: string | null;
  attributes: JsonValue;
  participantSid: string | null;
  /** Null when the message carries no media. */
  media: RealtimeMedia[] | null;
  /** ISO 8601. */
  dateCreated: string;
}

export interface RealtimeMessagePage {
  /** Oldest first. */
  messages: RealtimeMessage[];
  /** The anchor for the page before this one (`direction: 'backwards'`), null at the start. */
  prevAnchor: number | null;
  /** The anchor for the page after this one (`direction: 'forward'`), null at the end. */
  nextAnchor: number | null;
}

export interface SessionGrant {
  identity: string;
  /** When the token expires, in milliseconds since the epoch. */
  tokenExpiresAt: number;
  /**
   * Where this identity uploads media (the Media Content Service), as a path on
   * the emulator's HTTP origin: POST the bytes with their Content-Type and the
   * access token in `X-Twilio-Token`, then send the answer's `sid` in `mediaSids`.
   */
  mediaUploadPath: string;
}

/** Every request type with its parameters and its result. */
export interface RealtimeRequests {
  authenticate: { params: { token: string }; result: SessionGrant };
  /** A fresh token for the same identity; extends the session. */
  updateToken: { params: { token: string }; result: SessionGrant };
  getConversation: { params: { conversationSid: string }; result: RealtimeConversationDetail };
  /**
   * `backwards`: up to `pageSize` messages with index <= anchor (default: the newest).
   * `forward`: up to `pageSize` messages with index >= anchor (default: the oldest).
   */
  getMessages: {
    params: { conversationSid: string; pageSize: number; anchor?: number; direction: 'backwards' | 'forward' };
    result: RealtimeMessagePage;
  };
  /** A body, uploaded media (by this identity, not sent yet), or both. */
  sendMessage: {
    params: { conversationSid: string; body?: string; attributes: JsonValue; mediaSids?: string[] };
    result: { sid: string; index: number };
  };
  /** The caller is typing; the other participants get `typingStarted` (once) and later `typingEnded`. */
  typing: { params: { conversationSid: string }; result: null };
  /** Moves the caller's read horizon to the newest message; the result is its unread count (0). */
  setAllMessagesRead: { params: { conversationSid: string }; result: number };
  /** Moves the caller's read horizon forward to `index` (never back); the result is its unread count. */
  advanceLastReadMessageIndex: { params: { conversationSid: string; index: number }; result: number };
  getParticipants: { params: { conversationSid: string }; result: RealtimeParticipant[] };
  /** A fresh signed, expiring URL on the emulator that serves the bytes of media sent in the conversation. */
  getMediaContentUrl: { params: { conversationSid: string; mediaSid: string }; result: string };
}

export type RealtimeRequestType = keyof RealtimeRequests;

export type RealtimeRequest = {
  [Type in RealtimeRequestType]: { id: number; type: Type } & RealtimeRequests[Type]['params'];
}[RealtimeRequestType];

/**
 * Error codes follow Twilio's: 20001 invalid request, 20003 not authenticated,
 * 20101–20107 access-token problems, 20403 not a participant, 20404 not found,
 * 50377 conversation closed, 50507 / 50508 media not found / already sent,
 * 20429 / 20503 throttled / unavailable (the fault-injection API answers data
 * requests with them; try again later), 20500 server fault.
 */
export interface RealtimeError {
  code: number;
  message: string;
}

export type RealtimeResponse =
  | { type: 'response'; id: number; ok: true; result: RealtimeRequests[RealtimeRequestType]['result'] }
  /** `id` is null when the frame was unreadable (not JSON, binary, no id). */
  | { type: 'response'; id: number | null; ok: false; error: RealtimeError };

export type RealtimeMessageEventType = 'messageAdded' | 'messageUpdated' | 'messageRemoved';

export type RealtimeEvent =
  | { type: RealtimeMessageEventType; message: RealtimeMessage }
  | { type: 'typingStarted' | 'typingEnded'; participant: RealtimeParticipant }
  | { type: 'participantJoined' | 'participantLeft'; participant: RealtimeParticipant }
  | { type: 'participantUpdated'; participant: RealtimeParticipant; updateReasons: RealtimeParticipantUpdateReason[] }
  /** The client tells what changed by comparing with what it had, as after a reconnect. */
  | { type: 'conversationUpdated'; conversation: RealtimeConversation }
  | { type: 'tokenExpired' };

export type RealtimeServerFrame = RealtimeResponse | RealtimeEvent;
