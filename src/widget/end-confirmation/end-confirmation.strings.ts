import { registerEnglishStrings } from '../i18n/panel-strings.js';

/**
 * The end-chat question's own strings in English (its "End chat" is the header button's, in the
 * panel). They load with its chunk and join the English fallback as it loads.
 */
export const endConfirmationEn = {
  endChatQuestion: 'End this chat?',
  endChatExplanation: 'You will not be able to send more messages in this conversation.',
  cancel: 'Cancel',
  endChatFailed: 'The chat could not be ended. Please try again.',
};

export type EndConfirmationKey = keyof typeof endConfirmationEn;

registerEnglishStrings(endConfirmationEn);
