/**
 * The slice of the `@twilio/conversations` SDK that the widget's transport
 * adapter uses, written in terms of the SDK's own declarations.
 *
 * The real `Client` and the emulator's browser client must both be assignable
 * to `SdkClient` (checked in test/types), so the adapter that ships against
 * Twilio is exactly the one the demo and the tests run against the emulator.
 * Type-only: nothing of the SDK is loaded by importing this file.
 *
 * The `SdkChat*` interfaces add what the complete chat UI needs (issue 6:
 * typing, read status, media). They extend the base ones instead of changing
 * them so the widget's test double keeps compiling until the widget moves
 * onto them; then the two layers fold into one.
 */
import type {
  Client,
  ConnectionState,
  Conversation,
  JSONValue,
  Media,
  Message,
  Paginator,
  Participant,
  ParticipantUpdateReason,
} from '@twilio/conversations';

export type { ConnectionState, JSONValue, ParticipantUpdateReason };

export type SdkMessage = Pick<Message, 'sid' | 'index' | 'author' | 'body' | 'dateCreated' | 'attributes'>;

export interface SdkPaginator<T> extends Pick<Paginator<T>, 'items' | 'hasPrevPage'> {
  prevPage(): Promise<SdkPaginator<T>>;
}

export type MessageListener = (message: SdkMessage) => void;

export interface SdkConversation extends Pick<Conversation, 'sid'> {
  getMessages(
    pageSize?: number,
    anchor?: number,
    direction?: 'backwards' | 'forward',
  ): Promise<SdkPaginator<SdkMessage>>;
  sendMessage(body: string, attributes?: JSONValue): Promise<number>;
  on(event: 'messageAdded', listener: MessageListener): unknown;
  off(event: 'messageAdded', listener: MessageListener): unknown;
}

export type ConnectionStateListener = (state: ConnectionState) => void;
export type InitFailedListener = (payload: { error?: { terminal: boolean; message: string } }) => void;

export interface SdkClient extends Pick<Client, 'connectionState'> {
  getConversationBySid(conversationSid: string): Promise<SdkConversation>;
  updateToken(token: string): Promise<unknown>;
  shutdown(): Promise<void>;
  once(event: 'initialized', listener: () => void): unknown;
  once(event: 'initFailed', listener: InitFailedListener): unknown;
  on(event: 'connectionStateChanged', listener: ConnectionStateListener): unknown;
  on(event: 'tokenAboutToExpire' | 'tokenExpired', listener: () => void): unknown;
  off(event: 'connectionStateChanged', listener: ConnectionStateListener): unknown;
  off(event: 'tokenAboutToExpire' | 'tokenExpired', listener: () => void): unknown;
}

/** An attachment; the SDK's `getContentTemporaryUrl` returns a CancellablePromise, a Promise to the adapter. */
export interface SdkMedia extends Pick<Media, 'sid' | 'filename' | 'contentType' | 'size'> {
  /** A fresh URL for the bytes on each call; it expires within minutes. */
  getContentTemporaryUrl(): Promise<string | null>;
}

export interface SdkChatMessage extends SdkMessage {
  readonly attachedMedia: SdkMedia[] | null;
}

export type SdkParticipant = Pick<Participant, 'sid' | 'identity' | 'lastReadMessageIndex'>;

export type ChatMessageListener = (message: SdkChatMessage) => void;
export type TypingListener = (participant: SdkParticipant) => void;
export type ParticipantUpdatedListener = (data: {
  participant: SdkParticipant;
  updateReasons: ParticipantUpdateReason[];
}) => void;

export interface SdkChatConversation extends SdkConversation {
  getMessages(
    pageSize?: number,
    anchor?: number,
    direction?: 'backwards' | 'forward',
  ): Promise<SdkPaginator<SdkChatMessage>>;
  /** Others get `typingStarted`, then `typingEnded` after ~5 s without another call. */
  typing(): Promise<void>;
  /** Both move the caller's read horizon and resolve with its unread count. */
  setAllMessagesRead(): Promise<number>;
  advanceLastReadMessageIndex(index: number): Promise<number>;
  getParticipants(): Promise<SdkParticipant[]>;
  on(event: 'messageAdded', listener: ChatMessageListener): unknown;
  on(event: 'typingStarted' | 'typingEnded', listener: TypingListener): unknown;
  on(event: 'participantUpdated', listener: ParticipantUpdatedListener): unknown;
  off(event: 'messageAdded', listener: ChatMessageListener): unknown;
  off(event: 'typingStarted' | 'typingEnded', listener: TypingListener): unknown;
  off(event: 'participantUpdated', listener: ParticipantUpdatedListener): unknown;
}

export interface SdkChatClient extends SdkClient {
  getConversationBySid(conversationSid: string): Promise<SdkChatConversation>;
}
