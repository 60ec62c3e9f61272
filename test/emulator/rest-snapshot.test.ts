import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createRestApp } from '../../src/emulator/app.js';
import { ConversationStore, type ClassicSnapshot } from '../../src/emulator/classic/store.js';
import { basicAuth, options } from './support.js';

const conversationsPath = `/conversations/v1/Services/${options.serviceSid}/Conversations`;
const mediaPath = `/mcs/v1/Services/${options.serviceSid}/Media`;

/** REST answers are compared whole, so their shape stays loose here. */
type Json = any;

/** A store with its REST app, driven the way clients drive it. */
function emulatedService(store = new ConversationStore()) {
  const app: Hono = createRestApp(options, store);
  const call = async (method: string, path: string, form?: Record<string, string>) => {
    const response = await app.request(path, {
      method,
      headers: { authorization: basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as Json) };
  };
  const uploadMedia = async (bytes: Buffer, filename: string) => {
    const response = await app.request(`${mediaPath}?Filename=${filename}`, {
      method: 'POST',
      headers: { authorization: basicAuth(), 'content-type': 'text/plain' },
      body: new Uint8Array(bytes),
    });
    return ((await response.json()) as { sid: string }).sid;
  };
  return { store, app, call, uploadMedia };
}

/** Everything a client could read, minus the per-process signed URL. */
async function everything(service: ReturnType<typeof emulatedService>) {
  const conversations = (await service.call('GET', `${conversationsPath}?PageSize=100`)).body.conversations;
  const detail = [];
  for (const conversation of conversations) {
    const base = `${conversationsPath}/${conversation.sid}`;
    const messages = (await service.call('GET', `${base}/Messages?PageSize=100`)).body.messages;
    const media = [];
    for (const message of messages) {
      for (const item of message.media ?? []) {
        const resource = (await service.call('GET', `${mediaPath}/${item.sid}`)).body;
        delete resource.links.content_direct_temporary;
        const content = await service.app.request(`${mediaPath}/${item.sid}/Content`, {
          headers: { authorization: basicAuth() },
        });
        media.push({ resource, content: Buffer.from(await content.arrayBuffer()).toString('utf8') });
      }
    }
    detail.push({
      conversation: (await service.call('GET', base)).body,
      participants: (await service.call('GET', `${base}/Participants`)).body.participants,
      messages,
      media,
    });
  }
  return { conversations, detail };
}

describe('classic store snapshots', () => {
  test('snapshot → JSON → restore into a fresh store gives identical REST answers', async () => {
    const source = emulatedService();
    const first = (await source.call('POST', conversationsPath, {
      UniqueName: 'visitor-snap',
      FriendlyName: 'Snapshot',
      Attributes: '{"tier":"gold"}',
      'Timers.Inactive': 'PT10M',
      'Timers.Closed': 'P1D',
    })).body;
    const base = `${conversationsPath}/${first.sid}`;
    await source.call('POST', `${base}/Participants`, { Identity: 'visitor-snap', Attributes: '{"vip":true}' });
    await source.call('POST', `${base}/Participants`, { Identity: 'agent-snap' });
    const mediaSid = await source.uploadMedia(Buffer.from('receipt text'), 'receipt.txt');
    await source.call('POST', `${base}/Messages`, { Author: 'visitor-snap', Body: 'hi', Attributes: '{"c":1}' });
    const doomed = (await source.call('POST', `${base}/Messages`, { Author: 'agent-snap', Body: 'oops' })).body;
    await source.call('DELETE', `${base}/Messages/${doomed.sid}`);
    await source.call('POST', `${base}/Messages`, { Author: 'visitor-snap', MediaSid: mediaSid });
    await source.call('POST', `${base}/Participants/visitor-snap`, { LastReadMessageIndex: '2' });
    const second = (await source.call('POST', conversationsPath, { State: 'inactive' })).body;
    await source.call('POST', `${conversationsPath}/${second.sid}`, { State: 'closed' });

    const snapshot = JSON.parse(JSON.stringify(source.store.toSnapshot())) as ClassicSnapshot;
    const restored = emulatedService();
    const events: string[] = [];
    for (const name of ['conversationAdded', 'conversationUpdated', 'participantAdded', 'messageAdded'] as const) {
      restored.store.on(name, () => events.push(name));
    }
    restored.store.restore(snapshot);
    assert.deepEqual(events, [], 'restore is silent');

    assert.deepEqual(await everything(restored), await everything(source));

    // The indices behind the answers survive too: unique names, message numbering, the service defaults.
    assert.equal((await restored.call('GET', `${conversationsPath}/visitor-snap`)).body.sid, first.sid);
    assert.equal((await restored.call('POST', conversationsPath, { UniqueName: 'visitor-snap' })).status, 409);
    const next = (await restored.call('POST', `${base}/Messages`, { Body: 'after restore' })).body;
    assert.equal(next.index, 3);
    const third = (await restored.call('POST', conversationsPath, {})).body;
    assert.equal(third.messaging_service_sid, first.messaging_service_sid);
    assert.equal((await restored.call('POST', `${base}/Messages`, { MediaSid: mediaSid })).body.code, 50508);
  });

  test('restore replaces the whole state, and an unreadable snapshot changes nothing', async () => {
    const service = emulatedService();
    await service.call('POST', conversationsPath, { UniqueName: 'existing' });
    const snapshot = service.store.toSnapshot();

    const broken = JSON.parse(JSON.stringify(snapshot)) as ClassicSnapshot;
    (broken.conversations[0] as { createdAt: string }).createdAt = 'not a date';
    const other = emulatedService();
    await other.call('POST', conversationsPath, { UniqueName: 'kept' });
    assert.throws(() => other.store.restore(broken), /invalid date/);
    assert.equal((await other.call('GET', `${conversationsPath}/kept`)).status, 200);

    other.store.restore(snapshot);
    assert.equal((await other.call('GET', `${conversationsPath}/kept`)).status, 404);
    assert.equal((await other.call('GET', `${conversationsPath}/existing`)).status, 200);
    assert.equal((await other.call('POST', conversationsPath, { UniqueName: 'kept' })).status, 201);
  });

  test('restored timers resume from their saved dates', async () => {
    const service = emulatedService();
    const conversation = service.store.createConversation({ timers: { inactiveAfterMs: 60_000 } });
    const snapshot = service.store.toSnapshot();
    const saved = snapshot.conversations[0];
    assert.ok(saved);
    saved.timers.dateInactive = new Date(Date.now() - 1000).toISOString();

    const restored = new ConversationStore();
    const turnedInactive = new Promise<string>((resolve) =>
      restored.on('conversationUpdated', (updated) => resolve(updated.state)),
    );
    restored.restore(snapshot);
    assert.equal(await turnedInactive, 'inactive');
    assert.equal(restored.findConversation(conversation.sid)?.state, 'inactive');
  });
});
