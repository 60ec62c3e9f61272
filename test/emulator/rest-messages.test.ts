import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basicAuth, expectTwilioError, options, restError, startEmulator, type StartedEmulator } from './support.js';

describe('conversation messages: fetch, update, remove, paging', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  async function conversationWithMessages(count: number) {
    const conversation = await started.service.conversations.create({});
    const api = started.service.conversations(conversation.sid);
    await api.participants.create({ identity: 'visitor-m' });
    const messages = [];
    for (let n = 0; n < count; n++) messages.push(await api.messages.create({ author: 'agent-m', body: `m${n}` }));
    return { sid: conversation.sid, api, messages };
  }

  test('fetches a message by SID; unknown or malformed SIDs are 404s', async () => {
    const { api, messages } = await conversationWithMessages(2);
    const [, second] = messages;
    assert.ok(second);
    const fetched = await api.messages(second.sid).fetch();
    assert.equal(fetched.index, 1);
    assert.equal(fetched.body, 'm1');
    assert.equal(fetched.url, second.url);
    assert.equal((await restError(() => api.messages('IM' + 'a'.repeat(32)).fetch())).code, 20404);
    assert.equal((await restError(() => api.messages('not-a-sid').fetch())).status, 404);
  });

  test('update changes body, attributes and author (and with it participant_sid), keeping the index', async () => {
    const { api, messages } = await conversationWithMessages(1);
    const [message] = messages;
    assert.ok(message);
    assert.equal(message.participantSid, null);
    const edited = await api.messages(message.sid).update({ body: 'edited', attributes: '{"edited":true}' });
    assert.equal(edited.body, 'edited');
    assert.equal(edited.attributes, '{"edited":true}');
    assert.equal(edited.author, 'agent-m');
    assert.equal(edited.index, 0);
    const reassigned = await api.messages(message.sid).update({ author: 'visitor-m' });
    assert.equal(reassigned.body, 'edited');
    assert.match(reassigned.participantSid ?? '', /^MB/);

    const tooLong = await restError(() => api.messages(message.sid).update({ body: 'x'.repeat(32 * 1024 + 1) }));
    assert.equal(tooLong.code, 20001);
    assert.equal((await api.messages(message.sid).fetch()).body, 'edited');
  });

  test('remove answers 204; later messages keep their indices and new ones continue after the last', async () => {
    const { sid, api, messages } = await conversationWithMessages(3);
    const [, middle, last] = messages;
    assert.ok(middle && last);
    const response = await fetch(
      `${started.running.url}/conversations/v1/Services/${options.serviceSid}/Conversations/${sid}/Messages/${middle.sid}`,
      { method: 'DELETE', headers: { authorization: basicAuth(), 'x-twilio-webhook-enabled': 'true' } },
    );
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');
    assert.deepEqual((await api.messages.list()).map((message) => message.index), [0, 2]);
    assert.equal((await api.messages.create({ body: 'next' })).index, 3);
    const newest = await api.messages.create({ body: 'newest' });
    assert.ok(await api.messages(newest.sid).remove());
    assert.equal((await api.messages.create({ body: 'after removing the newest' })).index, 5, 'no index is reused');
    assert.ok(await api.messages(last.sid).remove());
    assert.equal((await restError(() => api.messages(middle.sid).remove())).code, 20404);
  });

  test('list() and each() follow pages to the end in both orders, with limits', async () => {
    const { api } = await conversationWithMessages(9);
    const all = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    assert.deepEqual((await api.messages.list({ pageSize: 4 })).map((message) => message.index), all);
    assert.deepEqual(
      (await api.messages.list({ pageSize: 4, order: 'desc' })).map((message) => message.index),
      [...all].reverse(),
    );
    assert.deepEqual(
      (await api.messages.list({ pageSize: 2, order: 'desc', limit: 5 })).map((message) => message.index),
      [8, 7, 6, 5, 4],
    );
    const seen: number[] = [];
    await new Promise<void>((resolve, reject) =>
      api.messages.each({
        pageSize: 2,
        order: 'desc',
        limit: 7,
        callback: (message) => {
          seen.push(message.index);
        },
        done: (error?: Error) => (error ? reject(error) : resolve()),
      }),
    );
    assert.deepEqual(seen, [8, 7, 6, 5, 4, 3, 2]);
  });

  test('a message needs a Body or a MediaSid; raw checks of the 201 and the error body', async () => {
    const { sid } = await conversationWithMessages(0);
    const url = `${started.running.url}/conversations/v1/Services/${options.serviceSid}/Conversations/${sid}/Messages`;
    const post = (body: string) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const missing = await expectTwilioError(await post('Author=agent'), 400, 20001);
    assert.match(missing.message, /Body or MediaSid/);
    const created = await post('Body=hello&Attributes=%7B%22a%22%3A1%7D');
    assert.equal(created.status, 201);
    assert.match(created.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await created.json()) as Record<string, unknown>;
    assert.equal(body['media'], null);
    assert.equal(body['attributes'], '{"a":1}');
    assert.equal(body['author'], 'system');
  });
});
