/**
 * Participants joining and leaving reach the others in realtime, as the SDK's
 * `participantJoined` / `participantLeft` conversation events: so a widget
 * learns the agent's name when the agent picks the chat up after it connected.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { EmulatorClient, type EmulatorConversation, type EmulatorParticipant } from '../../src/emulator/client/index.js';
import { SdkTransport } from '../../src/widget/transport/sdk-transport.js';
import type { ChatParticipant } from '../../src/widget/transport/transport.js';
import {
  initializedClient,
  installWebSocketGlobal,
  mintToken,
  nextValue,
  type RealtimeStack,
  startWithRealtime,
} from './support.js';

installWebSocketGlobal();

const openClients: EmulatorClient[] = [];
afterEach(async () => {
  await Promise.all(openClients.splice(0).map((client) => client.shutdown()));
});

const SAM = { identity: 'agent-sam', attributes: JSON.stringify({ friendlyName: 'Sam (Support)' }) };

const nextParticipantEvent = (conversation: EmulatorConversation, event: 'participantJoined' | 'participantLeft') =>
  nextValue<EmulatorParticipant>((deliver) => {
    conversation.on(event, deliver);
    return () => conversation.off(event, deliver);
  }, 3000, event);

/** Every join and leave a conversation object announces, in order. */
function rosterLog(conversation: EmulatorConversation): string[] {
  const log: string[] = [];
  conversation.on('participantJoined', (participant) => log.push(`joined ${participant.identity}`));
  conversation.on('participantLeft', (participant) => log.push(`left ${participant.identity}`));
  return log;
}

describe('realtime participants joining and leaving', () => {
  let started: RealtimeStack;
  before(async () => {
    started = await startWithRealtime();
  });
  after(() => started.close());

  async function conversationWith(identities: string[]): Promise<string> {
    const { sid } = await started.service.conversations.create({});
    for (const identity of identities) await started.service.conversations(sid).participants.create({ identity });
    return sid;
  }

  async function conversationFor(identity: string, conversationSid: string): Promise<EmulatorConversation> {
    const client = await initializedClient(identity, started.realtimeUrl);
    openClients.push(client);
    return client.getConversationBySid(conversationSid);
  }

  test('a participant added over REST reaches the others with its attributes, and leaving too', async () => {
    const conversationSid = await conversationWith(['visitor-join']);
    const visitor = await conversationFor('visitor-join', conversationSid);
    assert.deepEqual((await visitor.getParticipants()).map(({ identity }) => identity), ['visitor-join']);

    const joined = nextParticipantEvent(visitor, 'participantJoined');
    await started.service.conversations(conversationSid).participants.create(SAM);
    const sam = await joined;
    assert.equal(sam.identity, 'agent-sam');
    assert.deepEqual(sam.attributes, { friendlyName: 'Sam (Support)' });
    const participants = await visitor.getParticipants();
    assert.deepEqual(participants.map(({ identity }) => identity), ['visitor-join', 'agent-sam']);
    assert.equal(participants[1], sam, 'events and getParticipants hand out the same object');

    const left = nextParticipantEvent(visitor, 'participantLeft');
    await started.service.conversations(conversationSid).participants('agent-sam').remove();
    assert.equal(await left, sam);
    assert.deepEqual((await visitor.getParticipants()).map(({ identity }) => identity), ['visitor-join']);
  });

  test('the one who leaves hears nothing more; its typing ends for the others', async () => {
    const conversationSid = await conversationWith(['visitor-leave', 'agent-leave']);
    const visitor = await conversationFor('visitor-leave', conversationSid);
    const agent = await conversationFor('agent-leave', conversationSid);
    const atAgent = rosterLog(agent);

    const typingStarted = nextValue<EmulatorParticipant>((deliver) => {
      visitor.on('typingStarted', deliver);
      return () => visitor.off('typingStarted', deliver);
    }, 3000, 'typingStarted');
    await agent.typing();
    await typingStarted;

    const typingEnded = nextValue<EmulatorParticipant>((deliver) => {
      visitor.on('typingEnded', deliver);
      return () => visitor.off('typingEnded', deliver);
    }, 3000, 'typingEnded');
    const left = nextParticipantEvent(visitor, 'participantLeft');
    await started.service.conversations(conversationSid).participants('agent-leave').remove();
    assert.equal((await typingEnded).identity, 'agent-leave', 'typing ends at once, not after the timeout');
    assert.equal((await left).identity, 'agent-leave');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(atAgent, []);
  });

  test('joins and leaves missed while the connection was down are announced after the reconnect', async () => {
    const conversationSid = await conversationWith(['visitor-missed', 'agent-old']);
    const visitor = await conversationFor('visitor-missed', conversationSid);
    await visitor.getParticipants();
    const log = rosterLog(visitor);

    const caughtUp = nextParticipantEvent(visitor, 'participantJoined');
    started.realtime.dropAllSockets();
    const participants = started.service.conversations(conversationSid).participants;
    await participants('agent-old').remove();
    await participants.create(SAM);

    assert.deepEqual((await caughtUp).attributes, { friendlyName: 'Sam (Support)' });
    assert.deepEqual(log, ['left agent-old', 'joined agent-sam']);
  });

  test("the widget's adapter over the emulator client names an agent who joins after it connected", async () => {
    const conversationSid = await conversationWith(['visitor-widget']);
    // As the widget loads it: the adapter listens for `initialized` from the client's construction on.
    const client = new EmulatorClient(mintToken('visitor-widget'), { realtimeUrl: started.realtimeUrl });
    const transport = new SdkTransport(client, conversationSid, () => Promise.reject(new Error('no renewal here')));
    try {
      const snapshot = await transport.connect();
      assert.deepEqual(snapshot.participants.map(({ identity }) => identity), ['visitor-widget']);
      const named = nextValue<ChatParticipant>((deliver) => transport.onParticipantUpdated(deliver), 3000, 'agent named');
      await started.service.conversations(conversationSid).participants.create(SAM);
      assert.deepEqual(await named, { identity: 'agent-sam', name: 'Sam (Support)', lastReadIndex: null });
    } finally {
      await transport.close();
    }
  });
});
