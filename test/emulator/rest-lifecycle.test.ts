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

const MINUTE = 60_000;

/** Milliseconds between an ISO date on the wire and `from`. */
const msAfter = (wireDate: unknown, from: Date) => new Date(String(wireDate)).getTime() - from.getTime();

describe('conversation update, timers, closing and delete (twilio library + raw HTTP)', () => {
  let started: StartedEmulator;
  let conversationsUrl: string;
  before(async () => {
    started = await startEmulator();
    conversationsUrl = `${started.running.url}/conversations/v1/Services/${options.serviceSid}/Conversations`;
  });
  after(() => started.running.close());

  const send = (method: string, url: string, body?: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method,
      headers: { authorization: basicAuth(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });

  test('update changes attributes, names and state, and keeps what it is not given', async () => {
    const created = await started.service.conversations.create({ friendlyName: 'before', uniqueName: 'rename-me' });
    const updated = await started.service.conversations(created.sid).update({
      attributes: '{"priority":"high"}',
      uniqueName: 'renamed',
      state: 'inactive',
    });
    assert.equal(updated.attributes, '{"priority":"high"}');
    assert.equal(updated.friendlyName, 'before');
    assert.equal(updated.state, 'inactive');
    assert.ok(updated.dateUpdated.getTime() >= created.dateUpdated.getTime());
    assert.equal((await started.service.conversations('renamed').fetch()).sid, created.sid);
    const oldName = await restError(() => started.service.conversations('rename-me').fetch());
    assert.equal(oldName.status, 404);
    // The old name is free again.
    await started.service.conversations.create({ uniqueName: 'rename-me' });
  });

  test('update tolerates X-Twilio-Webhook-Enabled and refuses a taken unique name without changing anything', async () => {
    await started.service.conversations.create({ uniqueName: 'already-taken' });
    const target = await started.service.conversations.create({ friendlyName: 'unchanged' });
    const withHeader = await send(
      'POST',
      `${conversationsUrl}/${target.sid}`,
      'FriendlyName=via+raw+HTTP',
      { 'x-twilio-webhook-enabled': 'true' },
    );
    assert.equal(withHeader.status, 200);
    assert.equal(((await withHeader.json()) as { friendly_name: string }).friendly_name, 'via raw HTTP');

    const clash = await restError(() =>
      started.service.conversations(target.sid).update({ uniqueName: 'already-taken', friendlyName: 'changed?' }),
    );
    assert.equal(clash.status, 409);
    assert.equal(clash.code, 50353);
    assert.equal((await started.service.conversations(target.sid).fetch()).friendlyName, 'via raw HTTP');
  });

  test('timers appear on the wire as {date_inactive, date_closed}, counted from the update', async () => {
    const created = await started.service.conversations.create({});
    assert.deepEqual(created.timers, {});
    const before = new Date();
    const timed = await started.service.conversations(created.sid).update({
      'timers.inactive': 'PT5M',
      'timers.closed': 'P1DT2H',
    });
    const inactiveIn = msAfter(timed.timers.date_inactive, before);
    const closedIn = msAfter(timed.timers.date_closed, before);
    assert.ok(Math.abs(inactiveIn - 5 * MINUTE) < 2000, `date_inactive ${inactiveIn} ms away`);
    assert.ok(Math.abs(closedIn - 26 * 60 * MINUTE) < 2000, `date_closed ${closedIn} ms away`);
    assert.match(String(timed.timers.date_inactive), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    // An inactive conversation has no inactive timer pending; PT0S removes a timer.
    const inactive = await started.service.conversations(created.sid).update({ state: 'inactive' });
    assert.deepEqual(Object.keys(inactive.timers), ['date_closed']);
    const cleared = await started.service.conversations(created.sid).update({ 'timers.closed': 'PT0S' });
    assert.deepEqual(cleared.timers, {});

    const createdWithTimers = await started.service.conversations.create({ 'timers.inactive': 'PT1M' });
    assert.deepEqual(Object.keys(createdWithTimers.timers), ['date_inactive']);
  });

  test('timers below Twilio minimums or not ISO 8601 durations get Twilio codes', async () => {
    const conversation = await started.service.conversations.create({});
    const update = (params: Record<string, string>) => () => started.service.conversations(conversation.sid).update(params);
    const cases: [Record<string, string>, number][] = [
      [{ 'timers.inactive': 'PT59S' }, 50375],
      [{ 'timers.closed': 'PT9M' }, 50376],
      [{ 'timers.inactive': '5 minutes' }, 50379],
      [{ 'timers.closed': 'PT' }, 50380],
    ];
    for (const [params, code] of cases) {
      const error = await restError(update(params));
      assert.equal(error.status, 400, JSON.stringify(params));
      assert.equal(error.code, code, JSON.stringify(params));
    }
    const rejectedOnCreate = await restError(() => started.service.conversations.create({ 'timers.inactive': 'PT1S' }));
    assert.equal(rejectedOnCreate.code, 50375);
    assert.deepEqual((await started.service.conversations(conversation.sid).fetch()).timers, {});
  });

  test('a message wakes an inactive conversation', async () => {
    const conversation = await started.service.conversations.create({ state: 'inactive' });
    await started.service.conversations(conversation.sid).messages.create({ body: 'anyone there?' });
    assert.equal((await started.service.conversations(conversation.sid).fetch()).state, 'active');
  });

  test('a closed conversation refuses messages, participants and updates (50377) but can be read and deleted', async () => {
    const conversation = await started.service.conversations.create({ uniqueName: 'closing-time' });
    const api = started.service.conversations(conversation.sid);
    await api.participants.create({ identity: 'visitor-closed' });
    await api.messages.create({ body: 'last words' });
    await api.update({ state: 'closed' });

    for (const call of [
      () => api.messages.create({ body: 'too late' }),
      () => api.participants.create({ identity: 'latecomer' }),
      () => api.update({ state: 'active' }),
      () => api.update({ friendlyName: 'renamed after closing' }),
    ]) {
      const error = await restError(call);
      assert.equal(error.status, 400);
      assert.equal(error.code, 50377);
    }
    assert.equal((await api.messages.list()).length, 1);
    assert.equal((await api.participants.list()).length, 1);
    assert.equal((await api.fetch()).state, 'closed');

    const listedClosed = await started.service.conversations.list({ state: 'closed' });
    assert.ok(listedClosed.some((item) => item.sid === conversation.sid));
    assert.ok(listedClosed.every((item) => item.state === 'closed'));
    assert.ok(await api.remove());
  });

  test('DELETE answers 204 with no body and takes participants, messages and the unique name with it', async () => {
    const conversation = await started.service.conversations.create({ uniqueName: 'short-lived' });
    const api = started.service.conversations(conversation.sid);
    await api.participants.create({ identity: 'visitor-gone' });
    const message = await api.messages.create({ body: 'soon gone' });

    const response = await send('DELETE', `${conversationsUrl}/short-lived`, undefined, {
      'x-twilio-webhook-enabled': 'false',
    });
    assert.equal(response.status, 204);
    assert.equal(await response.text(), '');

    await expectTwilioError(await send('GET', `${conversationsUrl}/${conversation.sid}`), 404, 20404);
    await expectTwilioError(await send('GET', `${conversationsUrl}/${conversation.sid}/Participants`), 404, 20404);
    await expectTwilioError(await send('GET', `${conversationsUrl}/${conversation.sid}/Messages/${message.sid}`), 404, 20404);
    await expectTwilioError(await send('DELETE', `${conversationsUrl}/${conversation.sid}`), 404, 20404);
    const reused = await started.service.conversations.create({ uniqueName: 'short-lived' });
    assert.notEqual(reused.sid, conversation.sid);
  });

  test('a bad State filter is a 400 and list paging keeps the filter in next_page_url', async () => {
    await expectTwilioError(await send('GET', `${conversationsUrl}?State=archived`), 400, 20001);
    for (let n = 0; n < 3; n++) await started.service.conversations.create({ state: 'inactive' });
    const response = await send('GET', `${conversationsUrl}?State=inactive&PageSize=2`);
    const body = (await response.json()) as { conversations: { state: string }[]; meta: { next_page_url: string } };
    assert.ok(body.conversations.every((conversation) => conversation.state === 'inactive'));
    assert.match(body.meta.next_page_url, /State=inactive/);
    const all = await started.service.conversations.list({ state: 'inactive', pageSize: 2 });
    assert.ok(all.length >= 3 && all.every((conversation) => conversation.state === 'inactive'));
  });
});
