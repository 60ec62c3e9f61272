import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_CUSTOMER } from '../../src/emulator/index.js';
import { errorBodySchema } from '../../src/protocol/errors.js';
import type { SessionResponse } from '../../src/protocol/session.js';
import { bridgeService, startEmulator, type StartedEmulator } from '../emulator/support.js';
import {
  addPastConversations,
  type Companion,
  type ContextAnswer,
  contextCompanion,
  demoProfileId,
  getContext,
  startSession,
  TEST_USER_HEADER,
} from './context-support.js';

const MAYA = DEMO_CUSTOMER.chatIdentity;

describe('/context isolation: session B can never read A', () => {
  let started: StartedEmulator;
  let app: Companion;
  let a: SessionResponse;
  let b: SessionResponse;
  let aContext: ContextAnswer;
  let bContext: ContextAnswer;
  let profileId: string;

  /** Anything of A's that must never appear in B's answers. */
  const secretsOfA = () => [
    a.conversationSid,
    aContext.body.link.conversationId!,
    profileId,
    'Maya',
    'Gold',
    ...aContext.body.history.items.flatMap((item) => [item.conversationId, item.summary!]),
    ...aContext.body.memory.observations.map((observation) => observation.content),
  ];
  const assertNothingOfA = (raw: string, what: string) => {
    for (const secret of secretsOfA()) assert.ok(!raw.includes(secret), `${what}: "${secret}" leaked`);
  };

  before(async () => {
    started = await startEmulator({ seed: true, bridgeDelayMs: 50 });
    await bridgeService(started.twilioClient, 'GROUP_BY_PROFILE');
    profileId = demoProfileId(started);
    addPastConversations(started, profileId, 12);
    // No cache, and everything exposed: a parameter that were honoured would show A's data at once.
    app = contextCompanion(started.running.url, { contextCacheTtlMs: 0, memoryTraits: ['Contact.*', 'Loyalty.*'], memoryObservations: true });
    a = await startSession(app, MAYA);
    b = await startSession(app);
    aContext = await getContext(app, a, { user: MAYA });
    bContext = await getContext(app, b);
  });
  after(() => started.running.close());

  it('gives A her own context and B nothing of it', () => {
    assert.equal(aContext.body.link.status, 'linked');
    assert.equal(aContext.body.memory.displayName, 'Maya');
    assert.ok(aContext.body.history.nextPageToken, 'A has a second history page');
    assert.equal(bContext.body.link.status, 'linked');
    assert.deepEqual(bContext.body.history, { items: [] });
    assertNothingOfA(bContext.raw, 'B');
  });

  it("ignores every query parameter and header naming A's conversation, identity or profile", async () => {
    const queries = [
      `?conversationSid=${a.conversationSid}`,
      `?conversationId=${aContext.body.link.conversationId}`,
      `?channelId=${a.conversationSid}`,
      `?identity=${MAYA}`,
      `?profileId=${profileId}`,
      `?sessionToken=${encodeURIComponent(a.sessionToken)}`,
      `?conversationSid=${a.conversationSid}&conversationSid=${a.conversationSid}&profileId=${profileId}`,
    ];
    for (const query of queries) {
      const answer = await getContext(app, b, { query });
      assert.equal(answer.status, 200, query);
      assert.deepEqual(answer.body, bContext.body, query);
      assertNothingOfA(answer.raw, query);
    }
    const headers: Array<Record<string, string>> = [
      { 'X-Conversation-Sid': a.conversationSid },
      { 'X-Identity': MAYA, 'X-Profile-Id': profileId },
      { Cookie: `sessionToken=${a.sessionToken}` },
      { 'X-Forwarded-User': MAYA },
    ];
    for (const extra of headers) {
      const answer = await getContext(app, b, { headers: extra });
      assert.deepEqual(answer.body, bContext.body, JSON.stringify(extra));
      assertNothingOfA(answer.raw, JSON.stringify(extra));
    }
  });

  it("refuses A's history page token with B's session, and any altered or foreign token", async () => {
    const token = aContext.body.history.nextPageToken!;
    const [payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, string>;
    const rebound = Buffer.from(JSON.stringify({ ...claims, sub: b.identity, cid: b.conversationSid })).toString('base64url');
    const foreignApp = contextCompanion(started.running.url, { sessionSecrets: ['another-site-entirely-0123456789abcdef'] });
    const foreignA = await startSession(foreignApp, MAYA);
    const foreignToken = (await getContext(foreignApp, foreignA, { user: MAYA })).body.history.nextPageToken!;

    for (const [what, attempt] of [
      ["A's token", token],
      ['A\'s token re-addressed to B', `${rebound}.${signature}`],
      ["another companion's token", foreignToken],
      ['garbage', 'not-a-token'],
    ] as const) {
      const answer = await getContext(app, b, { query: `?historyPageToken=${encodeURIComponent(attempt)}` });
      assert.equal(answer.status, 400, what);
      assert.equal(errorBodySchema.parse(answer.body).error.code, 'bad_request', what);
      assertNothingOfA(answer.raw, what);
    }
    const own = await getContext(app, a, { user: MAYA, query: `?historyPageToken=${encodeURIComponent(token)}` });
    assert.equal(own.status, 200, 'the token still works for A');
    assert.ok(own.body.history.items.length > 0);
  });

  it("refuses A's session token to anyone else signed in, and requests without a valid one", async () => {
    const attempts: Array<[string, Record<string, string>]> = [
      ['no token', {}],
      ['forged token', { Authorization: 'Bearer forged.token' }],
      ['two tokens', { Authorization: `Bearer ${b.sessionToken}, Bearer ${a.sessionToken}` }],
      ["A's token, signed in as someone else", { Authorization: `Bearer ${a.sessionToken}`, [TEST_USER_HEADER]: 'customer-someone-else' }],
      ["B's token, claiming to be A", { Authorization: `Bearer ${b.sessionToken}`, [TEST_USER_HEADER]: MAYA }],
    ];
    for (const [what, headers] of attempts) {
      const response = await app.request('/context', { headers });
      const raw = await response.text();
      assert.equal(response.status, 401, what);
      assert.equal(errorBodySchema.parse(JSON.parse(raw)).error.code, 'unauthorized', what);
      assertNothingOfA(raw, what);
    }
  });
});
