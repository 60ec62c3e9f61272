import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { ConversationStore } from '../../src/emulator/classic/store.js';
import type {
  EmulatorClient,
  EmulatorConversation,
  EmulatorMessage,
  EmulatorParticipant,
} from '../../src/emulator/client/index.js';
import type { RealtimeResponse } from '../../src/emulator/realtime/protocol.js';
import type { ConversationUpdateReason, ParticipantUpdateReason } from '../../src/protocol/sdk-shape.js';
import {
  basicAuth,
  initializedClient,
  installWebSocketGlobal,
  mintToken,
  nextValue,
  options,
  type RealtimeStack,
  startWithRealtime,
} from './support.js';

installWebSocketGlobal();

/**
 * What the complete chat needs from the emulator: conversation state changes
 * pushed to participants, Twilio's media limits, participants' attributes, and
 * media sent from the browser client the way the SDK sends it (upload to MCS
 * with the access token, then the message with the media SID).
 */

const MB = 1024 * 1024;
const PDF = Buffer.from('%PDF-1.4 bytes sent from the browser client');
const mcsPath = `/mcs/v1/Services/${options.serviceSid}/Media`;

const stacks: RealtimeStack[] = [];
const clients: EmulatorClient[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(clients.splice(0).map((client) => client.shutdown()));
  await Promise.all(stacks.splice(0).map((stack) => stack.close()));
});

async function stack(store?: ConversationStore): Promise<RealtimeStack> {
  const started = await startWithRealtime(store);
  stacks.push(started);
  return started;
}

async function conversationFor(started: RealtimeStack, identity: string, sid: string): Promise<EmulatorConversation> {
  const client = await initializedClient(identity, started.realtimeUrl);
  clients.push(client);
  return client.getConversationBySid(sid);
}

async function seedConversation(started: RealtimeStack, identities: string[]): Promise<string> {
  const { sid } = await started.service.conversations.create({});
  for (const identity of identities) await started.service.conversations(sid).participants.create({ identity });
  return sid;
}

type Updated = { conversation: EmulatorConversation; updateReasons: ConversationUpdateReason[] };

const nextUpdate = (conversation: EmulatorConversation, ms = 3000) =>
  nextValue<Updated>((deliver) => {
    conversation.on('updated', deliver);
    return () => conversation.off('updated', deliver);
  }, ms, 'updated');

const nextMessage = (conversation: EmulatorConversation) =>
  nextValue<EmulatorMessage>((deliver) => {
    conversation.on('messageAdded', deliver);
    return () => conversation.off('messageAdded', deliver);
  }, 3000, 'messageAdded');

/** `sendMessage` over a raw, authenticated socket: what the browser client cannot be made to send. */
async function rawSender(started: RealtimeStack, identity: string) {
  const socket = new WebSocket(started.realtimeUrl);
  sockets.push(socket);
  const waiting = new Map<number, (frame: RealtimeResponse) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as RealtimeResponse;
    if (frame.type === 'response' && frame.id !== null) waiting.get(frame.id)?.(frame);
  });
  await new Promise((resolve) => socket.once('open', resolve));
  let lastId = 0;
  const call = (type: string, params: object) =>
    new Promise<RealtimeResponse>((resolve) => {
      const id = ++lastId;
      waiting.set(id, resolve);
      socket.send(JSON.stringify({ id, type, ...params }));
    });
  assert.equal((await call('authenticate', { token: mintToken(identity) })).ok, true);
  return async (conversationSid: string, params: { mediaSids?: string[] }) => {
    const answer = await call('sendMessage', { conversationSid, attributes: {}, ...params });
    return { code: answer.ok ? undefined : answer.error.code };
  };
}

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: number }> {
  return promise.then(
    () => assert.fail('expected a rejection'),
    (error: Error & { code?: number }) => error,
  );
}

