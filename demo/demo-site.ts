/**
 * The demo shop's own "accounts": one returning customer the visitor can sign
 * in as. A real site has its own login; what matters here is that it hands
 * the page a signed site session, and the companion's identify hook verifies
 * it (demo/identify/site-session.ts).
 */
import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { DEMO_CUSTOMER } from '../src/emulator/index.js';

/** Signs the demo's site sessions; a real site keeps its secret out of the code. */
export const DEMO_SITE_SECRET = 'tidewater-demo-site-session-secret';

const SESSION_HOURS = 8;

export function createDemoSiteApi() {
  return new Hono().post('/sign-in', async (c) => {
    const contact = DEMO_CUSTOMER.traits.Contact;
    const token = await sign(
      {
        sub: DEMO_CUSTOMER.chatIdentity,
        name: contact.name,
        email: contact.email,
        exp: Math.floor(Date.now() / 1000) + SESSION_HOURS * 3600,
      },
      DEMO_SITE_SECRET,
      'HS256',
    );
    return c.json({ token, name: contact.name });
  });
}
