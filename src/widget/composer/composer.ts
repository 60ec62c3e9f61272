import BridgeChatComposer from './composer.component.js';

export { BridgeChatComposer };
export type { ComposeDetail, UploadProgress } from './composer.component.js';

if (!customElements.get('bridge-chat-composer')) customElements.define('bridge-chat-composer', BridgeChatComposer);

declare global {
  interface HTMLElementTagNameMap {
    'bridge-chat-composer': BridgeChatComposer;
  }
}
