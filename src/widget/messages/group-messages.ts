import type { ChatMessage } from '../transport/transport.js';

/** Messages by the same author at most this far apart share one name and avatar. */
export const GROUP_GAP_MS = 5 * 60 * 1000;

/** What the list needs of a message still in the visitor's outbox. */
export interface PendingEntry {
  clientId: string;
  createdAt: Date;
}

/** Where a message stands in its author's group of consecutive messages. */
interface Grouped {
  /** A stable key for the list: the client id when there is one, so a sent message keeps its row when confirmed. */
  key: string;
  /** First of its group: the author's name and avatar are shown here. */
  groupStart: boolean;
  /** Last of its group. */
  groupEnd: boolean;
}

/** One row of the message list, in order. */
export type MessageRow<P extends PendingEntry = PendingEntry> =
  | { kind: 'day'; key: string; date: Date }
  | { kind: 'new-messages'; key: string }
  | (Grouped & {
      kind: 'message';
      message: ChatMessage;
      own: boolean;
      /** The visitor's newest confirmed message: the one whose delivery status is shown. */
      latestOwn: boolean;
    })
  | (Grouped & { kind: 'pending'; entry: P });

export interface RowsInput<P extends PendingEntry> {
  /** Confirmed messages, oldest first. */
  messages: readonly ChatMessage[];
  /** The visitor's messages not confirmed yet; they follow the confirmed ones, oldest first. */
  pending: readonly P[];
  /** The visitor's identity: their messages are "own". */
  identity: string | undefined;
  /** Messages from others after this index are new to the visitor: a separator goes before the first. */
  newMessagesAfter: number | undefined;
}

/**
 * The list's rows: day separators, the "new messages" separator, and each
 * message with its place in its author's group. A group is a run of messages
 * by one author, each within GROUP_GAP_MS of the previous, not split by a separator.
 */
export function messageRows<P extends PendingEntry>(input: RowsInput<P>): MessageRow<P>[] {
  const { messages, identity, newMessagesAfter } = input;
  const confirmedClientIds = new Set(messages.map((message) => message.clientId).filter(Boolean));
  // An entry whose echo already arrived is shown once, as the confirmed message.
  const pending = input.pending.filter((entry) => !confirmedClientIds.has(entry.clientId));
  const latestOwn = messages.findLast((message) => identity !== undefined && message.author === identity);

  const rows: MessageRow<P>[] = [];
  let previous: { author: string | null; at: Date | null; row: Grouped } | undefined;
  let day: string | undefined;
  let newMessagesShown = false;

  /** Adds the separators due before a message, then the message's row with its place in a group. */
  const add = (author: string | null, at: Date | null, isNew: boolean, row: MessageRow<P> & Grouped): void => {
    if (at && localDay(at) !== day) {
      day = localDay(at);
      rows.push({ kind: 'day', key: `day:${day}`, date: at });
      previous = undefined;
    }
    if (isNew && !newMessagesShown) {
      rows.push({ kind: 'new-messages', key: 'new-messages' });
      newMessagesShown = true;
      previous = undefined;
    }
    const continues =
      previous !== undefined &&
      previous.author === author &&
      (!at || !previous.at || at.getTime() - previous.at.getTime() <= GROUP_GAP_MS);
    if (previous && continues) previous.row.groupEnd = false;
    row.groupStart = !continues;
    rows.push(row);
    previous = { author, at: at ?? previous?.at ?? null, row };
  };

  for (const message of messages) {
    const own = identity !== undefined && message.author === identity;
    const isNew = !own && newMessagesAfter !== undefined && message.index > newMessagesAfter;
    add(message.author, message.sentAt, isNew, {
      kind: 'message',
      key: `m:${message.clientId ?? message.id}`,
      message,
      own,
      latestOwn: message === latestOwn,
      groupStart: true,
      groupEnd: true,
    });
  }
  for (const entry of pending) {
    add(identity ?? null, entry.createdAt, false, {
      kind: 'pending',
      key: `m:${entry.clientId}`,
      entry,
      groupStart: true,
      groupEnd: true,
    });
  }
  return rows;
}

/** The calendar day of a moment where the visitor is: "2024-3-9". */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}
