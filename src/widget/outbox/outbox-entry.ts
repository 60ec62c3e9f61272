/** Where an unsent message is: waiting its turn (or for the link), on its way, or given up on. */
export type PendingState = 'queued' | 'sending' | 'failed';

/** A message the visitor sent that Twilio has not echoed yet: its text, or one of its files. */
export interface PendingMessage {
  /** Also in the message's attributes, so the echo replaces this entry. */
  clientId: string;
  /** Empty for a file sent without text. */
  body: string;
  file?: File;
  createdAt: Date;
  state: PendingState;
}

/** The files of one send, so their progress can be told. */
export interface OutboxBatch {
  id: string;
  size: number;
}

/** What the outbox keeps (and stores) for each pending message. */
export interface OutboxEntry extends PendingMessage {
  /** The companion and conversation it belongs to (see `outboxKey`). */
  conversation: string;
  /** The page that sends it (see `OutboxOwner`). */
  owner: string;
  /** Sending order: creation order, also across reloads. */
  order: number;
  /**
   * The newest message index known when it was created (-1 for none): Twilio can only
   * have stored it after that one, which is where to look for a send whose answer was lost.
   */
  knownIndex: number;
  batch?: OutboxBatch;
  /** Twilio answered that it stored it: only the echo is missing, so it is never sent again. */
  stored: boolean;
  /** Failed attempts since it was queued, not counting those while offline. */
  attempts: number;
}

/** The store key of a conversation's entries: the companion URL and the conversation SID. */
export function outboxKey(sessionUrl: string, conversationSid: string): string {
  return `${sessionUrl} ${conversationSid}`;
}
