import { expect, waitUntil } from '@open-wc/testing';
import { MAX_SEND_ATTEMPTS } from '../../src/widget/controllers/outbox.controller.js';
import { outboxKey } from '../../src/widget/outbox/outbox-entry.js';
import {
  BrowserOutboxStore,
  MAX_STORED_AGE_MS,
  MAX_STORED_ENTRIES,
  type OutboxStore,
} from '../../src/widget/outbox/outbox-store.js';
import { randomId } from '../../src/widget/outbox/random-id.js';
import { classifySendFailure } from '../../src/widget/outbox/send-failure.js';
import {
  type ChatRig,
  CONVERSATION_SID,
  createChatRig,
  FakeTransport,
  flush,
  type RigOptions,
  sequentialIds,
  tab,
  TwilioLikeError,
} from './support/fake-transport.js';

let databases = 0;

/** A store on a database of its own; `again()` opens it anew, as a reloaded page would. */
function freshStore(): { store: BrowserOutboxStore; again: () => BrowserOutboxStore } {
  const databaseName = `bridge-chat-outbox-test-${Date.now()}-${++databases}`;
  return { store: new BrowserOutboxStore({ databaseName }), again: () => new BrowserOutboxStore({ databaseName }) };
}

/** Waits for the store's writes so far: a read queues behind them. (A page closing mid-write loses that write.) */
async function written(store: OutboxStore): Promise<void> {
  await store.load('barrier');
}

async function connected(options: Partial<RigOptions> = {}): Promise<ChatRig> {
  const rig = createChatRig({ store: freshStore().store, ids: sequentialIds(), ...options });
  await rig.chat.connect();
  return rig;
}

function file(name: string, bytes = 10): File {
  return new File(['x'.repeat(bytes)], name, { type: 'text/plain' });
}

