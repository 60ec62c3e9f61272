import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sign } from 'hono/jwt';
import { identifyFromSiteSession, SITE_SESSION_COOKIE, SITE_SESSION_HEADER } from '../../demo/identify/site-session.js';
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { createEmulator, loadEmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { errorBodySchema } from '../../src/protocol/errors.js';
import { endResponseSchema, refreshResponseSchema, sessionResponseSchema } from '../../src/protocol/session.js';
import {
  type CompanionOptions,
  companionOptionsFromEnv,
  createCompanion,
  createTwilioClient,
  parseCompanionOptions,
} from '../../src/server/index.js';

const SITE_SECRET = 'the-shop-signs-its-own-sessions-with-this';
const { env } = withDemoDefaults({ BRIDGE_CHAT_EMULATOR_SEED: 'off' });

let emulator: RunningEmulator;
let options: CompanionOptions;
let agent: ReturnType<typeof createTwilioClient>;

const service = () => agent.conversations.v1.services(env.TWILIO_CONVERSATIONS_SERVICE_SID!);
const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
const json = (body: unknown) => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function errorCode(response: Response, status: number): Promise<string> {
  assert.equal(response.status, status);
  return errorBodySchema.parse(await response.json()).error.code;
}

describe('sessions', () => {
  before(async () => {
    emulator = await createEmulator(loadEmulatorOptions(env)).listen({ port: 0 });
    options = parseCompanionOptions(companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: emulator.url }));
    agent = createTwilioClient(parseCompanionOptions(options));
  });
  after(() => emulator.close());

  describe('pre-chat fields', () => {
    it('stores name and email on the conversation and participant, and posts the first message as the visitor', async () => {
      const app = createCompanion(options);
      const response = await app.request('/session', {
        method: 'POST',
        ...json({ name: '  Ada Park ', email: 'ada@example.com', firstMessage: 'Is the Guji back in stock?' }),
      });
      const session = sessionResponseSchema.parse(await response.json());
      const conversation = await service().conversations(session.conversationSid).fetch();
      assert.equal(conversation.friendlyName, 'Web chat with Ada Park');
      assert.deepEqual(JSON.parse(conversation.attributes).bridgeChat, {
        channel: 'web-widget',
        identity: session.identity,
        name: 'Ada Park',
        email: 'ada@example.com',
      });
      const [participant] = await service().conversations(session.conversationSid).participants.list();
      assert.deepEqual(JSON.parse(participant!.attributes), { name: 'Ada Park', email: 'ada@example.com' });
      const messages = await service().conversations(session.conversationSid).messages.list();
      assert.deepEqual(messages.map((m) => [m.author, m.body]), [[session.identity, 'Is the Guji back in stock?']]);
    });

    it('refuses malformed fields, unknown fields and an identity in the body, creating nothing', async () => {
      const app = createCompanion(options);
      const before = (await service().conversations.list()).length;
      const cases = [{ email: 'not-an-email' }, { name: '' }, { firstMessage: 'x'.repeat(33_000) }, { identity: 'admin' }, { name: 42 }];
      for (const body of cases) {
        const response = await app.request('/session', { method: 'POST', ...json(body) });
        assert.equal(await errorCode(response, 400), 'bad_request', JSON.stringify(body).slice(0, 40));
      }
      assert.equal((await service().conversations.list()).length, before);
    });
  });

  describe('signed-in users (identify hook, with the documented site-cookie example)', () => {
    const siteToken = (sub: string, secret = SITE_SECRET) =>
      sign({ sub: `user-${sub}`, name: `User ${sub}`, exp: Math.floor(Date.now() / 1000) + 600 }, secret, 'HS256');
    const cookieFor = async (sub: string, secret = SITE_SECRET) => `${SITE_SESSION_COOKIE}=${await siteToken(sub, secret)}`;
    const signedInApp = () => createCompanion({ ...options, identify: identifyFromSiteSession(SITE_SECRET) });

    it('takes the identity from the verified cookie, never from the body', async () => {
      const app = signedInApp();
      const response = await app.request('/session', { method: 'POST', headers: { Cookie: await cookieFor('1001') } });
      const session = sessionResponseSchema.parse(await response.json());
      assert.equal(session.identity, 'user-1001');
      assert.equal(decode(session.token).grants.identity, 'user-1001');
    });

    it('also takes the site token from the X-Site-Session header (for getAuthHeaders)', async () => {
      const app = signedInApp();
      const response = await app.request('/session', {
        method: 'POST',
        headers: { [SITE_SESSION_HEADER]: await siteToken('1002') },
      });
      assert.equal(sessionResponseSchema.parse(await response.json()).identity, 'user-1002');
    });

    it('lets cross-origin pages send the site header only when it is allowed', async () => {
      const preflight = (app: ReturnType<typeof createCompanion>) =>
        app.request('/session', {
          method: 'OPTIONS',
          headers: {
            Origin: 'https://shop.example',
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'x-site-session',
          },
        });
      const shop = { ...options, allowedOrigins: ['https://shop.example'] };
      const granted = await preflight(createCompanion({ ...shop, allowedHeaders: [SITE_SESSION_HEADER] }));
      assert.match(granted.headers.get('access-control-allow-headers') ?? '', /X-Site-Session/i);
      const plain = await preflight(createCompanion(shop));
      assert.doesNotMatch(plain.headers.get('access-control-allow-headers') ?? '', /X-Site-Session/i);
    });

    it('treats a forged cookie as an anonymous visitor', async () => {
      const app = signedInApp();
      const response = await app.request('/session', {
        method: 'POST',
        headers: { Cookie: await cookieFor('1001', 'not-the-site-secret-at-all-not-it') },
      });
      assert.match(sessionResponseSchema.parse(await response.json()).identity, /^visitor-/);
    });

    it('gives a signed-in user on a new device their open conversation back', async () => {
      const app = signedInApp();
      const cookie = await cookieFor('2002');
      const first = sessionResponseSchema.parse(await (await app.request('/session', { method: 'POST', headers: { Cookie: cookie } })).json());
      const otherDevice = sessionResponseSchema.parse(
        await (await app.request('/session', { method: 'POST', headers: { Cookie: cookie } })).json(),
      );
      assert.equal(otherDevice.conversationSid, first.conversationSid);
    });

    it("does not let one user's session token open another user's conversation", async () => {
      const app = signedInApp();
      const alice = sessionResponseSchema.parse(
        await (await app.request('/session', { method: 'POST', headers: { Cookie: await cookieFor('3003') } })).json(),
      );
      const bobCookie = await cookieFor('3004');
      const bob = sessionResponseSchema.parse(
        await (await app.request('/session', { method: 'POST', headers: { Cookie: bobCookie, ...bearer(alice.sessionToken) } })).json(),
      );
      assert.equal(bob.identity, 'user-3004');
      assert.notEqual(bob.conversationSid, alice.conversationSid);
      const refresh = await app.request('/session/refresh', { method: 'POST', headers: { Cookie: bobCookie, ...bearer(alice.sessionToken) } });
      assert.equal(await errorCode(refresh, 401), 'unauthorized');
      const end = await app.request('/session/end', { method: 'POST', headers: { Cookie: bobCookie, ...bearer(alice.sessionToken) } });
      assert.equal(await errorCode(end, 401), 'unauthorized');
      assert.equal((await service().conversations(alice.conversationSid).fetch()).state, 'active');
    });

    it("does not resume a signed-in user's chat once the site no longer vouches for them (signed out)", async () => {
      const app = signedInApp();
      const cookie = await cookieFor('4004');
      const signedIn = sessionResponseSchema.parse(await (await app.request('/session', { method: 'POST', headers: { Cookie: cookie } })).json());
      const afterSignOut = sessionResponseSchema.parse(
        await (await app.request('/session', { method: 'POST', headers: bearer(signedIn.sessionToken) })).json(),
      );
      assert.match(afterSignOut.identity, /^visitor-/);
      assert.notEqual(afterSignOut.conversationSid, signedIn.conversationSid);
      const refresh = await app.request('/session/refresh', { method: 'POST', headers: bearer(signedIn.sessionToken) });
      assert.equal(await errorCode(refresh, 401), 'unauthorized');
      const stillSignedIn = await app.request('/session/refresh', {
        method: 'POST',
        headers: { Cookie: cookie, ...bearer(signedIn.sessionToken) },
      });
      assert.equal(stillSignedIn.status, 200);
    });

    it('reports a broken identify hook as a server error without details', async () => {
      const app = createCompanion({ ...options, identify: () => ({ identity: '' }) });
      const response = await app.request('/session', { method: 'POST' });
      assert.equal(await errorCode(response, 500), 'internal_error');
    });
  });

  describe('token lifecycle', () => {
    it('refreshes the access token with the session token alone, for the same identity', async () => {
      const app = createCompanion({ ...options, tokenTtlSeconds: 60 });
      const session = sessionResponseSchema.parse(await (await app.request('/session', { method: 'POST' })).json());
      const response = await app.request('/session/refresh', { method: 'POST', headers: bearer(session.sessionToken) });
      assert.equal(response.status, 200);
      const refreshed = refreshResponseSchema.parse(await response.json());
      const claims = decode(refreshed.token);
      assert.equal(claims.grants.identity, session.identity);
      assert.equal(claims.grants.chat.service_sid, env.TWILIO_CONVERSATIONS_SERVICE_SID);
      assert.equal(claims.exp - claims.iat, 60);
      const resumed = sessionResponseSchema.parse(
        await (await app.request('/session', { method: 'POST', headers: bearer(refreshed.sessionToken) })).json(),
      );
      assert.equal(resumed.conversationSid, session.conversationSid, 'the renewed session token is bound to the same conversation');
    });

    it('refuses refresh and end without a valid session token', async () => {
      const app = createCompanion(options);
      for (const path of ['/session/refresh', '/session/end']) {
        assert.equal(await errorCode(await app.request(path, { method: 'POST' }), 401), 'unauthorized');
        assert.equal(await errorCode(await app.request(path, { method: 'POST', headers: bearer('forged.token') }), 401), 'unauthorized');
      }
    });

    it('refuses a session token signed by a retired secret, and accepts one from a rotated-out signer', async () => {
      const oldSecret = 'o'.repeat(40);
      const newSecret = 'n'.repeat(40);
      const before = createCompanion({ ...options, sessionSecrets: [oldSecret] });
      const session = sessionResponseSchema.parse(await (await before.request('/session', { method: 'POST' })).json());
      const rotated = createCompanion({ ...options, sessionSecrets: [newSecret, oldSecret] });
      assert.equal((await rotated.request('/session/refresh', { method: 'POST', headers: bearer(session.sessionToken) })).status, 200);
      const retired = createCompanion({ ...options, sessionSecrets: [newSecret] });
      assert.equal((await retired.request('/session/refresh', { method: 'POST', headers: bearer(session.sessionToken) })).status, 401);
    });

    it('ends the chat: the conversation is closed, ending again is fine, and the next session is a new conversation', async () => {
      const app = createCompanion(options);
      const session = sessionResponseSchema.parse(await (await app.request('/session', { method: 'POST' })).json());
      const ended = await app.request('/session/end', { method: 'POST', headers: bearer(session.sessionToken) });
      assert.deepEqual(endResponseSchema.parse(await ended.json()), { conversationSid: session.conversationSid, state: 'closed' });
      assert.equal((await service().conversations(session.conversationSid).fetch()).state, 'closed');
      assert.equal((await app.request('/session/end', { method: 'POST', headers: bearer(session.sessionToken) })).status, 200);
      const next = sessionResponseSchema.parse(
        await (await app.request('/session', { method: 'POST', headers: bearer(session.sessionToken) })).json(),
      );
      assert.equal(next.identity, session.identity);
      assert.notEqual(next.conversationSid, session.conversationSid);
    });
  });
});
