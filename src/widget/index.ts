/**
 * The `bridge-chat` package: importing it registers `<bridge-chat>` (once: a second import, or a
 * second copy of the package, leaves the first definition in place).
 * Only the launcher loads here; the panel and the transport load on first open.
 * No globals: the `window.BridgeChat` snippet API is `bridge-chat/browser` (and the browser bundles).
 */
export { BridgeChat } from './bridge-chat/bridge-chat.js';
export { WidgetError } from './errors.js';
export type { WidgetErrorCode, WidgetErrorDetail } from './errors.js';
export type {
  BridgeChatAttachment,
  BridgeChatCloseDetail,
  BridgeChatConnectionDetail,
  BridgeChatConnectionState,
  BridgeChatContextDetail,
  BridgeChatErrorDetail,
  BridgeChatEventMap,
  BridgeChatEventName,
  BridgeChatEventShortName,
  BridgeChatMessage,
  BridgeChatMessageDetail,
  BridgeChatOpenDetail,
  BridgeChatReadyDetail,
  BridgeChatSentDetail,
  BridgeChatUnreadDetail,
} from './events.js';
export type { ContextResponse, LinkStatus } from '../protocol/context.js';
export type { AuthHeaders } from './controllers/session.controller.js';
export type { BridgeChatStrings } from './i18n/launcher-strings.js';
export type { Language } from './i18n/i18n.js';
