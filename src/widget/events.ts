import type { ContextResponse } from '../protocol/context.js';
import type { WidgetErrorDetail } from './errors.js';

/*
 * The events <bridge-chat> fires. Every one bubbles and is composed, so it reaches the page
 * once, from the <bridge-chat> element (events from inside the panel are retargeted to it),
 * and `detail` is typed through `GlobalEventHandlersEventMap`:
 * `chat.addEventListener('bridge-chat-message', (event) => event.detail.message.body)`.
 */

/** Detail of `bridge-chat-ready`: who the visitor is and which conversation it chats in. */
export interface BridgeChatReadyDetail {
  identity: string;
  conversationSid: string;
}

/** Detail of `bridge-chat-error`: a machine-readable code and a message for developers. */
export type BridgeChatErrorDetail = WidgetErrorDetail;

/** Detail of `bridge-chat-context`: the `GET /context` answer, with every history page loaded so far. */
export type BridgeChatContextDetail = ContextResponse;

/** Detail of `bridge-chat-unread`: how many messages from others the visitor has not seen. */
export interface BridgeChatUnreadDetail {
  count: number;
}

/** Detail of `bridge-chat-open` and `bridge-chat-close`: nothing (yet). */
export type BridgeChatOpenDetail = Record<string, never>;
export type BridgeChatCloseDetail = Record<string, never>;

/** A file attached to a message. */
export interface BridgeChatAttachment {
  /** Null when the sender gave none. */
  filename: string | null;
  contentType: string;
  /** Bytes. */
  size: number;
}

/** A message of the conversation, as `bridge-chat-message` reports it. */
export interface BridgeChatMessage {
  /** The message SID (IM…). */
  id: string;
  /** Its position in the conversation. */
  index: number;
  /** The sender's identity; null for system messages. */
  author: string | null;
  /** The text; empty for a message that only carries files. */
  body: string;
  sentAt: Date | null;
  attachments: BridgeChatAttachment[];
  /** Whether the visitor sent it (from this page or elsewhere). */
  own: boolean;
}

/** Detail of `bridge-chat-message`: a message that arrived after the chat connected (never history). */
export interface BridgeChatMessageDetail {
  message: BridgeChatMessage;
}

/** Detail of `bridge-chat-sent`: Twilio stored one of the messages the visitor sent from this page. */
export interface BridgeChatSentDetail {
  /** The id the widget gave the message (its `clientId` attribute in Twilio). */
  clientId: string;
  body: string;
}

/**
 * The chat's link, as `bridge-chat-connection` reports it:
 * `connecting` while the session opens (or waits for the pre-chat form) and while the realtime
 * link reconnects; `connected` once messages flow; `offline` when the link is lost or the chat
 * could not connect; `denied` when Twilio refused the visitor's credentials.
 */
export type BridgeChatConnectionState = 'connecting' | 'connected' | 'offline' | 'denied';

/** Detail of `bridge-chat-connection`. */
export interface BridgeChatConnectionDetail {
  state: BridgeChatConnectionState;
}

/** Every event <bridge-chat> fires, by name. */
export interface BridgeChatEventMap {
  'bridge-chat-ready': CustomEvent<BridgeChatReadyDetail>;
  'bridge-chat-open': CustomEvent<BridgeChatOpenDetail>;
  'bridge-chat-close': CustomEvent<BridgeChatCloseDetail>;
  'bridge-chat-message': CustomEvent<BridgeChatMessageDetail>;
  'bridge-chat-sent': CustomEvent<BridgeChatSentDetail>;
  'bridge-chat-unread': CustomEvent<BridgeChatUnreadDetail>;
  'bridge-chat-connection': CustomEvent<BridgeChatConnectionDetail>;
  'bridge-chat-context': CustomEvent<BridgeChatContextDetail>;
  'bridge-chat-error': CustomEvent<BridgeChatErrorDetail>;
}

/** An event's full name, e.g. `bridge-chat-message`. */
export type BridgeChatEventName = keyof BridgeChatEventMap;

/** An event's name without the prefix, e.g. `message` (as `BridgeChat.on('message', …)` takes it). */
export type BridgeChatEventShortName = {
  [K in BridgeChatEventName]: K extends `bridge-chat-${infer Short}` ? Short : never;
}[BridgeChatEventName];

/** Fires one of the public events from `target`: bubbling and composed, so it leaves every shadow root. */
export function dispatchBridgeChatEvent<K extends BridgeChatEventName>(
  target: EventTarget,
  type: K,
  detail: BridgeChatEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

declare global {
  // The page's addEventListener knows each event's detail.
  interface GlobalEventHandlersEventMap extends BridgeChatEventMap {}
}
