import BridgeChatContextDetails from './context-details.component.js';

export { BridgeChatContextDetails };

if (!customElements.get('bridge-chat-context-details')) {
  customElements.define('bridge-chat-context-details', BridgeChatContextDetails);
}

declare global {
  interface HTMLElementTagNameMap {
    'bridge-chat-context-details': BridgeChatContextDetails;
  }
}
