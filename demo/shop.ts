// What a site does with the npm package: importing it registers <bridge-chat>.
import '../src/widget/index.js';
import type { BridgeChat } from '../src/widget/index.js';

/**
 * The shop's own sign-in, as a real site has one: it keeps a signed site
 * session and hands it to the chat through `getAuthHeaders`, so the companion
 * knows a returning customer (demo/identify/site-session.ts).
 */
const SITE_SESSION_KEY = 'tidewater:site-session';

interface SiteSession {
  token: string;
  name: string;
}

const chat = document.querySelector<BridgeChat>('bridge-chat')!;
const session = readSiteSession();

if (session) {
  chat.getAuthHeaders = () => ({ 'X-Site-Session': session.token });
  document.querySelector('#customer-name')!.textContent = session.name;
}
for (const element of document.querySelectorAll<HTMLElement>('[data-when]')) {
  element.hidden = (element.dataset.when === 'signed-in') !== Boolean(session);
}

document.querySelector('#sign-in')!.addEventListener('click', async () => {
  const response = await fetch('/site-api/sign-in', { method: 'POST' });
  sessionStorage.setItem(SITE_SESSION_KEY, JSON.stringify((await response.json()) as SiteSession));
  location.reload();
});

document.querySelector('#sign-out')!.addEventListener('click', () => {
  sessionStorage.removeItem(SITE_SESSION_KEY);
  // The chat session belonged to the signed-in customer: the next visitor starts afresh.
  chat.getAuthHeaders = undefined;
  chat.reset();
  location.reload();
});

function readSiteSession(): SiteSession | undefined {
  const stored = sessionStorage.getItem(SITE_SESSION_KEY);
  return stored ? (JSON.parse(stored) as SiteSession) : undefined;
}