describe('conversation updates over realtime', () => {
  test('attribute and state changes made over REST reach the participants as `updated`', async () => {
    const started = await stack();
    const sid = await seedConversation(started, ['visitor-upd']);
    const visitor = await conversationFor(started, 'visitor-upd', sid);
    assert.equal(visitor.state.current, 'active');

    let update = nextUpdate(visitor);
    await started.service.conversations(sid).update({ attributes: JSON.stringify({ topic: 'billing' }) });
    let { conversation, updateReasons } = await update;
    assert.equal(conversation, visitor, 'the same object, changed in place');
    assert.deepEqual([...updateReasons].sort(), ['attributes', 'dateUpdated']);
    assert.deepEqual(visitor.attributes, { topic: 'billing' });

    update = nextUpdate(visitor);
    // What the companion's /session/end does.
    await started.service.conversations(sid).update({ state: 'closed' });
    ({ updateReasons } = await update);
    assert.ok(updateReasons.includes('state'));
    assert.equal(visitor.state.current, 'closed');
    assert.equal(visitor.state.dateUpdated.getTime(), visitor.dateUpdated.getTime());
  });

  test('a timer closing the conversation reaches the participants', async () => {
    const store = new ConversationStore();
    const started = await stack(store);
    // The store takes any duration; the REST edge would enforce Twilio's 10-minute minimum.
    const { sid } = store.createConversation({ timers: { closedAfterMs: 300 } });
    store.addParticipant(sid, { identity: 'visitor-timer' });
    const visitor = await conversationFor(started, 'visitor-timer', sid);

    const { updateReasons } = await nextUpdate(visitor);
    assert.ok(updateReasons.includes('state'));
    assert.equal(visitor.state.current, 'closed');
  });

  test('a state change missed while the socket was down is announced after the reconnect', async () => {
    const started = await stack();
    const sid = await seedConversation(started, ['visitor-missed']);
    const visitor = await conversationFor(started, 'visitor-missed', sid);

    const update = nextUpdate(visitor, 5000);
    assert.equal(started.realtime.dropAllSockets(), 1);
    await started.service.conversations(sid).update({ state: 'closed' });
    const { updateReasons } = await update;
    assert.ok(updateReasons.includes('state'));
    assert.equal(visitor.state.current, 'closed');
  });

  test("the client's own read horizon is on the conversation and follows its reads", async () => {
    const started = await stack();
    const sid = await seedConversation(started, ['visitor-own-read', 'agent-own-read']);
    for (const body of ['one', 'two', 'three']) {
      await started.service.conversations(sid).messages.create({ author: 'agent-own-read', body });
    }
    await started.service.conversations(sid).participants('visitor-own-read').update({ lastReadMessageIndex: 0 });
    const visitor = await conversationFor(started, 'visitor-own-read', sid);
    assert.equal(visitor.lastReadMessageIndex, 0);

    const update = nextUpdate(visitor);
    await visitor.advanceLastReadMessageIndex(2);
    assert.deepEqual((await update).updateReasons, ['lastReadMessageIndex']);
    assert.equal(visitor.lastReadMessageIndex, 2);

    // Another participant reading moves nothing of the visitor's own.
    let updatedAgain = false;
    visitor.on('updated', () => (updatedAgain = true));
    const agent = await conversationFor(started, 'agent-own-read', sid);
    const seen = nextValue<unknown>((deliver) => {
      visitor.on('participantUpdated', deliver);
      return () => visitor.off('participantUpdated', deliver);
    });
    await agent.setAllMessagesRead();
    await seen;
    assert.equal(updatedAgain, false);
    assert.equal(visitor.lastReadMessageIndex, 2);
  });
});

describe('participants carry their attributes', () => {
  test('in getParticipants and in participantUpdated', async () => {
    const started = await stack();
    const sid = await seedConversation(started, ['visitor-attrs']);
    await started.service
      .conversations(sid)
      .participants.create({ identity: 'agent-attrs', attributes: JSON.stringify({ friendlyName: 'Ana' }) });
    const visitor = await conversationFor(started, 'visitor-attrs', sid);

    const participants = await visitor.getParticipants();
    const agent = participants.find((participant) => participant.identity === 'agent-attrs');
    assert.deepEqual(agent?.attributes, { friendlyName: 'Ana' });
    assert.deepEqual(participants.find((participant) => participant.identity === 'visitor-attrs')?.attributes, {});

    const update = nextValue<{ participant: EmulatorParticipant; updateReasons: ParticipantUpdateReason[] }>(
      (deliver) => {
        visitor.on('participantUpdated', deliver);
        return () => visitor.off('participantUpdated', deliver);
      },
    );
    await started.service
      .conversations(sid)
      .participants('agent-attrs')
      .update({ attributes: JSON.stringify({ friendlyName: 'Ana García' }) });
    const { participant, updateReasons } = await update;
    assert.equal(participant, agent, 'one object per participant');
    assert.ok(updateReasons.includes('attributes'));
    assert.deepEqual(participant.attributes, { friendlyName: 'Ana García' });
  });
});

