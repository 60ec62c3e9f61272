import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type twilio from 'twilio';
import { createEmulator } from '../../src/emulator/index.js';
import { basicAuth, options, startEmulator, twilioClientFor, type StartedEmulator } from './support.js';

type Client = twilio.Twilio;
type OperationStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

const UNKNOWN_SERVICE = 'IS' + 'a'.repeat(32);

/** A valid create body; `overrides` replace or add fields. */
const configurationBody = (overrides: Record<string, unknown> = {}) => ({
  displayName: 'support-config',
  description: 'Support traffic',
  conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES',
  memoryStoreId: options.memoryStoreId,
  ...overrides,
});

const operationIdOf = (statusUrl: string) => statusUrl.slice(statusUrl.lastIndexOf('/') + 1);

/** What a 202 told the library: where to poll and which configuration it is about. */
function acceptedOf(instance: { statusUrl?: string; related?: Record<string, string> }) {
  assert.ok(instance.statusUrl && instance.related?.['configurationId'], 'a 202 body with statusUrl and related');
  return { statusUrl: instance.statusUrl, configurationId: instance.related['configurationId'] };
}

/** Polls an operation until it is COMPLETED or FAILED; returns the statuses seen, in order, and the last poll. */
async function settle(client: Client, statusUrl: string, timeoutMs = 3000) {
  const seen: OperationStatus[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const operation = await client.conversations.v2.operations(operationIdOf(statusUrl)).fetch();
    const status = operation.status as OperationStatus;
    if (seen.at(-1) !== status) seen.push(status);
    if (status === 'COMPLETED' || status === 'FAILED') return { operation, seen };
    if (Date.now() > deadline) throw new Error(`operation still ${status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Asserts a Twilio-form JSON error and returns it. */
async function expectError(response: Response, status: number, code: number) {
  assert.equal(response.status, status);
  const body = (await response.json()) as { code: number; message: string; more_info: string; status: number };
  assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'more_info', 'status']);
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  return body;
}

describe('Orchestrator ControlPlane configurations and operations', () => {
  let started: StartedEmulator;
  let client: Client;
  let base: string;
  before(async () => {
    started = await startEmulator();
    client = started.twilioClient;
    base = `${started.running.url}/conversations/v2`;
  });
  after(() => started.running.close());

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: basicAuth(), 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  /** Creates a configuration and waits until it is effective; returns its ID. */
  async function createConfiguration(overrides: Record<string, unknown> = {}): Promise<string> {
    const accepted = acceptedOf(await client.conversations.v2.configurations.create(configurationBody(overrides) as never));
    const { operation } = await settle(client, accepted.statusUrl);
    assert.equal(operation.status, 'COMPLETED', JSON.stringify(operation.error));
    return accepted.configurationId;
  }

  test('create answers 202 with Operation-Id, Retry-After and Location, and a slim body', async () => {
    const response = await send('POST', '/ControlPlane/Configurations', configurationBody({ displayName: 'raw-create' }));
    assert.equal(response.status, 202);
    const body = (await response.json()) as { statusUrl: string; related: { configurationId: string } };
    assert.deepEqual(Object.keys(body).sort(), ['related', 'statusUrl']);
    const operationId = response.headers.get('operation-id') ?? '';
    assert.match(operationId, /^proc_job_[0-7][0-9a-z]{25}$/);
    assert.equal(body.statusUrl, `https://conversations.twilio.com/v2/ControlPlane/Operations/${operationId}`);
    assert.equal(response.headers.get('location'), body.statusUrl);
    assert.match(response.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
    assert.match(body.related.configurationId, /^conv_configuration_[0-7][0-9a-z]{25}$/);
    const { operation } = await settle(client, body.statusUrl);
    assert.equal(operation.status, 'COMPLETED');
    assert.deepEqual(operation.related, { configurationId: body.related.configurationId });
    assert.equal(operation.error, null);
    assert.ok(operation.completedAt instanceof Date && !Number.isNaN(operation.completedAt.getTime()));
  });

  test('create, fetch, replace (PUT) and delete through the twilio library', async () => {
    const v2 = client.conversations.v2;
    const id = await createConfiguration({
      displayName: 'library-config',
      channelSettings: { SMS: { statusTimeouts: { inactive: 10, closed: 15 }, captureRules: [{ from: '+15555550100', to: '*' }] } },
      statusCallbacks: [{ url: 'https://example.com/orchestrator' }],
    });

    const fetched = await v2.configurations(id).fetch();
    assert.equal(fetched.id, id);
    assert.equal(fetched.displayName, 'library-config');
    assert.equal(fetched.conversationGroupingType, 'GROUP_BY_PARTICIPANT_ADDRESSES');
    assert.equal(fetched.memoryStoreId, options.memoryStoreId);
    assert.deepEqual(fetched.channelSettings, {
      SMS: { statusTimeouts: { inactive: 10, closed: 15 }, captureRules: [{ from: '+15555550100', to: '*' }] },
    });
    assert.deepEqual(fetched.statusCallbacks?.map((callback) => ({ ...callback })), [
      { url: 'https://example.com/orchestrator', method: 'POST' },
    ]);
    assert.equal(fetched.memoryExtractionEnabled, false);
    assert.equal(fetched.version, 1);

    const replaced = acceptedOf(await v2.configurations(id).update({
      description: 'Replaced',
      conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES',
      memoryStoreId: options.memoryStoreId,
      channelSettings: {},
    }));
    assert.equal((await settle(client, replaced.statusUrl)).operation.status, 'COMPLETED');
    const afterReplace = await v2.configurations(id).fetch();
    assert.equal(afterReplace.description, 'Replaced');
    assert.equal(afterReplace.displayName, 'library-config', 'an omitted displayName is kept');
    assert.deepEqual(afterReplace.channelSettings, {});
    assert.deepEqual(afterReplace.statusCallbacks, [], 'a full replace clears what it does not name');
    assert.equal(afterReplace.version, 2);

    const removal = acceptedOf(await v2.configurations(id).remove());
    assert.equal(removal.configurationId, id);
    assert.equal((await settle(client, removal.statusUrl)).operation.status, 'COMPLETED');
    await assert.rejects(v2.configurations(id).fetch(), { status: 404, code: 20404 });
  });

  test('list pages by token; the library follows nextToken to the end', async () => {
    const ids = [
      await createConfiguration({ displayName: 'paged-1' }),
      await createConfiguration({ displayName: 'paged-2' }),
      await createConfiguration({ displayName: 'paged-3' }),
    ];
    const listed = await client.conversations.v2.configurations.list({ pageSize: 2 });
    const listedIds = listed.map((item) => item.id as string);
    assert.deepEqual(
      listedIds.filter((id) => ids.includes(id)),
      ids,
      'every configuration once, oldest first',
    );
    assert.equal(new Set(listedIds).size, listedIds.length);

    const first = (await (await send('GET', '/ControlPlane/Configurations?pageSize=2')).json()) as {
      configurations: Array<{ id: string }>;
      meta: { key: string; pageSize: number; nextToken?: string; previousToken?: string };
    };
    assert.equal(first.meta.key, 'configurations');
    assert.equal(first.meta.pageSize, 2);
    assert.equal(first.configurations.length, 2);
    assert.equal(first.meta.previousToken, undefined);
    assert.ok(first.meta.nextToken);
    const second = (await (
      await send('GET', `/ControlPlane/Configurations?pageSize=2&pageToken=${first.meta.nextToken}`)
    ).json()) as { configurations: Array<{ id: string }>; meta: { previousToken?: string } };
    assert.notEqual(second.configurations[0]?.id, first.configurations[0]?.id);
    assert.ok(second.meta.previousToken);
    const back = (await (
      await send('GET', `/ControlPlane/Configurations?pageSize=2&pageToken=${second.meta.previousToken}`)
    ).json()) as { configurations: Array<{ id: string }> };
    assert.deepEqual(back.configurations, first.configurations);

    const other = (await (
      await send('GET', `/ControlPlane/Configurations?memoryStoreId=mem_store_${'0'.repeat(26)}`)
    ).json()) as { configurations: unknown[] };
    assert.deepEqual(other.configurations, [], 'memoryStoreId filters');

    await expectError(await send('GET', '/ControlPlane/Configurations?pageSize=0'), 400, 20001);
    await expectError(await send('GET', '/ControlPlane/Configurations?pageSize=1001'), 400, 20001);
    await expectError(await send('GET', '/ControlPlane/Configurations?pageToken=not-a-token'), 400, 20001);
  });

  test('bad bodies are 400 (20001) naming the field, and nothing is created', async () => {
    const before = (await client.conversations.v2.configurations.list()).length;
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [configurationBody({ displayName: 'x'.repeat(33) }), /displayName/],
      [configurationBody({ displayName: 'no/slashes' }), /displayName/],
      [configurationBody({ conversationGroupingType: 'GROUP_BY_MOOD' }), /conversationGroupingType/],
      [{ ...configurationBody(), description: undefined }, /Missing required parameter description/],
      [configurationBody({ channelSettings: { FAX: {} } }), /channelSettings/],
      [configurationBody({ channelSettings: { SMS: { statusTimeouts: { inactive: 0 } } } }), /channelSettings\.SMS\.statusTimeouts\.inactive/],
      [configurationBody({ channelSettings: { VOICE: { captureRules: [{ from: '*' }] } } }), /channelSettings\.VOICE\.captureRules\.0\.to/],
      [configurationBody({ conversationsV1Bridge: { serviceId: 'CH123' } }), /conversationsV1Bridge\.serviceId/],
      [configurationBody({ statusCallbacks: [{ url: 'not a url' }] }), /statusCallbacks\.0\.url/],
    ];
    for (const [body, message] of cases) {
      const error = await expectError(await send('POST', '/ControlPlane/Configurations', body), 400, 20001);
      assert.match(error.message, message);
    }
    await expectError(await send('POST', '/ControlPlane/Configurations', '{"displayName":'), 400, 20001);
    await expectError(await send('POST', '/ControlPlane/Configurations', '[]'), 400, 20001);
    await assert.rejects(
      client.conversations.v2.configurations.create(configurationBody({ displayName: 'bad name!' }) as never),
      { status: 400, code: 20001 },
    );
    assert.equal((await client.conversations.v2.configurations.list()).length, before);
  });

  test('conversationGroupingType cannot change on PUT', async () => {
    const id = await createConfiguration({ displayName: 'immutable-grouping' });
    const error = await expectError(
      await send('PUT', `/ControlPlane/Configurations/${id}`, {
        description: 'x',
        conversationGroupingType: 'GROUP_BY_PROFILE',
        memoryStoreId: options.memoryStoreId,
        channelSettings: {},
      }),
      400,
      20001,
    );
    assert.match(error.message, /conversationGroupingType/);
    const missingChannelSettings = await send('PUT', `/ControlPlane/Configurations/${id}`, {
      description: 'x',
      conversationGroupingType: 'GROUP_BY_PARTICIPANT_ADDRESSES',
      memoryStoreId: options.memoryStoreId,
    });
    assert.match((await expectError(missingChannelSettings, 400, 20001)).message, /channelSettings/);
  });

  test('one configuration per classic service: a second bridge is 409 (20409) naming the first', async () => {
    const bridge = { conversationsV1Bridge: { serviceId: options.serviceSid } };
    const first = await send('POST', '/ControlPlane/Configurations', configurationBody({ displayName: 'bridge-1', ...bridge }));
    assert.equal(first.status, 202);
    const firstId = ((await first.json()) as { related: { configurationId: string } }).related.configurationId;

    // Refused while the first is still being created, and after it is effective.
    const whilePending = await send('POST', '/ControlPlane/Configurations', configurationBody({ displayName: 'bridge-2', ...bridge }));
    assert.equal(whilePending.headers.get('x-conflicting-resource-id'), firstId);
    await expectError(whilePending, 409, 20409);
    await settle(client, `/${first.headers.get('operation-id')}`);
    const afterwards = await send('POST', '/ControlPlane/Configurations', configurationBody({ displayName: 'bridge-3', ...bridge }));
    assert.equal(afterwards.headers.get('x-conflicting-resource-id'), firstId);
    await expectError(afterwards, 409, 20409);

    await settle(client, acceptedOf(await client.conversations.v2.configurations(firstId).remove()).statusUrl);
  });

  test('a bridged configuration refuses CHAT capture rules; other channels may capture', async () => {
    const bridge = { conversationsV1Bridge: { serviceId: options.serviceSid } };
    const chat = await send(
      'POST',
      '/ControlPlane/Configurations',
      configurationBody({ ...bridge, channelSettings: { CHAT: { captureRules: [{ from: '*', to: '*' }] } } }),
    );
    assert.match((await expectError(chat, 400, 20001)).message, /CHAT/);

    const id = await createConfiguration({
      displayName: 'bridge-with-voice',
      conversationGroupingType: 'GROUP_BY_PROFILE',
      ...bridge,
      channelSettings: {
        VOICE: { captureRules: [{ from: '*', to: '+15555550100', metadata: { callType: 'PSTN' } }] },
        CHAT: { statusTimeouts: { inactive: 5 } },
      },
    });
    const fetched = await client.conversations.v2.configurations(id).fetch();
    assert.deepEqual({ ...fetched.conversationsV1Bridge }, { serviceId: options.serviceSid });
    await settle(client, acceptedOf(await client.conversations.v2.configurations(id).remove()).statusUrl);
  });

  test('an unknown memory store or classic service fails the operation with problem details', async () => {
    for (const overrides of [
      { displayName: 'no-such-store', memoryStoreId: `mem_store_${'0'.repeat(26)}` },
      { displayName: 'no-such-service', conversationsV1Bridge: { serviceId: UNKNOWN_SERVICE } },
    ]) {
      const accepted = acceptedOf(await client.conversations.v2.configurations.create(configurationBody(overrides) as never));
      const { operation } = await settle(client, accepted.statusUrl);
      assert.equal(operation.status, 'FAILED');
      assert.equal(operation.error.status, 404);
      assert.equal(operation.error.title, 'Not Found');
      assert.equal(operation.error.type, 'https://www.twilio.com/docs/errors/20404');
      assert.match(operation.error.detail ?? '', /not found/);
      await assert.rejects(
        client.conversations.v2.configurations(accepted.configurationId).fetch(),
        { status: 404 },
      );
    }
  });

  test('the same Idempotency-Key answers with the original operation and creates nothing more', async () => {
    const key = '01890a5d-aa0f-7c80-b8e6-0242ac140004';
    const first = await send('POST', '/ControlPlane/Configurations', configurationBody({ displayName: 'idempotent' }), {
      'idempotency-key': key,
    });
    const again = await send('POST', '/ControlPlane/Configurations', configurationBody({ displayName: 'idempotent' }), {
      'idempotency-key': key,
    });
    assert.equal(again.status, 202);
    assert.equal(again.headers.get('operation-id'), first.headers.get('operation-id'));
    assert.deepEqual(await again.json(), await first.json());
    await settle(client, `/${first.headers.get('operation-id')}`);
    const named = (await client.conversations.v2.configurations.list()).filter((item) => item.displayName === 'idempotent');
    assert.equal(named.length, 1);
    await expectError(
      await send('POST', '/ControlPlane/Configurations', configurationBody(), { 'idempotency-key': 'not-a-uuid' }),
      400,
      20001,
    );
  });

  test('unknown IDs are 404 (20404); PATCH is not offered (405)', async () => {
    const missing = `conv_configuration_${'0'.repeat(26)}`;
    await expectError(await send('GET', `/ControlPlane/Configurations/${missing}`), 404, 20404);
    await expectError(await send('DELETE', `/ControlPlane/Configurations/${missing}`), 404, 20404);
    await expectError(
      await send('PUT', `/ControlPlane/Configurations/${missing}`, configurationBody({ channelSettings: {} })),
      404,
      20404,
    );
    await expectError(await send('GET', `/ControlPlane/Operations/proc_job_${'0'.repeat(26)}`), 404, 20404);
    await assert.rejects(client.conversations.v2.operations(`proc_job_${'0'.repeat(26)}`).fetch(), { status: 404 });
    await expectError(await send('PATCH', `/ControlPlane/Configurations/${missing}`, {}), 405, 20004);
  });
});

