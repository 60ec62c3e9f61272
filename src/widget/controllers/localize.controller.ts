import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Language } from '../i18n/i18n.js';
import { en } from '../i18n/panel/en.js';
import { loadedPanelStrings, loadPanelStrings, type Translate, translator } from '../i18n/panel-strings.js';

export interface LocalizeHost extends ReactiveControllerHost {
  /** The language the host should speak. */
  readonly language: Language;
}

/**
 * The panel's strings in its host's language. A language not loaded yet is
 * loaded, and until it arrives the panel keeps speaking the one it spoke.
 */
export class LocalizeController implements ReactiveController {
  /** The language `t` speaks. */
  language: Language = 'en';
  t: Translate = translator(en);

  constructor(private readonly host: LocalizeHost) {
    host.addController(this);
  }

  hostUpdate(): void {
    const wanted = this.host.language;
    if (wanted === this.language) return;
    const strings = loadedPanelStrings(wanted);
    if (strings) {
      this.language = wanted;
      this.t = translator(strings);
      return;
    }
    // A language that cannot be loaded leaves the panel in the one it speaks.
    loadPanelStrings(wanted).then(
      () => this.host.requestUpdate(),
      () => {},
    );
  }
}
