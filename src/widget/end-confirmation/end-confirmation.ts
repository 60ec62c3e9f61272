import BridgeChatEndConfirmation from './end-confirmation.component.js';

export { BridgeChatEndConfirmation };

if (!customElements.get('bridge-chat-end-confirmation')) customElements.define('bridge-chat-end-confirmation', BridgeChatEndConfirmation);

declare global {
  interface HTMLElementTagNameMap {
    'bridge-chat-end-confirmation': BridgeChatEndConfirmation;
  }
}
