/**
 * The composer's attachments are a chunk of their own, fetched with the first file: a visitor who
 * only types never loads them. Runs in a page of its own (web-test-runner gives each test file
 * one), so no file has been attached before these tests, which run in order: keep it that way.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/widget/composer/composer.js';
import type { BridgeChatComposer, ComposeDetail } from '../../src/widget/composer/composer.js';
import { attachmentPolicy } from '../../src/widget/settings/panel-settings.js';

// web-test-runner serves the sources: the chunk is this module (the composer imports it as .js).
const CHUNK_URL = new URL('/src/widget/attachments/attachments.ts', location.href).href;

const photo = () => new File([new Uint8Array(10)], 'photo.png', { type: 'image/png' });
const attachmentsDefined = () => customElements.get('bridge-chat-attachments') !== undefined;
const root = (element: BridgeChatComposer) => element.shadowRoot!;
const inputOf = (element: BridgeChatComposer) => root(element).querySelector<HTMLTextAreaElement>('[part="input"]')!;

describe('the attachments chunk', () => {
  it('is not loaded to type and send text, drag files over, or attach where files are not taken', async () => {
    const element = await fixture<BridgeChatComposer>(html`<bridge-chat-composer></bridge-chat-composer>`);
    const sent: ComposeDetail[] = [];
    element.addEventListener('bridge-chat-compose', (event) => sent.push((event as CustomEvent<ComposeDetail>).detail));

    inputOf(element).value = 'Hello';
    root(element).querySelector<HTMLButtonElement>('[part="send"]')!.click();
    expect(sent).to.deep.equal([{ body: 'Hello', files: [] }]);

    const data = new DataTransfer();
    data.items.add(photo());
    inputOf(element).dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, composed: true }));
    await element.updateComplete;
    expect(root(element).querySelector('.drop') !== null, 'the drop highlight shows').to.equal(true);

    element.disabled = true;
    await element.addFiles([photo()]);
    const off = await fixture<BridgeChatComposer>(
      html`<bridge-chat-composer .attachments=${attachmentPolicy(false, '', 10)}></bridge-chat-composer>`,
    );
    await off.addFiles([photo()]);

    expect(attachmentsDefined()).to.equal(false);
    expect(root(element).querySelector('bridge-chat-attachments') === null).to.equal(true);
  });

  it('is fetched with the first file, not before, and shows it', async () => {
    const element = await fixture<BridgeChatComposer>(html`<bridge-chat-composer></bridge-chat-composer>`);
    expect(attachmentsDefined()).to.equal(false);
    const firstFileAt = performance.now();

    await element.addFiles([photo()]);

    expect(attachmentsDefined()).to.equal(true);
    // One fetch, started by the file: a fetch started earlier, even one still under way, shows here.
    const fetches = performance.getEntriesByType('resource').filter((entry) => entry.name === CHUNK_URL);
    expect(fetches.map((entry) => entry.startTime >= firstFileAt)).to.deep.equal([true]);
    const attachments = root(element).querySelector('bridge-chat-attachments')!;
    await attachments.updateComplete;
    const names = [...attachments.shadowRoot!.querySelectorAll('.file .name')].map((name) => name.textContent);
    expect(names).to.deep.equal(['photo.png']);
  });
});
