import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildServer as expressSite } from '../../demo/mounting/express.js';
import { buildServer as honoSite } from '../../demo/mounting/hono.js';
import { buildServer as nodeSite } from '../../demo/mounting/node.js';
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { createEmulator, loadEmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { errorBodySchema } from '../../src/protocol/errors.js';
import { sessionResponseSchema } from '../../src/protocol/session.js';
import { type CompanionOptions, companionOptionsFromEnv, createCompanion } from '../../src/server/index.js';
import type { RateLimitResult, RateLimitStore } from '../../src/server/rate-limit/store.js';

const SHOP = 'https://shop.example';
const { env } = withDemoDefaults({});

/** Records the rate-limit keys, which show the client address the companion saw. */
class RecordingStore implements RateLimitStore {
  readonly keys: string[] = [];
  async hit(key: string): Promise<RateLimitResult> {
    this.keys.push(key);
    return { allowed: true, remaining: 59, retryAfterSeconds: 60 };
  }
}

async function start(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function expectJsonError(response: Response, status: number, code: string) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  assert.equal(errorBodySchema.parse(await response.json()).error.code, code);
}

/** Each example, and a request to the site's own routes that must still work beside the companion. */
const examples: Array<[string, (options?: CompanionOptions) => Server, (url: string) => Promise<void>]> = [
  ['hono', honoSite, shopPage],
  ['node', nodeSite, shopPage],
  [
    'express',
    expressSite,
    async (url) => {
      // Express's own JSON parser still serves the site's routes.
      const response = await fetch(`${url}/api/newsletter`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'a@shop.example' }),
      });
      assert.deepEqual(await response.json(), { subscribed: true });
    },
  ],
];

async function shopPage(url: string) {
  assert.equal(await (await fetch(`${url}/`)).text(), 'The shop');
}

describe('mounting the companion under /chat', () => {
  let emulator: RunningEmulator;
  let options: CompanionOptions;
  before(async () => {
    emulator = await createEmulator(loadEmulatorOptions(env)).listen({ port: 0 });
    options = { ...companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: emulator.url }), allowedOrigins: [SHOP] };
  });
  after(() => emulator.close());

  for (const [name, buildServer, siteStillWorks] of examples) {
    describe(name, () => {
      const store = new RecordingStore();
      let site: Awaited<ReturnType<typeof start>>;
      before(async () => {
        site = await start(buildServer({ ...options, rateLimitStore: store }));
      });
      after(() => site.close());

      it('starts a session at POST /chat/session, counted by the real client address', async () => {
        const response = await fetch(`${site.url}/chat/session`, { method: 'POST', headers: { Origin: SHOP } });
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('access-control-allow-origin'), SHOP);
        sessionResponseSchema.parse(await response.json());
        assert.deepEqual(store.keys, ['ip:127.0.0.1']);
      });

      it('answers a CORS preflight for allowed origins only', async () => {
        const preflight = (origin: string) =>
          fetch(`${site.url}/chat/session`, {
            method: 'OPTIONS',
            headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
          });
        const allowed = await preflight(SHOP);
        assert.equal(allowed.status, 204);
        assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP);
        assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /POST/);
        assert.equal((await preflight('https://evil.example')).headers.get('access-control-allow-origin'), null);
      });

      it('answers errors in JSON, body included', async () => {
        const json = { 'Content-Type': 'application/json' };
        await expectJsonError(await fetch(`${site.url}/chat/session`, { method: 'POST', headers: json, body: '{"oops":' }), 400, 'bad_request');
        await expectJsonError(
          await fetch(`${site.url}/chat/session`, { method: 'POST', headers: { Authorization: 'Bearer forged.token' } }),
          401,
          'unauthorized',
        );
        const big = JSON.stringify({ name: 'x'.repeat(100_000) });
        await expectJsonError(await fetch(`${site.url}/chat/session`, { method: 'POST', headers: json, body: big }), 413, 'payload_too_large');
      });

      it('leaves the rest of the site alone', () => siteStillWorks(site.url));
    });
  }

  describe('createCompanion() with no argument', () => {
    const saved = { env: { ...process.env }, cwd: process.cwd() };
    let folder: string;
    before(async () => {
      folder = await mkdtemp(join(tmpdir(), 'bridge-chat-env-'));
    });
    after(async () => {
      process.chdir(saved.cwd);
      process.env = saved.env;
      await rm(folder, { recursive: true, force: true });
    });

    it('reads the environment and .env, the environment winning', async () => {
      const fromFile = { ...env, BRIDGE_CHAT_EMULATOR_URL: emulator.url, BRIDGE_CHAT_RATE_LIMIT_PER_IP: '1' };
      await writeFile(join(folder, '.env'), Object.entries(fromFile).map(([key, value]) => `${key}=${value}`).join('\n'));
      process.chdir(folder);
      process.env.BRIDGE_CHAT_RATE_LIMIT_PER_IP = '2';
      const site = await start(nodeSite());
      try {
        const statuses = [];
        for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${site.url}/chat/session`, { method: 'POST' })).status);
        assert.deepEqual(statuses, [200, 200, 429]);
      } finally {
        await site.close();
      }
    });

    it('names the missing setting when there is neither', async () => {
      await rm(join(folder, '.env'));
      process.chdir(folder);
      process.env = {};
      assert.throws(() => createCompanion(), /setting accountSid \(TWILIO_ACCOUNT_SID\) is required/);
    });
  });
});
