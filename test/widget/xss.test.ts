/**
 * Hostile text wherever the widget shows what someone else wrote: message bodies
 * (from the agent, over the real emulator), participants' names, the names of
 * files received and chosen, and the company's memory and history (through the
 * /context stub). Each payload tries to add markup, run code or become a link
 * to something other than a web or email address. For every surface the test
 * walks every shadow root of the widget for anything injected, checks that no
 * payload's code ran (a canary they all call, `securitypolicyviolation` too),
 * that each text reads back verbatim, and that links only go to http(s) or mailto.
 */
import { expect } from '@open-wc/testing';
import '../../src/widget/index.js';
import type { BridgeChat } from '../../src/widget/index.js';
import { chatElement, pngFile, stack } from './support/chat-flows.js';
import { contextAnswer, restoreFetch, stubContextSequence } from './support/context-stub.js';
import { participantPosts, postMessages } from './support/stack-client.js';
import {
  composerProblems,
  composerRoot,
  expandContext,
  forgetStoredSessions,
  messageItems,
  messageListRoot,
  openChat,
  pickFiles,
  sendButtonOf,
  waitFor,
} from './support/widget-harness.js';

/** What every payload's code calls, with its own label, if it ever runs. */
const CANARY = '__bridgeChatXssCanary';
const run = (label: string) => `window.${CANARY}('${label}')`;

interface Payload {
  label: string;
  text: string;
}

