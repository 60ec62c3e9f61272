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
  JSONValue,
  Message,
  Paginator,
} from '@twilio/conversations';

export type { ConnectionState, JSONValue };

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
