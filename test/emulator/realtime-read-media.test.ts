import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import {
  EmulatorClient,
  type EmulatorConversation,
  type EmulatorMessage,
  type EmulatorParticipant,
} from '../../src/emulator/client/index.js';
import type { ParticipantUpdateReason } from '../../src/protocol/sdk-shape.js';
import { toEmulatorUrl } from '../../src/server/twilio/emulator-http-client.js';
import {
  basicAuth,
  initializedClient,
  installWebSocketGlobal,
  mintToken,
  nextValue,
  options,
  startEmulator,
  type StartedEmulator,
} from './support.js';

installWebSocketGlobal();

const MCS_MEDIA = `https://mcs.us1.twilio.com/v1/Services/${options.serviceSid}/Media`;
const PDF = Buffer.from('%PDF-1.4 emulator test bytes');

const openClients: EmulatorClient[] = [];
afterEach(async () => {
  await Promise.all(openClients.splice(0).map((client) => client.shutdown()));
});

type ParticipantUpdate = { participant: EmulatorParticipant; updateReasons: ParticipantUpdateReason[] };

const nextParticipantUpdate = (conversation: EmulatorConversation) =>
  nextValue<ParticipantUpdate>((deliver) => {
    conversation.on('participantUpdated', deliver);
    return () => conversation.off('participantUpdated', deliver);
  }, 3000, 'participantUpdated');

const nextMessage = (conversation: EmulatorConversation) =>
  nextValue<EmulatorMessage>((deliver) => {
    conversation.on('messageAdded', deliver);
    return () => conversation.off('messageAdded', deliver);
  }, 3000, 'messageAdded');

/** A raw, authenticated socket that records every frame the server sends it. */
async function rawSocket(identity: string, realtimeUrl: string) {
  const frames: { type: string; id?: number; ok?: boolean; result?: unknown; error?: { code: number } }[] = [];
  const socket = new WebSocket(realtimeUrl);
  const waiters = new Map<number, (frame: (typeof frames)[number]) => void>();
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as (typeof frames)[number];
    frames.push(frame);
    if (frame.id !== undefined) waiters.get(frame.id)?.(frame);
  });
  await new Promise((resolve) => socket.once('open', resolve));
  let nextId = 1;
  const request = (type: string, params: Record<string, unknown>) =>
    new Promise<(typeof frames)[number]>((resolve) => {
      const id = nextId++;
      waiters.set(id, resolve);
      socket.send(JSON.stringify({ id, type, ...params }));
    });
  assert.equal((await request('authenticate', { token: mintToken(identity) })).ok, true);
  return { frames, request, close: () => socket.close() };
}

