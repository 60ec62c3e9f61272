import { expect, fixture, html } from '@open-wc/testing';
import type { ReactiveController } from 'lit';
import { sessionRequestSchema } from '../../src/protocol/session.js';
import { type SessionDetails, SessionController, type SessionHost } from '../../src/widget/controllers/session.controller.js';
import { en } from '../../src/widget/i18n/panel/en.js';
import { translator } from '../../src/widget/i18n/panel-strings.js';
import { checkPrechat, checkPrechatField } from '../../src/widget/prechat/prechat-check.js';
import { prechatEn } from '../../src/widget/prechat/prechat.strings.js';
import { BridgeChatPrechat } from '../../src/widget/prechat/prechat.js';
import { parsePrechatFields, type PrechatField } from '../../src/widget/settings/panel-settings.js';
import { listMessages, stackConfig } from './support/stack-client.js';

const ALL_REQUIRED = parsePrechatFields('name email message');

async function form(fields: readonly PrechatField[] = ALL_REQUIRED): Promise<BridgeChatPrechat> {
  return fixture<BridgeChatPrechat>(html`<bridge-chat-prechat .fields=${fields}></bridge-chat-prechat>`);
}

const root = (element: BridgeChatPrechat) => element.shadowRoot!;
const control = (element: BridgeChatPrechat, name: string) =>
  root(element).querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
const errorText = (element: BridgeChatPrechat, name: string) => {
  const id = control(element, name).getAttribute('aria-describedby');
  return id ? root(element).getElementById(id)?.textContent : undefined;
};

