import type { ConnectionState, SdkClient, SdkConversation, SdkMessage } from '../../protocol/sdk-shape.js';
import { WidgetError } from '../errors.js';
import type { ChatMessage, ChatTransport, TransportConnectionState, Unsubscribe } from './transport.js';

/** How many of the latest messages the panel shows on connect. */
const LATEST_MESSAGES_PAGE_SIZE = 50;

/** New tokens refused this many times in a row mean the session itself is gone. */
const MAX_RENEWALS_WITHOUT_CONNECTING = 2;

/** Every SDK state has an entry, so a new SDK state fails the type check instead of showing up unmapped. */
const TRANSPORT_STATE_OF: Record<ConnectionState, TransportConnectionState> = {
  unknown: 'connecting',
  connecting: 'connecting',
  retrying: 'connecting',
  connected: 'connected',
  disconnecting: 'offline',
  disconnected: 'offline',
  error: 'offline',
  denied: 'denied',
};

/** Fetches a new access token for the same session (the companion's `/session/refresh`). */
export type RenewToken = () => Promise<string>;

/**
 * The one adapter from an SDK-shaped client (the real Twilio SDK or the emulator's
 * browser client) to the widget's transport interface. It also keeps the
 * client's access token fresh: renewed when it is about to expire, and after
 * it expired (a tab that slept), while the client waits in `denied`.
 */
export class SdkTransport implements ChatTransport {
  private readonly initialization: Promise<void>;
  private conversation: SdkConversation | undefined;
  private readonly messageListeners = new Set<(message: ChatMessage) => void>();
  private readonly stateListeners = new Set<(state: TransportConnectionState) => void>();
  /** The renewal under way, so overlapping token events share one request. */
  private renewal: Promise<void> | undefined;
  /** Renewals since the link was last up; a token refused again and again means the session is over. */
  private renewalsWithoutConnecting = 0;
  private renewalFailed = false;

  constructor(
    private readonly client: SdkClient,
    private readonly conversationSid: string,
    private readonly renewToken: RenewToken,
  ) {
    // Listen from construction on: the client may initialise before connect() is called.
    this.initialization = waitForInitialization(client);
    // connect() reports the failure; this only keeps an unused transport from raising an unhandled rejection.
    this.initialization.catch(() => {});
    client.on('connectionStateChanged', this.handleConnectionStateChanged);
    client.on('tokenAboutToExpire', this.handleTokenExpiring);
    client.on('tokenExpired', this.handleTokenExpiring);
  }

  get connectionState(): TransportConnectionState {
    return this.present(this.client.connectionState);
  }

  async connect(): Promise<ChatMessage[]> {
    await this.initialization;
    const conversation = await this.client.getConversationBySid(this.conversationSid);
    // Subscribe before reading the page, so no message falls between the page and the events.
    conversation.on('messageAdded', this.handleMessageAdded);
    this.conversation = conversation;
    const page = await conversation.getMessages(LATEST_MESSAGES_PAGE_SIZE, undefined, 'backwards');
    return page.items.map(toChatMessage).sort((a, b) => a.index - b.index);
  }

  async send(text: string): Promise<void> {
    if (!this.conversation) throw new WidgetError('transport_failed', 'The chat is not connected yet.');
    await this.conversation.sendMessage(text);
  }

  onMessage(listener: (message: ChatMessage) => void): Unsubscribe {
    this.messageListeners.add(listener);
    return () => this.messageListeners.delete(listener);
  }

  onConnectionStateChange(listener: (state: TransportConnectionState) => void): Unsubscribe {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.conversation?.off('messageAdded', this.handleMessageAdded);
    this.conversation = undefined;
    this.client.off('connectionStateChanged', this.handleConnectionStateChanged);
    this.client.off('tokenAboutToExpire', this.handleTokenExpiring);
    this.client.off('tokenExpired', this.handleTokenExpiring);
    this.messageListeners.clear();
    this.stateListeners.clear();
    await this.client.shutdown();
  }

  private readonly handleMessageAdded = (message: SdkMessage): void => {
    const chatMessage = toChatMessage(message);
    for (const listener of this.messageListeners) listener(chatMessage);
  };

  private readonly handleConnectionStateChanged = (state: ConnectionState): void => {
    if (state === 'connected') this.renewalsWithoutConnecting = 0;
    // Clients may announce `denied` before or after `tokenExpired`; either way a new token is the way back.
    if (state === 'denied' && !this.renewalFailed) this.handleTokenExpiring();
    this.announce(this.present(state));
  };

  private readonly handleTokenExpiring = (): void => {
    if (this.renewal) return;
    if (++this.renewalsWithoutConnecting > MAX_RENEWALS_WITHOUT_CONNECTING) {
      this.renewalFailed = true;
      return;
    }
    this.renewal = this.renewToken()
      .then(async (token) => {
        await this.client.updateToken(token);
      })
      .catch(() => {
        this.renewalFailed = true;
      })
      .finally(() => {
        this.renewal = undefined;
        // A denied client stays denied without a usable token: say so once renewing has given up.
        if (this.renewalFailed) this.announce(this.present(this.client.connectionState));
      });
  };

  /** `denied` only counts once renewing the token has failed; until then the client is reconnecting. */
  private present(state: ConnectionState): TransportConnectionState {
    const mapped = TRANSPORT_STATE_OF[state];
    return mapped === 'denied' && !this.renewalFailed ? 'connecting' : mapped;
  }

  private announce(state: TransportConnectionState): void {
    for (const listener of this.stateListeners) listener(state);
  }
}

function waitForInitialization(client: SdkClient): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once('initialized', () => resolve());
    client.once('initFailed', ({ error }) => {
      const reason = error?.message ?? 'unknown reason';
      reject(new WidgetError('transport_failed', `The chat connection could not start (${reason}).`));
    });
  });
}

function toChatMessage(message: SdkMessage): ChatMessage {
  return {
    id: message.sid,
    index: message.index,
    author: message.author,
    // Media-only messages have no body; this slice shows text only.
    body: message.body ?? '',
    sentAt: message.dateCreated,
  };
}
