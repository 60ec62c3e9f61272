import { format, type Params } from './format.js';
import type { Language, Strings } from './i18n.js';
import { en, type PanelKey } from './panel/en.js';

export type { PanelKey };

export type Translate = (key: PanelKey, params?: Params) => string;

/** Languages loaded so far: English ships with the panel, each other language is a small chunk of its own. */
const loaded = new Map<Language, Strings<PanelKey>>([['en', en]]);

const loaders: Record<Exclude<Language, 'en'>, () => Promise<Strings<PanelKey>>> = {
  es: async () => (await import('./panel/es.js')).es,
  fr: async () => (await import('./panel/fr.js')).fr,
  de: async () => (await import('./panel/de.js')).de,
  ar: async () => (await import('./panel/ar.js')).ar,
};

/** The panel's strings in `language`, if they are loaded. */
export function loadedPanelStrings(language: Language): Strings<PanelKey> | undefined {
  return loaded.get(language);
}

export async function loadPanelStrings(language: Language): Promise<void> {
  if (language !== 'en' && !loaded.has(language)) loaded.set(language, await loaders[language]());
}

/**
 * A lookup in one language's strings: `{name}` placeholders are filled from `params`, and
 * `{count, plural, one {…} other {…}}` picks the form `language`'s plural rules ask for.
 */
export function translator(strings: Strings<PanelKey>, language: Language = 'en'): Translate {
  return (key, params) => format(strings[key], language, params);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date format for `language`, made once: building one on every render would be wasteful. */
export function dateFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language} ${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(language, options)));
  return format;
}
