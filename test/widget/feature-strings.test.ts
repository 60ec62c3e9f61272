/**
 * English strings that live in a feature's own chunk: a translator made before the feature
 * loaded (the panel's, made when it opened) finds them once it has, and the site's wording
 * for a feature's string wins over every language. Runs in a page of its own, so no feature
 * is loaded until a test imports it: keep the imports at the top free of feature modules.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LocalizeController, type LocalizeHost } from '../../src/widget/controllers/localize.controller.js';
import type { Language } from '../../src/widget/i18n/i18n.js';
import { en } from '../../src/widget/i18n/panel/en.js';
import { loadPanelStrings, loadedPanelStrings, translator } from '../../src/widget/i18n/panel-strings.js';
import { contextAnswer } from './support/context-stub.js';

/** The panel's LocalizeController on a host of its own, speaking `language` with the site's `strings`. */
function localized(language: Language, strings?: LocalizeHost['settings']['strings']): LocalizeController {
  const host: LocalizeHost = {
    settings: { language, strings },
    updateComplete: Promise.resolve(true),
    addController() {},
    removeController() {},
    requestUpdate() {},
  };
  const controller = new LocalizeController(host);
  controller.hostUpdate();
  return controller;
}

describe('English strings kept in a feature’s chunk', () => {
  it('are found by a translator made before the feature loaded, and rendered by its element', async () => {
    const { t } = localized('en');
    const early = translator(en);
    // Not loaded yet: a lookup shows the key rather than failing.
    expect(t('historyEmpty')).to.equal('historyEmpty');

    await import('../../src/widget/context-details/context-details.js');
    expect(t('historyEmpty')).to.equal('No earlier conversations');
    expect(early('greeting', { name: 'Ana' })).to.equal('Welcome back, Ana!');
    expect(t('title'), 'the core strings are unchanged').to.equal('Chat');

    const details = await fixture(html`<bridge-chat-context-details
      .status=${'ready'}
      .linkStatus=${'linked'}
      .context=${contextAnswer({ memory: { displayName: 'Ana', traits: {}, observations: [] } })}
      .t=${t}
    ></bridge-chat-context-details>`);
    const text = details.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Earlier conversations');
    expect(text).to.contain('No earlier conversations');
    expect(text).to.contain('Welcome back, Ana!');
  });

  it('give way to the site’s own wording, before and after the feature loads, in every language', async () => {
    const strings = { startChat: 'Let’s talk', fieldName: undefined };
    const english = localized('en', strings);
    await loadPanelStrings('es');
    const spanish = localized('es', strings);
    expect(english.t('startChat')).to.equal('Let’s talk');
    expect(spanish.t('startChat')).to.equal('Let’s talk');
    expect(english.t('fieldEmail')).to.equal('fieldEmail');

    await import('../../src/widget/prechat/prechat.js');
    expect(english.t('startChat')).to.equal('Let’s talk');
    expect(spanish.t('startChat')).to.equal('Let’s talk');
    expect(english.t('fieldEmail')).to.equal('Email');
    // A key the site leaves undefined keeps the active language's string.
    expect(english.t('fieldName')).to.equal('Name');
    expect(spanish.t('fieldName')).to.equal(loadedPanelStrings('es')!.fieldName);
    expect(spanish.t('fieldName')).to.not.equal('Name');
  });

  it('load with the transcript, which the panel imports only when asked for one', async () => {
    const t = translator(en);
    expect(t('transcriptTitle')).to.equal('transcriptTitle');
    const { transcriptText } = await import('../../src/widget/messages/transcript.js');
    const text = transcriptText([], { t, language: 'en', conversationSid: 'CH1', identity: 'me', participants: new Map() });
    expect(text.split('\n')[0]).to.equal('Chat transcript');
  });
});
