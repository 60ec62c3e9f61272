import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basicAuth, expectTwilioError, options, startEmulator, type StartedEmulator } from './support.js';

describe('ParticipantConversations (twilio library + raw HTTP)', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  test("lists every conversation of an identity, with its state, across pages", async () => {
    const { service } = started;
    const mine: string[] = [];
    for (const name of ['first', 'second', 'third']) {
      const conversation = await service.conversations.create({ friendlyName: name, attributes: '{"n":1}' });
      await service.conversations(conversation.sid).participants.create({ identity: 'returning-user' });
      mine.push(conversation.sid);
    }
    const someoneElse = await service.conversations.create();
    await service.conversations(someoneElse.sid).participants.create({ identity: 'another-user' });
    await service.conversations(mine[0]!).update({ state: 'closed' });

    const listed = await service.participantConversations.list({ identity: 'returning-user', pageSize: 2 });
    assert.deepEqual(listed.map((item) => item.conversationSid), mine);
    assert.deepEqual(listed.map((item) => item.conversationState), ['closed', 'active', 'active']);
    assert.equal(listed[1]!.participantIdentity, 'returning-user');
    assert.equal(listed[1]!.conversationFriendlyName, 'second');
    assert.equal(listed[1]!.conversationAttributes, '{"n":1}');
    assert.deepEqual(await service.participantConversations.list({ identity: 'nobody' }), []);
  });

  test('needs Identity or Address', async () => {
    const response = await fetch(
      `${started.running.url}/conversations/v1/Services/${options.serviceSid}/ParticipantConversations`,
      { headers: { authorization: basicAuth() } },
    );
    await expectTwilioError(response, 400, 20001);
  });
});
