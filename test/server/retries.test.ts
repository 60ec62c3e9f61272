import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { createEmulator, loadEmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { errorBodySchema } from '../../src/protocol/errors.js';
import { sessionResponseSchema } from '../../src/protocol/session.js';
import {
  type CompanionOptions,
  companionOptionsFromEnv,
  createCompanion,
  createTwilioClient,
  parseCompanionOptions,
} from '../../src/server/index.js';
import { isRetryable, type RetryPolicy, retryDelayMs } from '../../src/server/twilio/retry-policy.js';

const { env } = withDemoDefaults({ BRIDGE_CHAT_EMULATOR_FAULTS: 'on' });
const SERVICE = env.TWILIO_CONVERSATIONS_SERVICE_SID!;

let emulator: RunningEmulator;
let proxy: Server;
let proxyUrl: string;
/** Every request that reached "Twilio", as `METHOD /path`, in order. */
let attempts: string[] = [];

/** Sits between the companion and the emulator and records each upstream attempt. */
function countingProxy(target: string): Server {
  return createServer(async (request, response) => {
    attempts.push(`${request.method} ${new URL(request.url!, target).pathname}`);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
    ) as Record<string, string>;
    try {
      const upstream = await fetch(new URL(request.url!, target), {
        method: request.method,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      const forwarded = ['content-type', 'retry-after'].flatMap((name) => {
        const value = upstream.headers.get(name);
        return value === null ? [] : [[name, value] as const];
      });
      response.writeHead(upstream.status, Object.fromEntries(forwarded)).end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      response.destroy();
    }
  });
}

async function faults(path: string, body?: object) {
  const response = await fetch(`${emulator.url}/__emulator/faults${path}`, {
    method: body ? 'POST' : 'DELETE',
    headers: { 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.text());
}

const settingsVia = (url: string, options: Partial<CompanionOptions> = {}) =>
  parseCompanionOptions({ ...companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: url }), ...options });

async function expectUnavailable(response: Response) {
  assert.equal(response.status, 503);
  const body = errorBodySchema.parse(await response.json());
  assert.equal(body.error.code, 'upstream_unavailable');
  assert.ok(response.headers.get('retry-after'));
}

/** Generous: only there to tell "answers" from "hangs". */
async function within<T>(ms: number, work: T | Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('Twilio retries', () => {
  before(async () => {
    emulator = await createEmulator(loadEmulatorOptions(env)).listen({ port: 0 });
    proxy = countingProxy(emulator.url);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await faults('');
    attempts = [];
  });
  after(async () => {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await emulator.close();
  });

  it('retries a GET answered 429 and returns the third answer', async () => {
    const twilio = createTwilioClient(settingsVia(proxyUrl));
    await faults('/fail', { count: 2, status: 429, retryAfterSeconds: 0 });
    const conversations = await twilio.conversations.v1.services(SERVICE).conversations.list({ limit: 5 });
    assert.ok(Array.isArray(conversations));
    assert.deepEqual(attempts, Array(3).fill(`GET /conversations/v1/Services/${SERVICE}/Conversations`));
  });

  it('retries a create answered 503 without making a duplicate', async () => {
    const twilio = createTwilioClient(settingsVia(proxyUrl));
    const conversations = twilio.conversations.v1.services(SERVICE).conversations;
    const before = (await conversations.list()).length;
    attempts = [];
    await faults('/fail', { count: 2, status: 503, retryAfterSeconds: 0 });
    await conversations.create({ friendlyName: 'retried' });
    assert.deepEqual(attempts, Array(3).fill(`POST /conversations/v1/Services/${SERVICE}/Conversations`));
    assert.equal((await conversations.list()).length, before + 1);
  });

  it('starts a session through two failures: 200, and the failed call made exactly three attempts', async () => {
    const app = createCompanion(settingsVia(proxyUrl));
    const clean = await app.request('/session', { method: 'POST' });
    assert.equal(clean.status, 200);
    const callsPerSession = attempts.length;
    attempts = [];

    await faults('/fail', { count: 2, status: 503, retryAfterSeconds: 0 });
    const response = await app.request('/session', { method: 'POST' });
    assert.equal(response.status, 200);
    sessionResponseSchema.parse(await response.json());
    assert.equal(attempts.length, callsPerSession + 2);
    assert.equal(new Set(attempts.slice(0, 3)).size, 1, `first call repeated: ${attempts.join(', ')}`);
  });

  it('gives up after three attempts with 503 JSON', async () => {
    const app = createCompanion(settingsVia(proxyUrl));
    await faults('/fail', { count: 50, status: 503, retryAfterSeconds: 0 });
    await expectUnavailable(await within(5_000, app.request('/session', { method: 'POST' })));
    assert.equal(attempts.length, 3);
  });

  it('does not wait out a Retry-After longer than the time budget', async () => {
    const app = createCompanion(settingsVia(proxyUrl, { twilioTimeoutMs: 3_000 }));
    await faults('/fail', { count: 1, status: 429, retryAfterSeconds: 30 });
    await expectUnavailable(await within(2_000, app.request('/session', { method: 'POST' })));
    assert.equal(attempts.length, 1);
  });

  it('answers 503 JSON within the timeout when Twilio hangs, and never repeats a POST that timed out', async () => {
    const app = createCompanion(settingsVia(proxyUrl, { twilioTimeoutMs: 500 }));
    await faults('/latency', { ms: 1_500 });
    await expectUnavailable(await within(2_500, app.request('/session', { method: 'POST' })));
    assert.deepEqual(attempts, [`POST /conversations/v1/Services/${SERVICE}/Conversations`]);
  });

  it('answers 503 JSON quickly when Twilio cannot be reached at all', async () => {
    const app = createCompanion(settingsVia('http://127.0.0.1:9'));
    await expectUnavailable(await within(5_000, app.request('/session', { method: 'POST' })));
  });
});

describe('retry policy', () => {
  const policy: RetryPolicy = { maxAttempts: 3, budgetMs: 10_000, baseDelayMs: 200, maxDelayMs: 2_000 };

  it('retries 429/503 for any method, other failures only when nothing can have been done twice', () => {
    assert.equal(isRetryable('POST', { status: 429 }), true);
    assert.equal(isRetryable('POST', { status: 503 }), true);
    assert.equal(isRetryable('GET', { status: 500 }), false);
    assert.equal(isRetryable('GET', { status: 400 }), false);
    assert.equal(isRetryable('POST', { errorCode: 'ECONNABORTED' }), false);
    assert.equal(isRetryable('POST', { errorCode: 'ECONNRESET' }), false);
    assert.equal(isRetryable('POST', { errorCode: 'ECONNREFUSED' }), true);
    assert.equal(isRetryable('get', { errorCode: 'ECONNRESET' }), true);
  });

  it('backs off exponentially with jitter, capped, and never below Retry-After', () => {
    const at = (retry: number, random: number, retryAfter?: string) => retryDelayMs(policy, retry, retryAfter, 0, () => random);
    assert.deepEqual([at(1, 0), at(1, 1), at(2, 0), at(2, 1)], [100, 200, 200, 400]);
    assert.equal(at(10, 1), 2_000);
    assert.equal(at(1, 0.5, '3'), 3_000);
    assert.equal(retryDelayMs(policy, 1, new Date(4_000).toUTCString(), 0, () => 0), 4_000);
    assert.equal(at(1, 0, 'soon'), 100);
  });
});
