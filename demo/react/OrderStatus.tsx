/**
 * The React 19 example: an order-status page with the chat.
 *
 * - `import 'bridge-chat'` registers the element; `bridge-chat/react` types it in JSX.
 * - Attributes as JSX props (`session-url`, `theme`); properties too: React 19 sets a prop the
 *   element defines as a property (`getAuthHeaders`, `strings`).
 * - Events as `on<event-name>` props (React 19 listens to custom events by their exact name).
 * - A ref for the methods (`show()`, `send()`).
 */
import 'bridge-chat';
import type { BridgeChat, BridgeChatMessage, BridgeChatMessageDetail, BridgeChatUnreadDetail } from 'bridge-chat';
import type {} from 'bridge-chat/react';
import { useMemo, useRef, useState } from 'react';
import { authHeadersFor, readSiteSession } from '../site-account.js';

const ORDER = {
  number: 'TW-10482',
  placed: 'Placed on Monday',
  items: [
    { name: 'Harbor Blend, whole bean', detail: '340 g × 2', price: '$32.00' },
    { name: 'Ethiopia Guji, espresso grind', detail: '250 g × 1', price: '$21.00' },
  ],
  steps: ['Ordered', 'Roasted', 'Shipped', 'Delivered'],
  /** How many steps are done. */
  done: 3,
  eta: 'Thursday, before 6 pm',
};

/** How many of the latest messages the page lists. */
const SHOWN_MESSAGES = 5;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

export function OrderStatus({ sessionUrl }: { sessionUrl: string }) {
  const chat = useRef<BridgeChat>(null);
  const [messages, setMessages] = useState<BridgeChatMessage[]>([]);
  const [unread, setUnread] = useState(0);
  const [asking, setAsking] = useState(false);
  // The shop's own sign-in (shared with the shop page): its session goes to the companion as a header.
  const session = useMemo(readSiteSession, []);
  const getAuthHeaders = useMemo(() => authHeadersFor(session), [session]);
  const strings = useMemo(() => ({ title: 'Order help' }), []);

  async function askAboutOrder() {
    const element = chat.current;
    if (!element) return;
    setAsking(true);
    try {
      element.show();
      await element.send(`Hi! Where is my order ${ORDER.number}? It says shipped.`);
    } finally {
      setAsking(false);
    }
  }

  function handleMessage(event: CustomEvent<BridgeChatMessageDetail>) {
    const { message } = event.detail;
    setMessages((list) => [...list.filter((item) => item.id !== message.id), message].slice(-SHOWN_MESSAGES));
  }

  return (
    <>
      <header className="site-header">
        <a className="brand" href="../">
          Tidewater <span>Coffee Roasters</span>
        </a>
        <nav aria-label="Main">
          <a href="../">Shop</a>
          <a href="./" aria-current="page">
            Order status
          </a>
          <a href="../vue/">Help center</a>
        </nav>
      </header>

      <main className="example">
        <h1>Your order {ORDER.number}</h1>
        <p className="lede">
          {session ? `Signed in as ${session.name}. ` : ''}
          {ORDER.placed} · arriving {ORDER.eta}.
        </p>

        <div className="example-grid">
          <section className="card" aria-labelledby="order-title">
            <h2 id="order-title">Delivery</h2>
            <ol className="steps">
              {ORDER.steps.map((step, index) => (
                <li key={step} data-done={index < ORDER.done} aria-current={index === ORDER.done - 1 ? 'step' : undefined}>
                  {step}
                </li>
              ))}
            </ol>
            <ul className="items">
              {ORDER.items.map((item) => (
                <li key={item.name}>
                  <span>
                    {item.name} <small>{item.detail}</small>
                  </span>
                  <span>{item.price}</span>
                </li>
              ))}
            </ul>
          </section>

          <section className="card" aria-labelledby="help-title">
            <h2 id="help-title">
              Questions about this order?
              {unread > 0 && (
                <span className="unread" data-testid="unread">
                  {unread} unread
                </span>
              )}
            </h2>
            <p>Our baristas answer in the chat, usually within a few minutes.</p>
            <button type="button" className="primary" onClick={() => void askAboutOrder()} disabled={asking}>
              Ask about my order
            </button>
            <h3 id="latest-title">Latest messages</h3>
            {messages.length === 0 ? (
              <p className="empty">No messages yet.</p>
            ) : (
              <ol className="latest" aria-labelledby="latest-title" aria-live="polite" data-testid="latest-messages">
                {messages.map((message) => (
                  <li key={message.id} data-own={message.own}>
                    <strong>{message.own ? 'You' : 'Support'}</strong> {message.body}
                    {message.sentAt && <time dateTime={message.sentAt.toISOString()}>{timeFormat.format(message.sentAt)}</time>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </main>

      <bridge-chat
        ref={chat}
        session-url={sessionUrl}
        theme="light"
        getAuthHeaders={getAuthHeaders}
        strings={strings}
        onbridge-chat-message={handleMessage}
        onbridge-chat-unread={(event: CustomEvent<BridgeChatUnreadDetail>) => setUnread(event.detail.count)}
      />
    </>
  );
}
