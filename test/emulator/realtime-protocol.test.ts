import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import type { RealtimeServerFrame } from '../../src/emulator/realtime/protocol.js';
import { mintToken, startEmulator, type StartedEmulator } from './support.js';

/** A raw protocol socket that collects the server's frames. */
async function rawSocket(url: string): Promise<{ socket: WebSocket; next(): Promise<RealtimeServerFrame> }> {
  const socket = new WebSocket(url);
  const frames: RealtimeServerFrame[] = [];
  const waiting: ((frame: RealtimeServerFrame) => void)[] = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as RealtimeServerFrame;
    const waiter = waiting.shift();
    if (waiter) waiter(frame);
    else frames.push(frame);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return {
    socket,
    next: () => {
      const queued = frames.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

describe('realtime protocol (raw WebSocket)', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  test('nothing but authenticate is answered before authentication', async () => {
    const { socket, next } = await rawSocket(started.running.realtimeUrl);
    socket.send(JSON.stringify({ id: 1, type: 'getConversation', conversationSid: 'CH' + '1'.repeat(32) }));
    assert.deepEqual(await next(), {
      type: 'response',
      id: 1,
      ok: false,
      error: { code: 20003, message: 'Authenticate first' },
    });

    socket.send(JSON.stringify({ id: 2, type: 'authenticate', token: mintToken('raw-visitor') }));
    const grant = await next();
    assert.ok(grant.type === 'response' && grant.ok);
    assert.equal((grant.result as { identity: string }).identity, 'raw-visitor');
    socket.close();
  });

  test('malformed frames get a 20001 naming the problem, and the socket stays usable', async () => {
    const { socket, next } = await rawSocket(started.running.realtimeUrl);
    socket.send('not json');
    const notJson = await next();
    assert.ok(notJson.type === 'response' && !notJson.ok);
    assert.equal(notJson.id, null);
    assert.equal(notJson.error.code, 20001);

    const conversationSid = 'CH' + '1'.repeat(32);
    socket.send(JSON.stringify({ id: 7, type: 'getMessages', conversationSid, pageSize: 1000, direction: 'backwards' }));
    const tooBig = await next();
    assert.ok(tooBig.type === 'response' && !tooBig.ok);
    assert.equal(tooBig.id, 7);
    assert.match(tooBig.error.message, /pageSize/);

    socket.send(JSON.stringify({ id: 8, type: 'authenticate', token: mintToken('raw-visitor-2') }));
    const accepted = await next();
    assert.ok(accepted.type === 'response' && accepted.ok && accepted.id === 8);
    socket.close();
  });

  test('a rejected authenticate is answered, then the socket is closed', async () => {
    const { socket, next } = await rawSocket(started.running.realtimeUrl);
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(JSON.stringify({ id: 1, type: 'authenticate', token: mintToken('raw', { apiSecret: 'wrong' }) }));
    const answer = await next();
    assert.ok(answer.type === 'response' && !answer.ok);
    assert.equal(answer.error.code, 20107);
    assert.equal(await closed, 1008);
  });

  test('edits, removals and state changes are pushed; a closed conversation refuses sendMessage (50377)', async () => {
    const { sid: conversationSid } = await started.service.conversations.create({});
    const api = started.service.conversations(conversationSid);
    await api.participants.create({ identity: 'raw-editor' });
    const message = await api.messages.create({ author: 'agent', body: 'typo' });
    const { socket, next } = await rawSocket(started.running.realtimeUrl);
    socket.send(JSON.stringify({ id: 1, type: 'authenticate', token: mintToken('raw-editor') }));
    assert.ok((await next()).type === 'response');

    await api.messages(message.sid).update({ body: 'fixed' });
    const updated = await next();
    assert.ok(updated.type === 'messageUpdated', `got ${updated.type}`);
    assert.equal(updated.message.body, 'fixed');
    assert.equal(updated.message.index, 0);
    await api.messages(message.sid).remove();
    const removed = await next();
    assert.ok(removed.type === 'messageRemoved', `got ${removed.type}`);
    assert.equal(removed.message.sid, message.sid);

    await api.update({ state: 'closed' });
    const closed = await next();
    assert.ok(closed.type === 'conversationUpdated', `got ${closed.type}`);
    assert.equal(closed.conversation.sid, conversationSid);
    assert.equal(closed.conversation.state, 'closed');
    socket.send(JSON.stringify({ id: 2, type: 'sendMessage', conversationSid, body: 'too late', attributes: {} }));
    const refused = await next();
    assert.ok(refused.type === 'response' && !refused.ok && refused.id === 2);
    assert.equal(refused.error.code, 50377);
    assert.equal((await api.messages.list()).length, 0);
    socket.close();
  });

  test('upgrades on any other path are refused', async () => {
    const socket = new WebSocket(started.running.realtimeUrl.replace('/realtime', '/elsewhere'));
    const status = await new Promise<number>((resolve) =>
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
    );
    assert.equal(status, 404);
    socket.on('error', () => undefined); // aborting a refused handshake reports one
    socket.terminate();
  });
});
