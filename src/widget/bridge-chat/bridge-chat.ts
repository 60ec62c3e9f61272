import BridgeChat from './bridge-chat.component.js';

export { BridgeChat };

if (!customElements.get('bridge-chat')) customElements.define('bridge-chat', BridgeChat);

declare global {
  interface HTMLElementTagNameMap {
    'bridge-chat': BridgeChat;
  }
}
