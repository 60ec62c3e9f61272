/**
 * Fuzzing the companion with fast-check: over ten thousand generated requests
 * through `app.request()` (every route and method and unknown ones; broken
 * headers, bodies and credentials), then raw, malformed HTTP against a real
 * `bridge-chat serve` process. No answer may be a 5xx, every refusal is JSON
 * with a code, and the companion serves a normal visitor afterwards.
 *
 * Runs are reproducible: BRIDGE_CHAT_FUZZ_SEED picks the seed (a fixed one
 * by default); a failure report names the seed, the shrunk counterexample
 * and the error.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DEMO_CUSTOMER } from '../../src/emulator/index.js';
import { contextResponseSchema } from '../../src/protocol/context.js';
import { errorBodySchema } from '../../src/protocol/errors.js';
import {
  endResponseSchema,
  refreshResponseSchema,
  sessionRequestSchema,
  sessionResponseSchema,
  type SessionResponse,
  visitorResponseSchema,
} from '../../src/protocol/session.js';
import { SessionTokens } from '../../src/server/session-token.js';
import { SignedJson } from '../../src/server/signed-json.js';
import { CLI, cleanEnv, waitForLine } from '../cli/support.js';
import { bridgeService, options, startEmulator, type StartedEmulator, waitFor } from '../emulator/support.js';
import { addPastConversations, demoProfileId } from './context-support.js';
import { deliver, parseResponses, rawCaseArb } from './fuzz-raw-http.js';
import {
  BEARER_ROUTES,
  badAuthorization,
  type Credentials,
  describeRequest,
  type FuzzBody,
  type FuzzRequest,
  requestArb,
  sessionBodyValue,
  tamperedToken,
  toRequest,
} from './fuzz-requests.js';
import { SESSION_SECRET, SHOP, siteCompanion, siteCookie, siteSession } from './site-visitors.js';

const SEED = Number(process.env.BRIDGE_CHAT_FUZZ_SEED ?? 9_032_026);
const MAYA = DEMO_CUSTOMER.chatIdentity;
const MAX_BODY_BYTES = 64 * 1024;
const JSON_TYPE: Array<[string, string]> = [['content-type', 'application/json']];

/** fast-check's settings for a property of `numRuns` runs; a failure report names the seed, the path and the error. */
const runs = (numRuns: number) => ({ seed: SEED, numRuns, includeErrorInReport: true });

type App = ReturnType<typeof siteCompanion>;

interface Answer {
  request: Request;
  response: Response;
  text: string;
}

/** Generated requests sent so far, over every property. */
let generatedRequests = 0;

async function send(app: App, fuzz: FuzzRequest, bindings?: object): Promise<Answer> {
  const request = toRequest(fuzz);
  generatedRequests += 1;
  const response = await app.request(request, undefined, bindings);
  return { request, response, text: await response.text() };
}

/** What each route answers with when it succeeds (HEAD is GET without the body). */
const SUCCESS_SCHEMAS: Record<string, { parse(value: unknown): unknown }> = {
  'POST /session': sessionResponseSchema,
  'GET /session/visitor': visitorResponseSchema,
  'POST /session/refresh': refreshResponseSchema,
  'POST /session/end': endResponseSchema,
  'GET /context': contextResponseSchema,
  'GET /healthz': { parse: (value) => assert.equal((value as { status?: unknown }).status, 'ok') },
};

/**
 * The properties every answer has, whatever was asked: below 500; no secret
 * in it; a CORS grant for the allowlisted origin only; a refusal is JSON with
 * a code (401 with WWW-Authenticate, 429 with Retry-After); a success comes
 * from a real route and matches its schema.
 */
