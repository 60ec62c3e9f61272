import { registerEnglishStrings } from '../i18n/panel-strings.js';

/**
 * The history and memory details' strings in English. They load with this chunk, not the panel's,
 * and join the English fallback as it loads; every other language's pack has them too.
 */
export const contextDetailsEn = {
  historyToggle: 'Your history',
  memoryTitle: 'What we remember',
  historyTitle: 'Earlier conversations',
  greeting: 'Welcome back, {name}!',
  contextLoading: 'Loading your history…',
  historyEmpty: 'No earlier conversations',
  historyPending: 'Connecting this chat to your history. This takes a few seconds.',
  historyUnavailable: 'Your history is unavailable right now.',
  contextError: 'Your history could not be loaded.',
  loadMore: 'Load more',
  loadMoreFailed: 'Older conversations could not be loaded.',
  noSummary: 'No summary',
  yes: 'Yes',
  no: 'No',
  channelVOICE: 'Phone call',
  channelSMS: 'SMS',
  channelCHAT: 'Chat',
  channelWHATSAPP: 'WhatsApp',
  channelRCS: 'RCS',
  channelEMAIL: 'Email',
  channelOTHER: 'Other',
};

export type ContextDetailsKey = keyof typeof contextDetailsEn;

registerEnglishStrings(contextDetailsEn);