async function type(element: BridgeChatPrechat, name: string, value: string): Promise<void> {
  const input = control(element, name);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

/** Clicks "Start chat"; resolves with the submitted details, or undefined when nothing was submitted. */
async function submit(element: BridgeChatPrechat): Promise<SessionDetails | undefined> {
  let submitted: SessionDetails | undefined;
  const listener = (event: Event) => (submitted = (event as CustomEvent<SessionDetails>).detail);
  element.addEventListener('bridge-chat-prechat-submit', listener);
  root(element).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
  await element.updateComplete;
  // The first invalid field is focused after the update that shows the problems.
  await new Promise((resolve) => setTimeout(resolve));
  element.removeEventListener('bridge-chat-prechat-submit', listener);
  return submitted;
}

describe('pre-chat checks', () => {
  const name: PrechatField = { name: 'name', required: true };
  const email: PrechatField = { name: 'email', required: false };
  const message: PrechatField = { name: 'message', required: true };

  it('names the problem: missing, malformed email, too long', () => {
    expect(checkPrechatField(name, '   ')).to.equal('fieldRequired');
    expect(checkPrechatField(email, '')).to.equal(undefined);
    expect(checkPrechatField(email, 'ada@')).to.equal('emailInvalid');
    expect(checkPrechatField(email, `${'a'.repeat(250)}@example.com`)).to.equal('fieldTooLong');
    expect(checkPrechatField(name, ` ${'x'.repeat(100)} `)).to.equal(undefined);
    expect(checkPrechatField(name, 'x'.repeat(101))).to.equal('fieldTooLong');
    // The limit is in UTF-8 bytes, as Twilio counts: "é" is two.
    expect(checkPrechatField(message, 'é'.repeat(16 * 1024))).to.equal(undefined);
    expect(checkPrechatField(message, 'é'.repeat(16 * 1024 + 1))).to.equal('fieldTooLong');
  });

  it('accepts exactly what the companion accepts', () => {
    const samples = [
      'ada@example.com',
      'ADA.PARK@EXAMPLE.COM',
      'ada+chat@mail.example.co.uk',
      "o'brien@pub.ie",
      'a@b',
      'ada example@x.org',
      'ada@example.c',
      'ada@@x.io',
      '.ada@x.io',
      'ada.@x.io',
      'ada..park@x.io',
      'ada@-x.io',
      'ada@x-.io',
      'ada@x..io',
    ];
    let accepted = 0;
    for (const sample of samples) {
      const widget = checkPrechatField(email, sample) === undefined;
      expect(widget, sample).to.equal(sessionRequestSchema.safeParse({ email: sample }).success);
      if (widget) accepted += 1;
    }
    expect(accepted).to.equal(4);
  });

  it('turns the answers into trimmed session details, leaving out empty optional ones', () => {
    const fields = parsePrechatFields('name email? message');
    expect(checkPrechat(fields, { name: ' Ada ', email: ' ', message: ' Hello\n' })).to.deep.equal({
      details: { name: 'Ada', firstMessage: 'Hello' },
      problems: {},
    });
    expect(checkPrechat(fields, { email: 'nope' }).problems).to.deep.equal({
      name: 'fieldRequired',
      email: 'emailInvalid',
      message: 'fieldRequired',
    });
  });
});

describe('<bridge-chat-prechat>', () => {
  it('shows the configured fields in order, with labels, the optional ones marked, and passes axe', async () => {
    const element = await form(parsePrechatFields('email? name'));
    const formElement = root(element).querySelector('form')!;
    expect(formElement.getAttribute('part')).to.equal('prechat');
    expect(root(element).querySelector('h3')!.textContent).to.equal(prechatEn.prechatTitle);
    expect([...root(element).querySelectorAll('[name]')].map((field) => field.getAttribute('name'))).to.deep.equal([
      'email',
      'name',
    ]);
    const labels = [...root(element).querySelectorAll('label')].map((label) => label.textContent!.replace(/\s+/g, ' ').trim());
    expect(labels).to.deep.equal([`${prechatEn.fieldEmail} (${prechatEn.optional})`, prechatEn.fieldName]);
    expect(control(element, 'email').type).to.equal('email');
    expect(control(element, 'email').required).to.equal(false);
    expect(control(element, 'name').required).to.equal(true);
    expect(root(element).querySelector('button')!.textContent!.trim()).to.equal(prechatEn.startChat);
    await expect(element).to.be.accessible();
  });

  it('shows each problem under its field, marks it invalid, focuses the first, and sends nothing', async () => {
    const element = await form();
    await type(element, 'email', 'ada@example');
    expect(await submit(element)).to.equal(undefined);
    expect(control(element, 'name').getAttribute('aria-invalid')).to.equal('true');
    expect(errorText(element, 'name')).to.equal(prechatEn.fieldRequired);
    expect(errorText(element, 'email')).to.equal(prechatEn.emailInvalid);
    expect(errorText(element, 'message')).to.equal(prechatEn.fieldRequired);
    expect(root(element).activeElement?.getAttribute('name')).to.equal('name');
    await expect(element).to.be.accessible();
  });

  it('checks a field again as the visitor fixes it, after the first try', async () => {
    const element = await form();
    await type(element, 'name', 'x'.repeat(101));
    expect(control(element, 'name').getAttribute('aria-invalid')).to.equal('false', 'no complaint before the first try');
    await submit(element);
    expect(errorText(element, 'name')).to.equal(prechatEn.fieldTooLong);
    expect(root(element).activeElement?.getAttribute('name')).to.equal('name');
    await type(element, 'name', 'Ada Park');
    expect(control(element, 'name').getAttribute('aria-invalid')).to.equal('false');
    expect(control(element, 'name').hasAttribute('aria-describedby')).to.equal(false);
    expect(root(element).activeElement?.getAttribute('name')).to.equal('name');
  });

  it('submits trimmed details once everything is acceptable, without the event leaving the element', async () => {
    const element = await form(parsePrechatFields('name email? message?'));
    let bubbled = false;
    const parent = element.parentElement!;
    const onParent = () => (bubbled = true);
    parent.addEventListener('bridge-chat-prechat-submit', onParent);
    await type(element, 'name', '  Ada Park ');
    await type(element, 'message', 'Is the Guji back?\n');
    expect(await submit(element)).to.deep.equal({ name: 'Ada Park', firstMessage: 'Is the Guji back?' });
    parent.removeEventListener('bridge-chat-prechat-submit', onParent);
    expect(bubbled).to.equal(false);
  });

  it('shows the session starting and ignores another submit meanwhile', async () => {
    const element = await form(parsePrechatFields('name?'));
    element.busy = true;
    await element.updateComplete;
    const button = root(element).querySelector('button')!;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(root(element).querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    expect(await submit(element)).to.equal(undefined);
    await expect(element).to.be.accessible();
    element.busy = false;
    await element.updateComplete;
    expect(await submit(element)).to.deep.equal({});
  });

  it('speaks the language it is given', async () => {
    const element = await form(parsePrechatFields('name'));
    element.t = translator({ ...en, startChat: 'Chat starten', fieldName: 'Name (DE)', fieldRequired: 'Pflichtfeld' });
    await element.updateComplete;
    await submit(element);
    expect(root(element).querySelector('button')!.textContent!.trim()).to.equal('Chat starten');
    expect(root(element).querySelector('label')!.textContent!.trim()).to.equal('Name (DE)');
    expect(errorText(element, 'name')).to.equal('Pflichtfeld');
  });
});

/** A bare controller host: the SessionController only needs the URL and the site's headers. */
function sessionHost(sessionUrl: string, headers: Record<string, string> = {}): SessionHost {
  return {
    settings: { sessionUrl, getAuthHeaders: () => headers },
    addController: (_controller: ReactiveController) => {},
    removeController: (_controller: ReactiveController) => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  };
}

describe('SessionController and the pre-chat form', () => {
  let companionUrl: string;
  let unreachableUrl: string;
  const fields = parsePrechatFields('name message?');

  beforeEach(async () => {
    localStorage.clear();
    ({ companionUrl, unreachableUrl } = await stackConfig());
  });
  afterEach(() => localStorage.clear());

  it('asks an anonymous visitor for details, but not when the site asks for none', async () => {
    const session = new SessionController(sessionHost(companionUrl));
    expect(await session.needsDetails(fields)).to.equal(true);
    expect(await session.needsDetails([])).to.equal(false);
  });

  it('never asks a user the site has signed in', async () => {
    const session = new SessionController(sessionHost(companionUrl, { 'X-Test-Site-User': '77' }));
    expect(await session.needsDetails(fields)).to.equal(false);
  });

  it('sends the details with the new session, and does not ask again once there is one to resume', async () => {
    const session = new SessionController(sessionHost(companionUrl));
    const opened = await session.open({ name: 'Ada Park', firstMessage: 'Hello from the form' });
    const messages = await listMessages(opened.conversationSid);
    expect(messages.map((message) => [message.author, message.body])).to.deep.equal([[opened.identity, 'Hello from the form']]);
    expect(await session.needsDetails(fields)).to.equal(false);
    // After a reload: only the stored session token is left.
    expect(await new SessionController(sessionHost(companionUrl)).needsDetails(fields)).to.equal(false);
  });

  it('ends the chat: the next session (after forget) is a new conversation and asks again', async () => {
    const session = new SessionController(sessionHost(companionUrl));
    const first = await session.open();
    await session.end();
    // Ending keeps the session (its messages stay readable); resuming it starts over in a new conversation.
    expect((await session.open()).conversationSid).to.not.equal(first.conversationSid);
    session.forget();
    expect(await session.needsDetails(fields)).to.equal(true);
  });

  it('fails like open() when the companion cannot be reached', async () => {
    const session = new SessionController(sessionHost(unreachableUrl));
    let failure: unknown;
    await session.needsDetails(fields).catch((error: unknown) => (failure = error));
    expect((failure as { code?: string } | undefined)?.code).to.equal('companion_unreachable');
  });

  it('refuses to end a chat that never started', async () => {
    const session = new SessionController(sessionHost(companionUrl));
    let failure: unknown;
    await session.end().catch((error: unknown) => (failure = error));
    expect((failure as { code?: string } | undefined)?.code).to.equal('unauthorized');
  });
});
