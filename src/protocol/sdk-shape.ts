/**
 * The slice of the `@twilio/conversations` SDK that the widget's transport
 * adapter uses, written in terms of the SDK's own declarations.
 *
 * The real `Client` and the emulator's browser client must both be assignable
 * to `SdkClient` (checked in test/types), so the adapter that ships against
 * Twilio is exactly the one the demo and the tests run against the emulator.
 * Type-only: nothing of the SDK is loaded by importing this file.
 */
import type {
  Client,
  ConnectionState,
  Conversation,
  ConversationLimits,
  ConversationUpdateReason,
  JSONValue,
  Media,
  Message,
  Paginator,
  Participant,
  ParticipantUpdateReason,
  SendMediaOptions,
} from '@twilio/conversations';

export type { ConnectionState, ConversationUpdateReason, JSONValue, ParticipantUpdateReason };

/** An attachment; the SDK's `getContentTemporaryUrl` returns a CancellablePromise, a Promise to the adapter. */
export interface SdkMedia extends Pick<Media, 'sid' | 'filename' | 'contentType' | 'size'> {
  /** A fresh URL for the bytes on each call; it expires within minutes. */
  getContentTemporaryUrl(): Promise<string | null>;
}

export interface SdkMessage extends Pick<Message, 'sid' | 'index' | 'author' | 'body' | 'dateCreated' | 'attributes'> {
  /** Null when the message carries no media. */
  readonly attachedMedia: SdkMedia[] | null;
}

/** `attributes` is where a participant's display name lives (`friendlyName` or `name`, set by the site or agent). */
export type SdkParticipant = Pick<Participant, 'sid' | 'identity' | 'attributes' | 'lastReadMessageIndex'>;

/** One page of messages, oldest first; the neighbouring pages are fetched on demand. */
export interface SdkPaginator<T> extends Pick<Paginator<T>, 'items' | 'hasPrevPage' | 'hasNextPage'> {
  prevPage(): Promise<SdkPaginator<T>>;
  nextPage(): Promise<SdkPaginator<T>>;
}

/**
 * What a conversation accepts as attachments. The SDK reads them from the
 * client's configuration and hands them out as `Conversation.limits`; sizes
 * are in MB (2^20 bytes).
 */
export type SdkConversationLimits = Pick<
  ConversationLimits,
  'mediaAttachmentsCountLimit' | 'mediaAttachmentSizeLimitInMb' | 'mediaAttachmentsTotalSizeLimitInMb'
>;

/** One file for `MessageBuilder.addMedia`; the SDK uploads it to the Media Content Service before sending. */
export interface SdkSendMediaOptions extends Pick<SendMediaOptions, 'contentType' | 'filename'> {
  media: Blob;
}

/** `MessageBuilder.build()`'s result; `send()` resolves with the new message's index. */
export interface SdkUnsentMessage {
  send(): Promise<number | null>;
}

/** The SDK's way to send one message with a body, attributes and media together. */
export interface SdkMessageBuilder {
  setBody(text: string): SdkMessageBuilder;
  setAttributes(attributes: JSONValue): SdkMessageBuilder;
  addMedia(media: SdkSendMediaOptions): SdkMessageBuilder;
  build(): SdkUnsentMessage;
}

export type MessageListener = (message: SdkMessage) => void;
export type TypingListener = (participant: SdkParticipant) => void;
/** `participantJoined` / `participantLeft`: someone was added to or removed from the conversation. */
export type ParticipantListener = (participant: SdkParticipant) => void;
export type ParticipantUpdatedListener = (data: {
  participant: SdkParticipant;
  updateReasons: ParticipantUpdateReason[];
}) => void;
export type ConversationUpdatedListener = (data: {
  conversation: SdkConversation;
  updateReasons: ConversationUpdateReason[];
}) => void;

/**
 * `state` is `{current: 'active' | 'inactive' | 'closed', dateUpdated}`;
 * `lastReadMessageIndex` is the connected user's own read horizon.
 */
export interface SdkConversation extends Pick<Conversation, 'sid' | 'state' | 'lastReadMessageIndex'> {
  readonly limits: SdkConversationLimits;
  /** `pageSize` messages next to `anchor` (default: the newest), oldest first. */
  getMessages(
    pageSize?: number,
    anchor?: number,
    direction?: 'backwards' | 'forward',
  ): Promise<SdkPaginator<SdkMessage>>;
  /** A text message; resolves with its index. */
  sendMessage(body: string, attributes?: JSONValue): Promise<number>;
  prepareMessage(): SdkMessageBuilder;
  /** Others get `typingStarted`, then `typingEnded` after ~5 s without another call. */
  typing(): Promise<void>;
  /** Both move the caller's read horizon and resolve with its unread count. */
  setAllMessagesRead(): Promise<number>;
  advanceLastReadMessageIndex(index: number): Promise<number>;
  getParticipants(): Promise<SdkParticipant[]>;
  on(event: 'messageAdded', listener: MessageListener): unknown;
  on(event: 'typingStarted' | 'typingEnded', listener: TypingListener): unknown;
  on(event: 'participantJoined' | 'participantLeft', listener: ParticipantListener): unknown;
  on(event: 'participantUpdated', listener: ParticipantUpdatedListener): unknown;
  on(event: 'updated', listener: ConversationUpdatedListener): unknown;
  off(event: 'messageAdded', listener: MessageListener): unknown;
  off(event: 'typingStarted' | 'typingEnded', listener: TypingListener): unknown;
  off(event: 'participantJoined' | 'participantLeft', listener: ParticipantListener): unknown;
  off(event: 'participantUpdated', listener: ParticipantUpdatedListener): unknown;
  off(event: 'updated', listener: ConversationUpdatedListener): unknown;
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