describe('media limits', () => {
  test("Twilio's limits, with a file no larger than the media store keeps", async () => {
    const defaults = await stack();
    const sid = await seedConversation(defaults, ['visitor-limits']);
    assert.deepEqual((await conversationFor(defaults, 'visitor-limits', sid)).limits, {
      mediaAttachmentsCountLimit: 10,
      mediaAttachmentSizeLimitInMb: 20,
      mediaAttachmentsTotalSizeLimitInMb: 150,
    });

    const small = await stack(new ConversationStore({ mediaMaxBytes: 5 * MB }));
    const smallSid = await seedConversation(small, ['visitor-limits']);
    const limits = (await conversationFor(small, 'visitor-limits', smallSid)).limits;
    assert.equal(limits.mediaAttachmentSizeLimitInMb, 5);
    const tooLarge = await fetch(`${small.url}${mcsPath}`, {
      method: 'POST',
      headers: { 'X-Twilio-Token': mintToken('visitor-limits'), 'Content-Type': 'application/pdf' },
      body: new Uint8Array(5 * MB + 1),
    });
    assert.equal(tooLarge.status, 413, 'the announced size is the size the upload takes');
  });
});

describe('media from the browser client', () => {
  test('one message with a body, attributes and a file reaches the others with the file', async () => {
    const started = await stack();
    const sid = await seedConversation(started, ['visitor-send-media', 'agent-send-media']);
    const visitor = await conversationFor(started, 'visitor-send-media', sid);
    const agent = await conversationFor(started, 'agent-send-media', sid);

    const arrived = nextMessage(agent);
    const index = await visitor
      .prepareMessage()
      .setBody('Here is the invoice')
      .setAttributes({ clientId: 'client-1' })
      .addMedia({ contentType: 'application/pdf', filename: 'invoice.pdf', media: new Blob([PDF]) })
      .build()
      .send();
    const message = await arrived;
    assert.equal(message.index, index);
    assert.equal(message.author, 'visitor-send-media');
    assert.equal(message.body, 'Here is the invoice');
    assert.deepEqual(message.attributes, { clientId: 'client-1' });
    const [media] = message.attachedMedia ?? [];
    assert.deepEqual(
      { filename: media?.filename, contentType: media?.contentType, size: media?.size },
      { filename: 'invoice.pdf', contentType: 'application/pdf', size: PDF.length },
    );
    const content = await fetch((await media?.getContentTemporaryUrl()) ?? '');
    assert.deepEqual(Buffer.from(await content.arrayBuffer()), PDF);

    const stored = await started.service.conversations(sid).messages.list();
    assert.equal(stored[0]?.media?.[0]?.['sid'], media?.sid, 'the classic store holds it');

    const mediaOnly = nextMessage(agent);
    await visitor
      .prepareMessage()
      .addMedia({ contentType: 'image/png', filename: 'photo.png', media: new Blob([new Uint8Array([137, 80, 78])]) })
      .build()
      .send();
    const photo = await mediaOnly;
    assert.equal(photo.body, null, 'a media-only message has no body');
    assert.equal(photo.attachedMedia?.[0]?.contentType, 'image/png');
  });

  test('the builder refuses more files than the limits allow; a failed upload rejects send()', async () => {
    const started = await stack(new ConversationStore({ mediaMaxBytes: 1024 }));
    const sid = await seedConversation(started, ['visitor-media-fail']);
    const visitor = await conversationFor(started, 'visitor-media-fail', sid);

    const builder = visitor.prepareMessage();
    for (let n = 0; n <= visitor.limits.mediaAttachmentsCountLimit; n++) {
      builder.addMedia({ contentType: 'text/plain', filename: `${n}.txt`, media: new Blob(['x']) });
    }
    assert.throws(() => builder.build(), /Too many media attachments/);

    const failed = await rejection(
      visitor
        .prepareMessage()
        .setBody('too big')
        .addMedia({ contentType: 'text/plain', filename: 'big.txt', media: new Blob([new Uint8Array(2048)]) })
        .build()
        .send(),
    );
    assert.match(failed.message, /media upload failed \(413\)/);
    assert.equal((await started.service.conversations(sid).messages.list()).length, 0, 'nothing was sent');
  });

  test('a participant sends only its own, unsent uploads', async () => {
    const started = await stack();
    const sid = await seedConversation(started, ['visitor-own-media', 'other-own-media']);
    const upload = async (headers: Record<string, string>) => {
      const response = await fetch(`${started.url}${mcsPath}?Filename=x.pdf`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/pdf', ...headers },
        body: new Uint8Array(PDF),
      });
      assert.equal(response.status, 201);
      return ((await response.json()) as { sid: string }).sid;
    };

    const others = await upload({ 'X-Twilio-Token': mintToken('other-own-media') });
    const system = await upload({ authorization: basicAuth() });
    const own = await upload({ 'X-Twilio-Token': mintToken('visitor-own-media') });
    const raw = await rawSender(started, 'visitor-own-media');
    for (const foreign of [others, system, `ME${'0'.repeat(32)}`]) {
      assert.equal((await raw(sid, { mediaSids: [foreign] })).code, 50507, foreign);
    }
    assert.equal((await raw(sid, { mediaSids: [own] })).code, undefined, 'its own upload is sent');
    assert.equal((await raw(sid, { mediaSids: [own] })).code, 50508, 'but only once');
    assert.equal((await raw(sid, {})).code, 20001, 'a message needs a body or media');
    const eleven = Array.from({ length: 11 }, () => own);
    assert.equal((await raw(sid, { mediaSids: eleven })).code, 20001, 'at most ten files');
  });
});

