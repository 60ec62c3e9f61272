import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRestApp } from '../../src/emulator/app.js';
import { ConversationStore, type Conversation, type ConversationState } from '../../src/emulator/classic/store.js';
import { parseIsoDuration } from '../../src/emulator/classic/timers.js';
import { basicAuth, nextValue, options } from './support.js';

/**
 * Timers for real, with short durations: the store takes any duration (the
 * REST edge enforces Twilio's minimums), so these run in milliseconds.
 */

/** Resolves when the conversation reaches `state` through a `conversationUpdated` event. */
const reaches = (store: ConversationStore, sid: string, state: ConversationState, ms = 2000) =>
  nextValue<Conversation>((deliver) => {
    const listener = (conversation: Conversation) => {
      if (conversation.sid === sid && conversation.state === state) deliver(conversation);
    };
    store.on('conversationUpdated', listener);
    return () => store.off('conversationUpdated', listener);
  }, ms, `state ${state}`);

async function fetchWire(store: ConversationStore, sid: string): Promise<Record<string, unknown>> {
  const app = createRestApp(options, store);
  const response = await app.request(`/conversations/v1/Services/${options.serviceSid}/Conversations/${sid}`, {
    headers: { authorization: basicAuth() },
  });
  assert.equal(response.status, 200);
  return (await response.json()) as Record<string, unknown>;
}

describe('conversation timers', () => {
  test('parses ISO 8601 durations of days, hours, minutes and seconds', () => {
    assert.equal(parseIsoDuration('PT5M'), 5 * 60_000);
    assert.equal(parseIsoDuration('P1DT2H3M4.5S'), ((24 + 2) * 60 + 3) * 60_000 + 4500);
    assert.equal(parseIsoDuration('PT0S'), 0);
    for (const bad of ['', 'P', 'PT', 'P1DT', '5M', 'PT5m', 'P1Y', 'PT-5M']) assert.equal(parseIsoDuration(bad), undefined, bad);
  });

  test('an active conversation turns inactive, then closed, when its timers elapse', async () => {
    const store = new ConversationStore();
    const conversation = store.createConversation({ timers: { inactiveAfterMs: 60, closedAfterMs: 180 } });
    const wireBefore = await fetchWire(store, conversation.sid);
    assert.deepEqual(Object.keys(wireBefore['timers'] as object).sort(), ['date_closed', 'date_inactive']);

    await reaches(store, conversation.sid, 'inactive');
    const inactive = await fetchWire(store, conversation.sid);
    assert.equal(inactive['state'], 'inactive');
    assert.deepEqual(Object.keys(inactive['timers'] as object), ['date_closed']);

    await reaches(store, conversation.sid, 'closed');
    const closed = await fetchWire(store, conversation.sid);
    assert.equal(closed['state'], 'closed');
    assert.deepEqual(closed['timers'], {});
  });

  test('a message wakes an inactive conversation and restarts its timers', async () => {
    const store = new ConversationStore();
    const conversation = store.createConversation({ timers: { inactiveAfterMs: 50, closedAfterMs: 400 } });
    await reaches(store, conversation.sid, 'inactive');
    const woken = reaches(store, conversation.sid, 'active');
    const postedAt = Date.now();
    store.addMessage(conversation.sid, { author: 'visitor', body: 'still here' });
    await woken;
    assert.ok((conversation.timers.dateClosed?.getTime() ?? 0) >= postedAt + 400, 'closing moved past the message');
    await reaches(store, conversation.sid, 'inactive');
  });

  test('removing a conversation cancels its timers', async () => {
    const store = new ConversationStore();
    const conversation = store.createConversation({ timers: { inactiveAfterMs: 30 } });
    store.removeConversation(conversation.sid);
    const updates: Conversation[] = [];
    store.on('conversationUpdated', (updated) => updates.push(updated));
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.deepEqual(updates, []);
  });
});
