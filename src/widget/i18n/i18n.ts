/** The languages the widget speaks; English is the fallback. */
export const LANGUAGES = ['en', 'es', 'fr', 'de', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A language's strings: the same keys in every language, so a missing or extra key fails the type check. */
export type Strings<K extends string> = Readonly<Record<K, string>>;

/** The direction a language is written in. */
export type Direction = 'ltr' | 'rtl';

const RIGHT_TO_LEFT: ReadonlySet<Language> = new Set<Language>(['ar']);

/**
 * The first supported language among the element's `lang`, the page's
 * `<html lang>` and the browser's language, by primary subtag (`es-MX` → `es`).
 * A language we do not speak falls through to the next, and to English.
 */
export function resolveLanguage(elementLang: string | null | undefined): Language {
  for (const tag of [elementLang, document.documentElement.lang, navigator.language]) {
    const primary = tag?.split('-')[0]?.toLowerCase();
    const match = LANGUAGES.find((language) => language === primary);
    if (match) return match;
  }
  return 'en';
}

export function directionOf(language: Language): Direction {
  return RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
}