describe('OutboxController', () => {
  it('shows a message at once as pending and drops it when its echo arrives', async () => {
    const { outbox, transport, chat } = await connected();
    transport.holdNextSend();
    expect(outbox.send('hello', [])).to.equal(true);
    expect(outbox.pending.map((p) => [p.body, p.state])).to.deep.equal([['hello', 'queued']]);
    await waitUntil(() => transport.held.length === 1);
    expect(outbox.pending[0]?.state).to.equal('sending');
    expect(transport.held[0]?.message).to.deep.equal({ clientId: 'id-1', body: 'hello', files: [] });

    transport.held[0]?.store();
    await flush();
    expect(outbox.pending).to.deep.equal([]);
    expect(chat.messages.map((m) => [m.body, m.clientId])).to.deep.equal([['hello', 'id-1']]);
  });

  it('keeps a sent message pending until its echo, which may come late', async () => {
    const { outbox, transport, chat } = await connected();
    transport.echo = false;
    outbox.send('hello', []);
    await waitUntil(() => transport.stored.length === 1);
    await flush();
    expect(outbox.pending.map((p) => p.state)).to.deep.equal(['sending']);
    transport.redeliver(transport.stored[0]!);
    expect(outbox.pending).to.deep.equal([]);
    expect(chat.messages).to.have.length(1);
  });

  it('sends the text first, then each file as its own message, with progress', async () => {
    const { outbox, transport } = await connected();
    transport.holdNextSend();
    transport.holdNextSend();
    transport.holdNextSend();
    outbox.send('see these', [file('a.txt'), file('b.txt')]);
    expect(outbox.pending.map((p) => [p.body, p.file?.name])).to.deep.equal([
      ['see these', undefined],
      ['', 'a.txt'],
      ['', 'b.txt'],
    ]);
    expect(outbox.progress).to.deep.equal({ done: 0, total: 2 });
    await waitUntil(() => transport.held.length === 1);
    transport.held[0]?.store();
    await waitUntil(() => transport.held.length === 2);
    expect(outbox.progress).to.deep.equal({ done: 0, total: 2 });
    transport.held[1]?.store();
    await waitUntil(() => transport.held.length === 3);
    expect(outbox.progress).to.deep.equal({ done: 1, total: 2 });
    transport.held[2]?.store();
    await waitUntil(() => outbox.pending.length === 0);
    expect(outbox.progress).to.equal(undefined);
    expect(transport.visitorBodies()).to.deep.equal(['see these', 'a.txt', 'b.txt']);
    expect(transport.sendCalls.map((m) => m.files.map((f) => f.name))).to.deep.equal([[], ['a.txt'], ['b.txt']]);
  });

  it('sends one at a time, in creation order', async () => {
    const { outbox, transport } = await connected();
    transport.holdNextSend();
    outbox.send('one', []);
    await waitUntil(() => transport.held.length === 1);
    // Sent while "one" is on its way: they wait for it.
    outbox.send('two', []);
    outbox.send('three', []);
    await flush();
    expect(transport.sendCalls.map((m) => m.body)).to.deep.equal(['one']);
    transport.held[0]?.store();
    await waitUntil(() => outbox.pending.length === 0);
    expect(transport.visitorBodies()).to.deep.equal(['one', 'two', 'three']);
  });

  it('queues while offline and sends in order once the link is back', async () => {
    const { outbox, transport } = await connected();
    transport.setConnectionState('offline');
    outbox.send('one', []);
    outbox.send('two', []);
    await flush();
    expect(transport.sendCalls).to.deep.equal([]);
    expect(outbox.pending.map((p) => p.state)).to.deep.equal(['queued', 'queued']);
    transport.setConnectionState('connected');
    await waitUntil(() => outbox.pending.length === 0);
    expect(transport.visitorBodies()).to.deep.equal(['one', 'two']);
  });

  it('keeps a send that failed offline queued, and retries it when the link is back', async () => {
    const { outbox, transport } = await connected();
    transport.holdNextSend();
    outbox.send('one', []);
    outbox.send('two', []);
    await waitUntil(() => transport.held.length === 1);
    transport.setConnectionState('offline');
    transport.held[0]?.fail(new Error('socket closed'));
    await flush();
    expect(outbox.pending.map((p) => p.state)).to.deep.equal(['queued', 'queued']);
    transport.setConnectionState('connected');
    await waitUntil(() => outbox.pending.length === 0);
    expect(transport.visitorBodies()).to.deep.equal(['one', 'two']);
  });

  it('does not send again a message Twilio stored although its answer was lost', async () => {
    const { outbox, transport, chat } = await connected();
    transport.deliver('earlier');
    transport.loseNextAnswer();
    outbox.send('one', []);
    outbox.send('two', []);
    await waitUntil(() => transport.connectionState === 'offline');
    await flush();
    expect(outbox.pending.map((p) => [p.body, p.state])).to.deep.equal([
      ['one', 'queued'],
      ['two', 'queued'],
    ]);
    transport.setConnectionState('connected');
    await waitUntil(() => outbox.pending.length === 0);
    expect(transport.visitorBodies()).to.deep.equal(['one', 'two']);
    expect(transport.sendCalls.map((m) => m.body)).to.deep.equal(['one', 'two']);
    expect(chat.messages.map((m) => m.body)).to.deep.equal(['earlier', 'one', 'two']);
  });

  it('survives a reload: stored entries are checked against Twilio, then sent exactly once in order', async () => {
    const { store, again } = freshStore();
    const transport = new FakeTransport();
    transport.seed('agent-1');
    const first = await connected({ store, transport });
    transport.holdNextSend();
    first.outbox.send('one', []);
    first.outbox.send('two', []);
    first.outbox.send('three', []);
    await waitUntil(() => transport.held.length === 1);
    // The page goes away while "one" is on its way; Twilio stores it anyway, and the agent answers.
    await written(store);
    first.host.detach();
    transport.held[0]?.store();
    transport.storeUnheard('reply');

    // The snapshot holds only the reply: only the outbox's own check can find "one".
    transport.pageSize = 1;
    const second = createChatRig({ store: again(), transport, ids: sequentialIds('reloaded') });
    await second.chat.connect();
    await waitUntil(() => second.outbox.pending.length === 0 && transport.stored.length === 5, 'all sent');
    expect(transport.messagesAfterCalls).to.deep.equal([0]);
    expect(transport.sendCalls.map((m) => m.body)).to.deep.equal(['one', 'two', 'three']);
    expect(transport.visitorBodies()).to.deep.equal(['one', 'two', 'three']);
    // "one" is older than the page shown: it appears when paging back, not out of place.
    expect(second.chat.messages.map((m) => m.body)).to.deep.equal(['reply', 'two', 'three']);
  });

  it('shows entries restored on reload as pending until they are sent', async () => {
    const { store, again } = freshStore();
    const transport = new FakeTransport();
    const first = await connected({ store, transport });
    transport.setConnectionState('offline');
    first.outbox.send('kept', [file('photo.txt')]);
    await written(store);
    first.host.detach();

    transport.connectionState = 'offline';
    const second = createChatRig({ store: again(), transport });
    await second.chat.connect();
    await waitUntil(() => second.outbox.pending.length === 2, 'restored');
    expect(second.outbox.pending.map((p) => [p.body, p.file?.name, p.state])).to.deep.equal([
      ['kept', undefined, 'queued'],
      ['', 'photo.txt', 'queued'],
    ]);
    expect(second.outbox.pending[1]?.file).to.be.instanceOf(File);
    transport.setConnectionState('connected');
    await waitUntil(() => second.outbox.pending.length === 0);
    expect(transport.visitorBodies()).to.deep.equal(['kept', 'photo.txt']);
  });

  it('leaves the entries of another open tab to it, and adopts those of a closed one', async () => {
    const { store, again } = freshStore();
    const transport = new FakeTransport();
    const first = await connected({ store, transport, owner: tab('A', ['A']) });
    transport.setConnectionState('offline');
    first.outbox.send('from A', []);
    await written(store);

    const storeB = again();
    const whileOpen = createChatRig({ store: storeB, transport, owner: tab('B', ['A', 'B']) });
    await whileOpen.chat.connect();
    await written(storeB);
    await flush();
    expect(whileOpen.outbox.pending).to.deep.equal([]);
    whileOpen.host.detach();

    const afterClose = createChatRig({ store: again(), transport, owner: tab('C', ['C']) });
    transport.connectionState = 'connected';
    await afterClose.chat.connect();
    await waitUntil(() => transport.stored.length === 1, 'the orphaned entry is sent');
    expect(transport.visitorBodies()).to.deep.equal(['from A']);
  });

  it('fails a refused send at once, then retries or discards it on request', async () => {
    const { outbox, transport, host } = await connected();
    transport.failNextSend(new TwilioLikeError(50_511));
    outbox.send('refused', []);
    outbox.send('next', []);
    await waitUntil(() => transport.stored.length === 1);
    expect(outbox.pending.map((p) => [p.body, p.state])).to.deep.equal([['refused', 'failed']]);

    outbox.retry('id-1');
    await waitUntil(() => outbox.pending.length === 0);
    expect(transport.visitorBodies()).to.deep.equal(['next', 'refused']);

    transport.failNextSend(new TwilioLikeError(50_511));
    outbox.send('unwanted', []);
    await waitUntil(() => outbox.pending[0]?.state === 'failed');
    const updates = host.updates;
    outbox.discard('id-3');
    expect(outbox.pending).to.deep.equal([]);
    expect(host.updates).to.be.greaterThan(updates);
  });

  it('retries other failures with backoff and gives up after a few', async () => {
    const { outbox, transport, clock } = await connected();
    for (let i = 0; i < MAX_SEND_ATTEMPTS; i++) transport.failNextSend(new Error('timeout'));
    outbox.send('flaky', []);
    for (let attempt = 1; attempt < MAX_SEND_ATTEMPTS; attempt++) {
      await waitUntil(() => clock.pendingTimers > 0, `retry ${attempt} scheduled`);
      expect(outbox.pending[0]?.state).to.equal('queued');
      clock.advance(60_000);
    }
    await waitUntil(() => outbox.pending[0]?.state === 'failed');
    expect(transport.sendCalls).to.have.length(MAX_SEND_ATTEMPTS);
    outbox.retry('id-1');
    await waitUntil(() => outbox.pending.length === 0);
    expect(transport.visitorBodies()).to.deep.equal(['flaky']);
  });

  it('fails what is unsent when the conversation closes, and cannot retry it', async () => {
    const { outbox, transport } = await connected();
    transport.setConnectionState('offline');
    outbox.send('too late', []);
    transport.closeConversation();
    expect(outbox.pending.map((p) => p.state)).to.deep.equal(['failed']);
    outbox.send('after close', []);
    expect(outbox.pending.map((p) => p.state)).to.deep.equal(['failed', 'failed']);
    transport.setConnectionState('connected');
    outbox.retry('id-1');
    await flush();
    expect(transport.sendCalls).to.deep.equal([]);
    expect(outbox.pending.map((p) => p.state)).to.deep.equal(['failed', 'failed']);
  });

  it('sends nothing before a conversation is connected', () => {
    const rig = createChatRig({ store: new BrowserOutboxStore({ indexedDB: undefined }) });
    expect(rig.outbox.send('early', [])).to.equal(false);
    expect(rig.outbox.pending).to.deep.equal([]);
  });

  it('works without IndexedDB, and when it refuses to open', async () => {
    const refusing = {
      open(): IDBOpenDBRequest {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const stores = [new BrowserOutboxStore({ indexedDB: undefined }), new BrowserOutboxStore({ indexedDB: refusing })];
    for (const store of stores) {
      const { outbox, transport } = await connected({ store });
      transport.setConnectionState('offline');
      outbox.send('kept', []);
      expect(outbox.pending).to.have.length(1);
      transport.setConnectionState('connected');
      await waitUntil(() => outbox.pending.length === 0);
      expect(transport.visitorBodies()).to.deep.equal(['kept']);
    }
  });
});

describe('BrowserOutboxStore', () => {
  const conversation = outboxKey('http://companion.test', CONVERSATION_SID);

  function entry(clientId: string) {
    return {
      clientId,
      body: clientId,
      createdAt: new Date(),
      state: 'queued' as const,
      conversation,
      owner: 'page',
      order: 1,
      knownIndex: -1,
      stored: false,
      attempts: 0,
    };
  }

  it('persists entries per conversation and forgets deleted ones', async () => {
    const { store, again } = freshStore();
    await store.put(entry('a'));
    await store.put({ ...entry('b'), conversation: 'elsewhere' });
    await store.put(entry('c'));
    await store.delete(entry('c'));
    const reloaded: OutboxStore = again();
    expect((await reloaded.load(conversation)).map((e) => e.clientId)).to.deep.equal(['a']);
  });

  it('drops entries older than the age limit', async () => {
    const { store, again } = freshStore();
    await store.put({ ...entry('old'), createdAt: new Date(Date.now() - MAX_STORED_AGE_MS - 1) });
    await store.put(entry('new'));
    expect((await again().load(conversation)).map((e) => e.clientId)).to.deep.equal(['new']);
  });

  it('keeps entries beyond the cap in memory only', async () => {
    const { store, again } = freshStore();
    for (let i = 0; i <= MAX_STORED_ENTRIES; i++) await store.put(entry(`e${i}`));
    expect(await store.load(conversation)).to.have.length(MAX_STORED_ENTRIES + 1);
    expect(await again().load(conversation)).to.have.length(MAX_STORED_ENTRIES);
  });
});

describe('classifySendFailure', () => {
  it('tells offline, refused and transient failures apart', () => {
    expect(classifySendFailure(new TwilioLikeError(50_511), false)).to.equal('offline');
    expect(classifySendFailure(new TwilioLikeError(50_511), true)).to.equal('refused');
    expect(classifySendFailure({ status: 413 }, true)).to.equal('refused');
    expect(classifySendFailure(new TwilioLikeError(20_429), true)).to.equal('transient');
    expect(classifySendFailure({ status: 503 }, true)).to.equal('transient');
    expect(classifySendFailure(new Error('timeout'), true)).to.equal('transient');
  });
});

describe('randomId', () => {
  it('makes v4 UUIDs, also where crypto.randomUUID is missing (pages on plain http)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(randomId()).to.match(uuid);
    const original = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID');
    Object.defineProperty(Crypto.prototype, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = [randomId(), randomId()];
      expect(ids[0]).to.match(uuid);
      expect(ids[0]).to.not.equal(ids[1]);
    } finally {
      if (original) Object.defineProperty(Crypto.prototype, 'randomUUID', original);
    }
  });
});
