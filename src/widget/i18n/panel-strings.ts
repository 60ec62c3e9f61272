import type { AttachmentsKey } from '../attachments/attachments.strings.js';
import type { ContextDetailsKey } from '../context-details/context-details.strings.js';
import type { UnreadKey } from '../controllers/unread.strings.js';
import type { EndConfirmationKey } from '../end-confirmation/end-confirmation.strings.js';
import type { AttachmentViewKey } from '../message-list/attachment-view.strings.js';
import type { TranscriptKey } from '../messages/transcript.strings.js';
import type { PrechatKey } from '../prechat/prechat.strings.js';
import { format, type Params } from './format.js';
import type { Language, Strings } from './i18n.js';
import { type CoreKey, en } from './panel/en.js';

/** Every key the panel and its features look up; each language's pack has all of them. */
export type PanelKey = CoreKey | AttachmentsKey | AttachmentViewKey | ContextDetailsKey | EndConfirmationKey | PrechatKey | TranscriptKey | UnreadKey;

export type Translate = (key: PanelKey, params?: Params) => string;

/**
 * English, every lookup's last resort: the core strings ship with the panel, and each feature
 * loaded on use adds its own when its module loads, before its element can render.
 */
const english: Partial<Record<PanelKey, string>> = { ...en };

/**
 * Adds a feature's English strings to the fallback. Each feature's `*.strings.ts` calls it at its top
 * level, and the feature's element imports that file, so the strings are there before it renders.
 */
export function registerEnglishStrings<K extends PanelKey>(strings: Strings<K>): void {
  Object.assign(english, strings);
}

/** The other languages loaded so far: each is a small chunk of its own, with every key, core and features. */
const loaded = new Map<Exclude<Language, 'en'>, Strings<PanelKey>>();

const loaders: Record<Exclude<Language, 'en'>, () => Promise<Strings<PanelKey>>> = {
  es: async () => (await import('./panel/es.js')).es,
  fr: async () => (await import('./panel/fr.js')).fr,
  de: async () => (await import('./panel/de.js')).de,
  ar: async () => (await import('./panel/ar.js')).ar,
};

/** The panel's strings in `language`, if they are loaded: for English, the core ones (features add theirs to the fallback). */
export function loadedPanelStrings(language: Language): Partial<Strings<PanelKey>> | undefined {
  return language === 'en' ? en : loaded.get(language);
}

export async function loadPanelStrings(language: Language): Promise<void> {
  if (language !== 'en' && !loaded.has(language)) loaded.set(language, await loaders[language]());
}

/**
 * A lookup in `strings` (one language's, perhaps with the site's wording on top), else in English.
 * English is read at call time, so a feature that loads after the translator was made is found too.
 * A key found nowhere (a bug the catalogue's type check guards against) shows as itself rather than
 * breaking the render. `{name}` placeholders are filled from `params`, and
 * `{count, plural, one {…} other {…}}` picks the form `language`'s plural rules ask for.
 */
export function translator(strings: Partial<Strings<PanelKey>>, language: Language = 'en'): Translate {
  return (key, params) => format(strings[key] ?? english[key] ?? key, language, params);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A date format for `language`, made once: building one on every render would be wasteful. */
export function dateFormat(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language} ${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(language, options)));
  return format;
}
