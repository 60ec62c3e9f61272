/**
 * `GET /session/visitor`: asks the site's identify hook only, so the widget
 * can skip its pre-chat form for signed-in users. The companion here points at
 * a closed port: any Twilio call would turn an answer into a 503.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sign } from 'hono/jwt';
import { identifyFromSiteSession, SITE_SESSION_HEADER } from '../../demo/identify/site-session.js';
import { DEMO_DEFAULTS } from '../../src/demo-defaults.js';
import { errorBodySchema } from '../../src/protocol/errors.js';
import { visitorResponseSchema } from '../../src/protocol/session.js';
import { type CompanionOptions, companionOptionsFromEnv, createCompanion } from '../../src/server/index.js';
import { MemoryRateLimitStore } from '../../src/server/rate-limit/memory-store.js';

const SHOP = 'https://shop.example';
const SITE_SECRET = 'the-shop-signs-its-own-sessions-with-this';
const noTwilio = companionOptionsFromEnv({ ...DEMO_DEFAULTS, BRIDGE_CHAT_EMULATOR_URL: 'http://127.0.0.1:9' });

const companion = (options: Partial<CompanionOptions> = {}) =>
  createCompanion({
    ...noTwilio,
    allowedOrigins: [SHOP],
    allowedHeaders: [SITE_SESSION_HEADER],
    identify: identifyFromSiteSession(SITE_SECRET),
    rateLimitStore: new MemoryRateLimitStore(),
    twilioTimeoutMs: 500,
    ...options,
  });

const siteToken = (secret = SITE_SECRET) =>
  sign({ sub: 'user-7007', name: 'User 7007', exp: Math.floor(Date.now() / 1000) + 600 }, secret, 'HS256');

async function identified(response: Response): Promise<boolean> {
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return visitorResponseSchema.parse(await response.json()).identified;
}

async function errorCode(response: Response, status: number): Promise<string> {
  assert.equal(response.status, status);
  return errorBodySchema.parse(await response.json()).error.code;
}

describe('GET /session/visitor', () => {
  it('says whether the identify hook recognises the caller, without calling Twilio', async () => {
    const app = companion();
    assert.equal(await identified(await app.request('/session/visitor')), false);
    const signedIn = await app.request('/session/visitor', { headers: { [SITE_SESSION_HEADER]: await siteToken() } });
    assert.equal(await identified(signedIn), true);
    const forged = await app.request('/session/visitor', {
      headers: { [SITE_SESSION_HEADER]: await siteToken('not-the-site-secret-at-all-not-it') },
    });
    assert.equal(await identified(forged), false);
  });

  it('answers "not identified" when the site has no identify hook', async () => {
    assert.equal(await identified(await companion({ identify: undefined }).request('/session/visitor')), false);
  });

  it('ignores the session token: a stored session is not a signed-in user', async () => {
    const app = companion();
    const response = await app.request('/session/visitor', { headers: { Authorization: 'Bearer not.a.token' } });
    assert.equal(await identified(response), false);
  });

  it('reports a broken identify hook as a server error without details', async () => {
    const app = companion({ identify: () => ({ identity: '' }) });
    assert.equal(await errorCode(await app.request('/session/visitor'), 500), 'internal_error');
  });

  it('answers other methods with 405 naming GET', async () => {
    const response = await companion().request('/session/visitor', { method: 'POST' });
    assert.equal(await errorCode(response, 405), 'method_not_allowed');
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
  });

  it('grants CORS (with the site header) to allowlisted origins only', async () => {
    const app = companion();
    const preflight = (origin: string) =>
      app.request('/session/visitor', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-site-session' },
      });
    const allowed = await preflight(SHOP);
    assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /X-Site-Session/i);
    assert.equal((await preflight('https://evil.example')).headers.get('access-control-allow-origin'), null);
    const simple = await app.request('/session/visitor', { headers: { Origin: SHOP } });
    assert.equal(simple.headers.get('access-control-allow-origin'), SHOP);
  });

  it('counts against the per-IP rate limit like every other route', async () => {
    const app = companion({ rateLimitPerIp: 2 });
    const peer = { incoming: { socket: { remoteAddress: '203.0.113.70', remotePort: 40_000, remoteFamily: 'IPv4' } } };
    for (let i = 0; i < 2; i += 1) assert.equal((await app.request('/session/visitor', {}, peer)).status, 200);
    const limited = await app.request('/session/visitor', {}, peer);
    assert.equal(await errorCode(limited, 429), 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });
});