/** Payloads that make elements also mark them (`data-xss`, `<xss-probe>`), so a survivor is easy to name. */
const PAYLOADS: readonly Payload[] = [
  { label: 'script tag', text: `<script>${run('script')}</script>` },
  { label: 'img onerror', text: `<img src="x" onerror="${run('img')}" data-xss>` },
  { label: 'svg onload', text: `<svg onload="${run('svg')}" data-xss><circle r="1"></circle></svg>` },
  { label: 'script in svg', text: `<svg><script>${run('svg-script')}</script></svg>` },
  { label: 'iframe srcdoc', text: `<iframe srcdoc="<script>parent.${CANARY}('iframe')</script>" data-xss></iframe>` },
  { label: 'details ontoggle', text: `<details open ontoggle="${run('details')}" data-xss>x</details>` },
  { label: 'style import', text: `<style data-xss>@import url("javascript:${run('style')}");</style>` },
  { label: 'unknown element', text: '</p><xss-probe data-xss></xss-probe><p>' },
  { label: 'anchor with javascript: href', text: `<a href="javascript:${run('anchor')}" data-xss>open</a>` },
  { label: 'javascript: URL', text: `javascript:${run('js-url')}` },
  { label: 'javascript: URL, mixed case', text: `JaVaScRiPt:${run('js-mixed')}` },
  { label: 'javascript: URL, tab inside', text: `java\tscript:${run('js-tab')}` },
  { label: 'javascript: URL, leading control characters', text: `\u0001 \u0008javascript:${run('js-control')}` },
  { label: 'javascript: URL, decimal entities', text: `&#106;&#97;vascript&#58;${run('js-decimal')}` },
  { label: 'javascript: URL, hex entities', text: `&#x6A;&#x61;&#x76;&#x61;script&#x3A;${run('js-hex')}` },
  { label: 'javascript: URL, named entity', text: `javascript&colon;${run('js-named')}` },
  { label: 'javascript: after a web address', text: `see www.example.com/javascript:${run('js-www')}` },
  { label: 'web address with credentials', text: `http://javascript:${run('js-userinfo')}@example.com/` },
  { label: 'data: URL', text: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' },
  { label: 'vbscript: URL', text: 'vbscript:msgbox(1)' },
  { label: 'link then markup', text: `https://example.com/"><img src=x onerror=${run('link-breakout')} data-xss>` },
  { label: 'link with markup in the query', text: `https://example.com/?q=<script>${run('link-query')}</script>` },
  { label: 'mailto with markup', text: `mailto:someone@example.com?body=<img src=x onerror=${run('mailto')} data-xss>` },
  { label: 'attribute breakout, double quotes', text: `"><img src=x onerror=${run('double-quote')} data-xss>` },
  { label: 'attribute breakout, single quotes', text: `' onmouseover='${run('single-quote')}' data-xss='` },
  { label: 'attribute breakout, autofocus', text: `" autofocus onfocus="${run('autofocus')}" data-xss="` },
  { label: 'closing tags first', text: `</span></div></p><img src=x onerror=${run('closing')} data-xss>` },
  { label: 'template literal', text: '${' + run('template') + '}' },
  { label: 'template literal in backticks', text: '`${' + run('backtick') + '}`' },
  { label: 'Lit marker comment', text: `<!--?lit$1234567890$--><img src=x onerror=${run('lit-comment')} data-xss>` },
  { label: 'Lit marker text', text: 'lit$1234567890$ and lit$0$' },
  { label: 'Lit marker processing instruction', text: '<?lit$1234567890$>' },
  { label: 'Lit attribute marker', text: `x$lit$="${run('lit-attr')}"` },
  { label: 'mustache expression', text: `{{constructor.constructor('${run('mustache')}')()}}` },
  { label: 'right-to-left override', text: 'invoice\u202Efdp.exe' },
  { label: 'bidi isolates and embeddings', text: '\u2066left\u2069 \u2067right\u2069 \u202Bembedded\u202C \u200F.' },
  { label: 'zero-width and BOM characters', text: 'pass\u200Bword\uFEFF\u200D' },
  { label: 'HTML entities as text', text: '&lt;b&gt;bold&lt;/b&gt; &amp;amp; &quot;' },
  { label: 'null character', text: `a\u0000<img src=x onerror=${run('null')} data-xss>` },
  { label: 'placeholder lookalike', text: '{name} {count, plural, one {#} other {#}} $& $1' },
];

/** Long text with a payload at its end: nothing is cut short of it, nothing parsed. */
const longText = (length: number) => {
  const tail = `<img src=x onerror=${run('long')} data-xss>`;
  return `${'long text '.repeat(length / 10)}`.slice(0, length - tail.length) + tail;
};

let hits: string[] = [];
/** Control payloads run so far, so each one is told apart. */
let controls = 0;
let violations: string[] = [];
const onViolation = (event: SecurityPolicyViolationEvent) => violations.push(`${event.violatedDirective}: ${event.blockedURI}`);

/** The element and everything in its light DOM and (recursively) its shadow roots. */
function widgetTree(host: Element): Element[] {
  const found: Element[] = [host];
  const visit = (root: Element | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  if (host.shadowRoot) visit(host.shadowRoot);
  visit(host);
  return found;
}

/** Elements the widget never makes: any of them means markup got in. */
const INJECTED_TAGS = new Set(
  ['script', 'iframe', 'frame', 'object', 'embed', 'style', 'base', 'meta', 'link', 'math', 'details', 'xss-probe'],
);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'data'];

/**
 * What in the widget's tree looks injected: a tag it never makes, an event handler
 * attribute or a marked one, a URL attribute with a script or data URL, an image
 * from anywhere but a blob or the emulator's media, a link to anything but http(s) or mailto.
 */
function injectedNodes(host: Element, mediaOrigin: string): string[] {
  const problems: string[] = [];
  for (const element of widgetTree(host)) {
    const name = element.localName;
    if (INJECTED_TAGS.has(name)) problems.push(`<${name}>`);
    for (const attribute of element.getAttributeNames()) {
      if (/^on/i.test(attribute) || /xss|srcdoc/i.test(attribute)) problems.push(`<${name} ${attribute}>`);
    }
    for (const attribute of URL_ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value !== null && /^[\s\u0000-\u001f]*(javascript|vbscript|data):/i.test(value)) problems.push(`<${name} ${attribute}="${value}">`);
    }
    if (element instanceof HTMLImageElement && !element.src.startsWith('blob:') && !element.src.startsWith(`${mediaOrigin}/media/`)) {
      problems.push(`<img src="${element.getAttribute('src')}">`);
    }
    if (element instanceof HTMLAnchorElement && element.hasAttribute('href') && !['http:', 'https:', 'mailto:'].includes(element.protocol)) {
      problems.push(`<a href="${element.getAttribute('href')}">`);
    }
  }
  return problems;
}

/** Every link in the widget's tree. */
function links(host: Element): HTMLAnchorElement[] {
  return widgetTree(host).filter((element): element is HTMLAnchorElement => element instanceof HTMLAnchorElement);
}

/**
 * Proves no payload's code ran: a control image with an error handler is added
 * on purpose and must report (so the canary works); by the time it has, an
 * image the widget had let in, which failed the same way, would have reported too.
 */
async function expectNothingRan(): Promise<void> {
  const label = `control-${++controls}`;
  const control = document.createElement('div');
  control.hidden = true;
  control.innerHTML = `<img src="/__xss-${label}.png" onerror="${run(label)}">`;
  document.body.append(control);
  try {
    await waitFor(() => hits.includes(label), 'the control payload never ran: the canary is broken');
  } finally {
    control.remove();
  }
  expect(hits.filter((hit) => !hit.startsWith('control-')), 'code from a payload ran').to.deep.equal([]);
  expect(violations, 'securitypolicyviolation events').to.deep.equal([]);
}

