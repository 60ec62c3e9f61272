import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_CUSTOMER } from '../../src/emulator/index.js';
import { HISTORY_PAGE_SIZE } from '../../src/server/context/history.js';
import { bridgeService, options, startEmulator, type StartedEmulator } from '../emulator/support.js';
import { addPastConversations, contextCompanion, demoProfileId, getContext, startSession } from './context-support.js';

const MAYA = DEMO_CUSTOMER.chatIdentity;

/** The seeded past conversations as /context should list them: newest first. */
const seededHistory = [...DEMO_CUSTOMER.conversations]
  .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))
  .map((conversation) => ({ channel: conversation.channel, startedAt: new Date(conversation.startedAt).toISOString(), summary: conversation.summary }));

describe('/context history', () => {
  let started: StartedEmulator;

  before(async () => {
    started = await startEmulator({ seed: true, bridgeDelayMs: 50 });
    // GROUP_BY_PROFILE: her chat shares the profile her calls and texts have.
    await bridgeService(started.twilioClient, 'GROUP_BY_PROFILE');
  });
  after(() => started.running.close());

  it("lists the signed-in customer's earlier calls and texts, newest first, with channel, start and summary", async () => {
    const app = contextCompanion(started.running.url);
    const session = await startSession(app, MAYA);
    const { body } = await getContext(app, session, { user: MAYA });
    assert.equal(body.link.status, 'linked');
    assert.deepEqual(
      body.history.items.map(({ channel, startedAt, summary }) => ({ channel, startedAt, summary })),
      seededHistory,
    );
    const closed = await started.twilioClient.conversations.v2.conversations.list({ status: ['CLOSED'] });
    assert.deepEqual(body.history.items.map((item) => item.conversationId).sort(), closed.map((item) => item.id).sort());
    assert.equal(body.history.nextPageToken, undefined);
    assert.equal(body.memory.displayName, 'Maya');
  });

  it('leaves the current chat out, even once Memory has summarized it', async () => {
    const app = contextCompanion(started.running.url);
    const session = await startSession(app, MAYA);
    const current = (await getContext(app, session, { user: MAYA })).body.link.conversationId!;
    started.emulator.memory.addSummaries(options.memoryStoreId, demoProfileId(started), [
      { content: 'The chat going on right now.', conversationId: current, occurredAt: new Date().toISOString() },
    ]);
    const { body } = await getContext(contextCompanion(started.running.url), session, { user: MAYA });
    assert.ok(!body.history.items.some((item) => item.conversationId === current));
    assert.equal(body.history.items.length, seededHistory.length);
  });

  it('pages older conversations with an opaque token until the last page', async () => {
    const extra = addPastConversations(started, demoProfileId(started), 12);
    const app = contextCompanion(started.running.url);
    const session = await startSession(app, MAYA);
    const first = (await getContext(app, session, { user: MAYA })).body;
    assert.ok(first.history.nextPageToken);
    assert.doesNotMatch(first.history.nextPageToken, /mem_profile|conv_conversation/);
    const second = (
      await getContext(app, session, { user: MAYA, query: `?historyPageToken=${encodeURIComponent(first.history.nextPageToken)}` })
    ).body;
    assert.equal(second.history.nextPageToken, undefined);
    assert.equal(second.link.status, 'linked');

    // One page of Memory per answer, minus the current chat's summary from the previous test.
    assert.equal(first.history.items.length, HISTORY_PAGE_SIZE - 1);
    const all = [...first.history.items, ...second.history.items];
    assert.equal(all.length, seededHistory.length + extra.length);
    assert.equal(new Set(all.map((item) => item.conversationId)).size, all.length);
    const starts = all.map((item) => Date.parse(item.startedAt));
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a), 'newest first across pages');
    assert.deepEqual(
      second.history.items.map((item) => [item.channel, item.summary]),
      [6, 5, 4, 3, 2, 1].map((n) => ['SMS', `Older text thread ${n}.`]),
    );
  });

  it('is empty for a new anonymous visitor, who has no display name either', async () => {
    const app = contextCompanion(started.running.url);
    const session = await startSession(app, undefined, { name: 'Ada Park' });
    const { body } = await getContext(app, session);
    assert.equal(body.link.status, 'linked');
    assert.deepEqual(body.history, { items: [] });
    assert.deepEqual(body.memory, { traits: {}, observations: [] });
  });

  it('is empty, and so is memory, without a Memory store: the link still works', async () => {
    const app = contextCompanion(started.running.url, { memoryStoreId: undefined, memoryTraits: ['Loyalty.*'], memoryObservations: true });
    const session = await startSession(app, MAYA);
    const { body } = await getContext(app, session, { user: MAYA });
    assert.equal(body.link.status, 'linked');
    assert.deepEqual(body.history, { items: [] });
    assert.deepEqual(body.memory, { traits: {}, observations: [] });
  });
});
