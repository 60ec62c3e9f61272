/** A chat message as the widget shows it, whatever realtime backend delivered it. */
export interface ChatMessage {
  /** Stable id (the message SID). */
  id: string;
  /** Position in the conversation; orders messages. */
  index: number;
  /** Identity of the sender; null for system messages. */
  author: string | null;
  body: string;
  sentAt: Date | null;
}

/** The realtime link as the widget presents it; `offline` covers disconnecting and disconnected. */
export type TransportConnectionState = 'connecting' | 'connected' | 'offline' | 'denied';

export type Unsubscribe = () => void;

/** The widget's narrow view of a realtime conversation. */
export interface ChatTransport {
  readonly connectionState: TransportConnectionState;
  /** Resolves, once the link is up, with the latest messages, oldest first. */
  connect(): Promise<ChatMessage[]>;
  send(text: string): Promise<void>;
  onMessage(listener: (message: ChatMessage) => void): Unsubscribe;
  onConnectionStateChange(listener: (state: TransportConnectionState) => void): Unsubscribe;
  /** Removes every listener and shuts the underlying client down. */
  close(): Promise<void>;
}
