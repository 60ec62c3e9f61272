/**
 * JSX typings of `<bridge-chat>` for React 19 (types only; the module is empty at runtime).
 * Load them once in a React app, e.g. in its entry file:
 *
 * ```tsx
 * import 'bridge-chat';              // registers the element
 * import type {} from 'bridge-chat/react';
 *
 * <bridge-chat session-url="/chat" theme="dark" ref={chatRef}
 *   onbridge-chat-message={(event) => console.log(event.detail.message.body)} />
 * ```
 *
 * React 19 sets a prop on a custom element as a property when the element has one by that name
 * (`sessionUrl`, `open`, `strings`, `getAuthHeaders`…), else as an attribute (`session-url`,
 * `title-hint`…), and turns `on` + an event name into a listener for that event, as written:
 * `onbridge-chat-message`. Prefer properties for the booleans that default to on
 * (`showHistory={false}`): React removes an attribute whose value is `false`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { BridgeChat } from './bridge-chat/bridge-chat.js';
import type { AuthHeaders } from './controllers/session.controller.js';
import type { BridgeChatEventMap } from './events.js';
import type { BridgeChatStrings } from './i18n/launcher-strings.js';

/** The element's attributes, as JSX props. */
export interface BridgeChatJsxAttributes {
  'session-url'?: string;
  open?: boolean;
  mode?: 'floating' | 'inline';
  position?: 'left' | 'right';
  lang?: string;
  theme?: 'light' | 'dark' | 'auto';
  /** On by default: only `"false"` turns it off. */
  'show-history'?: 'true' | 'false';
  /** On by default: only `"false"` turns it off. */
  'show-memory'?: 'true' | 'false';
  prechat?: string;
  /** On by default: `attachments={false}` (the property) turns it off. */
  attachments?: boolean;
  accept?: string;
  'max-file-size'?: number | `${number}`;
  sound?: boolean;
  'title-hint'?: boolean;
}

/** The element's properties, as JSX props (React sets them as properties). */
export interface BridgeChatJsxProperties {
  sessionUrl?: string;
  showHistory?: boolean;
  showMemory?: boolean;
  maxFileSize?: number;
  titleHint?: boolean;
  strings?: BridgeChatStrings;
  getAuthHeaders?: AuthHeaders | undefined;
}

/** `onbridge-chat-ready`, `onbridge-chat-message`…: a listener for each event, with its typed `detail`. */
export type BridgeChatJsxEvents = {
  [K in keyof BridgeChatEventMap as `on${K}`]?: (event: BridgeChatEventMap[K]) => void;
};

/** Every prop `<bridge-chat>` takes in React 19 JSX, `ref`, `key`, `className`, `style` and `children` included. */
export type BridgeChatJsxProps = Omit<
  DetailedHTMLProps<HTMLAttributes<BridgeChat>, BridgeChat>,
  keyof BridgeChatJsxAttributes | keyof BridgeChatJsxProperties
> &
  BridgeChatJsxAttributes &
  BridgeChatJsxProperties &
  BridgeChatJsxEvents;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'bridge-chat': BridgeChatJsxProps;
    }
  }
}
