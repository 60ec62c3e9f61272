import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  basicAuth,
  expectTwilioError,
  options,
  restError,
  startEmulator,
  type StartedEmulator,
} from './support.js';

describe('conversation participants: fetch, update, remove, paging', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  async function conversationWith(...identities: string[]) {
    const conversation = await started.service.conversations.create({});
    const api = started.service.conversations(conversation.sid);
    const participants = [];
    for (const identity of identities) participants.push(await api.participants.create({ identity }));
    return { sid: conversation.sid, api, participants };
  }

  test('fetches a participant by SID and by identity', async () => {
    const { api, participants } = await conversationWith('visitor-fetch');
    const [visitor] = participants;
    assert.ok(visitor);
    const bySid = await api.participants(visitor.sid).fetch();
    assert.equal(bySid.identity, 'visitor-fetch');
    assert.equal(bySid.url, visitor.url);
    const byIdentity = await api.participants('visitor-fetch').fetch();
    assert.equal(byIdentity.sid, visitor.sid);
    const missing = await restError(() => api.participants('MB' + '0'.repeat(32)).fetch());
    assert.equal(missing.status, 404);
    assert.equal(missing.code, 20404);
  });

  test('update sets the read horizon, attributes and identity', async () => {
    const { api, participants } = await conversationWith('visitor-read', 'agent-read');
    const [visitor] = participants;
    assert.ok(visitor);
    for (let n = 0; n < 3; n++) await api.messages.create({ author: 'agent-read', body: `m${n}` });

    const before = Date.now();
    const read = await api.participants(visitor.sid).update({ lastReadMessageIndex: 2 });
    assert.equal(read.lastReadMessageIndex, 2);
    const stamped = new Date(String(read.lastReadTimestamp)).getTime();
    assert.ok(stamped >= before - 1000 && stamped <= Date.now() + 1000, 'reading stamps the time');

    const explicit = await api.participants('visitor-read').update({
      lastReadMessageIndex: 1,
      lastReadTimestamp: '2026-01-02T03:04:05Z',
      attributes: '{"seen":true}',
    });
    assert.equal(explicit.lastReadMessageIndex, 1);
    assert.equal(explicit.lastReadTimestamp, '2026-01-02T03:04:05Z');
    assert.equal(explicit.attributes, '{"seen":true}');

    const renamed = await api.participants(visitor.sid).update({ identity: 'visitor-renamed' });
    assert.equal(renamed.identity, 'visitor-renamed');
    assert.equal(renamed.lastReadMessageIndex, 1, 'what the update does not name is kept');
    const clash = await restError(() => api.participants(visitor.sid).update({ identity: 'agent-read' }));
    assert.equal(clash.status, 409);
    assert.equal(clash.code, 50433);
    assert.equal((await api.participants(visitor.sid).fetch()).identity, 'visitor-renamed');
  });

  test('bad update parameters are 400s that change nothing', async () => {
    const { api, participants } = await conversationWith('visitor-bad');
    const [visitor] = participants;
    assert.ok(visitor);
    const url = `${started.running.url}/conversations/v1/Services/${options.serviceSid}/Conversations/${visitor.conversationSid}/Participants/${visitor.sid}`;
    const post = (body: string) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    for (const body of [
      'LastReadMessageIndex=-1',
      'LastReadMessageIndex=two',
      'LastReadTimestamp=yesterday',
      'Attributes={oops&LastReadMessageIndex=3',
    ]) {
      const error = await expectTwilioError(await post(body), 400, 20001);
      assert.match(error.message, /LastRead|Attributes/, body);
    }
    const unchanged = await api.participants(visitor.sid).fetch();
    assert.equal(unchanged.lastReadMessageIndex, null);
    assert.equal(unchanged.attributes, '{}');
  });

  test('remove answers 204; the identity can join again as a new participant', async () => {
    const { sid, api, participants } = await conversationWith('visitor-leave', 'agent-stay');
    const [visitor] = participants;
    assert.ok(visitor);
    const response = await fetch(
      `${started.running.url}/conversations/v1/Services/${options.serviceSid}/Conversations/${sid}/Participants/visitor-leave`,
      { method: 'DELETE', headers: { authorization: basicAuth() } },
    );
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');
    assert.deepEqual((await api.participants.list()).map((participant) => participant.identity), ['agent-stay']);
    assert.equal((await restError(() => api.participants(visitor.sid).remove())).code, 20404);

    const rejoined = await api.participants.create({ identity: 'visitor-leave' });
    assert.notEqual(rejoined.sid, visitor.sid);
  });

  test('list() and each() page through every participant', async () => {
    const identities = Array.from({ length: 7 }, (_, n) => `paged-${n}`);
    const { api } = await conversationWith(...identities);
    const listed = await api.participants.list({ pageSize: 3 });
    assert.deepEqual(listed.map((participant) => participant.identity), identities);
    const limited = await api.participants.list({ pageSize: 2, limit: 5 });
    assert.deepEqual(limited.map((participant) => participant.identity), identities.slice(0, 5));
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) =>
      api.participants.each({
        pageSize: 2,
        callback: (participant) => {
          seen.push(participant.identity);
        },
        done: (error?: Error) => (error ? reject(error) : resolve()),
      }),
    );
    assert.deepEqual(seen, identities);
  });
});
