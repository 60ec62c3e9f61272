import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { verifyAccessToken } from '../../src/emulator/access-token.js';
import { ConversationStore } from '../../src/emulator/classic/store.js';
import { EmulatorClient, RealtimeRequestError, type EmulatorParticipant } from '../../src/emulator/client/index.js';
import { createRealtimeServer, type RealtimeServer } from '../../src/emulator/realtime/server.js';
import { initializedClient, installWebSocketGlobal, mintToken, nextValue, options } from './support.js';

installWebSocketGlobal();

/** Short, so "typing ends without a new typing()" is observable quickly. */
const TYPING_TIMEOUT_MS = 150;

const openClients: EmulatorClient[] = [];
afterEach(async () => {
  await Promise.all(openClients.splice(0).map((client) => client.shutdown()));
});

describe('realtime typing indicators', () => {
  // A realtime server of its own, for the short typing timeout; the store is seeded directly.
  const store = new ConversationStore();
  let realtime: RealtimeServer;
  let server: Server;
  let realtimeUrl: string;
  before(async () => {
    realtime = createRealtimeServer({
      store,
      serviceSid: options.serviceSid,
      verifyToken: (token) => verifyAccessToken(token, options),
      typingTimeoutMs: TYPING_TIMEOUT_MS,
    });
    server = createServer((_request, response) => response.writeHead(404).end());
    server.on('upgrade', (request, socket, head) => realtime.handleUpgrade(request, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    realtimeUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/realtime`;
  });
  after(async () => {
    await realtime.close();
    await new Promise((resolve) => server.close(resolve));
  });

  function seedConversation(identities: string[]): string {
    const { sid } = store.createConversation({});
    for (const identity of identities) store.addParticipant(sid, { identity });
    return sid;
  }

  async function conversationFor(identity: string, conversationSid: string) {
    const client = await initializedClient(identity, realtimeUrl);
    openClients.push(client);
    return client.getConversationBySid(conversationSid);
  }

  /** Every typing event a conversation object announces, in order. */
  function typingLog(conversation: Awaited<ReturnType<typeof conversationFor>>): string[] {
    const log: string[] = [];
    conversation.on('typingStarted', (participant) => log.push(`started ${participant.identity}`));
    conversation.on('typingEnded', (participant) => log.push(`ended ${participant.identity}`));
    return log;
  }

  const nextTyping = (
    conversation: Awaited<ReturnType<typeof conversationFor>>,
    event: 'typingStarted' | 'typingEnded',
  ) =>
    nextValue<EmulatorParticipant>((deliver) => {
      conversation.on(event, deliver);
      return () => conversation.off(event, deliver);
    }, 3000, event);

  test('typing reaches the other participant, not the typist, and ends after the timeout', async () => {
    const conversationSid = seedConversation(['visitor-typing', 'agent-typing']);
    const visitor = await conversationFor('visitor-typing', conversationSid);
    const agent = await conversationFor('agent-typing', conversationSid);
    const atVisitor = typingLog(visitor);

    const started = nextTyping(agent, 'typingStarted');
    const startedAt = Date.now();
    await visitor.typing();
    const typist = await started;
    assert.equal(typist.identity, 'visitor-typing');
    assert.equal(typist.sid, store.findParticipant(conversationSid, 'visitor-typing')?.sid);

    const ended = await nextTyping(agent, 'typingEnded');
    assert.equal(ended, typist, 'the same participant object');
    assert.ok(Date.now() - startedAt >= TYPING_TIMEOUT_MS - 10, 'not before the timeout');
    assert.deepEqual(atVisitor, [], 'the typist hears nothing of its own typing');
  });

  test('typing again extends it without a second typingStarted; sending a message ends it at once', async () => {
    const conversationSid = seedConversation(['visitor-extend', 'agent-extend']);
    const visitor = await conversationFor('visitor-extend', conversationSid);
    const agent = await conversationFor('agent-extend', conversationSid);
    const atAgent = typingLog(agent);

    const started = nextTyping(agent, 'typingStarted');
    await visitor.typing();
    await started;
    for (let n = 0; n < 3; n++) {
      await new Promise((resolve) => setTimeout(resolve, TYPING_TIMEOUT_MS / 2));
      await visitor.typing();
    }
    assert.deepEqual(atAgent, ['started visitor-extend'], 'still typing after 1.5 timeouts of keystrokes');

    const ended = nextTyping(agent, 'typingEnded');
    const sentAt = Date.now();
    await visitor.sendMessage('Hello');
    await ended;
    assert.ok(Date.now() - sentAt < TYPING_TIMEOUT_MS, 'ended by the message, not by the timeout');
    assert.deepEqual(atAgent, ['started visitor-extend', 'ended visitor-extend']);
  });

  test('a non-participant can neither type in a conversation nor hear its typing', async () => {
    const conversationSid = seedConversation(['visitor-private', 'agent-private']);
    seedConversation(['outsider-typing']);
    const visitor = await conversationFor('visitor-private', conversationSid);
    const agent = await conversationFor('agent-private', conversationSid);
    await assert.rejects(
      conversationFor('outsider-typing', conversationSid),
      (error) => error instanceof RealtimeRequestError && error.code === 20403,
    );

    // The outsider's raw socket: everything the server pushes it is recorded.
    const frames: string[] = [];
    const socket = new WebSocket(realtimeUrl);
    const answered = new Promise<void>((resolve) =>
      socket.on('message', (data) => frames.push(String(data)) === 2 && resolve()),
    );
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ id: 1, type: 'authenticate', token: mintToken('outsider-typing') }));
    socket.send(JSON.stringify({ id: 2, type: 'typing', conversationSid }));
    // Authenticated before anyone types, so silence below means filtered, not unauthenticated.
    await answered;

    const started = nextTyping(agent, 'typingStarted');
    await visitor.typing();
    await started;
    await nextTyping(agent, 'typingEnded');
    socket.close();

    type Frame = { type: string; id?: number; ok?: boolean; error?: { code: number } };
    const pushed = frames.map((frame) => JSON.parse(frame) as Frame);
    assert.deepEqual(
      pushed.map(({ type, id, ok }) => ({ type, id, ok })),
      [
        { type: 'response', id: 1, ok: true },
        { type: 'response', id: 2, ok: false },
      ],
      'no typing events, only the answers',
    );
    assert.equal(pushed[1]?.error?.code, 20403);
  });
});
