/**
 * When the attachments chunk cannot be fetched (the network dropped, a deploy removed it), the
 * visitor is told, the files stay unattached, the typed text stays, and the next file fetches the
 * chunk again. Runs in a page of its own: an import map sends the chunk's URL, for the whole
 * page, to one that does not exist.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/widget/composer/composer.js';
import type { BridgeChatComposer, ComposeDetail } from '../../src/widget/composer/composer.js';

// web-test-runner serves the sources, and rewrites the composer's import of attachments.js to this.
const CHUNK_URL = new URL('/src/widget/attachments/attachments.ts', location.href).href;
const MISSING_URL = new URL('/missing/attachments.js', location.href).href;

const photo = () => new File([new Uint8Array(10)], 'photo.png', { type: 'image/png' });
const root = (element: BridgeChatComposer) => element.shadowRoot!;
const alertText = (element: BridgeChatComposer) =>
  [...root(element).querySelectorAll('[role="alert"] p')].map((p) => p.textContent);
const fetchesOfMissingChunk = () =>
  performance.getEntriesByType('resource').filter((entry) => entry.name === MISSING_URL).length;

/** Sends the chunk's URL elsewhere: before anything imports it, and for good. */
function loseTheChunk(): void {
  const map = document.createElement('script');
  map.type = 'importmap';
  map.textContent = JSON.stringify({ imports: { [CHUNK_URL]: MISSING_URL } });
  document.head.append(map);
}

describe('the attachments chunk, when it cannot be fetched', () => {
  it('tells the visitor, keeps the text, attaches nothing, and fetches it again with the next file', async () => {
    loseTheChunk();
    const element = await fixture<BridgeChatComposer>(html`<bridge-chat-composer></bridge-chat-composer>`);
    const sent: ComposeDetail[] = [];
    element.addEventListener('bridge-chat-compose', (event) => sent.push((event as CustomEvent<ComposeDetail>).detail));
    const input = root(element).querySelector<HTMLTextAreaElement>('[part="input"]')!;
    input.value = 'Here is the photo';

    await element.addFiles([photo()]);
    await element.updateComplete;

    expect(alertText(element)).to.deep.equal(['Something went wrong. Please try again.']);
    expect(root(element).querySelector('[part="attach"]')!.getAttribute('aria-describedby')).to.equal('problems');
    expect(input.value).to.equal('Here is the photo');
    expect(root(element).querySelector('bridge-chat-attachments') === null).to.equal(true);
    expect(fetchesOfMissingChunk()).to.equal(1);
    await expect(element).to.be.accessible();

    await element.addFiles([photo()]);
    await element.updateComplete;
    expect(fetchesOfMissingChunk(), 'a failed fetch is not kept as the answer').to.equal(2);
    expect(alertText(element)).to.deep.equal(['Something went wrong. Please try again.']);

    // The text still goes, alone.
    root(element).querySelector<HTMLButtonElement>('[part="send"]')!.click();
    expect(sent).to.deep.equal([{ body: 'Here is the photo', files: [] }]);
  });
});
