/**
 * Compile-time proof of the public types, written as a site would write it (the package's own
 * names resolve to the sources through tsconfig.json's `paths`; test/build/declarations.test.ts
 * checks this same file against the emitted .d.ts). `npm run typecheck` fails if a use below
 * stops compiling, or if a `@ts-expect-error` misuse starts to compile.
 */
import { useRef } from 'react';
import 'bridge-chat';
import {
  BridgeChat,
  type BridgeChatConnectionState,
  type BridgeChatMessage,
  type BridgeChatStrings,
  type AuthHeaders,
  WidgetError,
} from 'bridge-chat';
import type {} from 'bridge-chat/react';
import type {} from 'bridge-chat/browser';

// ---- The element and its tag ----

const chat = document.createElement('bridge-chat');
export const isClass: BridgeChat = chat;
export const queried: BridgeChat | null = document.querySelector('bridge-chat');
chat.sessionUrl = 'https://example.com/chat';
chat.mode = 'inline';
chat.theme = 'auto';
chat.strings = { title: 'Ask a barista' } satisfies BridgeChatStrings;
chat.getAuthHeaders = (async () => ({ 'X-Site-Session': 'token' })) satisfies AuthHeaders;
export const unread: number = chat.unreadCount;
export const identity: string | undefined = chat.identity;
// @ts-expect-error `mode` takes `floating` or `inline` only.
chat.mode = 'popup';

// ---- Methods ----

chat.show();
chat.hide();
chat.toggle();
chat.reset();
export const sent: Promise<void> = chat.send('Hello');
export const ended: Promise<boolean> = chat.endChat();
// @ts-expect-error send takes text.
void chat.send({ body: 'Hello' });
// @ts-expect-error show takes no arguments.
chat.show(true);

// ---- Events ----

chat.addEventListener('bridge-chat-message', (event) => {
  const message: BridgeChatMessage = event.detail.message;
  const text: string = message.body;
  const own: boolean = message.own;
  const when: Date | null = message.sentAt;
  const files: string[] = message.attachments.map((file) => `${file.filename ?? ''} ${file.contentType} ${file.size}`);
  void [text, own, when, files];
  // @ts-expect-error The detail is `{message}`, not the message itself.
  void event.detail.body;
});
chat.addEventListener('bridge-chat-sent', (event) => void (event.detail.clientId + event.detail.body));
chat.addEventListener('bridge-chat-ready', (event) => void (event.detail.identity + event.detail.conversationSid));
chat.addEventListener('bridge-chat-unread', (event) => void (event.detail.count + 1));
chat.addEventListener('bridge-chat-connection', (event) => {
  const state: BridgeChatConnectionState = event.detail.state;
  // @ts-expect-error There is no `reconnecting` state.
  if (state === 'reconnecting') return;
});
chat.addEventListener('bridge-chat-context', (event) => void event.detail.link.status);
chat.addEventListener('bridge-chat-error', (event) => void (event.detail.code === 'invalid_message'));
chat.addEventListener('bridge-chat-open', (event) => void event.detail);
chat.addEventListener('bridge-chat-close', (event) => void event.detail);
// The page hears them too: they bubble and are composed.
document.addEventListener('bridge-chat-sent', (event) => void event.detail.clientId);
// @ts-expect-error `ready` carries identity and conversationSid, no `token`.
chat.addEventListener('bridge-chat-ready', (event) => void event.detail.token);

chat.send('').catch((error: unknown) => {
  if (error instanceof WidgetError) void (error.code === 'invalid_message' || error.code === 'chat_closed');
});

// ---- The snippet API ----

const unsubscribe: () => void = window.BridgeChat.on('message', (event) => void event.detail.message.body);
unsubscribe();
window.BridgeChat.on('bridge-chat-unread', (event) => void event.detail.count);
window.BridgeChat.on('connection', (event) => void event.detail.state);
window.BridgeChat.open();
window.BridgeChat.close();
window.BridgeChat.toggle();
export const element: BridgeChat | null = window.BridgeChat.element;
// @ts-expect-error No such event.
window.BridgeChat.on('mesage', () => {});
// @ts-expect-error `unread` carries a count, not a message.
window.BridgeChat.on('unread', (event) => void event.detail.message);

// ---- React 19 JSX ----

export function Chat(): React.JSX.Element {
  const ref = useRef<BridgeChat>(null);
  return (
    <>
      <bridge-chat
        ref={ref}
        session-url="https://example.com/chat"
        theme="dark"
        mode="floating"
        position="left"
        prechat="name email?"
        max-file-size={5}
        title-hint
        sound
        showHistory={false}
        strings={{ title: 'Ask a barista' }}
        getAuthHeaders={() => ({ 'X-Site-Session': 'token' })}
        onbridge-chat-message={(event) => console.log(event.detail.message.body)}
        onbridge-chat-ready={(event) => console.log(event.detail.conversationSid)}
        onbridge-chat-connection={(event) => console.log(event.detail.state)}
        className="support"
      >
        <img slot="header" src="/logo.svg" alt="" />
        <p slot="greeting">Hi! How can we help?</p>
        <small slot="footer">We keep chats for 30 days.</small>
      </bridge-chat>
      {/* @ts-expect-error `mode` takes `floating` or `inline` only. */}
      <bridge-chat mode="popup" />
      {/* @ts-expect-error `theme` takes `light`, `dark` or `auto`. */}
      <bridge-chat theme="sepia" />
      {/* @ts-expect-error A `message` event's detail has no `count`. */}
      <bridge-chat onbridge-chat-message={(event) => console.log(event.detail.count)} />
    </>
  );
}
