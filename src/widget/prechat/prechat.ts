import BridgeChatPrechat from './prechat.component.js';

export { BridgeChatPrechat };
export type { PrechatProblem } from './prechat-check.js';

if (!customElements.get('bridge-chat-prechat')) customElements.define('bridge-chat-prechat', BridgeChatPrechat);

declare global {
  interface HTMLElementTagNameMap {
    'bridge-chat-prechat': BridgeChatPrechat;
  }
}