describe('the Media Content Service for browsers', () => {
  test('answers CORS preflights and takes a chat access token; the upload belongs to its identity', async () => {
    const started = await stack();
    const origin = 'https://shop.example';
    const preflight = await fetch(`${started.url}${mcsPath}`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-twilio-token',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /X-Twilio-Token/i);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);

    const uploaded = await fetch(`${started.url}${mcsPath}?Filename=note.txt`, {
      method: 'POST',
      headers: { Origin: origin, 'X-Twilio-Token': mintToken('visitor-mcs'), 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    assert.equal(uploaded.status, 201);
    assert.equal(uploaded.headers.get('access-control-allow-origin'), '*');
    const body = (await uploaded.json()) as { sid: string; author: string; filename: string };
    assert.equal(body.author, 'visitor-mcs');
    assert.equal(body.filename, 'note.txt');
    assert.equal(started.store.media.find(body.sid)?.author, 'visitor-mcs');

    const forged = await fetch(`${started.url}${mcsPath}`, {
      method: 'POST',
      headers: {
        Origin: origin,
        'X-Twilio-Token': mintToken('visitor-mcs', { apiSecret: 'not-the-secret' }),
        'Content-Type': 'text/plain',
      },
      body: 'hello',
    });
    assert.equal(forged.status, 401);
    assert.equal(forged.headers.get('access-control-allow-origin'), '*', 'the page can read why');
    assert.equal(((await forged.json()) as { code: number }).code, 20107);

    const otherService = await fetch(`${started.url}${mcsPath}`, {
      method: 'POST',
      headers: {
        'X-Twilio-Token': mintToken('visitor-mcs', { serviceSid: `IS${'9'.repeat(32)}` }),
        'Content-Type': 'text/plain',
      },
      body: 'hello',
    });
    assert.equal(otherService.status, 401);

    const anonymous = await fetch(`${started.url}${mcsPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    assert.equal(anonymous.status, 401);
  });
});
