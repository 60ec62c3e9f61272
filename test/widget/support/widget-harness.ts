/** Reaching into <bridge-chat>'s shadow trees the way a visitor would use them. */
import { oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { BridgeChat, BridgeChatErrorDetail, BridgeChatReadyDetail } from '../../../src/widget/index.js';

const WAIT = { timeout: 8_000 };

export function launcherOf(element: BridgeChat): HTMLButtonElement {
  return element.shadowRoot!.querySelector<HTMLButtonElement>('[part="launcher"]')!;
}

export function panelOf(element: BridgeChat): HTMLElement | null {
  return element.shadowRoot!.querySelector('bridge-chat-panel');
}

/** The panel's shadow root, once the panel is loaded. */
export function panelRoot(element: BridgeChat): ShadowRoot {
  const panel = panelOf(element);
  if (!panel?.shadowRoot) throw new Error('The chat panel is not rendered.');
  return panel.shadowRoot;
}

/** The shadow root of one of the panel's own elements (composer, message list, pre-chat form). */
export function panelElementRoot(element: BridgeChat, tag: string): ShadowRoot | null {
  return panelRoot(element).querySelector(tag)?.shadowRoot ?? null;
}

/** The first node with `part` anywhere in the widget: its own shadow root, the panel's, or the panel's elements'. */
export function findPart(element: BridgeChat, part: string): HTMLElement | null {
  const selector = `[part~="${part}"]`;
  const roots = [element.shadowRoot!, panelOf(element)?.shadowRoot];
  for (const tag of ['bridge-chat-message-list', 'bridge-chat-composer', 'bridge-chat-prechat', 'bridge-chat-end-confirmation']) {
    roots.push(panelOf(element) ? panelElementRoot(element, tag) : null);
  }
  for (const root of roots) {
    const node = root?.querySelector<HTMLElement>(selector);
    if (node) return node;
  }
  return null;
}

export function inputOf(element: BridgeChat): HTMLTextAreaElement {
  return panelElementRoot(element, 'bridge-chat-composer')!.querySelector<HTMLTextAreaElement>('[part="input"]')!;
}

export function messageItems(element: BridgeChat): HTMLElement[] {
  const list = panelElementRoot(element, 'bridge-chat-message-list');
  return list ? [...list.querySelectorAll<HTMLElement>('[part="message"]')] : [];
}

/** The text of each message shown ('' for one that carries only files). */
export function messageBodies(element: BridgeChat): string[] {
  return messageItems(element).map(bodyOf);
}

/** A shown message's text; '' for one that carries only files. */
export function bodyOf(item: HTMLElement): string {
  return item.querySelector('.body')?.textContent ?? '';
}

/** Clicks the launcher and resolves with the `bridge-chat-ready` detail; rejects on `bridge-chat-error`. */
export async function openChat(element: BridgeChat): Promise<BridgeChatReadyDetail> {
  const ready = oneEvent<CustomEvent<BridgeChatReadyDetail>>(element, 'bridge-chat-ready');
  const failed = oneEvent<CustomEvent<BridgeChatErrorDetail>>(element, 'bridge-chat-error').then(({ detail }) => {
    throw new Error(`bridge-chat-error ${detail.code}: ${detail.message}`);
  });
  launcherOf(element).click();
  return (await Promise.race([ready, failed])).detail;
}

/** Types into the composer with the real keyboard, then presses Enter. */
export async function typeAndSend(element: BridgeChat, text: string): Promise<void> {
  inputOf(element).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

export async function waitForMessage(element: BridgeChat, body: string): Promise<HTMLElement> {
  await waitUntil(() => messageBodies(element).includes(body), `message "${body}" never appeared`, WAIT);
  return messageItems(element).find((item) => bodyOf(item) === body)!;
}

export function waitFor(predicate: () => unknown, message: string): Promise<void> {
  return waitUntil(predicate, message, WAIT);
}

/** Forgets every stored session, so the next element is a new visitor. */
export function forgetStoredSessions(): void {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith('bridge-chat:')) localStorage.removeItem(key);
  }
}

