import { registerEnglishStrings } from '../i18n/panel-strings.js';

/**
 * Unread counting's own strings in English. They load with its chunk, the first time messages can
 * arrive unseen, and join the English fallback as it loads.
 */
export const unreadEn = {
  /** Follows "Open chat, " in the launcher's label while messages are unread. */
  unread: '{count, plural, one {# unread message} other {# unread messages}}',
  /** The tab title's hint: "(2) New message". */
  newMessage: 'New message',
};

export type UnreadKey = keyof typeof unreadEn;

registerEnglishStrings(unreadEn);
