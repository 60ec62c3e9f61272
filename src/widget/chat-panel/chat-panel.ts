import BridgeChatPanel from './chat-panel.component.js';
// The panel's own elements that every chat shows load with it, in its chunk; the others when wanted.
import '../composer/composer.js';
import '../message-list/message-list.js';

export { BridgeChatPanel };

if (!customElements.get('bridge-chat-panel')) customElements.define('bridge-chat-panel', BridgeChatPanel);

declare global {
  interface HTMLElementTagNameMap {
    'bridge-chat-panel': BridgeChatPanel;
  }
}
