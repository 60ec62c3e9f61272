import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { basicAuth, expectTwilioError, options, startEmulator, type StartedEmulator } from './support.js';

describe('REST errors in Twilio form (raw HTTP)', () => {
  let started: StartedEmulator;
  let conversationsUrl: string;
  before(async () => {
    started = await startEmulator();
    conversationsUrl = `${started.running.url}/conversations/v1/Services/${options.serviceSid}/Conversations`;
  });
  after(() => started.running.close());

  const get = (url: string) => fetch(url, { headers: { authorization: basicAuth() } });
  const post = (url: string, body: BodyInit, contentType = 'application/x-www-form-urlencoded') =>
    fetch(url, { method: 'POST', headers: { authorization: basicAuth(), 'content-type': contentType }, body });

  test('an unknown route is a JSON 404 (20404)', async () => {
    const body = await expectTwilioError(await get(`${started.running.url}/conversations/v1/Nope`), 404, 20404);
    assert.match(body.message, /\/v1\/Nope/);
    await expectTwilioError(await get(`${started.running.url}/video/v1/Rooms`), 404, 20404);
  });

  test('missing or wrong Basic auth is a 401 (20003) with WWW-Authenticate', async () => {
    const anonymous = await fetch(conversationsUrl);
    await expectTwilioError(anonymous, 401, 20003);
    assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Basic realm=/);
    const wrongKey = await fetch(conversationsUrl, { headers: { authorization: basicAuth('SK' + '0'.repeat(32)) } });
    await expectTwilioError(wrongKey, 401, 20003);
    const notBasic = await fetch(conversationsUrl, { headers: { authorization: 'Bearer something' } });
    await expectTwilioError(notBasic, 401, 20003);
  });

  test('a method the resource does not support is a 405 (20004) with Allow', async () => {
    const response = await fetch(conversationsUrl, { method: 'DELETE', headers: { authorization: basicAuth() } });
    await expectTwilioError(response, 405, 20004);
    assert.deepEqual(response.headers.get('allow')?.split(', ').sort(), ['GET', 'HEAD', 'POST']);
  });

  test('a malformed form body is a 400 (20001)', async () => {
    const badEncoding = await post(conversationsUrl, 'FriendlyName=%E0%A4%A');
    const body = await expectTwilioError(badEncoding, 400, 20001);
    assert.match(body.message, /Malformed/);
    const json = await post(conversationsUrl, '{"FriendlyName":"x"}', 'application/json');
    await expectTwilioError(json, 400, 20001);
  });

  test('an oversized body is a 413 and nothing is created', async () => {
    const before = (await started.service.conversations.list()).length;
    const response = await post(conversationsUrl, `FriendlyName=${'x'.repeat(200 * 1024)}`);
    await expectTwilioError(response, 413, 20413);
    assert.equal((await started.service.conversations.list()).length, before);
  });

  test('bad paging parameters are 400s, an oversized PageSize is capped at 100', async () => {
    await expectTwilioError(await get(`${conversationsUrl}?PageSize=0`), 400, 20001);
    await expectTwilioError(await get(`${conversationsUrl}?PageToken=bogus`), 400, 20001);
    const capped = await get(`${conversationsUrl}?PageSize=5000`);
    assert.equal(capped.status, 200);
    const body = (await capped.json()) as { meta: { page_size: number; key: string; previous_page_url: null } };
    assert.equal(body.meta.page_size, 100);
    assert.equal(body.meta.key, 'conversations');
    assert.equal(body.meta.previous_page_url, null);
  });

  test('a message body over 32 KB is a 400 (20001)', async () => {
    const conversation = await started.service.conversations.create({});
    const oversized = 'a'.repeat(32 * 1024 + 1);
    const response = await post(`${conversationsUrl}/${conversation.sid}/Messages`, `Body=${oversized}`);
    const body = await expectTwilioError(response, 400, 20001);
    assert.match(body.message, /Body/);
  });
});
