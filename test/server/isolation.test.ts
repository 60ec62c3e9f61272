/**
 * Isolation between two anonymous visitors (Alice, Bob) and a signed-in user
 * (Maya, the demo customer with history and memory): whatever one of them
 * sends (other principals' SIDs, identities, profile, tokens; in the query,
 * headers, body or cookies), no answer carries another's conversation,
 * token, history or memory, and every Twilio grant is for the caller's own
 * identity in the companion's own service.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_CUSTOMER } from '../../src/emulator/index.js';
import { type ContextResponse, contextResponseSchema } from '../../src/protocol/context.js';
import { errorBodySchema } from '../../src/protocol/errors.js';
import { refreshResponseSchema, sessionResponseSchema, type SessionResponse, visitorResponseSchema } from '../../src/protocol/session.js';
import { SessionTokens } from '../../src/server/session-token.js';
import { SignedJson } from '../../src/server/signed-json.js';
import { bridgeService, options, startEmulator, type StartedEmulator } from '../emulator/support.js';
import { addPastConversations, demoProfileId } from './context-support.js';
import { decodePayload, SESSION_SECRET, siteCompanion, siteCookie } from './site-visitors.js';

const MAYA = DEMO_CUSTOMER.chatIdentity;
const SOMEONE_ELSE = 'customer-someone-else';
const OTHER_SERVICE = `IS${'f'.repeat(32)}`;
const OTHER_SITE_SECRET = 'another-site-entirely-0123456789abcdef';
/** All of Maya's memory on show: an answer that leaked it would show at once. */
const EXPOSE_ALL_MEMORY = { memoryTraits: ['Contact.*', 'Loyalty.*'], memoryObservations: true };

type App = ReturnType<typeof siteCompanion>;

interface Principal {
  name: string;
  session: SessionResponse;
  /** How the site vouches for them: Maya's sign-in cookie, nothing for a visitor. */
  signIn: Record<string, string>;
  context: ContextResponse;
  /** What only they may ever see. */
  secrets: string[];
}

