import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/widget/composer/composer.js';
import type { BridgeChatComposer, ComposeDetail } from '../../src/widget/composer/composer.js';
import { acceptsFile, checkAttachments } from '../../src/widget/attachments/attachment-check.js';
import { formatBytes } from '../../src/widget/composer/format-bytes.js';
import { MAX_MESSAGE_BYTES } from '../../src/widget/messages/outgoing-text.js';
import { type AttachmentPolicy, attachmentPolicy } from '../../src/widget/settings/panel-settings.js';
import type { MediaLimits } from '../../src/widget/transport/transport.js';

const KB = 1024;
const MB = 1024 * KB;

/** Images, PDFs and .txt files up to 1 MB. */
const policy = attachmentPolicy(true, 'image/*, application/pdf, .TXT', 1);
const limits: MediaLimits = { maxCount: 3, maxFileBytes: 5 * MB, maxTotalBytes: 2 * MB };

function file(name: string, type: string, size = 10): File {
  return new File([new Uint8Array(size)], name, { type });
}

function composer(
  attachments: AttachmentPolicy = policy,
  mediaLimits: MediaLimits | undefined = limits,
): Promise<BridgeChatComposer> {
  return fixture<BridgeChatComposer>(
    html`<bridge-chat-composer .attachments=${attachments} .mediaLimits=${mediaLimits}></bridge-chat-composer>`,
  );
}

const root = (element: BridgeChatComposer) => element.shadowRoot!;
const inputOf = (element: BridgeChatComposer) => root(element).querySelector<HTMLTextAreaElement>('[part="input"]')!;
const sendOf = (element: BridgeChatComposer) => root(element).querySelector<HTMLButtonElement>('[part="send"]')!;
const attachOf = (element: BridgeChatComposer) => root(element).querySelector<HTMLButtonElement>('[part="attach"]');
// Assertions compare strings and booleans, never elements: a failing comparison of shadow DOM
// elements stalls the test reporter instead of reporting.
/** The part name of the focused element. */
const focusedPart = (element: BridgeChatComposer) => root(element).activeElement?.getAttribute('part') ?? null;
const alertText = (element: BridgeChatComposer) =>
  [...root(element).querySelectorAll('[role="alert"] p')].map((p) => p.textContent);
