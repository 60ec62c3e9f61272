import { registerEnglishStrings } from '../i18n/panel-strings.js';

/**
 * The pre-chat form's strings in English. They load with this chunk, not the panel's, and join
 * the English fallback as it loads; every other language's pack has them too.
 */
export const prechatEn = {
  prechatTitle: 'Before we start',
  prechatIntro: 'Tell us a little about yourself so we can help you better.',
  fieldName: 'Name',
  fieldEmail: 'Email',
  fieldMessage: 'How can we help?',
  optional: 'optional',
  startChat: 'Start chat',
  fieldRequired: 'Please fill in this field.',
  emailInvalid: 'Please enter a valid email address.',
  fieldTooLong: 'This is too long.',
};

export type PrechatKey = keyof typeof prechatEn;

registerEnglishStrings(prechatEn);
