import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_CUSTOMER } from '../../src/emulator/seed/demo-customer.js';
import { seedOrchestratorHistory } from '../../src/emulator/seed/orchestrator-seed.js';
import { basicAuth, options, startEmulator, type StartedEmulator } from './support.js';

const PROFILE_ID = 'mem_profile_' + '5'.repeat(26);

describe('Orchestrator conversations, participants and communications (seeded history)', () => {
  let started: StartedEmulator;
  let ids: Map<string, string>;
  let base: string;
  before(async () => {
    started = await startEmulator();
    base = `${started.running.url}/conversations/v2`;
    ids = seedOrchestratorHistory(started.emulator.orchestrator.store, DEMO_CUSTOMER, {
      memoryStoreId: options.memoryStoreId,
      profileId: PROFILE_ID,
    });
  });
  after(() => started.running.close());

  const v2 = () => started.twilioClient.conversations.v2;
  const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: basicAuth() } });
  const idOf = (key: string) => {
    const id = ids.get(key);
    assert.ok(id, `seeded ${key}`);
    return id;
  };

  test('the seeder returns every seed key and creates CLOSED conversations under a non-bridged configuration', async () => {
    assert.deepEqual([...ids.keys()], DEMO_CUSTOMER.conversations.map((conversation) => conversation.key));
    const call = await v2().conversations(idOf('late-delivery-call')).fetch();
    assert.match(call.id ?? '', /^conv_conversation_[0-7][0-9a-z]{25}$/);
    assert.equal(call.accountId, options.accountSid);
    assert.equal(call.status, 'CLOSED');
    assert.equal(call.createdAt?.toISOString(), '2026-10-02T16:05:00.000Z');
    assert.equal(call.updatedAt?.toISOString(), '2026-10-02T16:13:00.000Z');
    assert.equal(call.configuration?.conversationGroupingType, 'GROUP_BY_PROFILE');
    assert.equal(call.configuration?.conversationsV1Bridge, undefined);
    assert.deepEqual(Object.keys(call.configuration?.channelSettings ?? {}).sort(), ['SMS', 'VOICE']);

    const [customer, agent] = call.participants ?? [];
    assert.equal(customer?.type, 'CUSTOMER');
    assert.equal(customer?.name, 'Maya Chen');
    assert.equal(customer?.profileId, PROFILE_ID);
    assert.equal(customer?.addresses?.[0]?.channel, 'VOICE');
    assert.equal(customer?.addresses?.[0]?.address, DEMO_CUSTOMER.phone);
    assert.match(customer?.addresses?.[0]?.channelId ?? '', /^CA[0-9a-f]{32}$/);
    assert.equal(agent?.type, 'HUMAN_AGENT');
    assert.equal(agent?.name, 'Jordan');
    assert.equal(agent?.profileId, undefined, 'profiles are resolved for customers only');
  });

  test('the list filters by status and channelId, and its items are partial', async () => {
    const closed = await v2().conversations.list({ status: ['CLOSED'] });
    assert.deepEqual(closed.map((item) => item.id), [...ids.values()], 'oldest first');
    assert.equal(closed[0]?.participants, null, 'list items carry no participants; fetch for detail');
    assert.deepEqual(await v2().conversations.list({ status: ['ACTIVE', 'INACTIVE'] }), []);

    const callId = idOf('gift-subscription-call');
    const callSid = (await v2().participants(callId).list())[0]?.addresses?.[0]?.channelId ?? '';
    assert.deepEqual((await v2().conversations.list({ channelId: callSid })).map((item) => item.id), [callId]);

    const smsId = idOf('grind-change-sms');
    const messageSid = (await v2().communications(smsId).list())[1]?.resourceId ?? '';
    assert.match(messageSid, /^SM[0-9a-f]{32}$/);
    assert.deepEqual((await v2().conversations.list({ channelId: messageSid })).map((item) => item.id), [smsId]);
    assert.deepEqual(await v2().conversations.list({ channelId: 'CH' + '0'.repeat(32) }), []);

    const raw = (await (await get('/Conversations?status=CLOSED,ACTIVE&pageSize=2')).json()) as {
      conversations: Array<Record<string, unknown>>;
      meta: { key: string; pageSize: number; nextToken?: string };
    };
    assert.equal(raw.meta.key, 'conversations');
    assert.equal(raw.meta.pageSize, 2);
    assert.ok(raw.meta.nextToken);
    assert.deepEqual(Object.keys(raw.conversations[0] ?? {}).sort(), [
      'accountId',
      'configurationId',
      'createdAt',
      'id',
      'name',
      'status',
      'updatedAt',
    ]);
    const rest = (await (await get(`/Conversations?status=CLOSED&pageSize=2&pageToken=${raw.meta.nextToken}`)).json()) as {
      conversations: Array<{ id: string }>;
      meta: { nextToken?: string };
    };
    assert.deepEqual(rest.conversations.map((item) => item.id), [idOf('gift-subscription-call')]);
    assert.equal(rest.meta.nextToken, undefined);

    const bad = await get('/Conversations?status=OPEN');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { code: number }).code, 20001);
  });

  test('participants and communications list (paged) and fetch through the library', async () => {
    const callId = idOf('late-delivery-call');
    const participants = await v2().participants(callId).list({ pageSize: 1 });
    assert.deepEqual(participants.map((item) => item.type), ['CUSTOMER', 'HUMAN_AGENT']);
    const agent = await v2().participants(callId, participants[1]?.id ?? '').fetch();
    assert.equal(agent.name, 'Jordan');
    assert.equal(agent.conversationId, callId);

    const seed = DEMO_CUSTOMER.conversations[0];
    const communications = await v2().communications(callId).list({ pageSize: 3 });
    assert.deepEqual(communications.map((item) => item.content.text), seed.communications.map((line) => line.text));
    assert.deepEqual(
      communications.map((item) => item.occurredAt.toISOString()),
      seed.communications.map((line) => new Date(Date.parse(seed.startedAt) + line.atMinute * 60_000).toISOString()),
    );
    const first = communications[0];
    assert.equal(first?.content.type, 'TRANSCRIPTION');
    assert.equal(first?.author.channel, 'VOICE');
    assert.equal(first?.author.address, DEMO_CUSTOMER.phone);
    assert.equal(first?.author.participantId, participants[0]?.id);
    assert.equal(first?.recipients[0]?.participantId, participants[1]?.id);
    assert.equal(first?.channelId, participants[0]?.addresses?.[0]?.channelId, 'a call is one channel record');
    assert.equal(new Set(communications.map((item) => item.resourceId)).size, communications.length);

    const fetched = await v2().communications(callId, first?.id ?? '').fetch();
    assert.equal(fetched.id, first?.id);
    assert.equal(fetched.content.text, first?.content.text);

    const sms = await v2().communications(idOf('grind-change-sms')).list();
    assert.ok(sms.every((item) => item.content.type === 'TEXT' && item.channelId === item.resourceId));
    const onlyOne = await v2().communications(idOf('grind-change-sms')).list({ channelId: sms[2]?.channelId ?? '' });
    assert.deepEqual(onlyOne.map((item) => item.id), [sms[2]?.id]);
  });

  test('unknown conversations, participants and communications are 404 (20404)', async () => {
    const missing = `conv_conversation_${'0'.repeat(26)}`;
    const callId = idOf('late-delivery-call');
    for (const path of [
      `/Conversations/${missing}`,
      `/Conversations/${missing}/Participants`,
      `/Conversations/${missing}/Communications`,
      `/Conversations/${callId}/Participants/conv_participant_${'0'.repeat(26)}`,
      `/Conversations/${callId}/Communications/conv_communication_${'0'.repeat(26)}`,
    ]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      const body = (await response.json()) as { code: number; message: string };
      assert.equal(body.code, 20404);
      assert.match(body.message, /\/v2\/Conversations\//);
    }
    await assert.rejects(v2().conversations(missing).fetch(), { status: 404, code: 20404 });
  });
});