interface Answer {
  status: number;
  raw: string;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const own = (principal: Principal) => ({ ...bearer(principal.session.sessionToken), ...principal.signIn });

/** Every string of an answer worth watching for: IDs, tokens, names, summaries; not short numbers or dates, which recur by chance. */
function secretsIn(session: SessionResponse, context: ContextResponse, extra: string[]): string[] {
  const memory = context.memory;
  const values = [
    session.identity,
    session.conversationSid,
    session.sessionToken,
    session.token,
    context.link.conversationId ?? '',
    context.history.nextPageToken ?? '',
    ...context.history.items.flatMap((item) => [item.conversationId, item.summary ?? '']),
    memory.displayName ?? '',
    ...Object.values(memory.traits).flatMap((group) => Object.values(group).map(String)),
    ...memory.observations.map((observation) => observation.content),
    ...extra,
  ];
  return [...new Set(values)].filter((value) => value.length >= 4 && !/^[\d\-:.TZ+]+$/.test(value));
}

describe('isolation: two visitors and a signed-in user', () => {
  let started: StartedEmulator;
  let app: App;
  let profileId: string;
  let alice: Principal;
  let bob: Principal;
  let maya: Principal;
  let everyone: Principal[];

  /** A request to the companion; a `body` goes as JSON. */
  async function call(
    path: string,
    { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<Answer> {
    const response = await app.request(path, {
      method,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, raw: await response.text() };
  }

  const assertNothingOf = (victim: Principal, answer: Answer, what: string) => {
    for (const secret of victim.secrets) assert.ok(!answer.raw.includes(secret), `${what}: ${victim.name}'s "${secret.slice(0, 60)}" leaked`);
  };
  const assertNothingOfOthers = (caller: Principal, answer: Answer, what: string) => {
    for (const other of everyone) if (other !== caller) assertNothingOf(other, answer, what);
  };
  const expectRefused = (answer: Answer, status: number, code: string, what: string) => {
    assert.equal(answer.status, status, `${what}: ${answer.raw}`);
    assert.equal(errorBodySchema.parse(JSON.parse(answer.raw)).error.code, code, what);
  };

  /** A Twilio access token and a session token, both for `principal` and this service only. */
  const assertGrantsFor = (principal: Principal, answer: { token: string; sessionToken: string }, what: string) => {
    const access = decodePayload(answer.token) as { grants: { identity: string; chat: { service_sid: string } }; iss: string; sub: string };
    assert.equal(access.grants.identity, principal.session.identity, `${what}: access token identity`);
    assert.deepEqual(access.grants.chat, { service_sid: options.serviceSid }, `${what}: access token service`);
    assert.equal(access.iss, options.apiKey, what);
    assert.equal(access.sub, options.accountSid, what);
    const session = decodePayload(answer.sessionToken);
    assert.equal(session['sub'], principal.session.identity, `${what}: session token identity`);
    assert.equal(session['cid'], principal.session.conversationSid, `${what}: session token conversation`);
    assert.equal(session['svc'], options.serviceSid, `${what}: session token service`);
    assert.equal(session['si'], principal === maya ? 1 : undefined, `${what}: signed in or not`);
  };

  async function contextOf(session: SessionResponse, signIn: Record<string, string>): Promise<ContextResponse> {
    const answer = await call('/context', { headers: { ...bearer(session.sessionToken), ...signIn } });
    assert.equal(answer.status, 200, answer.raw);
    return contextResponseSchema.parse(JSON.parse(answer.raw));
  }

  async function principal(name: string, signIn: Record<string, string>, prechat: object): Promise<Principal> {
    const answer = await call('/session', { method: 'POST', headers: signIn, body: prechat });
    assert.equal(answer.status, 200, answer.raw);
    const session = sessionResponseSchema.parse(JSON.parse(answer.raw));
    const context = await contextOf(session, signIn);
    const firstMessage = (prechat as { firstMessage?: string }).firstMessage;
    return { name, session, signIn, context, secrets: secretsIn(session, context, firstMessage ? [firstMessage] : []) };
  }

  before(async () => {
    started = await startEmulator({ seed: true, bridgeDelayMs: 20 });
    await bridgeService(started.twilioClient, 'GROUP_BY_PROFILE');
    profileId = demoProfileId(started);
    addPastConversations(started, profileId, 12);
    // No answer cache, and all of Maya's memory exposed: a parameter that were honoured would show her data at once.
    app = siteCompanion(started.running.url, { ...EXPOSE_ALL_MEMORY, contextCacheTtlMs: 0, rateLimitPerIp: 0, rateLimitPerSession: 0 });
    maya = await principal('Maya', { Cookie: await siteCookie(MAYA) }, {});
    maya.secrets.push(profileId);
    alice = await principal('Alice', {}, { name: 'Alice', firstMessage: 'Alice asks about order 1111-A' });
    // Bob gives Maya's name and email in the pre-chat form: that must not make him her.
    bob = await principal('Bob', {}, { name: 'Maya Chen', email: DEMO_CUSTOMER.email, firstMessage: 'Bob asks about order 2222-B' });
    everyone = [alice, bob, maya];
  });
  after(() => started.running.close());

  it('gives each their own identity, conversation, grants and context, and none of the others', async () => {
    assert.equal(maya.session.identity, MAYA);
    assert.match(alice.session.identity, /^visitor-/);
    assert.match(bob.session.identity, /^visitor-/);
    assert.equal(new Set(everyone.map((p) => p.session.identity)).size, 3);
    assert.equal(new Set(everyone.map((p) => p.session.conversationSid)).size, 3);
    for (const principal of everyone) assertGrantsFor(principal, principal.session, principal.name);

    assert.equal(maya.context.link.status, 'linked');
    assert.equal(maya.context.memory.displayName, 'Maya');
    assert.ok(maya.context.history.items.length > 0 && maya.context.history.nextPageToken, 'Maya has history, more than a page');
    for (const visitor of [alice, bob]) {
      assert.equal(visitor.context.link.status, 'linked', visitor.name);
      assert.notEqual(visitor.context.link.conversationId, maya.context.link.conversationId);
      assert.deepEqual(visitor.context.history, { items: [] }, visitor.name);
      assert.deepEqual(visitor.context.memory.traits, {}, visitor.name);
      assert.deepEqual(visitor.context.memory.observations, [], visitor.name);
    }
    for (const principal of everyone) {
      assertNothingOfOthers(principal, { status: 200, raw: JSON.stringify(principal.context) }, `${principal.name}'s context`);
    }
  });

  it("answers about the caller alone, whatever query, header or body names someone else", async () => {
    for (const caller of everyone) {
      for (const victim of everyone.filter((other) => other !== caller)) {
        const queries = [
          `conversationSid=${victim.session.conversationSid}`,
          `conversationId=${victim.context.link.conversationId}`,
          `channelId=${victim.session.conversationSid}`,
          `identity=${encodeURIComponent(victim.session.identity)}`,
          `profileId=${profileId}`,
          `sessionToken=${encodeURIComponent(victim.session.sessionToken)}`,
          `conversationSid=${victim.session.conversationSid}&conversationSid=${victim.session.conversationSid}&identity=${victim.session.identity}`,
        ];
        // Caller's own cookie kept: a Cookie header replaces, so Maya's sign-in goes along with the extra cookie.
        const cookie = [caller.signIn['Cookie'], `sessionToken=${victim.session.sessionToken}`].filter(Boolean).join('; ');
        const headerSets: Array<Record<string, string>> = [
          { 'X-Conversation-Sid': victim.session.conversationSid, 'X-Identity': victim.session.identity, 'X-Profile-Id': profileId },
          { 'X-Forwarded-User': victim.session.identity, 'X-Session-Token': victim.session.sessionToken },
          { Cookie: cookie },
        ];
        const variants: Array<{ query: string; headers: Record<string, string>; what: string }> = [
          ...queries.map((query) => ({ query: `?${query}`, headers: {}, what: query.slice(0, 60) })),
          ...headerSets.map((headers) => ({ query: '', headers, what: Object.keys(headers).join('+') })),
        ];
        for (const { query, headers, what } of variants) {
          const label = `${caller.name} naming ${victim.name} (${what})`;
          const requestHeaders = { ...own(caller), ...headers };

          const context = await call(`/context${query}`, { headers: requestHeaders });
          assert.equal(context.status, 200, `${label}: ${context.raw}`);
          assert.deepEqual(contextResponseSchema.parse(JSON.parse(context.raw)), caller.context, `/context, ${label}`);
          assertNothingOf(victim, context, `/context, ${label}`);

          const refreshed = await call(`/session/refresh${query}`, {
            method: 'POST',
            headers: requestHeaders,
            body: { identity: victim.session.identity },
          });
          assert.equal(refreshed.status, 200, `${label}: ${refreshed.raw}`);
          assertGrantsFor(caller, refreshResponseSchema.parse(JSON.parse(refreshed.raw)), `/session/refresh, ${label}`);
          assertNothingOf(victim, refreshed, `/session/refresh, ${label}`);

          const resumed = await call(`/session${query}`, { method: 'POST', headers: requestHeaders });
          assert.equal(resumed.status, 200, `${label}: ${resumed.raw}`);
          const session = sessionResponseSchema.parse(JSON.parse(resumed.raw));
          assert.equal(session.identity, caller.session.identity, `/session, ${label}`);
          assert.equal(session.conversationSid, caller.session.conversationSid, `/session, ${label}`);
          assertGrantsFor(caller, session, `/session, ${label}`);
          assertNothingOf(victim, resumed, `/session, ${label}`);

          const visitor = await call(`/session/visitor${query}`, { headers: requestHeaders });
          assert.deepEqual(visitorResponseSchema.parse(JSON.parse(visitor.raw)), { identified: caller === maya }, `/session/visitor, ${label}`);
        }

        for (const field of [
          { identity: victim.session.identity },
          { conversationSid: victim.session.conversationSid },
          { profileId },
          { sessionToken: victim.session.sessionToken },
        ]) {
          const answer = await call('/session', { method: 'POST', headers: own(caller), body: field });
          expectRefused(answer, 400, 'bad_request', `${caller.name} posting ${Object.keys(field)[0]} of ${victim.name}`);
          assertNothingOf(victim, answer, `${caller.name} posting ${Object.keys(field)[0]}`);
        }
      }
    }
  });

  it("refuses another principal's token, and altered or foreign ones, on every session route", async () => {
    const [alicePayload, aliceSignature] = alice.session.sessionToken.split('.');
    const aliceClaims = JSON.parse(Buffer.from(alicePayload!, 'base64url').toString()) as Record<string, unknown>;
    const reAddressed = (victim: Principal) => {
      const claims = { ...aliceClaims, sub: victim.session.identity, cid: victim.session.conversationSid };
      return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${aliceSignature}`;
    };
    const signedFor = (victim: Principal, serviceSid: string, secret = SESSION_SECRET) =>
      new SessionTokens([secret], 3_600).sign({
        identity: victim.session.identity,
        conversationSid: victim.session.conversationSid,
        serviceSid,
        ...(victim === maya ? { signedIn: true } : {}),
      });
    // SessionTokens can no longer sign one: built by hand, as a token from before sessions named their service.
    const namingNoService = (victim: Principal) => {
      const now = Math.floor(Date.now() / 1000);
      const payload = { v: 1, sub: victim.session.identity, cid: victim.session.conversationSid, iat: now, exp: now + 3_600 };
      return new SignedJson([SESSION_SECRET], 'bridge-chat/session/v1').sign(payload);
    };

    const mayaToken = bearer(maya.session.sessionToken);
    const forgedSignIn = await siteCookie(MAYA, { secret: 'not-the-site-secret-at-all-not-it' });
    const attempts: Array<{ what: string; headers: Record<string, string>; victims: Principal[] }> = [
      { what: 'no token', headers: {}, victims: [] },
      { what: 'no token, Maya signed in', headers: maya.signIn, victims: [maya] },
      { what: 'a made-up token', headers: bearer('forged.token'), victims: [] },
      { what: "Alice's token with Maya signed in", headers: { ...bearer(alice.session.sessionToken), ...maya.signIn }, victims: [alice] },
      { what: "Maya's token, signed out", headers: mayaToken, victims: [maya] },
      { what: "Maya's token with a forged sign-in", headers: { ...mayaToken, Cookie: forgedSignIn }, victims: [maya] },
      { what: "Maya's token with an expired sign-in", headers: { ...mayaToken, Cookie: await siteCookie(MAYA, { expiresInSeconds: -60 }) }, victims: [maya] },
      { what: "Maya's token, someone else signed in", headers: { ...mayaToken, Cookie: await siteCookie(SOMEONE_ELSE) }, victims: [maya] },
      { what: "Alice's token re-addressed to Bob", headers: bearer(reAddressed(bob)), victims: [alice, bob] },
      { what: "Alice's token re-addressed to Maya, Maya signed in", headers: { ...bearer(reAddressed(maya)), ...maya.signIn }, victims: [alice] },
      { what: "a token for Bob in another service, same secret", headers: bearer(signedFor(bob, OTHER_SERVICE)), victims: [bob] },
      { what: 'a token for Bob naming no service', headers: bearer(namingNoService(bob)), victims: [bob] },
      { what: "another site's token for Maya", headers: { ...bearer(signedFor(maya, options.serviceSid, OTHER_SITE_SECRET)), ...maya.signIn }, victims: [] },
      { what: "Maya's page token as a session token", headers: { ...bearer(maya.context.history.nextPageToken!), ...maya.signIn }, victims: [] },
      { what: "Bob's Twilio token as a session token", headers: bearer(bob.session.token), victims: [bob] },
      { what: 'two tokens', headers: { Authorization: `Bearer ${bob.session.sessionToken}, Bearer ${alice.session.sessionToken}` }, victims: [alice, bob] },
    ];
    for (const { what, headers, victims } of attempts) {
      for (const [method, path] of [['POST', '/session/refresh'], ['POST', '/session/end'], ['GET', '/context']] as const) {
        const answer = await call(path, { method, headers });
        expectRefused(answer, 401, 'unauthorized', `${method} ${path}, ${what}`);
        for (const victim of victims) assertNothingOf(victim, answer, `${path}, ${what}`);
      }
    }
    for (const principal of everyone) {
      const state = (await started.service.conversations(principal.session.conversationSid).fetch()).state;
      assert.equal(state, 'active', `${principal.name}'s chat is still open: no refused end went through`);
    }
  });

  it('starts a session of their own for whoever presents a token that is not theirs to resume', async () => {
    interface Case {
      what: string;
      headers: Record<string, string>;
      /** The identity the answer must be for. */
      becomes: string | RegExp;
      /** Whose conversation it carries on, if anyone's. */
      resumes?: Principal;
    }
    const mayaToken = bearer(maya.session.sessionToken);
    const cases: Case[] = [
      { what: "Maya signed in, with Alice's token", headers: { ...bearer(alice.session.sessionToken), ...maya.signIn }, becomes: MAYA, resumes: maya },
      { what: "Maya's token, signed out", headers: mayaToken, becomes: /^visitor-/ },
      { what: "Maya's token, someone else signed in", headers: { ...mayaToken, Cookie: await siteCookie(SOMEONE_ELSE) }, becomes: SOMEONE_ELSE },
      { what: 'a forged Maya sign-in, no token', headers: { Cookie: await siteCookie(MAYA, { secret: 'not-the-site-secret-at-all-not-it' }) }, becomes: /^visitor-/ },
    ];
    for (const { what, headers, becomes, resumes } of cases) {
      const victims = everyone.filter((principal) => principal !== resumes);
      const answer = await call('/session', { method: 'POST', headers });
      assert.equal(answer.status, 200, `${what}: ${answer.raw}`);
      const session = sessionResponseSchema.parse(JSON.parse(answer.raw));
      if (typeof becomes === 'string') assert.equal(session.identity, becomes, what);
      else assert.match(session.identity, becomes, what);
      for (const principal of everyone) {
        if (principal === resumes) continue;
        assert.notEqual(session.conversationSid, principal.session.conversationSid, `${what}: got ${principal.name}'s conversation`);
      }
      if (resumes) assert.equal(session.conversationSid, resumes.session.conversationSid, what);
      for (const victim of victims) assertNothingOf(victim, answer, what);
      const signIn: Record<string, string> = headers['Cookie'] ? { Cookie: headers['Cookie'] } : {};
      const context = await call('/context', { headers: { ...bearer(session.sessionToken), ...signIn } });
      for (const victim of victims) assertNothingOf(victim, context, `${what}, then /context`);
    }
  });

  it('pages history only for the session that was given the page token, and only untouched', async () => {
    const token = maya.context.history.nextPageToken!;
    const [payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, string>;
    const reAddressed = (to: Principal) =>
      `${Buffer.from(JSON.stringify({ ...claims, sub: to.session.identity, cid: to.session.conversationSid })).toString('base64url')}.${signature}`;
    const foreignApp = siteCompanion(started.running.url, { sessionSecrets: [OTHER_SITE_SECRET] });
    const foreignSession = sessionResponseSchema.parse(await (await foreignApp.request('/session', { method: 'POST', headers: maya.signIn })).json());
    const foreignContext = contextResponseSchema.parse(
      await (await foreignApp.request('/context', { headers: { ...bearer(foreignSession.sessionToken), ...maya.signIn } })).json(),
    );

    for (const visitor of [alice, bob]) {
      for (const [what, attempt] of [
        ["Maya's token", token],
        [`Maya's token re-addressed to ${visitor.name}`, reAddressed(visitor)],
        ["another companion's token for Maya", foreignContext.history.nextPageToken!],
        [`${visitor.name}'s own session token`, visitor.session.sessionToken],
        ['garbage', 'not-a-token'],
      ] as const) {
        const answer = await call(`/context?historyPageToken=${encodeURIComponent(attempt)}`, { headers: own(visitor) });
        expectRefused(answer, 400, 'bad_request', `${visitor.name} with ${what}`);
        assertNothingOf(maya, answer, `${visitor.name} with ${what}`);
      }
    }
    const foreignPageToken = encodeURIComponent(foreignContext.history.nextPageToken!);
    const foreignOnOurs = await call(`/context?historyPageToken=${foreignPageToken}`, { headers: own(maya) });
    expectRefused(foreignOnOurs, 400, 'bad_request', "Maya with another companion's page token");
    const mine = await call(`/context?historyPageToken=${encodeURIComponent(token)}`, { headers: own(maya) });
    assert.equal(mine.status, 200, 'the token still works for Maya');
    assert.ok(contextResponseSchema.parse(JSON.parse(mine.raw)).history.items.length > 0);
  });

  it("keeps cached context answers apart, also when all three ask at once", async () => {
    const cached = siteCompanion(started.running.url, { ...EXPOSE_ALL_MEMORY, rateLimitPerIp: 0, rateLimitPerSession: 0 });
    const rounds = await Promise.all(
      [...everyone, ...everyone, ...everyone].map(async (principal) => {
        const response = await cached.request('/context', { headers: own(principal) });
        return { principal, answer: { status: response.status, raw: await response.text() } };
      }),
    );
    for (const { principal, answer } of rounds) {
      assert.equal(answer.status, 200, answer.raw);
      assert.deepEqual(contextResponseSchema.parse(JSON.parse(answer.raw)), principal.context, principal.name);
      assertNothingOfOthers(principal, answer, `${principal.name}, cached`);
    }
  });

  it("does not take this service's tokens in a companion for another service sharing the secret", async () => {
    const otherService = siteCompanion(started.running.url, { serviceSid: OTHER_SERVICE });
    for (const principal of everyone) {
      for (const [method, path] of [['POST', '/session/refresh'], ['GET', '/context'], ['POST', '/session/end']] as const) {
        const response = await otherService.request(path, { method, headers: own(principal) });
        assert.equal(response.status, 401, `${principal.name} at ${path} of another service`);
        assertNothingOf(principal, { status: response.status, raw: await response.text() }, `${principal.name} at another service`);
      }
    }
  });

  it("ends only the caller's own chat, whatever it names, and adds no one to another's", async () => {
    const ended = await call(`/session/end?conversationSid=${bob.session.conversationSid}&identity=${MAYA}`, {
      method: 'POST',
      headers: { ...own(alice), 'X-Conversation-Sid': maya.session.conversationSid },
      body: { conversationSid: bob.session.conversationSid },
    });
    assert.equal(ended.status, 200, ended.raw);
    assert.deepEqual(JSON.parse(ended.raw), { conversationSid: alice.session.conversationSid, state: 'closed' });
    const state = async (principal: Principal) => (await started.service.conversations(principal.session.conversationSid).fetch()).state;
    assert.equal(await state(alice), 'closed');
    assert.equal(await state(bob), 'active');
    assert.equal(await state(maya), 'active');

    // Alice comes back with her old token: a new chat of her own, nobody else's.
    const back = sessionResponseSchema.parse(JSON.parse((await call('/session', { method: 'POST', headers: own(alice) })).raw));
    assert.equal(back.identity, alice.session.identity);
    assert.ok(![alice, bob, maya].some((principal) => principal.session.conversationSid === back.conversationSid));

    for (const principal of everyone) {
      const participants = await started.service.conversations(principal.session.conversationSid).participants.list();
      assert.deepEqual(participants.map((participant) => participant.identity), [principal.session.identity], `${principal.name}'s conversation`);
    }
  });
});
