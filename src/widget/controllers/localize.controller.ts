import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';
import { type Direction, directionOf, type Language, type Strings } from '../i18n/i18n.js';
import { definedOnly } from '../i18n/launcher-strings.js';
import { en } from '../i18n/panel/en.js';
import { loadedPanelStrings, loadPanelStrings, type PanelKey, type Translate, translator } from '../i18n/panel-strings.js';

/** A site's own wording for some panel strings; it replaces them in every language. */
export type PanelStringOverrides = Partial<Record<PanelKey, string>>;

export interface LocalizeHost extends ReactiveControllerHost {
  readonly settings: {
    /** The language the host should speak. */
    readonly language: Language;
    /** The site's own wording, applied on top of whichever language is active. */
    readonly strings?: PanelStringOverrides | undefined;
  };
}

/**
 * The panel's strings in its host's language, with the site's overrides on top and English
 * (including the strings of features loaded since) below.
 * A language not loaded yet is loaded, and until it arrives the panel keeps
 * speaking the one it spoke.
 */
export class LocalizeController implements ReactiveController {
  /** The language `t` speaks. */
  language: Language = 'en';
  t: Translate = translator(en);
  #overrides: PanelStringOverrides | undefined;
  readonly #host: LocalizeHost;

  constructor(host: LocalizeHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The writing direction of the language `t` speaks. */
  get dir(): Direction {
    return directionOf(this.language);
  }

  hostUpdate(): void {
    const { language: wanted, strings: overrides } = this.#host.settings;
    if (wanted !== this.language && !loadedPanelStrings(wanted)) {
      // A language that cannot be loaded leaves the panel in the one it speaks.
      loadPanelStrings(wanted).then(
        () => this.#host.requestUpdate(),
        () => {},
      );
    }
    const language = loadedPanelStrings(wanted) ? wanted : this.language;
    if (language === this.language && overrides === this.#overrides) return;
    this.language = language;
    this.#overrides = overrides;
    this.t = translator(withOverrides(loadedPanelStrings(language) ?? en, overrides), language);
  }
}

function withOverrides(
  strings: Partial<Strings<PanelKey>>,
  overrides: PanelStringOverrides | undefined,
): Partial<Strings<PanelKey>> {
  return overrides ? { ...strings, ...definedOnly(overrides) } : strings;
}
