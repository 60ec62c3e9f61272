import BridgeChatMessageList from './message-list.component.js';

export { BridgeChatMessageList };
export type { PendingActionDetail, PendingView } from './message-list.component.js';

if (!customElements.get('bridge-chat-message-list')) {
  customElements.define('bridge-chat-message-list', BridgeChatMessageList);
}

declare global {
  interface HTMLElementTagNameMap {
    'bridge-chat-message-list': BridgeChatMessageList;
  }
}