describe('Orchestrator operation lifecycle (slow steps)', () => {
  const emulator = createEmulator({ ...options, bridgeDelayMs: 300 });
  let url: string;
  let close: () => Promise<void>;
  before(async () => {
    const running = await emulator.listen({ port: 0 });
    url = running.url;
    close = () => running.close();
  });
  after(() => close());

  test('PENDING → RUNNING → COMPLETED; the configuration exists only once completed; no second change meanwhile', async () => {
    const client = twilioClientFor(url);
    const v2 = client.conversations.v2;
    const accepted = acceptedOf(await v2.configurations.create(configurationBody({ displayName: 'slow' }) as never));
    const id = accepted.configurationId;
    await assert.rejects(v2.configurations(id).fetch(), { status: 404 }, 'not visible while PENDING');
    const { seen } = await settle(client, accepted.statusUrl);
    assert.deepEqual(seen, ['PENDING', 'RUNNING', 'COMPLETED']);
    assert.equal((await v2.configurations(id).fetch()).id, id);

    const removal = acceptedOf(await v2.configurations(id).remove());
    const conflicting = await fetch(`${url}/conversations/v2/ControlPlane/Configurations/${id}`, {
      method: 'DELETE',
      headers: { authorization: basicAuth() },
    });
    assert.equal(conflicting.status, 409);
    assert.equal(((await conflicting.json()) as { code: number }).code, 20409);
    assert.equal(conflicting.headers.get('x-conflicting-resource-id'), operationIdOf(removal.statusUrl));
    assert.equal((await settle(client, removal.statusUrl)).operation.status, 'COMPLETED');
  });
});
