import type { Language } from '../i18n/i18n.js';

/** A file size for people: "820 bytes", "14 kB", "3.2 MB", in the language's own notation. */
export function formatFileSize(bytes: number, language: Language): string {
  const [value, unit] =
    bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte'];
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit,
    // Short bytes read badly ("820 byte"); the long form is still short.
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: value < 10 && unit !== 'byte' ? 1 : 0,
  }).format(value);
}