function assertAnswerShape({ request, response, text }: Answer, what: string): void {
  const where = `${what}\n→ ${response.status} ${text.slice(0, 300)}`;
  assert.ok(response.status >= 200 && response.status < 500, `status: ${where}`);
  assert.ok(!text.includes(options.apiSecret) && !text.includes(SESSION_SECRET), `a secret in the answer: ${where}`);
  const origin = request.headers.get('origin');
  assert.equal(response.headers.get('access-control-allow-origin'), origin === SHOP ? SHOP : null, `CORS grant: ${where}`);
  assert.match(response.headers.get('vary') ?? '', /Origin/, `Vary: ${where}`);
  const head = request.method === 'HEAD';
  if (response.status >= 400) {
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/, `content type: ${where}`);
    if (!head) {
      const { error } = errorBodySchema.parse(JSON.parse(text));
      assert.notEqual(error.code, '', where);
      assert.doesNotMatch(error.message, /\n\s+at /, `a stack trace: ${where}`);
    }
    if (response.status === 401) assert.equal(response.headers.get('www-authenticate'), 'Bearer', where);
    if (response.status === 429) assert.ok(Number(response.headers.get('retry-after')) >= 1, where);
    return;
  }
  if (request.method === 'OPTIONS') {
    assert.equal(response.status, 204, where);
    return;
  }
  const route = `${head ? 'GET' : request.method} ${new URL(request.url).pathname}`;
  const schema = SUCCESS_SCHEMAS[route];
  assert.ok(schema, `a ${response.status} from no route: ${where}`);
  if (!head) schema.parse(JSON.parse(text));
}

function expectRefusal(answer: Answer, status: number, code: string, what: string): void {
  const where = `${what}\n→ ${answer.response.status} ${answer.text.slice(0, 300)}`;
  assert.equal(answer.response.status, status, where);
  assert.equal(errorBodySchema.parse(JSON.parse(answer.text)).error.code, code, where);
}

/** A visitor's whole chat, start to end: the companion still does its job. */
async function assertServesNormally(app: App): Promise<void> {
  const started = await app.request('/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name":"Ada"}' });
  assert.equal(started.status, 200, await started.clone().text());
  const session = sessionResponseSchema.parse(await started.json());
  const bearer = { Authorization: `Bearer ${session.sessionToken}` };
  const refreshed = await app.request('/session/refresh', { method: 'POST', headers: bearer });
  assert.equal(refreshed.status, 200);
  refreshResponseSchema.parse(await refreshed.json());
  const context = await app.request('/context', { headers: bearer });
  assert.equal(context.status, 200);
  contextResponseSchema.parse(await context.json());
  const ended = await app.request('/session/end', { method: 'POST', headers: bearer });
  assert.deepEqual(endResponseSchema.parse(await ended.json()), { conversationSid: session.conversationSid, state: 'closed' });
  assert.deepEqual(await (await app.request('/healthz')).json(), { status: 'ok' });
}

async function conversationCount(started: StartedEmulator): Promise<number> {
  return (await started.service.conversations.list()).length;
}

