import { expect, waitUntil } from '@open-wc/testing';
import { newMessagesSeparator } from '../../src/widget/controllers/read-status.controller.js';
import { TYPING_NOTIFY_INTERVAL_MS, TYPIST_TIMEOUT_MS } from '../../src/widget/controllers/typing.controller.js';
import { WidgetError } from '../../src/widget/errors.js';
import { BrowserOutboxStore } from '../../src/widget/outbox/outbox-store.js';
import {
  AGENT,
  type ChatRig,
  CONVERSATION_SID,
  createChatRig,
  FakeTransport,
  flush,
  type RigOptions,
  VISITOR,
} from './support/fake-transport.js';

function rig(options: Partial<RigOptions> = {}): ChatRig {
  return createChatRig({ store: new BrowserOutboxStore({ indexedDB: undefined }), ...options });
}

async function connected(options: Partial<RigOptions> = {}): Promise<ChatRig> {
  const chat = rig(options);
  await chat.chat.connect();
  return chat;
}

describe('ChatController', () => {
  it('goes idle → connecting → ready with the snapshot, and fires bridge-chat-ready', async () => {
    const transport = new FakeTransport();
    transport.seed(AGENT.identity, VISITOR);
    const { chat, host } = rig({ transport });
    expect(chat.status).to.equal('idle');
    const connecting = chat.connect();
    expect(chat.status).to.equal('connecting');
    await connecting;
    expect(chat.status).to.equal('ready');
    expect(chat.identity).to.equal(VISITOR);
    expect(chat.conversationSid).to.equal(CONVERSATION_SID);
    expect(chat.connectionState).to.equal('connected');
    expect(chat.messages.map((m) => m.index)).to.deep.equal([0, 1]);
    expect([...chat.participants.keys()]).to.deep.equal([VISITOR, AGENT.identity]);
    expect(chat.mediaLimits).to.deep.equal(transport.mediaLimits);
    expect(host.events.map((e) => [e.type, e.detail])).to.deep.equal([
      ['bridge-chat-ready', { identity: VISITOR, conversationSid: CONVERSATION_SID }],
    ]);
  });

  it('connects when its host is attached and closes the transport when detached', async () => {
    const { chat, host, transport } = rig();
    host.attach();
    await waitUntil(() => chat.status === 'ready');
    host.detach();
    expect(chat.status).to.equal('idle');
    expect(transport.closedByWidget).to.equal(true);
  });

  it('asks for the pre-chat form when the session needs details, then starts with them', async () => {
    const { chat, host, session } = rig();
    host.prechatFields = [{ name: 'name', required: true }];
    session.needsDetailsAnswer = true;
    await chat.connect();
    expect(chat.status).to.equal('prechat');
    expect(session.needsDetailsCalls).to.deep.equal([[{ name: 'name', required: true }]]);
    expect(session.openCalls).to.deep.equal([]);
    await chat.start({ name: 'Ada' });
    expect(chat.status).to.equal('ready');
    expect(session.openCalls).to.deep.equal([{ name: 'Ada' }]);
  });

  it('skips the form when the session has what it needs, and does not ask without fields', async () => {
    const withFields = rig();
    withFields.host.prechatFields = [{ name: 'email', required: false }];
    await withFields.chat.connect();
    expect(withFields.chat.status).to.equal('ready');
    const withoutFields = await connected();
    expect(withoutFields.session.needsDetailsCalls).to.deep.equal([]);
    expect(withoutFields.chat.status).to.equal('ready');
  });

  it('is closed when the snapshot says so, and when the conversation closes later', async () => {
    const closedTransport = new FakeTransport();
    closedTransport.closedConversation = true;
    closedTransport.seed(AGENT.identity);
    const closedAtConnect = await connected({ transport: closedTransport });
    expect(closedAtConnect.chat.status).to.equal('closed');
    expect(closedAtConnect.chat.messages).to.have.length(1);

    const { chat, transport } = await connected();
    transport.closeConversation();
    expect(chat.status).to.equal('closed');
  });

  it('fails with the error code, fires bridge-chat-error, and a denied link fails too', async () => {
    const failing = rig();
    failing.session.openError = new WidgetError('rate_limited', 'Too many requests');
    await failing.chat.connect();
    expect(failing.chat.status).to.equal('error');
    expect(failing.chat.error?.code).to.equal('rate_limited');
    expect(failing.host.events.map((e) => e.type)).to.deep.equal(['bridge-chat-error']);

    const { chat, transport } = await connected();
    transport.setConnectionState('denied');
    expect(chat.status).to.equal('error');
    expect(chat.error?.code).to.equal('connection_denied');
    expect(transport.closedByWidget).to.equal(true);
  });

  it('drops the results of a superseded attempt', async () => {
    const { chat, session, transports } = rig();
    let release!: () => void;
    session.openGate = new Promise((resolve) => (release = resolve));
    session.conversationSid = `CH${'1'.repeat(32)}`;
    const first = chat.connect();
    session.openGate = undefined;
    session.conversationSid = CONVERSATION_SID;
    await chat.connect();
    release();
    await first;
    expect(chat.conversationSid).to.equal(CONVERSATION_SID);
    expect(transports).to.have.length(1);
  });

  it('pages back, with loadingOlder while it runs and olderFailed when it fails', async () => {
    const transport = new FakeTransport();
    transport.pageSize = 2;
    transport.seed('a', 'b', 'c', 'd', 'e');
    const { chat } = await connected({ transport });
    expect(chat.messages.map((m) => m.index)).to.deep.equal([3, 4]);
    expect(chat.hasOlder).to.equal(true);

    transport.loadOlderError = new Error('offline');
    const failing = chat.loadOlder();
    expect(chat.loadingOlder).to.equal(true);
    await failing;
    expect(chat.loadingOlder).to.equal(false);
    expect(chat.olderFailed).to.equal(true);

    transport.loadOlderError = undefined;
    await chat.loadOlder();
    expect(chat.olderFailed).to.equal(false);
    expect(chat.messages.map((m) => m.index)).to.deep.equal([1, 2, 3, 4]);
    await chat.loadOlder();
    expect(chat.messages.map((m) => m.index)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(chat.hasOlder).to.equal(false);
  });

  it('keeps one copy of a message delivered twice', async () => {
    const { chat, transport } = await connected();
    const message = transport.deliver('hello');
    transport.redeliver(message);
    expect(chat.messages.map((m) => m.id)).to.deep.equal([message.id]);
  });

  it('catches up on messages missed while the link was down', async () => {
    const { chat, transport } = await connected();
    transport.deliver('before');
    transport.setConnectionState('offline');
    expect(chat.connectionState).to.equal('offline');
    transport.storeUnheard('while offline');
    transport.setConnectionState('connected');
    await waitUntil(() => chat.messages.length === 2, 'the missed message is fetched');
    expect(chat.messages.map((m) => m.body)).to.deep.equal(['before', 'while offline']);
    expect(transport.messagesAfterCalls).to.deep.equal([0]);
  });

  it('ends the chat through the session: closed on success, unchanged on failure', async () => {
    const failing = await connected();
    failing.session.endError = new Error('503');
    expect(await failing.chat.endChat()).to.equal(false);
    expect(failing.chat.status).to.equal('ready');

    const { chat, session } = await connected();
    expect(await chat.endChat()).to.equal(true);
    expect(session.ended).to.equal(1);
    expect(chat.status).to.equal('closed');
    expect(await chat.endChat()).to.equal(false);
  });

  it('starts a new chat by forgetting the session and connecting again', async () => {
    const { chat, session, transport } = await connected();
    transport.closeConversation();
    transport.closedConversation = false;
    await chat.startNewChat();
    expect(session.forgotten).to.equal(1);
    expect(session.openCalls).to.have.length(2);
    expect(chat.status).to.equal('ready');
  });

  it('gives the whole conversation for the transcript', async () => {
    const transport = new FakeTransport();
    transport.pageSize = 1;
    transport.seed('a', 'b', 'c');
    const { chat } = await connected({ transport });
    expect(chat.messages).to.have.length(1);
    expect((await chat.allMessages()).map((m) => m.index)).to.deep.equal([0, 1, 2]);
  });
});

describe('TypingController', () => {
  it('tells the others at most once per interval while the visitor types', async () => {
    const { typing, transport, clock } = await connected();
    typing.notifyTyping();
    typing.notifyTyping();
    expect(transport.typingCalls).to.equal(1);
    clock.advance(TYPING_NOTIFY_INTERVAL_MS - 1);
    typing.notifyTyping();
    expect(transport.typingCalls).to.equal(1);
    clock.advance(1);
    typing.notifyTyping();
    expect(transport.typingCalls).to.equal(2);
  });

  it('starts again at once after the visitor’s message, and stays quiet offline or before connecting', async () => {
    const idle = rig();
    idle.typing.notifyTyping();
    expect(idle.transport.typingCalls).to.equal(0);

    const { typing, transport, outbox } = await connected();
    typing.notifyTyping();
    outbox.send('hi', []);
    await waitUntil(() => outbox.pending.length === 0);
    typing.notifyTyping();
    expect(transport.typingCalls).to.equal(2);
    transport.setConnectionState('offline');
    outbox.send('again', []);
    typing.notifyTyping();
    expect(transport.typingCalls).to.equal(2);
  });

  it('lists others typing until they stop, their message arrives, or the safety timeout', async () => {
    const { typing, transport, clock } = await connected();
    const bot = { identity: 'bot', name: 'Bot', lastReadIndex: null };
    transport.setTyping(AGENT, true);
    transport.setTyping(bot, true);
    transport.setTyping({ identity: VISITOR, name: 'You', lastReadIndex: null }, true);
    expect(typing.typists.map((p) => p.identity)).to.deep.equal([AGENT.identity, 'bot']);

    transport.deliver('answer', AGENT.identity);
    expect(typing.typists.map((p) => p.identity)).to.deep.equal(['bot']);
    transport.setTyping(bot, false);
    expect(typing.typists).to.deep.equal([]);

    transport.setTyping(AGENT, true);
    clock.advance(TYPIST_TIMEOUT_MS - 1);
    transport.setTyping(AGENT, true); // still typing: the timeout starts over
    clock.advance(TYPIST_TIMEOUT_MS - 1);
    expect(typing.typists).to.have.length(1);
    clock.advance(1);
    expect(typing.typists).to.deep.equal([]);
  });
});

describe('ReadStatusController', () => {
  it('follows how far the others read, not the visitor', async () => {
    const transport = new FakeTransport();
    transport.seed(VISITOR, VISITOR, VISITOR);
    transport.participants = [
      { identity: VISITOR, name: 'You', lastReadIndex: 2 },
      { ...AGENT, lastReadIndex: 0 },
      { identity: 'bot', name: 'Bot', lastReadIndex: null },
    ];
    const { readStatus } = await connected({ transport });
    expect(readStatus.othersReadIndex).to.equal(0);
    expect(readStatus.ownReadIndex).to.equal(null);
    transport.updateParticipant({ ...AGENT, lastReadIndex: 2 });
    expect(readStatus.othersReadIndex).to.equal(2);
    transport.updateParticipant({ identity: VISITOR, name: 'You', lastReadIndex: 2 });
    expect(readStatus.othersReadIndex).to.equal(2);
    expect(readStatus.ownReadIndex).to.equal(2);
  });

  it('marks the newest message read while seen, only forwards, and swallows failures', async () => {
    const transport = new FakeTransport();
    transport.seed(AGENT.identity, AGENT.identity);
    transport.ownLastReadIndex = 0;
    const { readStatus, clock } = await connected({ transport });
    clock.advance(10_000);
    expect(transport.markReadCalls).to.deep.equal([]);

    readStatus.setSeen(true);
    transport.deliver('more');
    clock.advance(10_000);
    // Both the seeing and the new message are one mark.
    expect(transport.markReadCalls).to.deep.equal([2]);
    await waitUntil(() => readStatus.ownReadIndex === 2);

    readStatus.setSeen(false);
    readStatus.setSeen(true);
    clock.advance(10_000);
    expect(transport.markReadCalls).to.deep.equal([2]);

    transport.markReadError = new Error('offline');
    transport.deliver('again');
    clock.advance(10_000);
    expect(transport.markReadCalls).to.deep.equal([2, 3]);
    await flush();
    transport.markReadError = undefined;
    readStatus.setSeen(true);
    clock.advance(10_000);
    expect(transport.markReadCalls).to.deep.equal([2, 3, 3]);
    await waitUntil(() => readStatus.ownReadIndex === 3);

    readStatus.setSeen(false);
    transport.deliver('unseen');
    clock.advance(10_000);
    expect(transport.markReadCalls).to.deep.equal([2, 3, 3]);
  });

  it('puts the new-messages separator after the read horizon, and clears it when the visitor sends', async () => {
    const transport = new FakeTransport();
    transport.seed(AGENT.identity, VISITOR, AGENT.identity, AGENT.identity);
    transport.ownLastReadIndex = 0;
    const { readStatus, outbox } = await connected({ transport });
    // The visitor's own message at 1 shows it saw everything before.
    expect(readStatus.newMessagesAfter).to.equal(1);
    outbox.send('thanks', []);
    await waitUntil(() => readStatus.newMessagesAfter === undefined);
  });

  it('places the separator from the horizon and the visitor’s own messages', () => {
    const messages = (authors: (string | null)[]) => authors.map((author, index) => ({ index, author }));
    expect(newMessagesSeparator(messages([AGENT.identity, AGENT.identity]), VISITOR, 0)).to.equal(0);
    expect(newMessagesSeparator(messages([AGENT.identity, AGENT.identity]), VISITOR, 1)).to.equal(undefined);
    expect(newMessagesSeparator(messages([AGENT.identity, null]), VISITOR, null)).to.equal(-1);
    expect(newMessagesSeparator(messages([AGENT.identity, VISITOR]), VISITOR, null)).to.equal(undefined);
    expect(newMessagesSeparator(messages([VISITOR, AGENT.identity]), VISITOR, null)).to.equal(0);
    expect(newMessagesSeparator([], VISITOR, null)).to.equal(undefined);
  });
});
