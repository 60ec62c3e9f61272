/**
 * The `bridge-chat` package: importing it registers `<bridge-chat>`.
 * Only the launcher loads here; the panel and the transport load on first open.
 */
export { BridgeChat } from './bridge-chat/bridge-chat.js';
export type { WidgetErrorCode } from './errors.js';
export type {
  BridgeChatContextDetail,
  BridgeChatErrorDetail,
  BridgeChatReadyDetail,
  BridgeChatUnreadDetail,
} from './events.js';
export type { AuthHeaders } from './controllers/session.controller.js';
export type { BridgeChatStrings } from './i18n/launcher-strings.js';
