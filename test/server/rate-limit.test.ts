import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_DEFAULTS } from '../../src/demo-defaults.js';
import { errorBodySchema } from '../../src/protocol/errors.js';
import { type CompanionOptions, companionOptionsFromEnv, createCompanion, parseCompanionOptions } from '../../src/server/index.js';
import { MemoryRateLimitStore } from '../../src/server/rate-limit/memory-store.js';
import type { RateLimitResult, RateLimitStore } from '../../src/server/rate-limit/store.js';
import { SessionTokens } from '../../src/server/session-token.js';

const SHOP = 'https://shop.example';
// Nothing here reaches Twilio: the routes used answer before any Twilio call.
const base = companionOptionsFromEnv({ ...DEMO_DEFAULTS, BRIDGE_CHAT_EMULATOR_URL: 'http://127.0.0.1:9' });
const tokens = new SessionTokens([DEMO_DEFAULTS.BRIDGE_CHAT_SESSION_SECRET], 3600);
const tokenFor = (identity: string) =>
  tokens.sign({ identity, conversationSid: `CH${'0'.repeat(32)}`, serviceSid: base.serviceSid });

/** What Node's HTTP server hands Hono: the bindings getConnInfo reads the peer from. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address, remotePort: 40_000, remoteFamily: 'IPv4' } } });

function companion(options: Partial<CompanionOptions>, clock?: { now: number }) {
  const store = new MemoryRateLimitStore(clock ? { now: () => clock.now } : {});
  return createCompanion({ ...base, allowedOrigins: [SHOP], rateLimitStore: store, ...options });
}

type App = ReturnType<typeof createCompanion>;
const get = (app: App, address: string, headers: Record<string, string> = {}, path = '/nope') =>
  app.request(path, { headers }, from(address));

async function expectRateLimited(response: Response) {
  assert.equal(response.status, 429);
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  assert.equal(errorBodySchema.parse(await response.json()).error.code, 'rate_limited');
  const retryAfter = Number(response.headers.get('retry-after'));
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  assert.equal(response.headers.get('ratelimit-remaining'), '0');
}

/** A store that records each key and obeys a script, to show any store can be plugged in. */
class ScriptedStore implements RateLimitStore {
  readonly keys: string[] = [];
  constructor(private readonly answer: (key: string) => RateLimitResult | Error) {}

  async hit(key: string, windowMs: number, limit: number): Promise<RateLimitResult> {
    assert.equal(windowMs, 60_000);
    assert.ok(limit > 0);
    this.keys.push(key);
    const answer = this.answer(key);
    if (answer instanceof Error) throw answer;
    return answer;
  }
}
const ALLOW: RateLimitResult = { allowed: true, remaining: 9, retryAfterSeconds: 60 };

