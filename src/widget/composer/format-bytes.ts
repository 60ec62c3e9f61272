// Here, not in the attachments chunk, because a text too long is refused in the same words.

const MEGABYTE = 1024 * 1024;

/**
 * A size or limit in a refusal, in kilobytes or megabytes in `language` ("12 kB", "3,5 MB").
 * Rounded up (unlike `formatFileSize`), so a size just over a limit never reads as equal to it.
 */
export function formatBytes(bytes: number, language: string): string {
  const mega = bytes >= MEGABYTE;
  const value = mega ? Math.ceil((bytes / MEGABYTE) * 10) / 10 : Math.ceil(bytes / 1024);
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: mega ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(value);
}