describe('companion fuzzing, in-process', () => {
  let started: StartedEmulator;
  let app: App;
  let credentials: Credentials;
  /** Maya's own: her session token, her site cookie, and the history page token her context handed her. */
  let maya: { session: SessionResponse; cookie: string; pageToken: string };
  let siteCookies: string[];

  before(async () => {
    started = await startEmulator({ seed: true, bridgeDelayMs: 20 });
    await bridgeService(started.twilioClient, 'GROUP_BY_PROFILE');
    const profileId = demoProfileId(started);
    addPastConversations(started, profileId, 12);
    // No rate limits here (one property turns them on): `app.request()` has no client address, so all would share one.
    app = siteCompanion(started.running.url, {
      rateLimitPerIp: 0,
      rateLimitPerSession: 0,
      contextLinkWaitMs: 0,
      contextPendingTtlMs: 0,
      memoryTraits: ['Contact.*', 'Loyalty.*'],
      memoryObservations: true,
    });

    const anonymous = sessionResponseSchema.parse(await (await app.request('/session', { method: 'POST' })).json());
    const cookie = await siteCookie(MAYA);
    const session = sessionResponseSchema.parse(await (await app.request('/session', { method: 'POST', headers: { Cookie: cookie } })).json());
    // Linked once the bridge has synced her chat; asked again until then (the app itself does not wait).
    const context = await waitFor(async () => {
      const answer = await app.request('/context', { headers: { Authorization: `Bearer ${session.sessionToken}`, Cookie: cookie } });
      const body = contextResponseSchema.parse(await answer.json());
      return body.link.status === 'linked' ? body : undefined;
    }, "Maya's linked context");
    assert.ok(context.history.nextPageToken, 'Maya has a second page of history');
    maya = { session, cookie, pageToken: context.history.nextPageToken };

    const claims = { identity: anonymous.identity, conversationSid: anonymous.conversationSid, serviceSid: options.serviceSid };
    const monthAgo = () => Date.now() - 30 * 86_400_000;
    const payload = { v: 1, sub: claims.identity, cid: claims.conversationSid, svc: claims.serviceSid, iat: 0, exp: 9e9 };
    credentials = {
      sessionTokens: [anonymous.sessionToken, session.sessionToken],
      rejectedTokens: [
        new SessionTokens([SESSION_SECRET], 7 * 86_400, monthAgo).sign(claims),
        new SessionTokens(['another-site-entirely-0123456789abcdef'], 3_600).sign(claims),
        new SessionTokens([SESSION_SECRET], 3_600).sign({ ...claims, serviceSid: `IS${'f'.repeat(32)}` }),
        new SignedJson([SESSION_SECRET], 'bridge-chat/session/v1').sign({ ...payload, svc: undefined }),
        new SignedJson([SESSION_SECRET], 'bridge-chat/history-page/v1').sign(payload),
        new SignedJson([SESSION_SECRET], 'bridge-chat/session/v2').sign(payload),
        maya.pageToken,
        anonymous.token,
      ],
      pageTokens: [maya.pageToken],
      siteSessions: [
        await siteSession(MAYA),
        await siteSession(MAYA, { secret: 'not-the-site-secret-at-all-not-it' }),
        await siteSession(MAYA, { expiresInSeconds: -60 }),
        await siteSession('customer-someone-else'),
        // The longest identity a site may sign in (256 characters).
        await siteSession(`user-${'u'.repeat(251)}`),
      ],
      names: [anonymous.conversationSid, session.conversationSid, anonymous.identity, MAYA, profileId, `CH${'0'.repeat(32)}`, '../../etc/passwd'],
    };
    siteCookies = credentials.siteSessions.map((jwt) => `site_session=${jwt}`);
  });
  after(async () => {
    console.log(`companion fuzzing: ${generatedRequests} generated requests (seed ${SEED})`);
    await started.running.close();
  });

  it('answers any request below 500, refusals in JSON with a code, successes by their schema', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb(credentials), async (fuzz) => assertAnswerShape(await send(app, fuzz), describeRequest(fuzz))),
      runs(5_000),
    );
    await assertServesNormally(app);
  });

  it('keeps the same promises with rate limits on, clients behind a trusted proxy', async () => {
    const limited = siteCompanion(started.running.url, { rateLimitPerIp: 8, rateLimitPerSession: 4, trustProxy: 1, contextLinkWaitMs: 0 });
    const peers = ['203.0.113.1', '203.0.113.2', '2001:db8::1', '::ffff:198.51.100.7'];
    await fc.assert(
      fc.asyncProperty(requestArb(credentials), fc.constantFrom(...peers), async (fuzz, peer) => {
        const bindings = { incoming: { socket: { remoteAddress: peer, remotePort: 40_000, remoteFamily: peer.includes(':') ? 'IPv6' : 'IPv4' } } };
        assertAnswerShape(await send(limited, fuzz, bindings), `${describeRequest(fuzz)} from ${peer}`);
      }),
      runs(1_000),
    );
  });

  it('refuses every forged, expired, tampered, truncated, foreign-key or misused token with 401', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BEARER_ROUTES),
        badAuthorization(credentials),
        fc.option(fc.constantFrom(...siteCookies), { nil: undefined }),
        async (route, authorization, cookie) => {
          const fuzz: FuzzRequest = {
            method: route.method,
            target: route.path,
            headers: [['authorization', authorization], ...(cookie ? [['cookie', cookie] as [string, string]] : [])],
            body: { kind: 'none' },
          };
          const answer = await send(app, fuzz);
          assertAnswerShape(answer, describeRequest(fuzz));
          expectRefusal(answer, 401, 'unauthorized', describeRequest(fuzz));
        },
      ),
      runs(2_000),
    );
    await assertServesNormally(app);
  });

  it("takes a history page token only from the session it was given to, untouched", async () => {
    const notThisPageToken = fc
      .oneof(
        tamperedToken(credentials.pageTokens),
        fc.constantFrom(...credentials.sessionTokens, ...credentials.rejectedTokens.filter((token) => token !== maya.pageToken)),
        fc.string({ minLength: 1, maxLength: 200 }),
      )
      .filter((token) => token !== '' && token !== maya.pageToken);
    const mine = { authorization: `Bearer ${maya.session.sessionToken}`, cookie: maya.cookie };
    await fc.assert(
      fc.asyncProperty(notThisPageToken, async (token) => {
        const fuzz: FuzzRequest = {
          method: 'GET',
          target: `/context?historyPageToken=${encodeURIComponent(token)}`,
          headers: Object.entries(mine),
          body: { kind: 'none' },
        };
        expectRefusal(await send(app, fuzz), 400, 'bad_request', describeRequest(fuzz));
      }),
      runs(500),
    );
    const own = await app.request(`/context?historyPageToken=${encodeURIComponent(maya.pageToken)}`, { headers: mine });
    assert.equal(own.status, 200, 'the real page token still works for its session');
  });

  it('accepts exactly the pre-chat bodies the schema does, and a refused one creates nothing', async () => {
    const before = await conversationCount(started);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(sessionBodyValue(credentials), async (value) => {
        const text = JSON.stringify(value);
        const fuzz: FuzzRequest = { method: 'POST', target: '/session', headers: JSON_TYPE, body: { kind: 'text', text } };
        const answer = await send(app, fuzz);
        assertAnswerShape(answer, describeRequest(fuzz));
        if (Buffer.byteLength(text) > MAX_BODY_BYTES) return expectRefusal(answer, 413, 'payload_too_large', describeRequest(fuzz));
        if (!sessionRequestSchema.safeParse(JSON.parse(text)).success) return expectRefusal(answer, 400, 'bad_request', describeRequest(fuzz));
        assert.equal(answer.response.status, 200, describeRequest(fuzz));
        accepted += 1;
      }),
      runs(1_500),
    );
    assert.ok(accepted > 0, 'some generated bodies were valid');
    assert.equal(await conversationCount(started), before + accepted, 'one conversation per accepted body, none for a refused one');
  });

  it('keeps its promises under concurrent requests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(requestArb(credentials), { minLength: 5, maxLength: 25 }), async (batch) => {
        const answers = await Promise.all(batch.map((fuzz) => send(app, fuzz)));
        answers.forEach((answer, index) => assertAnswerShape(answer, describeRequest(batch[index]!)));
      }),
      runs(80),
    );
    await assertServesNormally(app);
  });

  it('regression: a body that breaks off is a 400, not a 500', async () => {
    const body: FuzzBody = { kind: 'stream', chunks: ['{"na', 'me":"Ada"}'], breaksOff: true };
    const answer = await send(app, { method: 'POST', target: '/session', headers: JSON_TYPE, body });
    expectRefusal(answer, 400, 'bad_request', 'a body that breaks off');
  });

  it('regression: the longest signed-in identity still gets a conversation, its name cut to what Twilio takes', async () => {
    const identity = `user-${'u'.repeat(251)}`;
    const response = await app.request('/session', { method: 'POST', headers: { Cookie: await siteCookie(identity) } });
    assert.equal(response.status, 200, await response.clone().text());
    const session = sessionResponseSchema.parse(await response.json());
    assert.equal(session.identity, identity);
    const conversation = await started.service.conversations(session.conversationSid).fetch();
    assert.equal(conversation.friendlyName, `Web chat with ${identity}`.slice(0, 256));
  });

  it('regression: ending a chat that was deleted since is done, not a 502', async () => {
    const session = sessionResponseSchema.parse(await (await app.request('/session', { method: 'POST' })).json());
    await started.service.conversations(session.conversationSid).remove();
    const ended = await app.request('/session/end', { method: 'POST', headers: { Authorization: `Bearer ${session.sessionToken}` } });
    assert.equal(ended.status, 200, await ended.clone().text());
    assert.deepEqual(endResponseSchema.parse(await ended.json()), { conversationSid: session.conversationSid, state: 'closed' });
  });

  it('made over ten thousand generated requests', () => {
    assert.ok(generatedRequests >= 10_000, `only ${generatedRequests}`);
  });
});

