import BridgeChatPanel from './chat-panel.component.js';

export { BridgeChatPanel };
export { loadPanelStrings } from '../i18n/panel-strings.js';

if (!customElements.get('bridge-chat-panel')) customElements.define('bridge-chat-panel', BridgeChatPanel);

declare global {
  interface HTMLElementTagNameMap {
    'bridge-chat-panel': BridgeChatPanel;
  }
}
