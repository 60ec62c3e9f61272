import type { ConnectionState, SdkChatClient } from '../../protocol/sdk-shape.js';
import type { RealtimeEvent } from '../realtime/protocol.js';
import { RealtimeConnection } from './connection.js';
import { EmulatorConversation } from './conversation.js';
import { Emitter } from './emitter.js';
import { TokenTimers } from './token-timers.js';

export { RealtimeRequestError } from './connection.js';
export type { EmulatorConversation } from './conversation.js';
export type { EmulatorMedia } from './media.js';
export type { EmulatorMessage } from './message.js';
export type { EmulatorPaginator } from './paginator.js';
export type { EmulatorParticipant } from './participant.js';

export interface EmulatorClientOptions {
  /** The emulator's realtime endpoint, e.g. `ws://127.0.0.1:4010/realtime`. */
  realtimeUrl: string;
}

interface ClientEvents {
  initialized: () => void;
  initFailed: (payload: { error?: { terminal: boolean; message: string } }) => void;
  connectionStateChanged: (state: ConnectionState) => void;
  tokenAboutToExpire: () => void;
  tokenExpired: () => void;
}

/**
 * The browser client for the emulator's realtime endpoint, presenting the
 * slice of the `@twilio/conversations` Client that the widget uses: connect on
 * construction, `initialized` / `initFailed`, connection states, token
 * lifecycle events, conversations with message paging, sending,
 * `messageAdded`, typing, read horizons and attachments.
 */
export class EmulatorClient extends Emitter<ClientEvents> implements SdkChatClient {
  readonly #connection: RealtimeConnection;
  readonly #tokenTimers = new TokenTimers(
    () => this.emit('tokenAboutToExpire'),
    () => this.emit('tokenExpired'),
  );
  /** Fetched conversations by SID; a pending fetch is shared by concurrent callers. */
  readonly #conversations = new Map<string, Promise<EmulatorConversation>>();
  /** The same conversations once fetched, so pushed messages reach them synchronously. */
  readonly #fetchedConversations = new Map<string, EmulatorConversation>();
  #initialized = false;

  constructor(token: string, options: EmulatorClientOptions) {
    super();
    this.#connection = new RealtimeConnection(options.realtimeUrl, token, {
      stateChanged: (state) => this.emit('connectionStateChanged', state),
      tokenAccepted: (grant, reconnected) => {
        this.#tokenTimers.track(grant.tokenExpiresAt);
        if (reconnected) this.#catchUp();
        if (this.#initialized) return;
        this.#initialized = true;
        this.emit('initialized');
      },
      authenticationRejected: (error) => {
        if (!this.#initialized) this.emit('initFailed', { error: { terminal: true, message: error.message } });
      },
      event: (event) => this.#handleEvent(event),
    });
  }

  get connectionState(): ConnectionState {
    return this.#connection.state;
  }

  getConversationBySid(conversationSid: string): Promise<EmulatorConversation> {
    let conversation = this.#conversations.get(conversationSid);
    if (!conversation) {
      conversation = this.#connection.request('getConversation', { conversationSid }).then((data) => {
        const fetched = new EmulatorConversation(data, this.#connection.request);
        this.#fetchedConversations.set(conversationSid, fetched);
        return fetched;
      });
      conversation.catch(() => this.#conversations.delete(conversationSid));
      this.#conversations.set(conversationSid, conversation);
    }
    return conversation;
  }

  /** Refreshes the session with a new token (for the same identity); after `denied` it reconnects with it. */
  async updateToken(token: string): Promise<EmulatorClient> {
    await this.#connection.updateToken(token);
    return this;
  }

  async shutdown(): Promise<void> {
    this.#tokenTimers.clear();
    await this.#connection.close();
  }

  #handleEvent(event: RealtimeEvent): void {
    if (event.type === 'messageAdded') {
      this.#fetchedConversations.get(event.message.conversationSid)?.receive(event.message);
    } else if (event.type === 'typingStarted' || event.type === 'typingEnded') {
      const conversation = this.#fetchedConversations.get(event.participant.conversationSid);
      conversation?.receiveTyping(event.participant, event.type === 'typingStarted');
    } else if (event.type === 'participantUpdated') {
      const conversation = this.#fetchedConversations.get(event.participant.conversationSid);
      conversation?.receiveParticipantUpdate(event.participant, event.updateReasons);
    } else if (event.type === 'tokenExpired') {
      // Usually the client's own timer got there first; an early expiry (a test fault) is announced here.
      this.#tokenTimers.expireNow();
    }
    // Edits and removals are not part of the SDK slice the widget uses yet.
  }

  /** After a reconnect: announce what each conversation missed while the connection was down. */
  #catchUp(): void {
    for (const conversation of this.#fetchedConversations.values()) {
      // A failure here (e.g. dropped again) is retried by the next reconnect's catch-up.
      conversation.catchUp().catch(() => undefined);
    }
  }
}