describe('rate limits', () => {
  it('answers 429 JSON with Retry-After once a client IP is over its limit, and never for another IP', async () => {
    const app = companion({ rateLimitPerIp: 3 });
    for (let i = 0; i < 3; i += 1) {
      const response = await get(app, '203.0.113.5');
      assert.equal(response.status, 404);
      assert.equal(response.headers.get('ratelimit-limit'), '3');
      assert.equal(response.headers.get('ratelimit-remaining'), String(2 - i));
    }
    await expectRateLimited(await get(app, '203.0.113.5'));
    await expectRateLimited(await app.request('/session', { method: 'POST' }, from('203.0.113.5')));
    assert.equal((await get(app, '203.0.113.6')).status, 404);
  });

  it('lets preflights and plain health checks through, and grants CORS on a 429 so the widget can read it', async () => {
    const app = companion({ rateLimitPerIp: 1 });
    await get(app, '203.0.113.7');
    const preflight = await app.request(
      '/session',
      { method: 'OPTIONS', headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST' } },
      from('203.0.113.7'),
    );
    assert.equal(preflight.status, 204);
    assert.equal((await app.request('/healthz', {}, from('203.0.113.7'))).status, 200);
    // A deep check calls Twilio, so it counts.
    await expectRateLimited(await app.request('/healthz?deep=1', {}, from('203.0.113.7')));

    const refused = await get(app, '203.0.113.7', { Origin: SHOP });
    await expectRateLimited(refused);
    assert.equal(refused.headers.get('access-control-allow-origin'), SHOP);
    assert.match(refused.headers.get('access-control-expose-headers') ?? '', /retry-after/i);
  });

  it('starts a fresh window once the minute is over', async () => {
    const clock = { now: 1_000_000 };
    const app = companion({ rateLimitPerIp: 2 }, clock);
    await get(app, '198.51.100.1');
    clock.now += 20_000;
    await get(app, '198.51.100.1');
    const refused = await get(app, '198.51.100.1');
    await expectRateLimited(refused);
    assert.equal(refused.headers.get('retry-after'), '40');
    clock.now += 40_000;
    assert.equal((await get(app, '198.51.100.1')).status, 404);
  });

  it('limits one visitor across addresses by their session token', async () => {
    const app = companion({ rateLimitPerIp: 100, rateLimitPerSession: 2 });
    const visitor = { Authorization: `Bearer ${tokenFor('visitor-a')}` };
    assert.equal((await get(app, '192.0.2.1', visitor)).status, 404);
    assert.equal((await get(app, '192.0.2.2', visitor)).status, 404);
    await expectRateLimited(await get(app, '192.0.2.3', visitor));
    // Another visitor, and the same address without the token, are unaffected.
    assert.equal((await get(app, '192.0.2.3', { Authorization: `Bearer ${tokenFor('visitor-b')}` })).status, 404);
    assert.equal((await get(app, '192.0.2.3')).status, 404);
  });

  it('gives forged tokens no allowance of their own: they count against the IP only', async () => {
    const store = new ScriptedStore(() => ALLOW);
    const app = companion({ rateLimitStore: store });
    const forged = `${tokenFor('visitor-a').slice(0, -4)}AAAA`;
    for (const header of [`Bearer ${forged}`, 'Bearer made.up', 'Bearer x']) {
      await get(app, '192.0.2.9', { Authorization: header });
    }
    assert.deepEqual(store.keys, ['ip:192.0.2.9', 'ip:192.0.2.9', 'ip:192.0.2.9']);

    const limited = companion({ rateLimitPerIp: 2 });
    for (const header of ['Bearer one.forged', 'Bearer two.forged']) {
      assert.equal((await get(limited, '192.0.2.10', { Authorization: header })).status, 404);
    }
    await expectRateLimited(await get(limited, '192.0.2.10', { Authorization: 'Bearer three.forged' }));
  });

  it('works with any store: keys per IP and per verified identity, its refusals obeyed', async () => {
    const store = new ScriptedStore((key) =>
      key.startsWith('session:') ? { allowed: false, remaining: 0, retryAfterSeconds: 17 } : ALLOW,
    );
    const app = companion({ rateLimitStore: store });
    const response = await get(app, '192.0.2.20', { Authorization: `Bearer ${tokenFor('visitor-c')}` });
    await expectRateLimited(response);
    assert.equal(response.headers.get('retry-after'), '17');
    assert.deepEqual(store.keys, ['ip:192.0.2.20', 'session:visitor-c']);
  });

  it('lets requests through, and says so in the log, when the store fails', async (t) => {
    const logged = t.mock.method(console, 'error', () => {});
    const app = companion({ rateLimitStore: new ScriptedStore(() => new Error('store down')) });
    assert.equal((await get(app, '192.0.2.30')).status, 404);
    assert.equal(logged.mock.callCount(), 1);
  });

  it('ignores X-Forwarded-For unless told how many proxies to trust', async () => {
    const direct = new ScriptedStore(() => ALLOW);
    await get(companion({ rateLimitStore: direct }), '192.0.2.40', { 'X-Forwarded-For': '198.51.100.9' });
    assert.deepEqual(direct.keys, ['ip:192.0.2.40']);

    const behindOne = new ScriptedStore(() => ALLOW);
    const app = companion({ rateLimitStore: behindOne, trustProxy: true });
    // The client may send its own X-Forwarded-For; only the entry our proxy appended counts.
    await get(app, '10.0.0.2', { 'X-Forwarded-For': '6.6.6.6, 198.51.100.9' });
    await get(app, '10.0.0.2', { 'X-Forwarded-For': 'not-an-ip' });
    assert.deepEqual(behindOne.keys, ['ip:198.51.100.9', 'ip:10.0.0.2']);

    const behindTwo = new ScriptedStore(() => ALLOW);
    await get(companion({ rateLimitStore: behindTwo, trustProxy: 2 }), '10.0.0.2', {
      'X-Forwarded-For': '6.6.6.6, 198.51.100.9, 10.0.0.1',
    });
    assert.deepEqual(behindTwo.keys, ['ip:198.51.100.9']);
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', async () => {
    const store = new ScriptedStore(() => ALLOW);
    const app = companion({ rateLimitStore: store });
    await get(app, '2001:db8:1:2::1');
    await get(app, '2001:0db8:0001:0002:ffff:0:0:9');
    await get(app, '::ffff:192.0.2.50');
    assert.deepEqual(store.keys, ['ip:2001:db8:1:2::/64', 'ip:2001:db8:1:2::/64', 'ip:192.0.2.50']);
  });

  it('can be turned off', async () => {
    const app = companion({ rateLimitPerIp: 0, rateLimitPerSession: 0 });
    for (let i = 0; i < 70; i += 1) assert.equal((await get(app, '192.0.2.60')).status, 404);
  });

  it('reads its settings from the environment', () => {
    const settings = parseCompanionOptions(
      companionOptionsFromEnv({
        ...DEMO_DEFAULTS,
        BRIDGE_CHAT_RATE_LIMIT_PER_IP: '120',
        BRIDGE_CHAT_RATE_LIMIT_PER_SESSION: '40',
        BRIDGE_CHAT_TRUST_PROXY: 'true',
      }),
    );
    assert.deepEqual([settings.rateLimitPerIp, settings.rateLimitPerSession, settings.trustProxy], [120, 40, 1]);
    const defaults = parseCompanionOptions(companionOptionsFromEnv(DEMO_DEFAULTS));
    assert.deepEqual([defaults.rateLimitPerIp, defaults.rateLimitPerSession, defaults.trustProxy], [60, 30, 0]);
    assert.throws(
      () => parseCompanionOptions(companionOptionsFromEnv({ ...DEMO_DEFAULTS, BRIDGE_CHAT_TRUST_PROXY: 'yes' })),
      /trustProxy \(BRIDGE_CHAT_TRUST_PROXY\)/,
    );
    assert.throws(() => parseCompanionOptions({ ...base, rateLimitStore: {} as RateLimitStore }), /rateLimitStore/);
  });
});

describe('the in-memory store', () => {
  it('counts per key in fixed windows', async () => {
    const clock = { now: 0 };
    const store = new MemoryRateLimitStore({ now: () => clock.now });
    assert.deepEqual(await store.hit('a', 10_000, 2), { allowed: true, remaining: 1, retryAfterSeconds: 10 });
    clock.now = 2_500;
    assert.deepEqual(await store.hit('a', 10_000, 2), { allowed: true, remaining: 0, retryAfterSeconds: 8 });
    assert.deepEqual(await store.hit('a', 10_000, 2), { allowed: false, remaining: 0, retryAfterSeconds: 8 });
    assert.equal((await store.hit('b', 10_000, 2)).allowed, true);
    clock.now = 10_000;
    assert.deepEqual(await store.hit('a', 10_000, 2), { allowed: true, remaining: 1, retryAfterSeconds: 10 });
  });

  it('forgets expired windows and keeps at most maxKeys', async () => {
    const clock = { now: 0 };
    const store = new MemoryRateLimitStore({ now: () => clock.now, maxKeys: 100 });
    for (let i = 0; i < 50; i += 1) await store.hit(`old-${i}`, 1_000, 5);
    clock.now = 1_000;
    await store.hit('new', 1_000, 5);
    assert.equal(store.size, 1);
    for (let i = 0; i < 1_000; i += 1) await store.hit(`flood-${i}`, 1_000, 5);
    assert.equal(store.size, 100);
    // The newest windows survive the cap.
    assert.deepEqual(await store.hit('flood-999', 1_000, 1), { allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });
});
