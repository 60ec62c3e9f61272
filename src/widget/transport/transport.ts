/** A file sent with a message. */
export interface ChatAttachment {
  /** The media SID (ME…). */
  sid: string;
  filename: string | null;
  contentType: string;
  /** Bytes. */
  size: number;
  /** A fresh temporary URL for the bytes; each one expires within minutes, so ask again when it fails. */
  url(): Promise<string | null>;
}

/** A chat message as the widget shows it, whatever realtime backend delivered it. */
export interface ChatMessage {
  /** Stable id (the message SID). */
  id: string;
  /** Position in the conversation; orders messages. */
  index: number;
  /** Identity of the sender; null for system messages. */
  author: string | null;
  /** Empty for a message that only carries attachments. */
  body: string;
  sentAt: Date | null;
  /** The id the sending widget put in the message's attributes (`clientId`), matching it to its outbox entry. */
  clientId: string | undefined;
  attachments: readonly ChatAttachment[];
}

/** Someone in the conversation: the visitor, an agent, a bot. */
export interface ChatParticipant {
  /** Null for participants without a chat identity (e.g. SMS). */
  identity: string | null;
  /** What to call them: the participant's `friendlyName` (or `name`) attribute, else the identity. */
  name: string;
  /** The index of the newest message they have read; null if none. */
  lastReadIndex: number | null;
}

/** What the conversation accepts as attachments (Twilio's conversation limits). */
export interface MediaLimits {
  /** Files per message. */
  maxCount: number;
  /** Bytes per file. */
  maxFileBytes: number;
  /** Bytes of all files of one message. */
  maxTotalBytes: number;
}

/** The conversation as it is when the transport connects. */
export interface ConversationSnapshot {
  /** The latest messages, oldest first. */
  messages: ChatMessage[];
  /** Whether there are messages before the first one. */
  hasOlder: boolean;
  /** The conversation's state is `closed`: nobody can write any more. */
  closed: boolean;
  participants: ChatParticipant[];
  /** The visitor's own read horizon when it connected; null if it never read anything. */
  ownLastReadIndex: number | null;
  mediaLimits: MediaLimits;
}

/** A message the visitor sends: text, files, or both. */
export interface OutgoingMessage {
  /** Written into the message's attributes as `clientId`, so its echo is recognised. */
  clientId: string;
  body: string;
  files: readonly File[];
}

/** The realtime link as the widget presents it; `offline` covers disconnecting and disconnected. */
export type TransportConnectionState = 'connecting' | 'connected' | 'offline' | 'denied';

export type Unsubscribe = () => void;

/** The widget's narrow view of a realtime conversation. */
export interface ChatTransport {
  readonly connectionState: TransportConnectionState;
  /** Resolves, once the link is up, with the conversation's latest state. */
  connect(): Promise<ConversationSnapshot>;
  /** The page of messages before the oldest one loaded so far (by `connect` or earlier calls), oldest first. */
  loadOlder(): Promise<{ messages: ChatMessage[]; hasOlder: boolean }>;
  /** Every message after `index`, oldest first (to find sends whose answer was lost). */
  messagesAfter(index: number): Promise<ChatMessage[]>;
  /** Resolves once Twilio has stored the message; it also comes back through `onMessage`. */
  send(message: OutgoingMessage): Promise<void>;
  /** Tells the others the visitor is typing; callers throttle. Never fails. */
  typing(): void;
  /** Moves the visitor's read horizon forward to `index`. */
  markRead(index: number): Promise<void>;
  onMessage(listener: (message: ChatMessage) => void): Unsubscribe;
  onConnectionStateChange(listener: (state: TransportConnectionState) => void): Unsubscribe;
  /** Another participant started (`true`) or stopped typing. */
  onTyping(listener: (participant: ChatParticipant, typing: boolean) => void): Unsubscribe;
  /** A participant joined or changed, e.g. read further. */
  onParticipantUpdated(listener: (participant: ChatParticipant) => void): Unsubscribe;
  /** The conversation was closed (e.g. by the agent). */
  onClosed(listener: () => void): Unsubscribe;
  /** Removes every listener and shuts the underlying client down. */
  close(): Promise<void>;
}
