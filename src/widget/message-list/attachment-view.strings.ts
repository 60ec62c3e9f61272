import { registerEnglishStrings } from '../i18n/panel-strings.js';

/**
 * The received files' view's own strings in English. They load with its chunk, with the first
 * message that has files, and join the English fallback as it loads.
 */
export const attachmentViewEn = {
  downloadFile: 'Download {name}',
  imageAlt: 'Image: {name}',
  attachmentUnavailable: 'This file is no longer available.',
};

export type AttachmentViewKey = keyof typeof attachmentViewEn;

registerEnglishStrings(attachmentViewEn);
