import type { ChatMessage } from '../transport/transport.js';

/** What the panel tells its launcher whenever its messages change. */
export interface MessagesReport {
  conversationSid: string;
  /** The visitor's identity: its own messages never count as unread. */
  identity: string;
  /** Every message the panel holds, oldest first. */
  messages: readonly Pick<ChatMessage, 'id' | 'index' | 'author'>[];
  /** The visitor's read horizon as Twilio keeps it (also across reloads and devices); null if it never read. */
  readIndex: number | null;
}

/** Which messages the visitor has not seen yet, by their read horizon in one conversation. */
export interface UnreadState {
  conversationSid: string | undefined;
  /** Index of the newest message the visitor has seen; -1 for none. */
  seenIndex: number;
  /** Index of the newest message reported so far, so that opening can mark it seen. */
  latestIndex: number;
  /** Indexes of unseen messages from others, by id; keyed, since a message is reported again with every change. */
  unread: ReadonlyMap<string, number>;
}

export const NO_UNREAD: UnreadState = { conversationSid: undefined, seenIndex: -1, latestIndex: -1, unread: new Map() };

/**
 * The state after a report. While the visitor sees the chat everything is read;
 * otherwise messages from others past the horizon (what the visitor saw here, or
 * read anywhere according to Twilio) are unread. A new conversation (a reset)
 * starts a new horizon, since indexes start over.
 */
export function trackUnread(state: UnreadState, report: MessagesReport, seen: boolean): UnreadState {
  const previous = state.conversationSid === report.conversationSid ? state : { ...NO_UNREAD, conversationSid: report.conversationSid };
  const seenIndex = Math.max(previous.seenIndex, report.readIndex ?? -1);
  // Oldest first: the last message is the newest (no spread, which fails on huge lists).
  const latestIndex = Math.max(previous.latestIndex, report.messages.at(-1)?.index ?? -1);
  if (seen) return markSeen({ ...previous, seenIndex, latestIndex });
  const unread = new Map([...previous.unread].filter(([, index]) => index > seenIndex));
  for (const message of report.messages) {
    if (message.index > seenIndex && message.author !== report.identity) unread.set(message.id, message.index);
  }
  return { ...previous, seenIndex, latestIndex, unread };
}

/** The state once the visitor has looked at the chat: everything reported so far is read. */
export function markSeen(state: UnreadState): UnreadState {
  if (state.unread.size === 0 && state.seenIndex === state.latestIndex) return state;
  return { ...state, seenIndex: state.latestIndex, unread: new Map() };
}
