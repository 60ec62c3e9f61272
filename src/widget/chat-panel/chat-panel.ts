import BridgeChatPanel from './chat-panel.component.js';
// The panel's own elements: they load with it, in its chunk.
import '../composer/composer.js';
import '../message-list/message-list.js';
import '../prechat/prechat.js';

export { BridgeChatPanel };
export { loadPanelStrings } from '../i18n/panel-strings.js';

if (!customElements.get('bridge-chat-panel')) customElements.define('bridge-chat-panel', BridgeChatPanel);

declare global {
  interface HTMLElementTagNameMap {
    'bridge-chat-panel': BridgeChatPanel;
  }
}
