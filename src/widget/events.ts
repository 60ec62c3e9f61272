import type { ContextResponse } from '../protocol/context.js';
import type { WidgetErrorDetail } from './errors.js';

/** Detail of `bridge-chat-ready`: who the visitor is and which conversation it chats in. */
export interface BridgeChatReadyDetail {
  identity: string;
  conversationSid: string;
}

export type BridgeChatErrorDetail = WidgetErrorDetail;

/** Detail of `bridge-chat-context`: the `GET /context` answer, with every history page loaded so far. */
export type BridgeChatContextDetail = ContextResponse;

/** Detail of `bridge-chat-unread`: how many messages from others the visitor has not seen. */
export interface BridgeChatUnreadDetail {
  count: number;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bridge-chat-ready': CustomEvent<BridgeChatReadyDetail>;
    'bridge-chat-error': CustomEvent<BridgeChatErrorDetail>;
    'bridge-chat-context': CustomEvent<BridgeChatContextDetail>;
    'bridge-chat-unread': CustomEvent<BridgeChatUnreadDetail>;
  }
}
