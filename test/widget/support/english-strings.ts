import { attachmentsEn } from '../../../src/widget/attachments/attachments.strings.js';
import { contextDetailsEn } from '../../../src/widget/context-details/context-details.strings.js';
import { unreadEn } from '../../../src/widget/controllers/unread.strings.js';
import { endConfirmationEn } from '../../../src/widget/end-confirmation/end-confirmation.strings.js';
import type { Strings } from '../../../src/widget/i18n/i18n.js';
import { en } from '../../../src/widget/i18n/panel/en.js';
import type { PanelKey } from '../../../src/widget/i18n/panel-strings.js';
import { attachmentViewEn } from '../../../src/widget/message-list/attachment-view.strings.js';
import { transcriptEn } from '../../../src/widget/messages/transcript.strings.js';
import { prechatEn } from '../../../src/widget/prechat/prechat.strings.js';

/** All of English: the panel's core strings and those each feature keeps in its own chunk. */
export const english: Strings<PanelKey> = { ...en, ...attachmentsEn, ...attachmentViewEn, ...contextDetailsEn, ...endConfirmationEn, ...prechatEn, ...transcriptEn, ...unreadEn };