/** The element that shows the attached files, there from the first file on. */
const attachmentsOf = (element: BridgeChatComposer) => root(element).querySelector('bridge-chat-attachments');
/** The attached files' chips (none before the first file). */
const chipsOf = (element: BridgeChatComposer) => [...(attachmentsOf(element)?.shadowRoot!.querySelectorAll('.file') ?? [])];
const chipNames = (element: BridgeChatComposer) => chipsOf(element).map((chip) => chip.querySelector('.name')!.textContent);
const thumbnailOf = (element: BridgeChatComposer) => attachmentsOf(element)!.shadowRoot!.querySelector('img')!;
const removeButton = (element: BridgeChatComposer, name: string) =>
  attachmentsOf(element)!.shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-label="Remove ${name}"]`)!;

/** Waits until the composer and its attached files are drawn. */
async function settled(element: BridgeChatComposer): Promise<void> {
  await element.updateComplete;
  await attachmentsOf(element)?.updateComplete;
}

/** Attaches the files as the panel does, and waits until the outcome is drawn. */
async function attach(element: BridgeChatComposer, ...files: File[]): Promise<void> {
  await element.addFiles(files);
  await settled(element);
}

function composes(element: BridgeChatComposer): ComposeDetail[] {
  const seen: ComposeDetail[] = [];
  element.addEventListener('bridge-chat-compose', (event) => seen.push((event as CustomEvent<ComposeDetail>).detail));
  return seen;
}

function transfer(...files: File[]): DataTransfer {
  const data = new DataTransfer();
  for (const each of files) data.items.add(each);
  return data;
}

async function typeInto(element: BridgeChatComposer, text: string): Promise<void> {
  element.focus();
  await sendKeys({ type: text });
}

describe('<bridge-chat-composer>', () => {
  it('sends the trimmed text on Enter, adds a line on Shift+Enter and keeps focus', async () => {
    const element = await composer();
    const sent = composes(element);

    await typeInto(element, '  line one');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two  ' });
    expect(sent).to.have.length(0);
    await sendKeys({ press: 'Enter' });

    expect(sent).to.deep.equal([{ body: 'line one\nline two', files: [] }]);
    expect(inputOf(element).value).to.equal('');
    expect(focusedPart(element)).to.equal('input');
  });

  it('sends nothing for empty or blank text', async () => {
    const element = await composer();
    const sent = composes(element);
    await typeInto(element, '   ');
    await sendKeys({ press: 'Enter' });
    sendOf(element).click();
    expect(sent).to.have.length(0);
  });

  it('ignores the Enter that confirms an IME composition', async () => {
    const element = await composer();
    const sent = composes(element);
    inputOf(element).value = '日本';
    for (const init of [{ isComposing: true }, { keyCode: 229 }]) {
      const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init });
      inputOf(element).dispatchEvent(event);
      expect(event.defaultPrevented).to.equal(false);
    }
    expect(sent).to.have.length(0);
    expect(inputOf(element).value).to.equal('日本');
  });

  it('sends with the send button and puts focus back in the input', async () => {
    const element = await composer();
    const sent = composes(element);
    await typeInto(element, 'hello');
    sendOf(element).focus();
    sendOf(element).click();
    expect(sent).to.deep.equal([{ body: 'hello', files: [] }]);
    expect(focusedPart(element)).to.equal('input');
    expect(sendOf(element).getAttribute('aria-label')).to.equal('Send message');
  });

  it('grows with its content up to a maximum height', async () => {
    const element = await composer();
    const input = inputOf(element);
    const oneLine = input.offsetHeight;
    input.value = 'a\nb\nc';
    expect(input.offsetHeight).to.be.greaterThan(oneLine);
    input.value = 'line\n'.repeat(40);
    expect(input.offsetHeight).to.be.at.most(140);
  });

  it('refuses text over 32 KB with the size and the limit, until the visitor edits it', async () => {
    const element = await composer();
    const sent = composes(element);
    const input = inputOf(element);
    input.value = 'a'.repeat(MAX_MESSAGE_BYTES + 1);
    element.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;

    expect(sent).to.have.length(0);
    expect(alertText(element)).to.deep.equal(['This message is too long (33 kB); the limit is 32 kB.']);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('problems');
    expect(input.value).to.have.length(MAX_MESSAGE_BYTES + 1);

    await sendKeys({ press: 'Backspace' });
    await element.updateComplete;
    expect(alertText(element)).to.deep.equal([]);
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    expect(sent).to.have.length(1);
    expect(sent[0]!.body).to.have.length(MAX_MESSAGE_BYTES);
  });

  it('measures the text limit in UTF-8 bytes', async () => {
    const element = await composer();
    const sent = composes(element);
    inputOf(element).value = 'é'.repeat(MAX_MESSAGE_BYTES / 2 + 1);
    sendOf(element).click();
    await element.updateComplete;
    expect(sent).to.have.length(0);
    expect(alertText(element)[0]).to.contain('too long');
  });

  it('adds allowed files as chips and refuses the others, naming file and limit', async () => {
    const element = await composer();
    await attach(
      element,
      file('photo.PNG', 'image/png'),
      file('virus.exe', 'application/x-msdownload'),
      file('notes.txt', ''),
      file('huge.pdf', 'application/pdf', 1.5 * MB),
    );

    expect(chipNames(element)).to.deep.equal(['photo.PNG', 'notes.txt']);
    expect(alertText(element)).to.deep.equal([
      'virus.exe cannot be sent: files of this type are not accepted.',
      'huge.pdf is too large (1.5 MB); the limit is 1 MB.',
    ]);
    expect(attachOf(element)!.getAttribute('aria-describedby')).to.equal('problems');
    // Only the text itself marks the input invalid.
    expect(inputOf(element).getAttribute('aria-invalid')).to.equal('false');
  });

  it('applies the smaller of the site policy and the conversation limit per file', async () => {
    const element = await composer(policy, { ...limits, maxFileBytes: 500 * KB });
    await attach(element, file('a.png', 'image/png', 600 * KB));
    expect(chipNames(element)).to.deep.equal([]);
    expect(alertText(element)).to.deep.equal(['a.png is too large (600 kB); the limit is 500 kB.']);
  });

  it('keeps to the conversation limits on file count and total size', async () => {
    const element = await composer();
    await attach(element, file('1.png', 'image/png'), file('2.png', 'image/png'));
    await attach(element, file('3.png', 'image/png'), file('4.png', 'image/png'), file('5.png', 'image/png'));
    expect(chipNames(element)).to.deep.equal(['1.png', '2.png', '3.png']);
    expect(alertText(element)).to.deep.equal(['You can attach up to 3 files at once.']);

    const other = await composer();
    await attach(other, file('a.pdf', 'application/pdf', 900 * KB), file('b.pdf', 'application/pdf', 900 * KB));
    await attach(other, file('c.pdf', 'application/pdf', 900 * KB));
    expect(chipNames(other)).to.deep.equal(['a.pdf', 'b.pdf']);
    expect(alertText(other)).to.deep.equal(['These files are too large together (2.7 MB); the limit is 2 MB.']);
  });

  it('writes sizes in the visitor language', async () => {
    const element = await composer();
    element.language = 'de';
    await attach(element, file('big.png', 'image/png', 1.5 * MB));
    expect(alertText(element)[0]).to.contain('(1,5 MB)');
  });

  it('checks the files again on send, as the limits may have changed', async () => {
    const element = await composer(policy, undefined);
    const sent = composes(element);
    await attach(element, file('1.png', 'image/png'), file('2.png', 'image/png'), file('3.png', 'image/png'));
    element.mediaLimits = { ...limits, maxCount: 2 };
    sendOf(element).click();
    await element.updateComplete;
    expect(sent).to.have.length(0);
    expect(alertText(element)).to.deep.equal(['You can attach up to 2 files at once.']);
  });

  it('shows removable chips with sizes and image thumbnails, revoked on removal', async () => {
    const element = await composer();
    await attach(element, file('cat.png', 'image/png', 2 * KB), file('doc.pdf', 'application/pdf', 3 * KB));
    await attach(element, file('bad.exe', 'application/octet-stream'));

    const chips = chipsOf(element);
    expect(chips.map((chip) => chip.querySelector('.size')!.textContent)).to.deep.equal(['2 kB', '3 kB']);
    const thumbnail = chips[0]!.querySelector('img')!;
    expect(thumbnail.src).to.match(/^blob:/);
    expect(thumbnail.alt).to.equal('');
    expect(chips[1]!.querySelector('img') === null).to.equal(true);
    expect((await fetch(thumbnail.src)).ok).to.equal(true);

    removeButton(element, 'cat.png').click();
    await settled(element);
    expect(chipNames(element)).to.deep.equal(['doc.pdf']);
    expect(alertText(element)).to.deep.equal([]);
    expect(focusedPart(element)).to.equal('input');
    let revoked = false;
    await fetch(thumbnail.src).catch(() => (revoked = true));
    expect(revoked).to.equal(true);
  });

  it('revokes thumbnails when taken out of the page and makes them again when put back', async () => {
    const element = await composer();
    await attach(element, file('cat.png', 'image/png'));
    const before = thumbnailOf(element).src;
    const parent = element.parentElement!;
    element.remove();
    let revoked = false;
    await fetch(before).catch(() => (revoked = true));
    expect(revoked).to.equal(true);

    parent.append(element);
    await settled(element);
    const after = thumbnailOf(element).src;
    expect(after).to.not.equal(before);
    expect((await fetch(after)).ok).to.equal(true);
  });

  it('does not attach the same file twice', async () => {
    const element = await composer();
    const photo = file('a.png', 'image/png');
    await attach(element, photo, photo);
    await attach(element, photo);
    expect(chipNames(element)).to.deep.equal(['a.png']);
  });

  it('sends text and files in one compose event and empties itself', async () => {
    const element = await composer();
    const sent = composes(element);
    const photo = file('a.png', 'image/png');
    const pdf = file('b.pdf', 'application/pdf');
    await attach(element, photo, pdf);
    const thumbnail = thumbnailOf(element).src;
    await typeInto(element, ' look ');
    await sendKeys({ press: 'Enter' });
    await settled(element);

    expect(sent).to.have.length(1);
    expect(sent[0]!.body).to.equal('look');
    expect(sent[0]!.files).to.deep.equal([photo, pdf]);
    expect(chipNames(element)).to.deep.equal([]);
    expect(inputOf(element).value).to.equal('');
    let revoked = false;
    await fetch(thumbnail).catch(() => (revoked = true));
    expect(revoked).to.equal(true);
  });

  it('sends files without text', async () => {
    const element = await composer();
    const sent = composes(element);
    const photo = file('a.png', 'image/png');
    await attach(element, photo);
    sendOf(element).click();
    expect(sent).to.deep.equal([{ body: '', files: [photo] }]);
  });

  it('keeps text and files when the compose event is cancelled', async () => {
    const element = await composer();
    element.addEventListener('bridge-chat-compose', (event) => event.preventDefault());
    await attach(element, file('a.png', 'image/png'));
    await typeInto(element, 'keep me');
    await sendKeys({ press: 'Enter' });
    await settled(element);
    expect(inputOf(element).value).to.equal('keep me');
    expect(chipNames(element)).to.deep.equal(['a.png']);
  });

  it('when disabled, keeps the text but lets nothing be typed, attached or sent', async () => {
    const element = await composer();
    const sent = composes(element);
    await typeInto(element, 'draft');
    element.disabled = true;
    await element.updateComplete;

    expect(inputOf(element).disabled).to.equal(true);
    expect(inputOf(element).value).to.equal('draft');
    expect(sendOf(element).disabled).to.equal(true);
    expect(attachOf(element)!.disabled).to.equal(true);
    sendOf(element).click();
    await attach(element, file('a.png', 'image/png'));
    expect(sent).to.have.length(0);
    expect(chipNames(element)).to.deep.equal([]);

    element.disabled = false;
    await element.updateComplete;
    sendOf(element).click();
    expect(sent).to.deep.equal([{ body: 'draft', files: [] }]);
  });

  it('attaches nothing when disabled while the attachments were still loading', async () => {
    const element = await composer();
    const adding = element.addFiles([file('a.png', 'image/png')]);
    element.disabled = true;
    await adding;
    await settled(element);
    expect(chipNames(element)).to.deep.equal([]);
    expect(alertText(element)).to.deep.equal([]);
  });

  it('tells the panel the visitor is typing with a non-bubbling event', async () => {
    const element = await composer();
    const typing: Event[] = [];
    element.addEventListener('bridge-chat-typing', (event) => typing.push(event));
    await typeInto(element, ' ');
    expect(typing).to.have.length(0);
    await sendKeys({ type: 'hi' });
    expect(typing).to.have.length(2);
    expect(typing[0]!.bubbles).to.equal(false);
  });

  it('shows upload progress', async () => {
    const element = await composer();
    element.progress = { done: 1, total: 3 };
    await element.updateComplete;
    const status = root(element).querySelector('[role="status"]')!;
    expect(status.textContent).to.contain('Uploading 1 of 3…');
    const bar = status.querySelector('progress')!;
    expect([bar.value, bar.max]).to.deep.equal([1, 3]);
    await expect(element).to.be.accessible();

    element.progress = undefined;
    await element.updateComplete;
    expect(status.querySelector('progress') === null).to.equal(true);
  });

  it('highlights while files are dragged over it and attaches dropped files', async () => {
    const element = await composer();
    const target = inputOf(element);
    const data = transfer(file('a.png', 'image/png'), file('b.exe', 'application/x-msdownload'));
    const drag = (type: string) => {
      const event = new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true, composed: true });
      target.dispatchEvent(event);
      return event;
    };

    drag('dragenter');
    expect(drag('dragover').defaultPrevented).to.equal(true);
    await element.updateComplete;
    expect(root(element).querySelector('.drop')?.textContent).to.equal('Drop files to attach them');

    const drop = drag('drop');
    await element.updateComplete;
    expect(drop.defaultPrevented).to.equal(true);
    expect(root(element).querySelector('.drop') === null).to.equal(true);
    await waitUntil(() => chipNames(element).length > 0, 'the dropped file was never attached');
    expect(chipNames(element)).to.deep.equal(['a.png']);
    expect(alertText(element)).to.deep.equal(['b.exe cannot be sent: files of this type are not accepted.']);
  });

  it('keeps the highlight while files move over inner elements, and drops it when they leave', async () => {
    const element = await composer();
    const data = transfer(file('a.png', 'image/png'));
    const drag = async (type: string, target: HTMLElement) => {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
      await element.updateComplete;
      return root(element).querySelector('.drop') !== null;
    };
    // Entering a child fires before leaving its parent.
    expect(await drag('dragenter', inputOf(element))).to.equal(true);
    expect(await drag('dragenter', sendOf(element))).to.equal(true);
    expect(await drag('dragleave', inputOf(element))).to.equal(true);
    expect(await drag('dragleave', sendOf(element))).to.equal(false);
  });

  it('ignores drags that carry no files', async () => {
    const element = await composer();
    const text = new DataTransfer();
    text.setData('text/plain', 'words');
    const over = new DragEvent('dragover', { dataTransfer: text, bubbles: true, cancelable: true });
    inputOf(element).dispatchEvent(new DragEvent('dragenter', { dataTransfer: text, bubbles: true }));
    inputOf(element).dispatchEvent(over);
    await element.updateComplete;
    expect(over.defaultPrevented).to.equal(false);
    expect(root(element).querySelector('.drop') === null).to.equal(true);
  });

  it('attaches pasted files, but lets pasted text win', async () => {
    const element = await composer();
    const paste = (data: DataTransfer) => {
      const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      inputOf(element).dispatchEvent(event);
      return event;
    };

    expect(paste(transfer(file('shot.png', 'image/png'))).defaultPrevented).to.equal(true);
    const withText = transfer(file('table.png', 'image/png'));
    withText.setData('text/plain', 'a table');
    expect(paste(withText).defaultPrevented).to.equal(false);
    await waitUntil(() => chipNames(element).length > 0, 'the pasted file was never attached');
    expect(chipNames(element)).to.deep.equal(['shot.png']);
  });

  it('opens a file picker for the policy types and attaches the picked files', async () => {
    const element = await composer();
    const picker = root(element).querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(picker.multiple).to.equal(true);
    expect(picker.accept).to.equal('image/*,application/pdf,.txt');
    let opened = false;
    picker.addEventListener('click', (event) => {
      opened = true;
      event.preventDefault();
    });
    attachOf(element)!.click();
    expect(opened).to.equal(true);
    expect(attachOf(element)!.getAttribute('aria-label')).to.equal('Attach files');

    picker.files = transfer(file('a.pdf', 'application/pdf')).files;
    picker.dispatchEvent(new Event('change'));
    await waitUntil(() => chipNames(element).length > 0, 'the picked file was never attached');
    expect(chipNames(element)).to.deep.equal(['a.pdf']);
    expect(picker.value).to.equal('');
  });

  it('has no attach button, and takes no files, when attachments are off', async () => {
    const element = await composer({ ...policy, enabled: false });
    expect(attachOf(element) === null).to.equal(true);
    expect(root(element).querySelector('input[type="file"]') === null).to.equal(true);
    await attach(element, file('a.png', 'image/png'));
    expect(chipNames(element)).to.deep.equal([]);
  });

  it('is reachable by keyboard alone', async () => {
    const element = await composer();
    await attach(element, file('a.png', 'image/png'));
    removeButton(element, 'a.png').focus();
    const order: (string | null)[] = [];
    for (let step = 0; step < 3; step += 1) {
      await sendKeys({ press: 'Tab' });
      order.push(focusedPart(element));
    }
    expect(order).to.deep.equal(['attach', 'input', 'send']);
  });

  it('uses a 16px input on narrow screens, so iOS does not zoom', async () => {
    const element = await composer();
    element.style.fontSize = '14px';
    try {
      await setViewport({ width: 400, height: 700 });
      expect(getComputedStyle(inputOf(element)).fontSize).to.equal('16px');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
    expect(getComputedStyle(inputOf(element)).fontSize).to.not.equal('16px');
  });

  it('animates the drop highlight only when motion is welcome', async () => {
    const element = await composer();
    const data = transfer(file('a.png', 'image/png'));
    inputOf(element).dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true }));
    await element.updateComplete;
    const highlight = root(element).querySelector('.drop')!;
    try {
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(getComputedStyle(highlight).animationName).to.equal('none');
      await emulateMedia({ reducedMotion: 'no-preference' });
      expect(getComputedStyle(highlight).animationName).to.equal('appear');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('turns the send icon around in right-to-left text', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl"><bridge-chat-composer></bridge-chat-composer></div>`);
    const element = wrapper.querySelector('bridge-chat-composer')!;
    await element.updateComplete;
    expect(getComputedStyle(sendOf(element).querySelector('svg')!).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
  });

  it('is accessible empty, with chips and with errors', async () => {
    const element = await composer();
    await expect(element).to.be.accessible();
    await attach(element, file('a.png', 'image/png'), file('b.pdf', 'application/pdf'), file('c.exe', 'x/y'));
    await expect(element).to.be.accessible();
    inputOf(element).value = 'a'.repeat(MAX_MESSAGE_BYTES + 1);
    sendOf(element).click();
    await settled(element);
    expect(alertText(element)).to.have.length(1);
    await expect(element).to.be.accessible();
  });
});

