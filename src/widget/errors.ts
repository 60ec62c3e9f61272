import type { ErrorCode } from '../protocol/errors.js';

/** Why the widget cannot chat: the companion's own codes, plus failures seen only in the browser. */
export type WidgetErrorCode =
  | ErrorCode
  | 'not_configured'
  | 'companion_unreachable'
  | 'invalid_session_response'
  | 'transport_failed'
  | 'connection_denied'
  | 'panel_load_failed'
  /** `send(text)` was given no text, or more than a message holds (32 KB). */
  | 'invalid_message'
  /** `send(text)` before the visitor filled in the pre-chat form. */
  | 'prechat_required'
  /** `send(text)` in a chat that has ended. */
  | 'chat_closed';

export interface WidgetErrorDetail {
  code: WidgetErrorCode;
  message: string;
}

/** An error whose code the widget can show and report in `bridge-chat-error`. */
export class WidgetError extends Error {
  constructor(
    readonly code: WidgetErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'WidgetError';
  }
}
