import { registerEnglishStrings } from '../i18n/panel-strings.js';

/**
 * The transcript's own strings in English (its other words, such as "You", are the panel's). They
 * load with the transcript's chunk and join the English fallback as it loads.
 */
export const transcriptEn = {
  transcriptTitle: 'Chat transcript',
};

export type TranscriptKey = keyof typeof transcriptEn;

registerEnglishStrings(transcriptEn);