describe('attachment checks', () => {
  const pdf = { name: 'Report.PDF', type: 'application/pdf', size: 1 };

  it('matches MIME types, type families and extensions, case-insensitively', () => {
    expect(acceptsFile(['application/pdf'], pdf)).to.equal(true);
    expect(acceptsFile(['APPLICATION/PDF'], pdf)).to.equal(true);
    expect(acceptsFile(['.pdf'], pdf)).to.equal(true);
    expect(acceptsFile(['application/*'], pdf)).to.equal(true);
    expect(acceptsFile(['image/*', '.txt'], pdf)).to.equal(false);
    expect(acceptsFile(['image/*'], { name: 'x', type: 'application/x-image', size: 1 })).to.equal(false);
    expect(acceptsFile(['.txt'], { name: 'notes.txt.exe', type: '', size: 1 })).to.equal(false);
  });

  it('accepts any type when the list is empty', () => {
    expect(acceptsFile([], { name: 'x.bin', type: '', size: 1 })).to.equal(true);
  });

  it('keeps the first files that fit and tells each problem', () => {
    const open: AttachmentPolicy = { enabled: true, accept: [], maxFileBytes: 100 };
    const sized = (name: string, size: number) => ({ name, type: 'text/plain', size });
    const { accepted, problems } = checkAttachments(
      [sized('old', 50)],
      [sized('a', 101), sized('b', 60), sized('c', 40), sized('d', 10), sized('e', 10)],
      open,
      { maxCount: 3, maxFileBytes: 1000, maxTotalBytes: 100 },
    );
    expect(accepted.map((each) => each.name)).to.deep.equal(['c', 'd']);
    expect(problems).to.deep.equal([
      { kind: 'size', name: 'a', size: 101, limit: 100 },
      { kind: 'total', size: 110, limit: 100 },
      { kind: 'count', limit: 3 },
    ]);
  });

  it('uses the conversation limit when it is the smaller, and no limits while unknown', () => {
    const files = [{ name: 'a.png', type: 'image/png', size: 200 }];
    const generous: AttachmentPolicy = { enabled: true, accept: ['image/*'], maxFileBytes: 1000 };
    expect(checkAttachments([], files, generous, { maxCount: 5, maxFileBytes: 100, maxTotalBytes: 1000 }).problems)
      .to.deep.equal([{ kind: 'size', name: 'a.png', size: 200, limit: 100 }]);
    expect(checkAttachments([], files, generous, undefined).accepted).to.have.length(1);
  });

  it('writes sizes in kilobytes or megabytes, rounded up, in the given language', () => {
    expect(formatBytes(1, 'en')).to.equal('1 kB');
    expect(formatBytes(32 * KB, 'en')).to.equal('32 kB');
    expect(formatBytes(32 * KB + 1, 'en')).to.equal('33 kB');
    expect(formatBytes(10 * MB, 'en')).to.equal('10 MB');
    expect(formatBytes(10 * MB + 1, 'en')).to.equal('10.1 MB');
    expect(formatBytes(1.5 * MB, 'de')).to.equal('1,5 MB');
  });
});
