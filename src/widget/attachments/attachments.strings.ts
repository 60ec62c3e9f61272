import { registerEnglishStrings } from '../i18n/panel-strings.js';

/**
 * Attaching files' own strings in English: the chips' remove buttons and the problems with chosen
 * files. They load with this chunk, on the first file, and join the English fallback as it loads.
 */
export const attachmentsEn = {
  removeAttachment: 'Remove {name}',
  fileTooLarge: '{name} is too large ({size}); the limit is {limit}.',
  fileTypeNotAllowed: '{name} cannot be sent: files of this type are not accepted.',
  tooManyFiles: '{count, plural, one {You can attach only one file at a time.} other {You can attach up to # files at once.}}',
  filesTooLarge: 'These files are too large together ({size}); the limit is {limit}.',
};

export type AttachmentsKey = keyof typeof attachmentsEn;

registerEnglishStrings(attachmentsEn);