describe('companion fuzzing, a `bridge-chat serve` process under raw HTTP', () => {
  let started: StartedEmulator;
  let companion: ChildProcess;
  let companionUrl: string;
  let stderr = '';

  before(async () => {
    started = await startEmulator();
    companion = spawn(process.execPath, [...CLI, 'serve', '--port', '0'], {
      env: cleanEnv({
        TWILIO_ACCOUNT_SID: options.accountSid,
        TWILIO_API_KEY: options.apiKey,
        TWILIO_API_SECRET: options.apiSecret,
        TWILIO_CONVERSATIONS_SERVICE_SID: options.serviceSid,
        TWILIO_MEMORY_STORE_ID: options.memoryStoreId,
        BRIDGE_CHAT_EMULATOR_URL: started.running.url,
        BRIDGE_CHAT_SESSION_SECRET: SESSION_SECRET,
        BRIDGE_CHAT_ALLOWED_ORIGINS: SHOP,
        BRIDGE_CHAT_RATE_LIMIT_PER_IP: '0',
        BRIDGE_CHAT_RATE_LIMIT_PER_SESSION: '0',
      }),
    });
    companion.stderr!.on('data', (chunk) => (stderr += chunk));
    const line = await waitForLine(companion, /companion listening on/);
    companionUrl = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)![1]!;
  });
  after(async () => {
    if (companion.exitCode === null) {
      companion.kill('SIGTERM');
      await once(companion, 'exit');
    }
    await started.running.close();
  });

  it('regression: a CONNECT whose client resets the connection does not end the process', async () => {
    const port = Number(new URL(companionUrl).port);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const bytes = Buffer.from('CONNECT companion.test:443 HTTP/1.1\r\nHost: companion.test:443\r\n\r\n');
      await deliver(port, { bytes, delivery: { kind: 'reset' } });
    }
    const health = await fetch(`${companionUrl}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(companion.exitCode, null, stderr);
  });

  it('stays up through malformed HTTP and early disconnects, answering below 500 and in JSON', async () => {
    const port = Number(new URL(companionUrl).port);
    let delivered = 0;
    /** The last cases sent: a process that dies may have been hit by any of them, not only the latest. */
    const recent: string[] = [];
    await fc.assert(
      fc.asyncProperty(rawCaseArb, async (rawCase) => {
        const what = `${rawCase.delivery.kind}: ${JSON.stringify(rawCase.bytes.toString('latin1').slice(0, 300))}`;
        recent.push(what);
        if (recent.length > 5) recent.shift();
        const received = await deliver(port, rawCase);
        delivered += 1;
        assert.equal(companion.exitCode, null, `the process ended; the last cases sent:\n${recent.join('\n')}\n${stderr}`);
        if (rawCase.delivery.kind === 'cut' || rawCase.delivery.kind === 'reset') return; // we hung up: whatever came back may be cut short
        const responses = parseResponses(received);
        // An HTTP/1.x request sent whole gets an answer (one without a version is HTTP/0.9, which has no status line).
        const versioned = /^[^\r\n]* HTTP\/1\.[01]\r\n/.test(rawCase.bytes.toString('latin1'));
        if (rawCase.delivery.kind === 'answer' && versioned) assert.ok(responses.length > 0, `no answer to ${what}`);
        for (const { status, headers, body } of responses) {
          assert.ok(status < 500, `${status} for ${what}: ${body}`);
          if (status < 400) continue;
          assert.match(headers['content-type'] ?? '', /^application\/json/, `${status} for ${what}`);
          assert.notEqual(errorBodySchema.parse(JSON.parse(body)).error.code, '', what);
        }
      }),
      runs(300),
    );
    console.log(`companion fuzzing: ${delivered} raw HTTP requests to a bridge-chat serve process`);

    const session = await fetch(`${companionUrl}/session`, { method: 'POST', headers: { Origin: SHOP } });
    assert.equal(session.status, 200);
    assert.equal(session.headers.get('access-control-allow-origin'), SHOP);
    const { sessionToken } = sessionResponseSchema.parse(await session.json());
    const refreshed = await fetch(`${companionUrl}/session/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${sessionToken}` } });
    assert.equal(refreshed.status, 200);
    assert.equal(companion.exitCode, null);
    assert.doesNotMatch(stderr, /unexpected error|unhandled|uncaught/i);
  });
});
