import { directionOf, type Language } from './i18n.js';

export type Params = Readonly<Record<string, string | number>>;

/**
 * `{count, plural, =0 {…} one {# item} other {# items}}` (the ICU plural form, one level deep):
 * an exact `=n` branch first, else the language's plural category, else `other`.
 * Branches may hold `#` (the number) and `{name}` placeholders.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;
const PLACEHOLDER = /\{(\w+)\}/g;

const pluralRules = new Map<Language, Intl.PluralRules>();
const numberFormats = new Map<Language, Intl.NumberFormat>();

/**
 * Fills a template in `language`: plural forms first, then `{name}` placeholders.
 * A placeholder without a value stays as it is, so a mistake shows instead of vanishing.
 * In a right-to-left language a text value (a name, a file name) is bidi-isolated, so a
 * left-to-right name cannot drag the sentence's punctuation to the wrong side.
 */
export function format(template: string, language: Language, params?: Params): string {
  const isolate = directionOf(language) === 'rtl';
  return template
    .replace(PLURAL, (whole, name: string, branches: string) => {
      const value = params?.[name];
      if (typeof value !== 'number') return whole;
      let rules = pluralRules.get(language);
      if (!rules) pluralRules.set(language, (rules = new Intl.PluralRules(language)));
      const forms = new Map([...branches.matchAll(BRANCH)].map(([, key, text]) => [key!, text!]));
      const text = forms.get(`=${value}`) ?? forms.get(rules.select(value)) ?? forms.get('other') ?? '';
      return text.replaceAll('#', formatNumber(value, language));
    })
    .replace(PLACEHOLDER, (placeholder, name: string) => {
      const value = params?.[name];
      if (value === undefined) return placeholder;
      if (typeof value === 'number') return formatNumber(value, language);
      return isolate ? `\u2068${value}\u2069` : value;
    });
}

function formatNumber(value: number, language: Language): string {
  let numbers = numberFormats.get(language);
  if (!numbers) numberFormats.set(language, (numbers = new Intl.NumberFormat(language)));
  return numbers.format(value);
}