describe('realtime read horizons, participants and media', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  async function seedConversation(identities: string[], messageCount = 0): Promise<string> {
    const { sid } = await started.service.conversations.create({});
    const conversation = started.service.conversations(sid);
    for (const identity of identities) await conversation.participants.create({ identity });
    for (let n = 0; n < messageCount; n++) await conversation.messages.create({ author: 'agent', body: `m${n}` });
    return sid;
  }

  async function conversationFor(identity: string, conversationSid: string): Promise<EmulatorConversation> {
    const client = await initializedClient(identity, started.running.realtimeUrl);
    openClients.push(client);
    return client.getConversationBySid(conversationSid);
  }

  async function uploadMedia(bytes: Buffer, filename: string, contentType: string): Promise<string> {
    const response = await fetch(toEmulatorUrl(`${MCS_MEDIA}?Filename=${filename}`, started.running.url), {
      method: 'POST',
      headers: { authorization: basicAuth(), 'content-type': contentType },
      body: new Uint8Array(bytes),
    });
    assert.equal(response.status, 201);
    return ((await response.json()) as { sid: string }).sid;
  }

  test('the read horizon moves over realtime, only forward, and the others see it', async () => {
    const conversationSid = await seedConversation(['visitor-read', 'agent-read'], 3);
    const visitor = await conversationFor('visitor-read', conversationSid);
    const agent = await conversationFor('agent-read', conversationSid);

    let update = nextParticipantUpdate(agent);
    assert.equal(await visitor.advanceLastReadMessageIndex(1), 1, 'one unread left');
    const first = await update;
    assert.equal(first.participant.identity, 'visitor-read');
    assert.equal(first.participant.lastReadMessageIndex, 1);
    assert.ok(first.updateReasons.includes('lastReadMessageIndex'));

    assert.equal(await visitor.advanceLastReadMessageIndex(0), 1, 'never moves back');
    update = nextParticipantUpdate(agent);
    assert.equal(await visitor.setAllMessagesRead(), 0);
    const second = await update;
    assert.equal(second.participant, first.participant, 'one object per participant, updated in place');
    assert.equal(second.participant.lastReadMessageIndex, 2);

    const participants = await agent.getParticipants();
    assert.deepEqual(
      participants.map(({ identity, lastReadMessageIndex }) => ({ identity, lastReadMessageIndex })),
      [
        { identity: 'visitor-read', lastReadMessageIndex: 2 },
        { identity: 'agent-read', lastReadMessageIndex: null },
      ],
    );
    assert.ok(participants.includes(second.participant));
    const stored = await started.service.conversations(conversationSid).participants('visitor-read').fetch();
    assert.equal(stored.lastReadMessageIndex, 2, 'the classic store holds it');
  });

  test('a read horizon set over REST reaches the participants as participantUpdated', async () => {
    const conversationSid = await seedConversation(['visitor-rest-read', 'agent-rest-read'], 4);
    const visitor = await conversationFor('visitor-rest-read', conversationSid);

    const update = nextParticipantUpdate(visitor);
    await started.service
      .conversations(conversationSid)
      .participants('agent-rest-read')
      .update({ lastReadMessageIndex: 3 });
    const { participant, updateReasons } = await update;
    assert.equal(participant.identity, 'agent-rest-read');
    assert.equal(participant.lastReadMessageIndex, 3);
    assert.deepEqual([...updateReasons].sort(), ['dateUpdated', 'lastReadMessageIndex', 'lastReadTimestamp']);
    const agentThere = (await visitor.getParticipants()).find(({ identity }) => identity === 'agent-rest-read');
    assert.equal(agentThere?.lastReadMessageIndex, 3);
  });

  test('a media message arrives with attachedMedia whose temporary URL serves the bytes', async () => {
    const conversationSid = await seedConversation(['visitor-media-rt'], 1);
    const visitor = await conversationFor('visitor-media-rt', conversationSid);
    const mediaSid = await uploadMedia(PDF, 'invoice.pdf', 'application/pdf');

    const pushed = nextMessage(visitor);
    await started.service.conversations(conversationSid).messages.create({ author: 'agent', mediaSid });
    const message = await pushed;
    assert.equal(message.body, null);
    assert.deepEqual(
      message.attachedMedia?.map(({ sid, filename, contentType, size }) => ({ sid, filename, contentType, size })),
      [{ sid: mediaSid, filename: 'invoice.pdf', contentType: 'application/pdf', size: PDF.length }],
    );

    const url = (await message.attachedMedia?.[0]?.getContentTemporaryUrl()) ?? '';
    assert.ok(url.startsWith(`${started.running.url}/media/${mediaSid}?`), `on the emulator: ${url}`);
    const content = await fetch(url);
    assert.equal(content.status, 200, 'no credentials needed');
    assert.deepEqual(Buffer.from(await content.arrayBuffer()), PDF);
    const tampered = await fetch(url.replace(/Signature=[^&]+/, 'Signature=forged'));
    assert.equal(tampered.status, 403);

    const page = await visitor.getMessages(2);
    assert.equal(page.items[0]?.attachedMedia, null, 'a text message has no media');
    assert.equal(page.items[1]?.attachedMedia?.[0]?.sid, mediaSid, 'history carries media too');
  });

  test('non-participants get no participant updates and no media URLs', async () => {
    const conversationSid = await seedConversation(['visitor-guarded', 'agent-guarded']);
    const otherSid = await seedConversation(['outsider-guarded']);
    const mediaSid = await uploadMedia(PDF, 'secret.pdf', 'application/pdf');
    await started.service.conversations(conversationSid).messages.create({ author: 'agent', mediaSid });
    const unsentSid = await uploadMedia(PDF, 'unsent.pdf', 'application/pdf');

    const outsider = await rawSocket('outsider-guarded', started.running.realtimeUrl);
    const denied = await outsider.request('getMediaContentUrl', { conversationSid, mediaSid });
    assert.equal(denied.error?.code, 20403);
    // Naming its own conversation does not open another conversation's media, nor an unsent upload.
    for (const sid of [mediaSid, unsentSid]) {
      const notFound = await outsider.request('getMediaContentUrl', { conversationSid: otherSid, mediaSid: sid });
      assert.equal(notFound.error?.code, 20404);
    }
    assert.equal((await outsider.request('setAllMessagesRead', { conversationSid })).error?.code, 20403);
    assert.equal((await outsider.request('getParticipants', { conversationSid })).error?.code, 20403);

    const visitor = await conversationFor('visitor-guarded', conversationSid);
    const update = nextParticipantUpdate(visitor);
    await visitor.setAllMessagesRead();
    await update;
    // A round trip on the outsider's socket: anything pushed to it would have arrived before this answer.
    await outsider.request('getConversation', { conversationSid: otherSid });
    outsider.close();
    assert.deepEqual(
      outsider.frames.filter((frame) => frame.type !== 'response'),
      [],
      'nothing of the conversation is pushed to a non-participant',
    );
  });
});
