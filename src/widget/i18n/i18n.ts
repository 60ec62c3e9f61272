/** The languages the widget speaks; English is the fallback. */
export const LANGUAGES = ['en', 'es', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A language's strings: the same keys in every language. */
export type Strings<K extends string> = Readonly<Record<K, string>>;

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
