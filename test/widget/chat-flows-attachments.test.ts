/**
 * Attachments through the whole widget against the real stack: picked with
 * the attach button (or dropped on the panel), uploaded to the emulator's
 * Media Content Service, sent in the conversation, and shown from the
 * emulator's signed content URLs.
 */
import { expect } from '@open-wc/testing';
import '../../src/widget/index.js';
import type { BridgeChat } from '../../src/widget/index.js';
import { catchNewTabs, chatElement, itemWithBody, pngFile, restBodies, stack, waitForRestMessage } from './support/chat-flows.js';
import { listMessages } from './support/stack-client.js';
import {
  composerProblems,
  composerRoot,
  forgetStoredSessions,
  inputOf,
  messageItems,
  messageListRoot,
  openChat,
  pickFiles,
  sendButtonOf,
  typeAndSend,
  waitFor,
  waitForMessage,
} from './support/widget-harness.js';

/** The files waiting in the composer, by name: chips of its attachments element, there from the first file on. */
function composerFiles(element: BridgeChat): string[] {
  const names = composerRoot(element).querySelector('bridge-chat-attachments')?.shadowRoot!.querySelectorAll('.name') ?? [];
  return [...names].map((name) => name.textContent ?? '');
}

/** The shown messages that carry a file and no text. */
function fileOnlyItems(items: HTMLElement[]): HTMLElement[] {
  return items.filter((item) => !item.querySelector('.body') && item.querySelector('[part~="attachment"]'));
}

describe('<bridge-chat> attachments, end to end', () => {
  beforeEach(() => forgetStoredSessions());

  it('sends an image picked with the attach button: Twilio has it as media, and it shows inline from a signed URL', async () => {
    const { gatewayUrl } = await stack();
    const element = await chatElement();
    const { identity, conversationSid } = await openChat(element);
    const image = await pngFile('photo.png', 8, 6);

    pickFiles(element, [image]);
    await waitFor(() => composerFiles(element).includes('photo.png'), 'the picked image never showed in the composer');
    sendButtonOf(element).click();

    const message = await waitForRestMessage(conversationSid, (found) => found.media.length > 0, 'the image message');
    expect(message.author).to.equal(identity);
    expect(message.body).to.equal(null);
    expect(message.media).to.have.length(1);
    const [media] = message.media;
    expect(media).to.deep.include({ contentType: 'image/png', filename: 'photo.png', size: image.size });
    expect(media!.sid).to.match(/^ME[0-9a-f]{32}$/);
    expect(message.attributes['clientId'], 'the outbox’s client id travels in the attributes').to.be.a('string');

    const shown = () => messageListRoot(element).querySelector<HTMLImageElement>('[part~="attachment"] img');
    await waitFor(() => shown()?.complete && shown()!.naturalWidth === 8, 'the image never showed inline');
    const img = shown()!;
    expect(img.alt).to.equal('Image: photo.png');
    expect(img.closest('[part~="message"]')!.classList.contains('own')).to.equal(true);
    const url = new URL(img.src);
    expect(url.origin, 'the emulator as the browser reaches it').to.equal(gatewayUrl);
    expect(url.pathname).to.equal(`/media/${media!.sid}`);
    expect(Number(url.searchParams.get('Expires')) * 1000).to.be.greaterThan(Date.now());
    expect(url.searchParams.get('Signature')).to.be.a('string').and.not.equal('');
    const served = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
    expect(served).to.deep.equal(new Uint8Array(await image.arrayBuffer()));
    url.searchParams.set('Signature', 'forged');
    expect((await fetch(url)).ok, 'a URL with another signature opens nothing').to.equal(false);
    // Nothing is left waiting in the composer.
    expect(composerFiles(element)).to.deep.equal([]);
  });

  it('sends a dropped text file after the text typed with it, and offers it as a download, not inline', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    const notes = new File(['order #1234, two bags'], 'notes.txt', { type: 'text/plain' });

    // Dropped anywhere on the panel: the message list here, not the composer.
    const transfer = new DataTransfer();
    transfer.items.add(notes);
    messageListRoot(element).host.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, composed: true, cancelable: true }));
    await waitFor(() => composerFiles(element).includes('notes.txt'), 'the dropped file never showed in the composer');
    inputOf(element).value = 'My notes are attached';
    sendButtonOf(element).click();

    await waitForRestMessage(conversationSid, (found) => found.media.length > 0, 'the file message');
    const messages = await listMessages(conversationSid);
    expect(messages.map(({ body, media }) => [body, media.map((file) => [file.filename, file.contentType, file.size])])).to.deep.equal([
      ['My notes are attached', []],
      [null, [['notes.txt', 'text/plain', notes.size]]],
    ]);

    await waitForMessage(element, 'My notes are attached');
    await waitFor(() => fileOnlyItems(messageItems(element)).length === 1, 'the file message never showed');
    const [fileItem] = fileOnlyItems(messageItems(element));
    const download = fileItem!.querySelector<HTMLButtonElement>('button[part~="attachment"]')!;
    expect(download.getAttribute('aria-label')).to.match(/^Download notes\.txt, /);
    expect(download.querySelector('.file-name')!.textContent).to.equal('notes.txt');
    expect(fileItem!.querySelector('img'), 'a text file is never shown inline').to.equal(null);

    // Opening it asks for a fresh signed URL, which serves the file.
    const caught = catchNewTabs();
    try {
      download.click();
      await waitFor(() => caught.tabs[0]?.location.href, 'the download never got a URL');
    } finally {
      caught.restore();
    }
    const [tab] = caught.tabs;
    expect(tab!.opener, 'the opened tab cannot reach back into the page').to.equal(null);
    expect(new URL(tab!.location.href).pathname).to.match(/^\/media\/ME[0-9a-f]{32}$/);
    expect(await (await fetch(tab!.location.href)).text()).to.equal('order #1234, two bags');
  });

  it('refuses a file over the size limit and a file of a refused type, says why, and sends nothing of them', async () => {
    const element = await chatElement({ maxFileSize: 0.01 });
    const { conversationSid } = await openChat(element);
    const picker = composerRoot(element).querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(picker.accept).to.equal('image/*,application/pdf,text/plain');
    const large = new File([new Uint8Array(20_000)], 'large.png', { type: 'image/png' });
    const archive = new File(['PK'], 'archive.zip', { type: 'application/zip' });

    pickFiles(element, [large, archive]);

    await waitFor(() => composerProblems(element) !== '', 'no refusal shown');
    const problems = [...composerRoot(element).querySelectorAll('.problems p')].map((p) => p.textContent);
    expect(problems).to.have.length(2);
    expect(problems[0]).to.match(/^large\.png is too large \(.+\); the limit is .+\.$/);
    expect(problems[1]).to.equal('archive.zip cannot be sent: files of this type are not accepted.');
    expect(composerRoot(element).querySelector('.problems')!.getAttribute('role')).to.equal('alert');
    expect(composerFiles(element)).to.deep.equal([]);

    // Send with nothing attached does nothing; the next message goes alone.
    sendButtonOf(element).click();
    await typeAndSend(element, 'Only this text');
    await waitForRestMessage(conversationSid, (found) => found.body === 'Only this text', 'the text message');
    const messages = await listMessages(conversationSid);
    expect(messages.map(({ body, media }) => ({ body, media }))).to.deep.equal([{ body: 'Only this text', media: [] }]);
    expect(await restBodies(conversationSid)).to.deep.equal(['Only this text']);
    expect(itemWithBody(element, 'Only this text')).to.not.equal(undefined);
    expect(fileOnlyItems(messageItems(element))).to.deep.equal([]);
  });
});
