import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_CUSTOMER } from '../../src/emulator/index.js';
import { bridgeService, options, startEmulator, type StartedEmulator, waitFor } from './support.js';

describe('demo seed', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator({ seed: true });
  });
  after(() => started.running.close());

  test('the returning customer has a profile with traits, found by phone and email', async () => {
    const memory = started.twilioClient.memory.v1;
    const byPhone = await memory.lookup(options.memoryStoreId).create({ idType: 'phone', value: DEMO_CUSTOMER.phone });
    const byEmail = await memory.lookup(options.memoryStoreId).create({ idType: 'email', value: DEMO_CUSTOMER.email });
    assert.equal(byPhone.profiles.length, 1);
    assert.deepEqual(byEmail.profiles, byPhone.profiles);
    const profileId = byPhone.profiles[0]!;
    const profile = await memory.profiles(options.memoryStoreId, profileId).fetch({ traitGroups: 'Contact,Loyalty' });
    assert.deepEqual(Object.keys(profile.traits ?? {}).sort(), ['Contact', 'Loyalty']);
    assert.equal((profile.traits as { Contact: { firstName: string } }).Contact.firstName, 'Maya');
  });

  test('her past calls and texts are closed Orchestrator conversations with summaries and observations', async () => {
    const memory = started.twilioClient.memory.v1;
    const [profileId] = (await memory.lookup(options.memoryStoreId).create({ idType: 'phone', value: DEMO_CUSTOMER.phone })).profiles;
    const v2 = started.twilioClient.conversations.v2;
    const closed = await v2.conversations.list({ status: ['CLOSED'] });
    assert.equal(closed.length, DEMO_CUSTOMER.conversations.length);

    const channels: string[] = [];
    for (const conversation of closed) {
      const participants = await v2.participants(conversation.id!).list();
      const customer = participants.find((participant) => participant.type === 'CUSTOMER');
      assert.equal(customer?.profileId, profileId);
      channels.push(customer!.addresses![0]!.channel);
      assert.ok((await v2.communications(conversation.id!).list()).length >= 3);
    }
    assert.deepEqual(channels.sort(), ['SMS', 'VOICE', 'VOICE']);

    const summaries = await memory.conversationSummaries(options.memoryStoreId, profileId!).list();
    assert.deepEqual(
      summaries.map((summary) => summary.conversationId).sort(),
      closed.map((conversation) => conversation.id).sort(),
    );
    const observations = await memory.observations(options.memoryStoreId, profileId!).list();
    assert.equal(observations.length, DEMO_CUSTOMER.observations.length);
  });

  test('with GROUP_BY_PROFILE, her bridged chat shares the seeded profile', async () => {
    await bridgeService(started.twilioClient, 'GROUP_BY_PROFILE');
    const chat = await started.service.conversations.create();
    await started.service.conversations(chat.sid).participants.create({ identity: DEMO_CUSTOMER.chatIdentity });
    const v2 = started.twilioClient.conversations.v2;
    const customer = await waitFor(async () => {
      const [mirrored] = await v2.conversations.list({ channelId: chat.sid });
      if (!mirrored) return undefined;
      return (await v2.participants(mirrored.id!).list()).find((participant) => participant.type === 'CUSTOMER');
    }, 'the bridged chat');
    const [profileId] = (
      await started.twilioClient.memory.v1.lookup(options.memoryStoreId).create({ idType: 'phone', value: DEMO_CUSTOMER.phone })
    ).profiles;
    assert.equal(customer.profileId, profileId);
    assert.deepEqual(customer.addresses?.map((address) => ({ ...address })), [{ channel: 'CHAT', address: DEMO_CUSTOMER.chatIdentity, channelId: chat.sid }]);
  });
});
