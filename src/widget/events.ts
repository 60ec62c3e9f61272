import type { WidgetErrorDetail } from './errors.js';

/** Detail of `bridge-chat-ready`: who the visitor is and which conversation it chats in. */
export interface BridgeChatReadyDetail {
  identity: string;
  conversationSid: string;
}

export type BridgeChatErrorDetail = WidgetErrorDetail;

declare global {
  interface GlobalEventHandlersEventMap {
    'bridge-chat-ready': CustomEvent<BridgeChatReadyDetail>;
    'bridge-chat-error': CustomEvent<BridgeChatErrorDetail>;
  }
}
