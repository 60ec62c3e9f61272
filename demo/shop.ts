// What a site does with the npm package: importing it registers <bridge-chat>.
import '../src/widget/index.js';
import type { BridgeChat } from '../src/widget/index.js';
import { authHeadersFor, readSiteSession, signIn, signOut, type SiteSession } from './site-account.js';

/**
 * The shop page. Its demo bar and side panel ("Widget options") let a visitor try every option
 * live: the customer (anonymous, or the returning Maya Chen through the shop's own sign-in), and
 * the element's `theme`, `lang`, `mode` and `position` attributes, set on the element as a site
 * would set them in its markup, without a reload. The options are kept in the address
 * (`?theme=dark&lang=fr`), so a setup can be reloaded or shared.
 */

type Option = 'theme' | 'lang' | 'mode' | 'position';
const OPTIONS: Record<Option, readonly string[]> = {
  theme: ['light', 'dark', 'auto'],
  lang: ['en', 'es', 'fr', 'de', 'ar'],
  mode: ['floating', 'inline'],
  position: ['right', 'left'],
};
const PANEL_OPEN_KEY = 'tidewater:options-open';

const chat = document.querySelector<BridgeChat>('bridge-chat')!;
const form = document.querySelector<HTMLFormElement>('#options-form')!;
const panel = document.querySelector<HTMLElement>('#widget-options')!;
const toggle = document.querySelector<HTMLButtonElement>('#options-toggle')!;

// ---- The customer: the shop's sign-in, handed to the chat through `getAuthHeaders`. ----

function showCustomer(session: SiteSession | undefined): void {
  chat.getAuthHeaders = authHeadersFor(session);
  document.querySelector('#customer-name')!.textContent = session?.name ?? '';
  for (const element of document.querySelectorAll<HTMLElement>('[data-when]')) {
    element.hidden = (element.dataset.when === 'signed-in') !== Boolean(session);
  }
  (form.elements.namedItem('customer') as RadioNodeList).value = session ? 'signed-in' : 'anonymous';
  renderMarkup();
}

/** Signs in or out without a reload: the chat forgets the previous customer's session and starts afresh. */
async function switchCustomer(signedIn: boolean): Promise<void> {
  if (signedIn === Boolean(readSiteSession())) return;
  let session: SiteSession | undefined;
  try {
    session = signedIn ? await signIn() : (signOut(), undefined);
  } catch (error) {
    showCustomer(readSiteSession());
    throw error;
  }
  showCustomer(session);
  // The chat session belonged to the previous customer; an open chat restarts as the new one.
  chat.reset();
}

// The button pressed is hidden once it has done its work: focus goes to the one that undoes it.
for (const [id, signedIn, next] of [
  ['#sign-in', true, '#sign-out'],
  ['#sign-out', false, '#sign-in'],
] as const) {
  document.querySelector(id)!.addEventListener('click', () => {
    void switchCustomer(signedIn).then(() => document.querySelector<HTMLElement>(next)!.focus());
  });
}

// ---- The element's options. ----

function readOptions(): Partial<Record<Option, string>> {
  const query = new URLSearchParams(location.search);
  const options: Partial<Record<Option, string>> = {};
  for (const name of Object.keys(OPTIONS) as Option[]) {
    const value = query.get(name);
    if (value && OPTIONS[name].includes(value)) options[name] = value;
  }
  return options;
}

/** Sets the element's attributes from the options (default values are left out, as in markup). */
function applyOptions(options: Partial<Record<Option, string>>): void {
  for (const name of Object.keys(OPTIONS) as Option[]) {
    const value = options[name];
    if (value === undefined || value === OPTIONS[name][0]) chat.removeAttribute(name);
    else chat.setAttribute(name, value);
  }
  const inline = options.mode === 'inline';
  // The side panel keeps out of the floating chat's corner.
  panel.dataset.side = !inline && options.position === 'left' ? 'right' : 'left';
  document.querySelector<HTMLElement>('.chat-intro')!.hidden = !inline;
  document.querySelector<HTMLFieldSetElement>('#position-options')!.disabled = inline;
  document.querySelector('#chat-where')!.textContent = inline
    ? 'just below'
    : options.position === 'left'
      ? 'bottom left'
      : 'bottom right';
  renderMarkup();
}

function renderMarkup(): void {
  // The configuration, not the state (`open` comes and goes with the visitor).
  const attributes = [...chat.attributes]
    .filter(({ name }) => name !== 'open')
    .map(({ name, value }) => ` ${name}="${value}"`)
    .join('');
  const auth = chat.getAuthHeaders ? `\nchat.getAuthHeaders = () => ({ 'X-Site-Session': token });` : '';
  document.querySelector('#options-markup')!.textContent = `<bridge-chat${attributes}></bridge-chat>${auth}`;
}

function syncForm(options: Partial<Record<Option, string>>): void {
  for (const name of Object.keys(OPTIONS) as Option[]) {
    const control = form.elements.namedItem(name) as RadioNodeList | HTMLSelectElement;
    control.value = options[name] ?? OPTIONS[name][0]!;
  }
}

form.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement | HTMLSelectElement;
  if (target.name === 'customer') {
    void switchCustomer(target.value === 'signed-in');
    return;
  }
  const options: Partial<Record<Option, string>> = {};
  for (const name of Object.keys(OPTIONS) as Option[]) {
    options[name] = (form.elements.namedItem(name) as RadioNodeList | HTMLSelectElement).value;
  }
  applyOptions(options);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(options)) {
    if (value !== OPTIONS[name as Option][0]) query.set(name, value);
  }
  history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
});
form.addEventListener('submit', (event) => event.preventDefault());

// ---- The side panel: a disclosure, closed with its button, Escape or the × button. ----

function setPanelOpen(open: boolean, moveFocus: boolean): void {
  panel.hidden = !open;
  toggle.setAttribute('aria-expanded', String(open));
  sessionStorage.setItem(PANEL_OPEN_KEY, String(open));
  if (moveFocus) (open ? document.querySelector<HTMLElement>('#widget-options-title')! : toggle).focus();
}

toggle.addEventListener('click', () => setPanelOpen(toggle.getAttribute('aria-expanded') !== 'true', true));
document.querySelector('#options-close')!.addEventListener('click', () => setPanelOpen(false, true));
panel.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    event.preventDefault();
    setPanelOpen(false, true);
  }
});

const initial = readOptions();
syncForm(initial);
applyOptions(initial);
showCustomer(readSiteSession());
setPanelOpen(sessionStorage.getItem(PANEL_OPEN_KEY) === 'true', false);
