/**
 * The demo shop's own sign-in, in the browser, as a real site has one: it keeps a signed site
 * session and hands it to the chat through `getAuthHeaders`, so the companion knows a returning
 * customer (demo/identify/site-session.ts). Shared by the shop page and the React and Vue
 * examples (one origin, one tab: the same session).
 */
const SITE_SESSION_KEY = 'tidewater:site-session';

export interface SiteSession {
  token: string;
  name: string;
}

export function readSiteSession(): SiteSession | undefined {
  const stored = sessionStorage.getItem(SITE_SESSION_KEY);
  return stored ? (JSON.parse(stored) as SiteSession) : undefined;
}

/** Signs in as the demo's returning customer, Maya Chen. */
export async function signIn(): Promise<SiteSession> {
  const response = await fetch('/site-api/sign-in', { method: 'POST' });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const session = (await response.json()) as SiteSession;
  sessionStorage.setItem(SITE_SESSION_KEY, JSON.stringify(session));
  return session;
}

export function signOut(): void {
  sessionStorage.removeItem(SITE_SESSION_KEY);
}

/** The element's `getAuthHeaders` for a site session: the companion's identify hook reads this header. */
export function authHeadersFor(session: SiteSession | undefined): (() => Record<string, string>) | undefined {
  return session ? () => ({ 'X-Site-Session': session.token }) : undefined;
}
