import BridgeChatAttachments from './attachments.component.js';

export { BridgeChatAttachments };
export type { AttachmentProblem } from './attachment-check.js';
export { describeAttachmentProblem } from './describe-problem.js';

if (!customElements.get('bridge-chat-attachments')) customElements.define('bridge-chat-attachments', BridgeChatAttachments);

declare global {
  interface HTMLElementTagNameMap {
    'bridge-chat-attachments': BridgeChatAttachments;
  }
}
