import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sessionResponseSchema } from '../../src/protocol/session.js';
import { errorBodySchema } from '../../src/protocol/errors.js';
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { createEmulator, loadEmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import {
  companionOptionsFromEnv,
  createCompanion,
  createTwilioClient,
  listen,
  parseCompanionOptions,
} from '../../src/server/index.js';

const SHOP = 'https://shop.example';
const { env } = withDemoDefaults({});

let emulator: RunningEmulator;
let app: ReturnType<typeof createCompanion>;
let agent: ReturnType<typeof createTwilioClient>;

const post = (path: string, init: RequestInit = {}) => app.request(path, { method: 'POST', ...init });

async function newSession() {
  const response = await post('/session');
  assert.equal(response.status, 200);
  return sessionResponseSchema.parse(await response.json());
}

async function expectError(response: Response, status: number, code: string) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /application\/json/);
  const body = errorBodySchema.parse(await response.json());
  assert.equal(body.error.code, code);
  assert.doesNotMatch(body.error.message, /\n\s+at /, 'no stack trace');
  return body;
}

describe('companion', () => {
  before(async () => {
    emulator = await createEmulator(loadEmulatorOptions(env)).listen({ port: 0 });
    const settings = parseCompanionOptions({
      ...companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: emulator.url }),
      allowedOrigins: [SHOP],
    });
    app = createCompanion(settings);
    agent = createTwilioClient(settings);
  });
  after(() => emulator.close());

  it('starts a session for an anonymous visitor: conversation, participant, token', async () => {
    const session = await newSession();
    assert.match(session.identity, /^visitor-[0-9a-f-]{36}$/);
    assert.deepEqual(session.backend, { kind: 'emulator', realtimeUrl: `${emulator.url.replace('http', 'ws')}/realtime` });

    const participants = await agent.conversations.v1
      .services(env.TWILIO_CONVERSATIONS_SERVICE_SID!)
      .conversations(session.conversationSid)
      .participants.list();
    assert.deepEqual(participants.map((p) => p.identity), [session.identity]);

    const decoded = JSON.parse(Buffer.from(session.token.split('.')[1]!, 'base64url').toString());
    assert.equal(decoded.grants.identity, session.identity);
    assert.equal(decoded.grants.chat.service_sid, env.TWILIO_CONVERSATIONS_SERVICE_SID);
    assert.equal(decoded.iss, env.TWILIO_API_KEY);
    const ttl = Date.parse(session.tokenExpiresAt) - Date.now();
    assert.ok(ttl > 800_000 && ttl <= 900_000, `token TTL ${ttl} ms`);
  });

  it('never sends the API secret, in any answer', async () => {
    const answers = [
      await post('/session'),
      await post('/session', { headers: { Authorization: 'Bearer forged.token' } }),
      await app.request('/healthz?deep=1'),
      await app.request('/nope'),
    ];
    for (const response of answers) {
      const text = `${JSON.stringify([...response.headers])}${await response.text()}`;
      assert.ok(!text.includes(env.TWILIO_API_SECRET!), `${response.url} leaks the API secret`);
    }
  });

  it('gives two visitors different identities and conversations', async () => {
    const [a, b] = await Promise.all([newSession(), newSession()]);
    assert.notEqual(a.identity, b.identity);
    assert.notEqual(a.conversationSid, b.conversationSid);
  });

  it('resumes the same conversation for a visitor presenting its session token', async () => {
    const first = await newSession();
    const response = await post('/session', { headers: { Authorization: `Bearer ${first.sessionToken}` } });
    const again = sessionResponseSchema.parse(await response.json());
    assert.equal(again.identity, first.identity);
    assert.equal(again.conversationSid, first.conversationSid);
  });

  it('opens a new conversation for the same visitor once the old one is closed', async () => {
    const first = await newSession();
    const closed = await agent.conversations.v1
      .services(env.TWILIO_CONVERSATIONS_SERVICE_SID!)
      .conversations(first.conversationSid)
      .update({ state: 'closed' });
    assert.equal(closed.state, 'closed');
    const response = await post('/session', { headers: { Authorization: `Bearer ${first.sessionToken}` } });
    const again = sessionResponseSchema.parse(await response.json());
    assert.equal(again.identity, first.identity);
    assert.notEqual(again.conversationSid, first.conversationSid);
  });

  it('refuses a tampered, forged or malformed session token with 401', async () => {
    const { sessionToken } = await newSession();
    const tampered = `${sessionToken.slice(0, -2)}${sessionToken.endsWith('A') ? 'B' : 'A'}A`;
    for (const header of [`Bearer ${tampered}`, 'Bearer abc.def', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const response = await post('/session', { headers: { Authorization: header } });
      const body = await expectError(response, 401, 'unauthorized');
      assert.ok(body.error.message.length > 0);
    }
  });

  it('answers bad bodies with 400 JSON and never creates a conversation for them', async () => {
    const json = { 'Content-Type': 'application/json' };
    await expectError(await post('/session', { headers: json, body: '{"identity":' }), 400, 'bad_request');
    const forged = await expectError(
      await post('/session', { headers: json, body: '{"identity":"someone-else"}' }),
      400,
      'bad_request',
    );
    assert.match(forged.error.message, /identity/);
    await expectError(await post('/session', { headers: json, body: '[1,2]' }), 400, 'bad_request');
    await expectError(await post('/session', { headers: { 'Content-Type': 'text/plain' }, body: 'hi' }), 400, 'bad_request');
  });

  it('refuses bodies over the size limit with 413', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(70_000) });
    await expectError(
      await post('/session', { headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length) }, body }),
      413,
      'payload_too_large',
    );
  });

  it('refuses a body announced as too large without reading any of it', async () => {
    let read = false;
    // highWaterMark 0: the stream is pulled only when someone reads the body.
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          read = true;
          controller.enqueue(new Uint8Array(70_000));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const init = { method: 'POST', body, duplex: 'half', headers: { 'Content-Type': 'application/json', 'Content-Length': '70000' } };
    await expectError(await post('/session', init as RequestInit), 413, 'payload_too_large');
    assert.equal(read, false);
  });

  it('counts a chunked body as it arrives over HTTP: too large is 413, small reaches the route', async () => {
    const server = await listen(app, { port: 0 });
    try {
      const sendChunked = (chunks: string[]) =>
        fetch(`${server.url}/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: new ReadableStream({
            start(controller) {
              for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
              controller.close();
            },
          }),
          duplex: 'half',
        } as RequestInit);
      const tooLarge = await sendChunked(['{"padding":"', ...Array.from({ length: 7 }, () => 'x'.repeat(10_000)), '"}']);
      await expectError(tooLarge, 413, 'payload_too_large');
      // The route sees the whole body the limit counted: it refuses the forged identity by name.
      const small = await expectError(await sendChunked(['{"identity":', '"someone-else"}']), 400, 'bad_request');
      assert.match(small.error.message, /identity/);
    } finally {
      await server.close();
    }
  });

  it('answers unknown routes with 404 and wrong methods with 405, in JSON', async () => {
    await expectError(await app.request('/nope'), 404, 'not_found');
    const response = await app.request('/session');
    await expectError(response, 405, 'method_not_allowed');
    assert.equal(response.headers.get('allow'), 'POST');
  });

  it('grants CORS to allowlisted origins only', async () => {
    const preflight = (origin: string) =>
      app.request('/session', {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
      });
    const allowed = await preflight(SHOP);
    assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    const denied = await preflight('https://evil.example');
    assert.equal(denied.headers.get('access-control-allow-origin'), null);
    const simple = await post('/session', { headers: { Origin: 'https://evil.example' } });
    assert.equal(simple.headers.get('access-control-allow-origin'), null);
  });

  it('sends security headers and reports health', async () => {
    const response = await app.request('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(response.headers.get('strict-transport-security'));
  });

  it('answers 503 JSON, not a hang or a stack, when Twilio cannot be reached', async () => {
    const down = createCompanion({
      ...companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: 'http://127.0.0.1:9' }),
      twilioTimeoutMs: 2_000,
    });
    const response = await down.request('/session', { method: 'POST' });
    await expectError(response, 503, 'upstream_unavailable');
    assert.ok(response.headers.get('retry-after'));
  });
});
