/**
 * Compile-time proof that the string catalogue is complete: English (the panel's core strings plus
 * each lazily loaded feature's) has every key exactly once, and every language has exactly those keys.
 * If the `@ts-expect-error` lines stop being errors, `npm run typecheck` fails.
 */
import type { AttachmentsKey } from '../../src/widget/attachments/attachments.strings.js';
import { type ContextDetailsKey, contextDetailsEn } from '../../src/widget/context-details/context-details.strings.js';
import type { UnreadKey } from '../../src/widget/controllers/unread.strings.js';
import type { EndConfirmationKey } from '../../src/widget/end-confirmation/end-confirmation.strings.js';
import type { Strings } from '../../src/widget/i18n/i18n.js';
import type { BridgeChatStrings } from '../../src/widget/i18n/launcher-strings.js';
import { ar } from '../../src/widget/i18n/panel/ar.js';
import { type CoreKey, en } from '../../src/widget/i18n/panel/en.js';
import type { PanelKey } from '../../src/widget/i18n/panel-strings.js';
import type { AttachmentViewKey } from '../../src/widget/message-list/attachment-view.strings.js';
import { type TranscriptKey, transcriptEn } from '../../src/widget/messages/transcript.strings.js';
import type { PrechatKey } from '../../src/widget/prechat/prechat.strings.js';
import { english } from '../widget/support/english-strings.js';

// English, split between the panel and its features, still has a string for every key.
export const allOfEnglish: Strings<PanelKey> = english;

// @ts-expect-error Without one feature's catalogue, English is missing keys.
export const englishWithoutPrechat: Strings<PanelKey> = { ...en, ...contextDetailsEn, ...transcriptEn };

/** `true` when the two catalogues share no key: a key in two would have two English strings. */
type Apart<A extends string, B extends string> = [Extract<A, B>] extends [never] ? true : false;
export const eachKeyInOneCatalogue: [
  Apart<CoreKey, AttachmentsKey | AttachmentViewKey | ContextDetailsKey | EndConfirmationKey | PrechatKey | TranscriptKey | UnreadKey>,
  Apart<AttachmentsKey, AttachmentViewKey | ContextDetailsKey | EndConfirmationKey | PrechatKey | TranscriptKey | UnreadKey>,
  Apart<AttachmentViewKey, ContextDetailsKey | EndConfirmationKey | PrechatKey | TranscriptKey | UnreadKey>,
  Apart<ContextDetailsKey, EndConfirmationKey | PrechatKey | TranscriptKey | UnreadKey>,
  Apart<EndConfirmationKey, PrechatKey | TranscriptKey | UnreadKey>,
  Apart<PrechatKey, TranscriptKey | UnreadKey>,
  Apart<TranscriptKey, UnreadKey>,
] = [true, true, true, true, true, true, true];
// @ts-expect-error A key in two catalogues is caught.
export const sharedKey: Apart<CoreKey, 'title' | 'historyTitle'> = true;

const { title: _dropped, ...withoutTitle } = english;

// @ts-expect-error A language file missing one of English's keys does not type-check.
export const missingKey: Strings<PanelKey> = withoutTitle;

const { historyTitle: _droppedFeatureKey, ...arWithoutFeatureKey } = ar;

// @ts-expect-error Nor does one missing a key whose English lives in a feature's chunk.
export const missingFeatureKey: Strings<PanelKey> = arWithoutFeatureKey;

// @ts-expect-error Nor does one with a key English does not have.
export const extraKey: Strings<PanelKey> = { ...ar, notInEnglish: 'x' };

export const complete: Strings<PanelKey> = { ...english, ...ar };

// Overrides name real keys only, the features' included.
export const override: BridgeChatStrings = { title: 'Ask a barista', openChat: 'Questions?', historyTitle: 'Past chats' };
// @ts-expect-error An override for a string the widget does not have is a mistake.
export const misspelledOverride: BridgeChatStrings = { titel: 'Ask a barista' };
