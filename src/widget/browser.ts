/**
 * The browser bundles' entry (`dist/browser/bridge-chat.js` and `bridge-chat.iife.js`), also
 * `import 'bridge-chat/browser'`: registers `<bridge-chat>` and installs the snippet API,
 * `window.BridgeChat`, which forwards to the page's (first) `<bridge-chat>`:
 *
 * ```js
 * BridgeChat.on('message', (event) => console.log(event.detail.message.body));
 * BridgeChat.open();
 * ```
 *
 * Calls made before the element is on the page (or defined) wait for it, in order; listeners
 * added with `on` hear the element's events whenever it appears. A page that loads the bundle
 * twice (or two copies of it) keeps the first API.
 *
 * It exports no values (types only): the classic-script (IIFE) build must not assign an exports
 * object to `window.BridgeChat`. Modules import the class from `bridge-chat`.
 */
import './bridge-chat/bridge-chat.js';
import type { BridgeChat } from './bridge-chat/bridge-chat.js';
import type { BridgeChatEventMap, BridgeChatEventName, BridgeChatEventShortName } from './events.js';

/** An event's full name, from its full or short name (`message` → `bridge-chat-message`). */
export type BridgeChatFullEventName<K extends BridgeChatEventName | BridgeChatEventShortName> = K extends BridgeChatEventName
  ? K
  : `bridge-chat-${K}` & BridgeChatEventName;

/** `window.BridgeChat`: the page's chat, for sites that embed it with a script tag. */
export interface BridgeChatGlobal {
  /** Opens the chat panel (`element.show()`). */
  open(): void;
  /** Closes the chat panel (`element.hide()`). */
  close(): void;
  /** Opens the panel if closed, else closes it (`element.toggle()`). */
  toggle(): void;
  /**
   * Listens to one of the element's events, by its full (`bridge-chat-message`) or short name
   * (`message`); returns a function that stops listening. Works before the element exists.
   */
  on<K extends BridgeChatEventName | BridgeChatEventShortName>(
    event: K,
    listener: (event: BridgeChatEventMap[BridgeChatFullEventName<K>]) => void,
  ): () => void;
  /** The page's first `<bridge-chat>`, once it is there and defined; else null. */
  readonly element: BridgeChat | null;
}

declare global {
  interface Window {
    /** The snippet API of `<bridge-chat>` (installed by the browser bundles and `bridge-chat/browser`). */
    BridgeChat: BridgeChatGlobal;
  }
}

const TAG = 'bridge-chat';
const PREFIX = `${TAG}-`;

type Method = 'show' | 'hide' | 'toggle';

/** The first `<bridge-chat>` on the page, if it is upgraded (by this copy of the code or another). */
function readyElement(): BridgeChat | null {
  const element = document.querySelector(TAG);
  return element && typeof (element as Partial<BridgeChat>).show === 'function' ? element : null;
}

function isGlobalApi(value: unknown): value is BridgeChatGlobal {
  const api = value as Partial<BridgeChatGlobal> | null | undefined;
  return typeof api?.on === 'function' && typeof api.open === 'function';
}

/** Makes the snippet API. */
function createBridgeChatGlobal(): BridgeChatGlobal {
  const queued: Method[] = [];
  let observer: MutationObserver | undefined;

  const flush = (): void => {
    const element = readyElement();
    if (!element) return;
    observer?.disconnect();
    observer = undefined;
    for (const method of queued.splice(0)) element[method]();
  };

  /** Calls `method` on the element now, or once it is on the page and defined (after earlier calls). */
  const call = (method: Method): void => {
    const element = readyElement();
    if (element && queued.length === 0) {
      element[method]();
      return;
    }
    queued.push(method);
    if (!observer) {
      observer = new MutationObserver(flush);
      observer.observe(document, { childList: true, subtree: true });
      void customElements.whenDefined(TAG).then(flush);
    }
    flush();
  };

  return {
    open: () => call('show'),
    close: () => call('hide'),
    toggle: () => call('toggle'),
    on(event, listener) {
      const type = (event.startsWith(PREFIX) ? event : `${PREFIX}${event}`) as BridgeChatEventName;
      // Every event bubbles and is composed, so the document hears it, from the element itself,
      // whenever the element appears (or is replaced).
      const forward = (dispatched: Event): void => {
        if (dispatched.target === document.querySelector(TAG)) {
          (listener as (event: Event) => void)(dispatched);
        }
      };
      document.addEventListener(type, forward);
      return () => document.removeEventListener(type, forward);
    },
    get element() {
      return readyElement();
    },
  };
}

if (!isGlobalApi(window.BridgeChat)) window.BridgeChat = createBridgeChatGlobal();
