import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createRestApp } from '../../src/emulator/app.js';
import { ConversationStore } from '../../src/emulator/classic/store.js';
import { MediaUrlSigner } from '../../src/emulator/media/content-url.js';
import { toEmulatorUrl } from '../../src/server/twilio/emulator-http-client.js';
import {
  basicAuth,
  expectTwilioError,
  options,
  restError,
  startEmulator,
  type StartedEmulator,
} from './support.js';

const MCS_MEDIA = `https://mcs.us1.twilio.com/v1/Services/${options.serviceSid}/Media`;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);

interface MediaResource {
  sid: string;
  service_sid: string;
  size: number;
  content_type: string;
  filename: string | null;
  category: string;
  author: string;
  message_sid: string | null;
  channel_sid: string | null;
  url: string;
  links: { content: string; content_direct_temporary?: string };
}

describe('media messages (Media Content Service + MediaSid)', () => {
  let started: StartedEmulator;
  /** A Twilio URL as the emulator serves it, by the routing rule. */
  let at: (twilioUrl: string) => string;
  before(async () => {
    started = await startEmulator();
    at = (twilioUrl) => toEmulatorUrl(twilioUrl, started.running.url);
  });
  after(() => started.running.close());

  const upload = (body: BodyInit, contentType?: string, query = '') =>
    fetch(at(`${MCS_MEDIA}${query}`), {
      method: 'POST',
      headers: { authorization: basicAuth(), ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });

  async function uploaded(query = '?Filename=photo.png'): Promise<MediaResource> {
    const response = await upload(PNG, 'image/png', query);
    assert.equal(response.status, 201);
    return (await response.json()) as MediaResource;
  }

  test('an upload answers 201 with the MCS media resource', async () => {
    const media = await uploaded();
    assert.match(media.sid, /^ME[0-9a-f]{32}$/);
    assert.equal(media.service_sid, options.serviceSid);
    assert.equal(media.size, PNG.length);
    assert.equal(media.content_type, 'image/png');
    assert.equal(media.filename, 'photo.png');
    assert.equal(media.category, 'media');
    assert.equal(media.author, 'system');
    assert.equal(media.message_sid, null);
    assert.equal(media.channel_sid, null);
    assert.equal(media.url, `/v1/Services/${options.serviceSid}/Media/${media.sid}`);
    assert.deepEqual(media.links, { content: `${media.url}/Content` }, 'no temporary URL in the upload answer');
  });

  test('a message with MediaSid lists the media; its temporary URL serves the bytes without credentials', async () => {
    const media = await uploaded();
    const conversation = await started.service.conversations.create({});
    const messages = started.service.conversations(conversation.sid).messages;
    const message = await messages.create({ mediaSid: media.sid, author: 'visitor-media' });
    assert.equal(message.body, null);
    assert.deepEqual(message.media, [
      { sid: media.sid, size: PNG.length, content_type: 'image/png', filename: 'photo.png', category: 'media' },
    ]);
    assert.deepEqual((await messages(message.sid).fetch()).media, message.media);
    const withText = await messages.create({ mediaSid: (await uploaded('')).sid, body: 'see attached' });
    assert.equal(withText.body, 'see attached');
    assert.equal(withText.media[0]?.filename, null);

    const fetched = await fetch(at(`https://mcs.us1.twilio.com${media.url}`), { headers: { authorization: basicAuth() } });
    const resource = (await fetched.json()) as MediaResource;
    assert.equal(resource.message_sid, message.sid);
    assert.equal(resource.channel_sid, conversation.sid);
    const temporary = resource.links.content_direct_temporary ?? '';
    assert.match(temporary, new RegExp(`^https://media\\.us1\\.twilio\\.com/${media.sid}\\?Expires=\\d+&Signature=`));

    const content = await fetch(at(temporary));
    assert.equal(content.status, 200);
    assert.equal(content.headers.get('content-type'), 'image/png');
    assert.match(content.headers.get('content-disposition') ?? '', /filename="photo\.png"/);
    assert.deepEqual(Buffer.from(await content.arrayBuffer()), PNG);

    const tampered = temporary.replace(/Signature=./, (match) => (match.endsWith('A') ? match.slice(0, -1) + 'B' : match.slice(0, -1) + 'A'));
    await expectTwilioError(await fetch(at(tampered)), 403, 20403);
    await expectTwilioError(await fetch(at(temporary.split('?')[0] ?? '')), 403, 20403);

    const viaContentLink = await fetch(at(`https://mcs.us1.twilio.com${resource.links.content}`), {
      headers: { authorization: basicAuth() },
    });
    assert.deepEqual(Buffer.from(await viaContentLink.arrayBuffer()), PNG);
    await expectTwilioError(await fetch(at(`https://mcs.us1.twilio.com${resource.links.content}`)), 401, 20003);
  });

  test('bad MediaSids get Twilio codes and create nothing', async () => {
    const { sid } = await started.service.conversations.create({});
    const messages = started.service.conversations(sid).messages;
    const malformed = await restError(() => messages.create({ mediaSid: 'photo.png' }));
    assert.equal(malformed.code, 50510);
    const unknown = await restError(() => messages.create({ mediaSid: 'ME' + '0'.repeat(32), body: 'with a ghost' }));
    assert.equal(unknown.code, 50507);
    const media = await uploaded();
    await messages.create({ mediaSid: media.sid });
    const reused = await restError(() => messages.create({ mediaSid: media.sid }));
    assert.equal(reused.code, 50508);
    assert.equal((await messages.list()).length, 1);
  });

  test('uploads need credentials, a Content-Type, bytes and the right service', async () => {
    await expectTwilioError(await fetch(at(MCS_MEDIA), { method: 'POST', body: PNG }), 401, 20003);
    await expectTwilioError(await upload(new Uint8Array(0), 'image/png'), 400, 20001);
    await expectTwilioError(await upload(PNG, 'image/png', '?Category=selfies'), 400, 20001);
    const otherService = toEmulatorUrl(`https://mcs.us1.twilio.com/v1/Services/IS${'9'.repeat(32)}/Media`, started.running.url);
    await expectTwilioError(
      await fetch(otherService, { method: 'POST', headers: { authorization: basicAuth(), 'content-type': 'image/png' }, body: PNG }),
      404,
      20404,
    );
    const unknownMedia = at(`${MCS_MEDIA}/ME${'1'.repeat(32)}`);
    await expectTwilioError(await fetch(unknownMedia, { headers: { authorization: basicAuth() } }), 404, 20404);
  });

  test('a multipart upload takes the one file with its type and name', async () => {
    const form = new FormData();
    form.append('media', new Blob([PNG], { type: 'image/png' }), 'from-form.png');
    const response = await upload(form);
    assert.equal(response.status, 201);
    const media = (await response.json()) as MediaResource;
    assert.equal(media.filename, 'from-form.png');
    assert.equal(media.content_type, 'image/png');
    assert.equal(media.size, PNG.length);
    await expectTwilioError(await upload('--nope\r\n', 'multipart/form-data; boundary=nope'), 400, 20001);
    const twoFiles = new FormData();
    twoFiles.append('a', new Blob([PNG]), 'a.png');
    twoFiles.append('b', new Blob([PNG]), 'b.png');
    await expectTwilioError(await upload(twoFiles), 400, 20001);
  });

  test('removing the message removes its media', async () => {
    const media = await uploaded();
    const { sid } = await started.service.conversations.create({});
    const message = await started.service.conversations(sid).messages.create({ mediaSid: media.sid });
    await started.service.conversations(sid).messages(message.sid).remove();
    const gone = await fetch(at(`https://mcs.us1.twilio.com${media.url}`), { headers: { authorization: basicAuth() } });
    await expectTwilioError(gone, 404, 20404);
  });
});

describe('media limits and URL expiry', () => {
  test('an upload over the configured cap is a Twilio-style 413 and stores nothing', async () => {
    const store = new ConversationStore({ mediaMaxBytes: 1024 });
    const app = createRestApp(options, store);
    const post = (size: number) =>
      app.request(`/mcs/v1/Services/${options.serviceSid}/Media`, {
        method: 'POST',
        headers: { authorization: basicAuth(), 'content-type': 'application/octet-stream' },
        body: new Uint8Array(size),
      });
    const body = await expectTwilioError(await post(1025), 413, 20413);
    assert.match(body.message, /1024/);
    assert.equal(store.media.toSnapshot().media.length, 0);
    assert.equal((await post(1024)).status, 201);
  });

  test('a signed URL stops working when it expires', () => {
    const signer = new MediaUrlSigner();
    const sid = 'ME' + 'a'.repeat(32);
    const parts = (url: string) => {
      const query = new URL(url).searchParams;
      return [query.get('Expires') ?? undefined, query.get('Signature') ?? undefined] as const;
    };
    const fresh = parts(signer.sign(sid));
    assert.equal(signer.verify(sid, ...fresh), true);
    assert.equal(signer.verify('ME' + 'b'.repeat(32), ...fresh), false, 'bound to its media');
    const stale = parts(signer.sign(sid, Date.now() - 10 * 60_000));
    assert.equal(signer.verify(sid, ...stale), false);
    assert.equal(new MediaUrlSigner().verify(sid, ...fresh), false, 'bound to its emulator');
  });
});
