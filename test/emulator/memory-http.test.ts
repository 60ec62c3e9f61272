import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basicAuth, options, startEmulator, type StartedEmulator } from './support.js';

interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

async function expectError(response: Response, status: number, code: number): Promise<TwilioErrorBody> {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await response.json()) as TwilioErrorBody;
  assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'more_info', 'status']);
  assert.deepEqual([body.code, body.status], [code, status]);
  assert.equal(body.more_info, `https://www.twilio.com/docs/errors/${code}`);
  return body;
}

const conversationId = (n: number) => `conv_conversation_0${String(n).padStart(25, '0')}`;

const observation = (n: number) => ({
  content: `Observation ${n}`,
  occurredAt: '2026-10-01T12:00:00Z',
  source: 'conversational-intelligence',
});

describe('Memory v1 over raw HTTP: statuses, headers and error bodies', () => {
  let started: StartedEmulator;
  let base: string;
  let profileUrl: string;
  const profilesUrl = `/Stores/${options.memoryStoreId}/Profiles`;

  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: basicAuth(), 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const json = async <T>(response: Response, status = 200): Promise<T> => {
    assert.equal(response.status, status);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    return (await response.json()) as T;
  };

  before(async () => {
    started = await startEmulator();
    base = `${started.running.url}/memory/v1`;
    const created = await json<{ id: string; message: string }>(
      await request('POST', profilesUrl, { traits: { Contact: { email: 'raw@example.com' } } }),
      202,
    );
    assert.deepEqual(Object.keys(created).sort(), ['id', 'message']);
    profileUrl = `${profilesUrl}/${created.id}`;
  });
  after(() => started.running.close());

  test('writes answer 202 with a message only; the store fetch carries an ETag', async () => {
    const observations = [observation(0)];
    const accepted = await json<object>(await request('POST', `${profileUrl}/Observations`, { observations }), 202);
    assert.deepEqual(Object.keys(accepted), ['message']);
    const traits = { Loyalty: { tier: 'Gold' } };
    const patched = await json<object>(await request('PATCH', profileUrl, { traits }), 202);
    assert.deepEqual(Object.keys(patched), ['message']);

    const store = await request('GET', `/ControlPlane/Stores/${options.memoryStoreId}`);
    assert.equal(store.status, 200);
    assert.ok(store.headers.get('etag'));
    const body = (await store.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), [
      'description',
      'displayName',
      'id',
      'intelligenceServiceId',
      'status',
      'version',
    ]);
  });

  test('list meta names its key and carries a nextToken only while more remain', async () => {
    const listed = await json<{ profiles: string[]; meta: Record<string, unknown> }>(
      await request('GET', `${profilesUrl}?pageSize=1`),
    );
    assert.equal(listed.profiles.length, 1);
    assert.deepEqual(listed.meta, { key: 'profiles', pageSize: 1 });

    const stores = await json<object>(await request('GET', '/ControlPlane/Stores'));
    assert.deepEqual(stores, { stores: [options.memoryStoreId], meta: { key: 'stores', pageSize: 1 } });
  });

  test('observation pages stop at 50 whatever pageSize asks, up to its limit of 1000', async () => {
    for (let batch = 0; batch < 6; batch++) {
      const observations = Array.from({ length: 10 }, (_, i) => observation(batch * 10 + i + 1));
      await json(await request('POST', `${profileUrl}/Observations`, { observations }), 202);
    }
    const page = await json<{ observations: unknown[]; meta: { pageSize: number; nextToken?: string } }>(
      await request('GET', `${profileUrl}/Observations?pageSize=1000`),
    );
    assert.equal(page.observations.length, 50);
    assert.equal(page.meta.pageSize, 50);
    assert.ok(page.meta.nextToken);

    for (const size of ['0', '1001', 'ten', '']) {
      const body = await expectError(await request('GET', `${profileUrl}/Observations?pageSize=${size}`), 400, 520046);
      assert.match(body.message, /pageSize/);
    }
    await expectError(await request('GET', `/ControlPlane/Stores?pageSize=101`), 400, 520046);
  });

  test('a page token is checked: garbage, or a token used with another order, is a 400', async () => {
    await expectError(await request('GET', `${profileUrl}/Observations?pageToken=bm9wZQ`), 400, 520046);
    const page = await json<{ meta: { nextToken: string } }>(
      await request('GET', `${profileUrl}/Observations?pageSize=2`),
    );
    await expectError(
      await request('GET', `${profileUrl}/Observations?pageSize=2&orderBy=ASC&pageToken=${page.meta.nextToken}`),
      400,
      520046,
    );
    const next = await json<{ observations: unknown[] }>(
      await request('GET', `${profileUrl}/Observations?pageSize=2&pageToken=${page.meta.nextToken}`),
    );
    assert.equal(next.observations.length, 2);
  });

  test('orderBy is ASC or DESC; summaries list newest first unless asked otherwise', async () => {
    await expectError(await request('GET', `${profileUrl}/Observations?orderBy=asc`), 400, 520046);
    for (const n of [1, 2]) {
      const occurredAt = '2026-10-01T12:00:00Z';
      const summaries = [{ content: `Summary ${n}`, conversationId: conversationId(n), occurredAt }];
      await json(await request('POST', `${profileUrl}/ConversationSummaries`, { summaries }), 202);
    }
    type SummaryPage = { summaries: { content: string }[]; meta: { key: string } };
    const newestFirst = await json<SummaryPage>(await request('GET', `${profileUrl}/ConversationSummaries`));
    assert.deepEqual(newestFirst.summaries.map((item) => item.content), ['Summary 2', 'Summary 1']);
    assert.equal(newestFirst.meta.key, 'summaries');
    const oldestFirst = await json<SummaryPage>(await request('GET', `${profileUrl}/ConversationSummaries?orderBy=ASC`));
    assert.deepEqual(oldestFirst.summaries.map((item) => item.content), ['Summary 1', 'Summary 2']);
    await expectError(await request('GET', `${profileUrl}/ConversationSummaries?orderBy=newest`), 400, 520046);
  });

  test('bodies that break the schema are 520046 naming the field, and change nothing', async () => {
    const { id } = await json<{ id: string }>(
      await request('POST', profilesUrl, { traits: { Contact: { email: 'schema@example.com' } } }),
      202,
    );
    const profileUrl = `${profilesUrl}/${id}`;
    const postObservations = (body: unknown) => request('POST', `${profileUrl}/Observations`, body);
    const stored = async (list: 'Observations' | 'ConversationSummaries') =>
      (await json<{ meta: { pageSize: number } }>(await request('GET', `${profileUrl}/${list}`))).meta.pageSize;

    const badSource = await expectError(
      await postObservations({ observations: [observation(1), { ...observation(2), source: 'a"b' }] }),
      400,
      520046,
    );
    assert.match(badSource.message, /observations\.1\.source/);
    const tooMany = await expectError(
      await postObservations({ observations: Array.from({ length: 11 }, (_, i) => observation(i)) }),
      400,
      520046,
    );
    assert.match(tooMany.message, /observations/);
    await expectError(await postObservations({ observations: [observation(1)], extra: 1 }), 400, 520046);
    await expectError(await postObservations('{"observations": ['), 400, 520046);
    await expectError(
      await request('POST', `${profileUrl}/ConversationSummaries`, {
        summaries: [{ content: 'x', conversationId: 'CH123', occurredAt: '2026-10-01T12:00:00Z' }],
      }),
      400,
      520046,
    );
    await expectError(await request('POST', `${profileUrl}/Recall`, { observationsLimit: 101 }), 400, 520046);
    assert.equal(await stored('Observations'), 0);
    assert.equal(await stored('ConversationSummaries'), 0);
  });

  test('traits must be flat values in named groups; a refused profile is not created', async () => {
    const patchTraits = (traits: unknown) => request('PATCH', profileUrl, { traits });
    const createWith = (traits: unknown) => request('POST', profilesUrl, { traits });
    await expectError(await patchTraits({ Loyalty: { tier: { level: 1 } } }), 400, 520046);
    await expectError(await patchTraits({ Loyalty: { tiers: [['nested']] } }), 400, 520046);
    await expectError(await patchTraits({ 'Bad Group': { a: 1 } }), 400, 520046);
    await expectError(await request('PATCH', profileUrl, '{"traits": {"__proto__": {"a": 1}}}'), 400, 520046);
    const nullOnCreate = await expectError(
      await createWith({ Contact: { email: 'null@example.com', firstName: null } }),
      400,
      520046,
    );
    assert.match(nullOnCreate.message, /Contact\.firstName/);

    const noIdentifier = await expectError(await createWith({ Loyalty: { tier: 'Gold' } }), 400, 520046);
    assert.match(noIdentifier.message, /identifier/);
    const badPhone = await expectError(
      await createWith({ Contact: { email: 'half@example.com', phone: 'call me' } }),
      400,
      520046,
    );
    assert.match(badPhone.message, /phone/);
    const lookup = { idType: 'email', value: 'half@example.com' };
    await expectError(await request('POST', `${profilesUrl}/Lookup`, lookup), 404, 20404);
    await expectError(await request('GET', `${profileUrl}?traitGroups=`), 400, 520046);
  });

  test('routing: unknown paths are 20404, unsupported methods 405 with Allow, no credentials 401', async () => {
    await expectError(await request('GET', `/Stores/${options.memoryStoreId}/Nope`), 404, 20404);
    const put = await request('PUT', profileUrl, {});
    await expectError(put, 405, 20004);
    assert.deepEqual(put.headers.get('allow')?.split(', ').sort(), ['DELETE', 'GET', 'HEAD', 'PATCH']);
    const anonymous = await fetch(`${base}${profileUrl}`);
    await expectError(anonymous, 401, 20003);
    await expectError(await request('GET', `/Stores/mem_store_12/Profiles`), 400, 520049);
    await expectError(await request('GET', `/Stores/mem_service_1${'a'.repeat(25)}/Profiles`), 404, 520041);
  });
});
