import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Emulator, RunningEmulator } from '../../src/emulator/index.js';
import { createCompanion } from '../../src/server/index.js';
import { bridgeService, options, startEmulator, twilioClientFor } from '../emulator/support.js';

describe('/healthz', () => {
  let emulator: Emulator;
  let running: RunningEmulator;
  /** A fresh companion each time: the deep answer is cached per companion. */
  const companion = (overrides: { apiSecret?: string } = {}) =>
    createCompanion({
      accountSid: options.accountSid,
      apiKey: options.apiKey,
      apiSecret: options.apiSecret,
      serviceSid: options.serviceSid,
      emulatorUrl: running.url,
      sessionSecrets: ['health-test-session-secret-0123456789'],
      ...overrides,
    });
  const faults = (path: string, body?: unknown) =>
    fetch(`${running.url}/__emulator/faults${path}`, {
      method: body === undefined ? 'DELETE' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  before(async () => {
    ({ emulator, running } = await startEmulator());
  });
  after(() => running.close());

  it('?deep=1 says the service is not bridged while Twilio answers without a bridge', async () => {
    const response = await companion().request('/healthz?deep=1');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', bridge: { bridged: false } });
  });

  it('?deep=1 names the bridging configuration and its grouping, and caches the answer', async () => {
    const app = companion();
    assert.deepEqual(await (await app.request('/healthz?deep=1')).json(), { status: 'ok', bridge: { bridged: false } });

    const configurationId = await bridgeService(twilioClientFor(running.url), 'GROUP_BY_PROFILE');

    const cached = await app.request('/healthz?deep=1');
    assert.deepEqual(await cached.json(), { status: 'ok', bridge: { bridged: false } }, 'answered from the cache');
    const fresh = await companion().request('/healthz?deep=true');
    assert.equal(fresh.status, 200);
    assert.deepEqual(await fresh.json(), { status: 'ok', bridge: { bridged: true, configurationId, grouping: 'GROUP_BY_PROFILE' } });
  });

  it('?deep=1 answers 503 degraded with the upstream code when Twilio fails or rejects the credentials', async () => {
    assert.equal((await faults('/fail', { ratio: 1, status: 503, retryAfterSeconds: 0 })).status, 200);
    try {
      const response = await companion().request('/healthz?deep=1');
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), {
        status: 'degraded',
        error: {
          code: 'upstream_unavailable',
          message: 'Twilio is busy or unavailable; try again shortly.',
          twilioStatus: 503,
          twilioCode: 20503,
        },
      });
    } finally {
      assert.equal((await faults('')).status, 200);
    }

    const rejected = await companion({ apiSecret: 'not-the-secret' }).request('/healthz?deep=1');
    assert.equal(rejected.status, 503);
    const body = (await rejected.json()) as { status: string; error: { code: string; twilioStatus: number; twilioCode: number } };
    assert.equal(body.status, 'degraded');
    assert.deepEqual([body.error.code, body.error.twilioStatus, body.error.twilioCode], ['upstream_error', 401, 20003]);
  });

  it('plain /healthz never calls Twilio; ?deep=1 is degraded once Twilio is unreachable', async () => {
    const app = companion();
    await running.close();
    try {
      const plain = await app.request('/healthz');
      assert.equal(plain.status, 200);
      assert.deepEqual(await plain.json(), { status: 'ok' });

      const deep = await app.request('/healthz?deep=1');
      assert.equal(deep.status, 503);
      const body = (await deep.json()) as { status: string; error: Record<string, unknown> };
      assert.equal(body.status, 'degraded');
      assert.equal(body.error['code'], 'upstream_unavailable');
      assert.equal(body.error['twilioCode'], undefined, 'no Twilio answer, no Twilio code');
    } finally {
      running = await emulator.listen({ port: 0 });
    }
  });
});
