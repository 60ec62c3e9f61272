import type { Language } from '../i18n/i18n.js';
import { dateFormat, type Translate } from '../i18n/panel-strings.js';
import type { ChatMessage, ChatParticipant } from '../transport/transport.js';
import './transcript.strings.js';

/** What a transcript needs besides the messages. */
export interface TranscriptOptions {
  t: Translate;
  /** Dates are written the way this language writes them. */
  language: Language;
  /** The classic conversation (CH…), so support can find the chat the transcript came from. */
  conversationSid: string;
  /** The visitor's identity: their messages are signed "You". */
  identity: string;
  /** Who else wrote, by identity, for their display names. */
  participants: ReadonlyMap<string, ChatParticipant>;
  /** IANA time zone of the dates; the browser's own when left out. */
  timeZone?: string;
}

/** Revoking the URL at once can cancel the download in some browsers; a transcript is small to keep a while. */
const REVOKE_AFTER_MS = 1_000;

/**
 * The conversation as plain text, for the visitor to keep: a title line, the
 * conversation SID, then one line per message, `[date time] Name: body`, with
 * the names of attached files in brackets. Continuation lines of a multi-line
 * body are indented, so each message still starts a line of its own.
 */
export function transcriptText(messages: readonly ChatMessage[], options: TranscriptOptions): string {
  const { t, language, conversationSid, timeZone } = options;
  const when = dateFormat(language, { dateStyle: 'short', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  const lines = [t('transcriptTitle'), conversationSid, ''];
  for (const message of messages) {
    const files = message.attachments.map((attachment) => `[${attachment.filename ?? t('attachmentFallbackName')}]`);
    const text = [message.body.replace(/\r\n?/g, '\n').replace(/\n/g, '\n  '), ...files].filter(Boolean).join(' ');
    const stamp = message.sentAt ? `[${when.format(message.sentAt)}] ` : '';
    lines.push(`${stamp}${authorName(message.author, options)}: ${text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `chat-transcript-2024-05-01.txt`, by the visitor's local date. */
export function transcriptFilename(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `chat-transcript-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.txt`;
}

/** Saves `text` as a UTF-8 file named `filename`, through the browser's download. */
export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  // A detached anchor downloads too: nothing is added to the host page.
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

function authorName(author: string | null, { t, identity, participants }: TranscriptOptions): string {
  if (author === null) return t('systemAuthor');
  if (author === identity) return t('you');
  return participants.get(author)?.name ?? author;
}