/** The header's link indicator, or null when none is shown. */
export function linkIndicatorOf(element: BridgeChat): HTMLElement | null {
  return panelRoot(element).querySelector('[part="link-indicator"]');
}

/** The "Your history" section, `<bridge-chat-context-details>` (its own chunk), or null while the panel shows none. */
export function contextSectionOf(element: BridgeChat): HTMLElementTagNameMap['bridge-chat-context-details'] | null {
  return panelRoot(element).querySelector('bridge-chat-context-details');
}

/** The "Your history" toggle, or null when the panel shows no context (or the section's chunk has not arrived). */
export function contextToggleOf(element: BridgeChat): HTMLButtonElement | null {
  return contextSectionOf(element)?.shadowRoot?.querySelector<HTMLButtonElement>('.context-toggle') ?? null;
}

/** The section's region, which the toggle opens. */
export function contextRegionOf(element: BridgeChat): HTMLElement {
  return contextSectionOf(element)!.shadowRoot!.querySelector<HTMLElement>('#context-region')!;
}

/** The section's shadow root, once its element is defined and rendered: the toggle, and what the region shows. */
export async function contextDetailsOf(element: BridgeChat): Promise<ShadowRoot> {
  await customElements.whenDefined('bridge-chat-context-details');
  const details = contextSectionOf(element)!;
  await details.updateComplete;
  return details.shadowRoot!;
}

/** Waits for the panel's opening animation, so contrast checks see its final colours. */
export async function settled(element: BridgeChat): Promise<void> {
  const finite = element.shadowRoot!.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
  await Promise.all(finite.map((animation) => animation.finished));
}

/** Waits for the "Your history" toggle, expands the section and returns what it shows (see `contextDetailsOf`). */
export async function expandContext(element: BridgeChat): Promise<ShadowRoot> {
  await waitFor(() => contextToggleOf(element), 'the history toggle never appeared');
  const toggle = contextToggleOf(element)!;
  if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
  return contextDetailsOf(element);
}

/** The composer's shadow root, while the composer is shown. */
export function composerRoot(element: BridgeChat): ShadowRoot {
  const root = panelElementRoot(element, 'bridge-chat-composer');
  if (!root) throw new Error('The composer is not shown.');
  return root;
}

/** The message list's shadow root. */
export function messageListRoot(element: BridgeChat): ShadowRoot {
  const root = panelElementRoot(element, 'bridge-chat-message-list');
  if (!root) throw new Error('The message list is not shown.');
  return root;
}

/** The scrolling log of messages. */
export function logOf(element: BridgeChat): HTMLElement {
  return messageListRoot(element).querySelector<HTMLElement>('[part="messages"]')!;
}

/** Puts files on the composer's hidden file input, as the browser's file picker does, and fires `change`. */
export function pickFiles(element: BridgeChat, files: File[]): void {
  const picker = composerRoot(element).querySelector<HTMLInputElement>('input[type="file"]');
  if (!picker) throw new Error('The composer has no file input.');
  const transfer = new DataTransfer();
  for (const file of files) transfer.items.add(file);
  picker.files = transfer.files;
  picker.dispatchEvent(new Event('change', { bubbles: true }));
}

/** What the composer says is wrong (its alert), as one text. */
export function composerProblems(element: BridgeChat): string {
  return composerRoot(element).querySelector('.problems')?.textContent?.trim() ?? '';
}

/** The files waiting in the composer, by name. */
export function composerFiles(element: BridgeChat): string[] {
  return [...composerRoot(element).querySelectorAll('.files .name')].map((name) => name.textContent ?? '');
}

export function sendButtonOf(element: BridgeChat): HTMLButtonElement {
  return composerRoot(element).querySelector<HTMLButtonElement>('[part="send"]')!;
}

/** The delivery status under one of the visitor's messages (`sent`, `read`, `queued`, `sending`, `failed`), if shown. */
export function deliveryStatusOf(item: HTMLElement): string | undefined {
  return item.dataset['state'];
}

/** The connection banner (hidden while the link is up). */
export function bannerOf(element: BridgeChat): HTMLElement {
  return panelRoot(element).querySelector<HTMLElement>('[part="banner"]')!;
}

/** The focused element, looking through every open shadow root. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
