/**
 * How the widget looks and speaks: languages and plurals, right-to-left, per-string
 * overrides, light/dark/auto themes, the full-screen phone layout and reduced motion.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import { format } from '../../src/widget/i18n/format.js';
import { resolveLanguage } from '../../src/widget/i18n/i18n.js';
import { en } from '../../src/widget/i18n/panel/en.js';
import { loadPanelStrings, loadedPanelStrings, type PanelKey, translator } from '../../src/widget/i18n/panel-strings.js';
import '../../src/widget/index.js';
import type { BridgeChat } from '../../src/widget/index.js';
import { english } from './support/english-strings.js';
import { stackConfig } from './support/stack-client.js';
import type { StackConfig } from './support/stack-protocol.js';
import { forgetStoredSessions, launcherOf, openChat, panelOf, settled, waitFor } from './support/widget-harness.js';

let stack: StackConfig;

/** The first element matching `selector` in `root` or any shadow tree inside it. */
function deepQuery<E extends Element = HTMLElement>(root: ParentNode, selector: string): E | null {
  const found = root.querySelector<E>(selector);
  if (found) return found;
  for (const element of root.querySelectorAll('*')) {
    const inner = element.shadowRoot && deepQuery<E>(element.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}

/** Opens a widget whose companion cannot be reached: the panel renders (header, error state) without a chat. */
async function openOffline(element: BridgeChat): Promise<HTMLElement> {
  launcherOf(element).click();
  await waitFor(() => panelOf(element)?.shadowRoot?.querySelector('#title'), 'the panel never rendered');
  const panel = panelOf(element)!;
  await (panel as LitElement).updateComplete;
  await settled(element);
  return panel;
}

function panelTitle(element: BridgeChat): string {
  return panelOf(element)!.shadowRoot!.querySelector('#title')!.textContent!.trim();
}

describe('<bridge-chat> look and languages', () => {
  const pageLang = document.documentElement.lang;
  const pageDir = document.documentElement.dir;

  beforeEach(async () => {
    stack ??= await stackConfig();
    forgetStoredSessions();
  });

  afterEach(async () => {
    document.documentElement.lang = pageLang;
    document.documentElement.dir = pageDir;
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });

  describe('languages', () => {
    it('picks the element’s lang, else the page’s, else the browser’s, by primary subtag', () => {
      document.documentElement.lang = 'de-AT';
      expect(resolveLanguage('fr-CA')).to.equal('fr');
      expect(resolveLanguage('ar-EG')).to.equal('ar');
      expect(resolveLanguage('pt-BR')).to.equal('de');
      expect(resolveLanguage(null)).to.equal('de');
      document.documentElement.lang = 'ja';
      const browser = navigator.language.split('-')[0];
      expect(resolveLanguage(undefined)).to.equal(['es', 'fr', 'de', 'ar'].includes(browser!) ? browser : 'en');
    });

    it('speaks French and Arabic on the launcher, from the attribute or the page', async () => {
      const french = await fixture<BridgeChat>(html`<bridge-chat lang="fr" session-url=${stack.unreachableUrl}></bridge-chat>`);
      expect(launcherOf(french).getAttribute('aria-label')).to.equal('Ouvrir le chat');
      expect(launcherOf(french).lang).to.equal('fr');

      document.documentElement.lang = 'ar';
      const arabic = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.unreachableUrl}></bridge-chat>`);
      expect(launcherOf(arabic).getAttribute('aria-label')).to.equal('فتح المحادثة');
    });

    it('has every panel string in every language, each loaded as its own chunk', async () => {
      for (const language of ['es', 'fr', 'de', 'ar'] as const) {
        expect(loadedPanelStrings(language), `${language} before loading`).to.equal(undefined);
        await loadPanelStrings(language);
        const strings = loadedPanelStrings(language)!;
        expect(Object.keys(strings).sort(), language).to.deep.equal(Object.keys(english).sort());
        const untranslated = (Object.keys(english) as PanelKey[]).filter(
          (key) => strings[key] === english[key] && !/^(channel|title$|messages$)/.test(key),
        );
        // A few words are the same in English (e.g. "Chat", "Online"), but not many.
        expect(untranslated.length, `${language}: ${untranslated.join(', ')}`).to.be.below(6);
      }
    });

    it('words counts with each language’s plural rules', async () => {
      expect(format('{count, plural, =0 {none} one {# file} other {# files}}', 'en', { count: 0 })).to.equal('none');
      expect(format('{count, plural, one {# file} other {# files}}', 'en', { count: 1 })).to.equal('1 file');
      expect(format('{count, plural, one {# file} other {# files}}', 'en', { count: 1200 })).to.equal('1,200 files');
      await Promise.all([loadPanelStrings('ar'), loadPanelStrings('fr')]);
      const arabic = translator(loadedPanelStrings('ar')!, 'ar');
      expect(arabic('unread', { count: 1 })).to.equal('رسالة واحدة غير مقروءة');
      expect(arabic('unread', { count: 2 })).to.equal('رسالتان غير مقروءتين');
      expect(arabic('unread', { count: 3 })).to.match(/^\S+ رسائل غير مقروءة$/);
      expect(arabic('unread', { count: 11 })).to.match(/^\S+ رسالة غير مقروءة$/);
      expect(translator(loadedPanelStrings('fr')!, 'fr')('unread', { count: 0 })).to.equal('0 message non lu');
      expect(translator(en)('tooManyFiles', { count: 1 })).to.equal('You can attach only one file at a time.');
      expect(translator(en)('tooManyFiles', { count: 5 })).to.equal('You can attach up to 5 files at once.');
      expect(translator(en)('typingOne', { name: 'Sam' })).to.equal('Sam is typing…');
    });

    it('isolates names inside right-to-left sentences, so their direction cannot scramble the sentence', async () => {
      await loadPanelStrings('ar');
      const arabic = translator(loadedPanelStrings('ar')!, 'ar');
      expect(arabic('typingOne', { name: 'Sam (Support)' })).to.equal('\u2068Sam (Support)\u2069 يكتب…');
      expect(arabic('uploading', { done: 1, total: 3 })).to.equal('جارٍ رفع 1 من 3…');
    });

    it('applies the site’s own wording on top of the active language, on the launcher and in the panel', async () => {
      const strings = { openChat: 'Questions ?', closeChat: 'Fermer', title: 'Un barista vous répond' };
      const element = await fixture<BridgeChat>(
        html`<bridge-chat lang="fr" .strings=${strings} session-url=${stack.unreachableUrl}></bridge-chat>`,
      );
      expect(launcherOf(element).getAttribute('aria-label')).to.equal('Questions ?');
      await openOffline(element);
      expect(launcherOf(element).getAttribute('aria-label')).to.equal('Fermer');
      expect(panelTitle(element)).to.equal('Un barista vous répond');
      // Strings not overridden stay in the active language.
      expect(panelOf(element)!.shadowRoot!.textContent).to.contain('Réessayer');

      element.strings = { title: 'Ask a barista' };
      await element.updateComplete;
      await (panelOf(element) as LitElement).updateComplete;
      expect(launcherOf(element).getAttribute('aria-label')).to.equal('Fermer le chat');
      expect(panelTitle(element)).to.equal('Ask a barista');
    });
  });

  describe('right to left', () => {
    it('lays Arabic out right to left, in the launcher and the panel', async () => {
      const arabic = await fixture<BridgeChat>(html`<bridge-chat lang="ar" session-url=${stack.unreachableUrl}></bridge-chat>`);
      const english = await fixture<BridgeChat>(html`<bridge-chat lang="en" session-url=${stack.unreachableUrl}></bridge-chat>`);
      expect(launcherOf(arabic).dir).to.equal('rtl');
      expect(launcherOf(english).dir).to.equal('ltr');

      for (const [element, direction] of [
        [arabic, 'rtl'],
        [english, 'ltr'],
      ] as const) {
        const panel = await openOffline(element);
        expect(panel.dir).to.equal(direction);
        const header = panel.shadowRoot!.querySelector('header')!;
        expect(getComputedStyle(header).direction).to.equal(direction);
        // The title sits at the start: the right edge in Arabic, with the close button at the left.
        const title = panel.shadowRoot!.querySelector('#title')!.getBoundingClientRect();
        const close = header.querySelector('button')!.getBoundingClientRect();
        expect(direction === 'rtl' ? close.right < title.left : title.right < close.left, direction).to.equal(true);
      }
      expect(panelTitle(arabic)).to.equal('المحادثة');
    });

    it('puts the launcher in the page’s end corner (left on a right-to-left page) unless position says otherwise', async () => {
      document.documentElement.dir = 'rtl';
      const container = await fixture<HTMLDivElement>(html`<div>
        <bridge-chat session-url=${stack.unreachableUrl}></bridge-chat>
        <bridge-chat position="right" session-url=${stack.unreachableUrl}></bridge-chat>
      </div>`);
      const [byPage, right] = [...container.querySelectorAll('bridge-chat')];
      await Promise.all([byPage!.updateComplete, right!.updateComplete]);
      expect(launcherOf(byPage!).getBoundingClientRect().left).to.equal(20);
      expect(launcherOf(right!).getBoundingClientRect().right).to.equal(document.documentElement.clientWidth - 20);

      const panel = await openOffline(byPage!);
      expect(panel.getBoundingClientRect().left).to.equal(20);
    });
  });

  describe('themes', () => {
    async function surfaces(): Promise<Record<'light' | 'dark' | 'auto', { background: string; text: string }>> {
      const container = await fixture<HTMLDivElement>(html`<div>
        <bridge-chat theme="light" session-url=${stack.unreachableUrl}></bridge-chat>
        <bridge-chat theme="dark" session-url=${stack.unreachableUrl}></bridge-chat>
        <bridge-chat theme="auto" session-url=${stack.unreachableUrl}></bridge-chat>
      </div>`);
      const elements = [...container.querySelectorAll('bridge-chat')];
      const panels = await Promise.all(elements.map((element) => openOffline(element)));
      const colours = panels.map((panel) => {
        const style = getComputedStyle(panel);
        return { background: style.backgroundColor, text: style.color };
      });
      return { light: colours[0]!, dark: colours[1]!, auto: colours[2]! };
    }

    it('is light by default and dark with theme="dark"; "auto" follows the system', async () => {
      const plain = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.unreachableUrl}></bridge-chat>`);
      expect(plain.theme).to.equal('light');

      await emulateMedia({ colorScheme: 'light' });
      const day = await surfaces();
      expect(day.light.background).to.equal('rgb(255, 255, 255)');
      expect(day.dark.background).to.not.equal(day.light.background);
      expect(day.dark.text).to.not.equal(day.light.text);
      expect(day.auto).to.deep.equal(day.light);

      await emulateMedia({ colorScheme: 'dark' });
      const night = await surfaces();
      expect(night.light).to.deep.equal(day.light);
      expect(night.auto).to.deep.equal(night.dark);
    });

    for (const theme of ['light', 'dark'] as const) {
      it(`is accessible in the ${theme} theme, closed and open`, async () => {
        const element = await fixture<BridgeChat>(
          html`<bridge-chat theme=${theme} session-url=${stack.unreachableUrl}></bridge-chat>`,
        );
        await expect(element).to.be.accessible();
        await openOffline(element);
        await waitFor(() => panelOf(element)!.shadowRoot!.querySelector('[role="alert"]'), 'the error never showed');
        await expect(element).to.be.accessible();
      });
    }
  });

  describe('layout', () => {
    it('fills a phone’s screen with the open panel, and fits it to the part the keyboard leaves', async () => {
      await setViewport({ width: 390, height: 844 });
      const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.unreachableUrl}></bridge-chat>`);
      const panel = await openOffline(element);
      const box = panel.getBoundingClientRect();
      expect([box.left, box.top, box.width, box.height]).to.deep.equal([0, 0, 390, 844]);
      expect(getComputedStyle(panel).borderRadius).to.equal('0px');

      // The on-screen keyboard covers the bottom of the layout viewport: only the visual viewport
      // shrinks (and iOS scrolls it to the input). The panel fits the part that is left.
      const viewport = window.visualViewport!;
      Object.defineProperty(viewport, 'height', { configurable: true, get: () => 480 });
      Object.defineProperty(viewport, 'offsetTop', { configurable: true, get: () => 40 });
      viewport.dispatchEvent(new Event('resize'));
      try {
        await waitFor(() => {
          const { top, height } = panel.getBoundingClientRect();
          return top === 40 && height === 480;
        }, 'the panel never fit the part of the screen the keyboard leaves');
      } finally {
        delete (viewport as Partial<Record<'height' | 'offsetTop', number>>).height;
        delete (viewport as Partial<Record<'height' | 'offsetTop', number>>).offsetTop;
        viewport.dispatchEvent(new Event('resize'));
      }

      // Any viewport under 640px wide is a phone's (or a small tablet's in portrait).
      await setViewport({ width: 630, height: 700 });
      await waitFor(() => {
        const { top, width, height } = panel.getBoundingClientRect();
        return top === 0 && width === 630 && height === 700;
      }, 'the panel is not full-screen at 630px');
    });

    it('keeps the floating panel beside the launcher on a wide screen', async () => {
      await setViewport({ width: 1024, height: 768 });
      const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.unreachableUrl}></bridge-chat>`);
      const box = (await openOffline(element)).getBoundingClientRect();
      expect(box.width).to.equal(370);
      expect(box.right).to.equal(1024 - 20);
      expect(box.bottom).to.equal(launcherOf(element).getBoundingClientRect().top - 16);
    });

    it('writes 16px text in the composer on a phone, so iOS does not zoom in', async () => {
      const sizeOnScreen = async (width: number): Promise<string> => {
        await setViewport({ width, height: 800 });
        forgetStoredSessions();
        const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.companionUrl}></bridge-chat>`);
        await openChat(element);
        return getComputedStyle(await waitForInput(element)).fontSize;
      };
      expect(await sizeOnScreen(390)).to.equal('16px');
      expect(await sizeOnScreen(1024)).to.not.equal('16px');
    });

    it('listens to the visual viewport only while the panel is there', async () => {
      const viewport = window.visualViewport!;
      const listening = new Set<unknown>();
      const { addEventListener: add, removeEventListener: remove } = viewport;
      // Own properties shadow the prototype's methods until deleted again.
      Object.assign(viewport, {
        addEventListener(...args: Parameters<VisualViewport['addEventListener']>) {
          listening.add(args[1]);
          add.apply(viewport, args);
        },
        removeEventListener(...args: Parameters<VisualViewport['removeEventListener']>) {
          listening.delete(args[1]);
          remove.apply(viewport, args);
        },
      });
      try {
        const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.unreachableUrl}></bridge-chat>`);
        expect(listening.size, 'the launcher alone does not listen').to.equal(0);
        await openOffline(element);
        expect(listening.size).to.equal(1);
        element.remove();
        expect(listening.size).to.equal(0);
      } finally {
        delete (viewport as Partial<VisualViewport>).addEventListener;
        delete (viewport as Partial<VisualViewport>).removeEventListener;
      }
    });

    it('moves only for visitors who have not asked for reduced motion', async () => {
      const transitionOf = async (): Promise<{ launcher: string; panel: string }> => {
        const element = await fixture<BridgeChat>(html`<bridge-chat session-url=${stack.unreachableUrl}></bridge-chat>`);
        const launcher = getComputedStyle(launcherOf(element)).transitionDuration;
        launcherOf(element).click();
        await waitFor(() => element.shadowRoot!.querySelector('[part="panel"]'), 'no panel');
        const panel = getComputedStyle(element.shadowRoot!.querySelector('[part="panel"]')!).animationName;
        return { launcher, panel };
      };
      await emulateMedia({ reducedMotion: 'no-preference' });
      expect(await transitionOf()).to.deep.equal({ launcher: '0.15s, 0.15s', panel: 'panel-in' });
      await emulateMedia({ reducedMotion: 'reduce' });
      expect(await transitionOf()).to.deep.equal({ launcher: '0s', panel: 'none' });
    });
  });
});

/** The composer's text area, wherever the panel's sub-elements keep it. */
async function waitForInput(element: BridgeChat): Promise<HTMLTextAreaElement> {
  await waitFor(() => deepQuery(element.shadowRoot!, '[part~="input"]'), 'the composer never appeared');
  return deepQuery<HTMLTextAreaElement>(element.shadowRoot!, '[part~="input"]')!;
}
