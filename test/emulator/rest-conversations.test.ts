import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import twilio from 'twilio';
import { EmulatorHttpClient } from '../../src/server/twilio/emulator-http-client.js';
import { basicAuth, options, restError, startEmulator, twilioClientFor, type StartedEmulator } from './support.js';

/** Records every request (method and URL) the twilio library makes, to prove it really paged. */
class RecordingHttpClient extends EmulatorHttpClient {
  readonly requests: string[] = [];

  override request<TData>(opts: Parameters<EmulatorHttpClient['request']>[0] & { data?: TData }) {
    this.requests.push(`${opts.method.toUpperCase()} ${opts.uri}`);
    return super.request<TData>(opts);
  }
}

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('Conversations v1 REST through the official twilio library', () => {
  let started: StartedEmulator;
  before(async () => {
    started = await startEmulator();
  });
  after(() => started.running.close());

  test('creates a conversation with Twilio defaults and fetches it by SID and by unique name', async () => {
    const created = await started.service.conversations.create({
      friendlyName: 'Support chat',
      uniqueName: 'visitor-42',
    });
    assert.match(created.sid, /^CH[0-9a-f]{32}$/);
    assert.equal(created.accountSid, options.accountSid);
    assert.equal(created.chatServiceSid, options.serviceSid);
    assert.match(created.messagingServiceSid, /^MG[0-9a-f]{32}$/);
    assert.equal(created.friendlyName, 'Support chat');
    assert.equal(created.uniqueName, 'visitor-42');
    assert.equal(created.attributes, '{}');
    assert.equal(created.state, 'active');
    assert.ok(created.dateCreated instanceof Date && !Number.isNaN(created.dateCreated.getTime()));
    const conversationUrl =
      `https://conversations.twilio.com/v1/Services/${options.serviceSid}/Conversations/${created.sid}`;
    assert.equal(created.url, conversationUrl);
    assert.deepEqual(created.links, {
      participants: `${conversationUrl}/Participants`,
      messages: `${conversationUrl}/Messages`,
      webhooks: `${conversationUrl}/Webhooks`,
    });

    const bySid = await started.service.conversations(created.sid).fetch();
    assert.equal(bySid.uniqueName, 'visitor-42');
    const byUniqueName = await started.service.conversations('visitor-42').fetch();
    assert.equal(byUniqueName.sid, created.sid);
  });

  test('sends the raw resource in snake_case with whole-second ISO dates', async () => {
    const created = await started.service.conversations.create({ attributes: '{"topic":"billing"}', state: 'inactive' });
    const path = `/conversations/v1/Services/${options.serviceSid}/Conversations/${created.sid}`;
    const response = await fetch(`${started.running.url}${path}`, { headers: { authorization: basicAuth() } });
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), [
      'account_sid', 'attributes', 'bindings', 'chat_service_sid', 'date_created', 'date_updated', 'friendly_name',
      'links', 'messaging_service_sid', 'sid', 'state', 'timers', 'unique_name', 'url',
    ]);
    assert.match(String(body['date_created']), ISO_SECONDS);
    assert.equal(body['attributes'], '{"topic":"billing"}');
    assert.equal(body['state'], 'inactive');
    assert.equal(body['unique_name'], null);
  });

  test('refuses a second conversation with the same unique name (409, 50353)', async () => {
    await started.service.conversations.create({ uniqueName: 'taken-name' });
    const error = await restError(() => started.service.conversations.create({ uniqueName: 'taken-name' }));
    assert.equal(error.status, 409);
    assert.equal(error.code, 50353);
    assert.equal(error.moreInfo, 'https://www.twilio.com/docs/errors/50353');
  });

  test('updates a conversation, e.g. closing it', async () => {
    const created = await started.service.conversations.create({ friendlyName: 'to close' });
    const closed = await started.service.conversations(created.sid).update({ state: 'closed' });
    assert.equal(closed.state, 'closed');
    assert.equal((await started.service.conversations(created.sid).fetch()).state, 'closed');
  });

  test('list() follows pages to the end and each() sees every conversation', async () => {
    const client = new RecordingHttpClient(started.running.url);
    const service = twilio(options.apiKey, options.apiSecret, { accountSid: options.accountSid, httpClient: client })
      .conversations.v1.services(options.serviceSid);
    const names = ['page-a', 'page-b', 'page-c', 'page-d', 'page-e'];
    for (const uniqueName of names) await service.conversations.create({ uniqueName });

    const listed = await service.conversations.list({ pageSize: 2 });
    const all = await started.service.conversations.list();
    assert.equal(listed.length, all.length);
    assert.ok(names.every((name) => listed.some((conversation) => conversation.uniqueName === name)));
    assert.equal(new Set(listed.map((conversation) => conversation.sid)).size, listed.length, 'no conversation twice');
    // The first request carries its query separately; the later ones are next_page_url as Twilio sent it.
    const listRequests = client.requests.filter((request) => /^GET .*\/Conversations(\?|$)/.test(request));
    assert.equal(listRequests.length, Math.ceil(all.length / 2));
    const followedNextPageUrls = listRequests.slice(1).every((request) => request.includes('PageToken='));
    assert.ok(followedNextPageUrls, 'later pages follow next_page_url');

    const seen: string[] = [];
    await service.conversations.each({ pageSize: 3 }, (conversation) => {
      seen.push(conversation.sid);
    });
    assert.deepEqual(seen, all.map((conversation) => conversation.sid));
  });

  test('adds participants and refuses the same identity twice (409, 50433)', async () => {
    const conversation = await started.service.conversations.create({});
    const participants = started.service.conversations(conversation.sid).participants;
    const visitor = await participants.create({ identity: 'visitor-1', attributes: '{"vip":true}' });
    assert.match(visitor.sid, /^MB[0-9a-f]{32}$/);
    assert.equal(visitor.identity, 'visitor-1');
    assert.equal(visitor.conversationSid, conversation.sid);
    assert.equal(visitor.attributes, '{"vip":true}');
    assert.match(visitor.roleSid, /^RL[0-9a-f]{32}$/);
    assert.equal(visitor.lastReadMessageIndex, null);
    await participants.create({ identity: 'agent-1' });

    const error = await restError(() => participants.create({ identity: 'visitor-1' }));
    assert.equal(error.status, 409);
    assert.equal(error.code, 50433);

    const listed = await participants.list();
    assert.deepEqual(listed.map((participant) => participant.identity), ['visitor-1', 'agent-1']);
  });

  test('posts messages with increasing indices and pages through them in both orders', async () => {
    const conversation = await started.service.conversations.create({});
    const conversationApi = started.service.conversations(conversation.sid);
    const visitor = await conversationApi.participants.create({ identity: 'visitor-7' });

    const first = await conversationApi.messages.create({ body: 'hello' });
    assert.equal(first.index, 0);
    assert.equal(first.author, 'system');
    assert.equal(first.attributes, '{}');
    assert.equal(first.participantSid, null);
    assert.match(first.sid, /^IM[0-9a-f]{32}$/);
    const fromVisitor = await conversationApi.messages.create({
      author: 'visitor-7',
      body: 'hi',
      attributes: '{"clientId":"c1"}',
    });
    assert.equal(fromVisitor.index, 1);
    assert.equal(fromVisitor.participantSid, visitor.sid);
    assert.equal(fromVisitor.attributes, '{"clientId":"c1"}');
    for (let n = 2; n < 7; n++) await conversationApi.messages.create({ author: 'agent', body: `message ${n}` });

    const ascending = await conversationApi.messages.list({ pageSize: 2 });
    assert.deepEqual(ascending.map((message) => message.index), [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(ascending[6]?.body, 'message 6');
    const descending = await conversationApi.messages.list({ pageSize: 3, order: 'desc' });
    assert.deepEqual(descending.map((message) => message.index), [6, 5, 4, 3, 2, 1, 0]);
    const limited = await conversationApi.messages.list({ pageSize: 2, limit: 3 });
    assert.deepEqual(limited.map((message) => message.index), [0, 1, 2]);
  });

  test('a descending page stays put when newer messages arrive between pages', async () => {
    const conversation = await started.service.conversations.create({});
    const messages = started.service.conversations(conversation.sid).messages;
    for (let n = 0; n < 5; n++) await messages.create({ body: `m${n}` });
    const firstPage = await messages.page({ pageSize: 2, order: 'desc' });
    assert.deepEqual(firstPage.instances.map((message) => message.index), [4, 3]);
    await messages.create({ body: 'late arrival' });
    const secondPage = await firstPage.nextPage();
    assert.ok(secondPage);
    assert.deepEqual(secondPage.instances.map((message) => message.index), [2, 1]);
  });

  test('unknown conversations and services are Twilio 404s (20404)', async () => {
    const missing = await restError(() => started.service.conversations('CH' + 'f'.repeat(32)).fetch());
    assert.equal(missing.status, 404);
    assert.equal(missing.code, 20404);
    const noSuchName = await restError(() => started.service.conversations('no-such-name').messages.list());
    assert.equal(noSuchName.code, 20404);
    const otherService = await restError(() =>
      started.twilioClient.conversations.v1.services('IS' + '9'.repeat(32)).conversations.list(),
    );
    assert.equal(otherService.code, 20404);
  });

  test('invalid parameters are 400s (20001) naming the parameter', async () => {
    const conversation = await started.service.conversations.create({});
    const messages = started.service.conversations(conversation.sid).messages;
    const noBody = await restError(() => messages.create({ author: 'agent' }));
    assert.equal(noBody.status, 400);
    assert.equal(noBody.code, 20001);
    assert.match(noBody.message, /Body/);
    const badState = await restError(() => started.service.conversations.create({ state: 'archived' as 'closed' }));
    assert.equal(badState.code, 20001);
    assert.match(badState.message, /State/);
    const badAttributes = await restError(() => started.service.conversations.create({ attributes: '{not json' }));
    assert.equal(badAttributes.code, 20001);
    assert.match(badAttributes.message, /Attributes/);
    const noIdentity = await restError(() => started.service.conversations(conversation.sid).participants.create({}));
    assert.equal(noIdentity.code, 20001);
    assert.match(noIdentity.message, /Identity/);
  });

  test('the wrong API secret is a 401 (20003)', async () => {
    const intruder = twilioClientFor(started.running.url, 'not-the-secret');
    const error = await restError(() => intruder.conversations.v1.services(options.serviceSid).conversations.list());
    assert.equal(error.status, 401);
    assert.equal(error.code, 20003);
  });
});