async function expectNothingInjected(element: BridgeChat): Promise<void> {
  const { gatewayUrl } = await stack();
  expect(injectedNodes(element, gatewayUrl), 'injected into the widget').to.deep.equal([]);
  await expectNothingRan();
}

/** The message rows whose text contains `marker`. */
function itemsWith(element: BridgeChat, marker: string): HTMLElement[] {
  return messageItems(element).filter((item) => item.textContent?.includes(marker));
}

const textOf = (node: Element | null | undefined) => node?.textContent ?? null;

/** A file named `name`, as the page's file picker would hand it over. */
const textFile = (name: string) => new File([`contents of ${name.length}`], name, { type: 'text/plain' });

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return btoa(String.fromCharCode(...bytes));
}

/** The page's own dialogs, which the payloads' `alert(…)`s are caught in place of during a test. */
const dialogs = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };

describe('<bridge-chat> shows hostile text as text', () => {
  beforeEach(() => {
    forgetStoredSessions();
    hits = [];
    violations = [];
    const record = (label: unknown) => void hits.push(String(label));
    Object.assign(window, { [CANARY]: record, alert: record, confirm: record, prompt: record });
    document.addEventListener('securitypolicyviolation', onViolation, true);
  });

  afterEach(() => {
    restoreFetch();
    Object.assign(window, dialogs);
    document.removeEventListener('securitypolicyviolation', onViolation, true);
  });

  it('has detectors that fire: a payload parsed as HTML runs, and an element put in a shadow root is found', async () => {
    const element = await chatElement();
    const planted = document.createElement('p');
    planted.innerHTML = PAYLOADS.find(({ label }) => label === 'img onerror')!.text + '<a href="javascript:void 0">x</a>';
    element.shadowRoot!.append(planted);
    await waitFor(() => hits.includes('img'), 'the canary never heard the planted payload');
    const found = injectedNodes(element, (await stack()).gatewayUrl);
    planted.remove();
    expect(found).to.include.members(['<img onerror>', '<img data-xss>', '<img src="x">', '<a href="javascript:void 0">']);
  });

  it('renders agent messages carrying every payload as their exact text, with links only to http(s) and mailto', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    const bodies = [...PAYLOADS.map(({ text }) => text), longText(20_000)];

    await postMessages(conversationSid, bodies);

    await waitFor(() => messageItems(element).length >= bodies.length, 'the agent’s messages never all showed');
    const shown = messageItems(element).map((item) => textOf(item.querySelector('.body')));
    for (const [index, body] of bodies.entries()) {
      expect(shown, PAYLOADS[index]?.label ?? 'long text').to.include(body);
    }
    const hrefs = links(element).map((link) => link.href);
    // The addresses in the payloads did become links (so the checks below check something).
    expect(hrefs).to.include.members(['https://example.com/', 'mailto:someone@example.com']);
    expect(hrefs.some((href) => href.startsWith('https://www.example.com/javascript:')), 'a path is just a path').to.equal(true);
    expect(hrefs.filter((href) => !/^(https?|mailto):/.test(href)), 'links to other schemes').to.deep.equal([]);
    expect(links(element).filter((link) => /script:/i.test(link.protocol)), 'script links').to.deep.equal([]);
    await expectNothingInjected(element);
  });

  it('shows participants’ names carrying payloads as their exact text', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    const names = [...PAYLOADS.filter((_, index) => index % 4 === 0).map(({ text }) => text), longText(2_000)];

    for (const [index, name] of names.entries()) {
      await participantPosts({ conversationSid, identity: `xss-author-${index}`, friendlyName: name, body: `from author ${index}.` });
    }

    await waitFor(() => itemsWith(element, `from author ${names.length - 1}.`).length === 1, 'the last author’s message never showed');
    for (const [index, name] of names.entries()) {
      const [item] = itemsWith(element, `from author ${index}.`);
      expect(textOf(item?.querySelector('.author')), `author ${index}`).to.equal(name);
    }
    await expectNothingInjected(element);
  });

  it('shows the names of received files carrying payloads as their exact text, in labels and alt text too', async () => {
    const element = await chatElement();
    const { conversationSid } = await openChat(element);
    const fileNames = PAYLOADS.filter((_, index) => index % 5 === 1).map(({ text }) => text.slice(0, 256));
    const imageName = `<img src=x onerror=${run('image-name')} data-xss>.png`;

    for (const [index, name] of fileNames.entries()) {
      const file = textFile(name);
      await participantPosts({
        conversationSid,
        identity: 'xss-sender',
        friendlyName: 'Sender',
        body: `file ${index}.`,
        file: { name, contentType: file.type, base64: await base64Of(file) },
      });
    }
    const image = await pngFile(imageName, 4, 4);
    await participantPosts({
      conversationSid,
      identity: 'xss-sender',
      friendlyName: 'Sender',
      body: 'an image.',
      file: { name: imageName, contentType: 'image/png', base64: await base64Of(image) },
    });

    const imageShown = () => messageListRoot(element).querySelector<HTMLImageElement>('[part~="attachment"] img');
    await waitFor(() => imageShown()?.complete && imageShown()!.naturalWidth === 4, 'the image never showed');
    expect(imageShown()!.alt).to.equal(`Image: ${imageName}`);
    for (const [index, name] of fileNames.entries()) {
      const [item] = itemsWith(element, `file ${index}.`);
      const download = item?.querySelector<HTMLButtonElement>('button[part~="attachment"]');
      expect(textOf(download?.querySelector('.file-name')), `file ${index}`).to.equal(name);
      expect(download!.getAttribute('aria-label')).to.equal(`Download ${name}, ${textOf(download!.querySelector('.file-size'))}`);
    }
    await expectNothingInjected(element);
  });

  it('shows the names of chosen files carrying payloads as their exact text: chips, refusals, the outbox and the sent message', async () => {
    const element = await chatElement();
    await openChat(element);
    const accepted = PAYLOADS.filter((_, index) => index % 7 === 3).map(({ text }) => textFile(text.slice(0, 200)));
    const refusedName = `" onmouseover="${run('refused')}" data-xss=".zip`;

    pickFiles(element, [...accepted, new File(['PK'], refusedName, { type: 'application/zip' })]);

    const attachments = () => composerRoot(element).querySelector('bridge-chat-attachments')?.shadowRoot;
    await waitFor(() => attachments()?.querySelectorAll('.name').length === accepted.length, 'the chosen files never showed');
    const chips = [...attachments()!.querySelectorAll('li')];
    expect(chips.map((chip) => textOf(chip.querySelector('.name')))).to.deep.equal(accepted.map((file) => file.name));
    expect(chips.map((chip) => chip.querySelector('button')!.getAttribute('aria-label'))).to.deep.equal(
      accepted.map((file) => `Remove ${file.name}`),
    );
    expect(composerProblems(element)).to.equal(`${refusedName} cannot be sent: files of this type are not accepted.`);
    await expectNothingInjected(element);

    sendButtonOf(element).click();
    const sentNames = () =>
      [...messageListRoot(element).querySelectorAll('button[part~="attachment"] .file-name')].map((name) => name.textContent);
    await waitFor(() => sentNames().length === accepted.length, 'the sent files never showed as sent');
    expect(sentNames()).to.deep.equal(accepted.map((file) => file.name));
    await expectNothingInjected(element);
  });

  it('shows memory and history carrying payloads as their exact text', async () => {
    const texts = PAYLOADS.map(({ text }) => text);
    const traitValue = `<img src=x onerror=${run('trait')} data-xss>`;
    const observation = `<svg onload=${run('observation')} data-xss>`;
    const displayName = `"><script>${run('display-name')}</script>`;
    stubContextSequence(
      contextAnswer({
        memory: {
          displayName,
          traits: { [`<b data-xss>group</b>`]: { [`"><img src=x onerror=${run('trait-name')} data-xss>`]: traitValue } },
          observations: [{ content: observation, occurredAt: '2026-03-02T15:40:00Z' }],
        },
        history: {
          items: [...texts, longText(5_000)].map((summary, index) => ({
            conversationId: `conv_${index}`,
            channel: 'CHAT' as const,
            startedAt: '2026-01-20T18:45:00Z',
            summary,
          })),
        },
      }),
    );
    const element = await chatElement();
    await openChat(element);

    const details = await expandContext(element);
    await waitFor(() => details.querySelectorAll('.summary').length === texts.length + 1, 'the history never showed');
    expect([...details.querySelectorAll('.summary')].map(textOf)).to.deep.equal([...texts, longText(5_000)]);
    expect([...details.querySelectorAll('.traits dd')].map(textOf)).to.deep.equal([traitValue]);
    expect(details.querySelectorAll('.traits dt')).to.have.length(1);
    expect([...details.querySelectorAll('.observations p')].map(textOf)).to.deep.equal([observation]);
    expect(textOf(details.querySelector('.greeting'))).to.equal(`Welcome back, ${displayName}!`);
    await expectNothingInjected(element);
  });
});
