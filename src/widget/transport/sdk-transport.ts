import type {
  ConnectionState,
  ConversationUpdatedListener,
  JSONValue,
  MessageListener,
  ParticipantListener,
  ParticipantUpdatedListener,
  SdkClient,
  SdkConversation,
  SdkConversationLimits,
  SdkMedia,
  SdkMessage,
  SdkPaginator,
  SdkParticipant,
} from '../../protocol/sdk-shape.js';
import { errorDetail } from '../controllers/error-detail.js';
import { mayHeal } from '../controllers/healing-failures.js';
import { WidgetError } from '../errors.js';
import type {
  ChatAttachment,
  ChatMessage,
  ChatParticipant,
  ChatTransport,
  ConversationSnapshot,
  MediaLimits,
  OutgoingMessage,
  TransportConnectionState,
  Unsubscribe,
} from './transport.js';

/** How many messages the panel shows on connect, and pages back by. */
const MESSAGE_PAGE_SIZE = 50;

/** The SDK's largest message page; catching up reads forward in pages of this size. */
const FORWARD_PAGE_SIZE = 100;

/** New tokens refused this many times in a row mean the session itself is gone. */
const MAX_RENEWALS_WITHOUT_CONNECTING = 2;

/** A companion that could not give a new token is asked again after this long, doubling up to the cap. */
const RENEWAL_RETRY_FIRST_MS = 1_000;
const RENEWAL_RETRY_MAX_MS = 30_000;

/** Twilio's media limits count in MB of 2^20 bytes. */
const BYTES_PER_MB = 1024 * 1024;

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

type TypingListener = (participant: ChatParticipant, typing: boolean) => void;

/**
 * The one adapter from an SDK-shaped client (the real Twilio SDK or the emulator's
 * browser client) to the widget's transport interface. It also keeps the
 * client's access token fresh: renewed when it is about to expire, and after
 * it expired (a tab that slept), while the client waits in `denied`. A
 * companion that cannot answer is asked again; one that refuses the session
 * ends the renewing, and the transport reports `denied`.
 */
export class SdkTransport implements ChatTransport {
  readonly #initialization: Promise<void>;
  #conversation: SdkConversation | undefined;
  /** The oldest page loaded so far: `loadOlder` continues from it. */
  #oldestPage: SdkPaginator<SdkMessage> | undefined;
  readonly #messageListeners = new Set<(message: ChatMessage) => void>();
  readonly #stateListeners = new Set<(state: TransportConnectionState) => void>();
  readonly #typingListeners = new Set<TypingListener>();
  readonly #participantListeners = new Set<(participant: ChatParticipant) => void>();
  readonly #closedListeners = new Set<() => void>();
  /** The renewal under way (retries included), so overlapping token events share it. */
  #renewal: Promise<unknown> | undefined;
  /** Renewals since the link was last up; a token refused again and again means the session is over. */
  #renewalsWithoutConnecting = 0;
  #renewalFailed = false;

  readonly #renewToken: RenewToken;
  readonly #conversationSid: string;
  readonly #client: SdkClient;

  constructor(
    client: SdkClient,
    conversationSid: string,
    renewToken: RenewToken,
  ) {
    this.#client = client;
    this.#conversationSid = conversationSid;
    this.#renewToken = renewToken;
    // Listen from construction on: the client may initialise before connect() is called.
    this.#initialization = waitForInitialization(client);
    // connect() reports the failure; this only keeps an unused transport from raising an unhandled rejection.
    this.#initialization.catch(() => {});
    client.on('connectionStateChanged', this.#handleConnectionStateChanged);
    client.on('tokenAboutToExpire', this.#handleTokenExpiring);
    client.on('tokenExpired', this.#handleTokenExpiring);
  }

  get connectionState(): TransportConnectionState {
    return this.#present(this.#client.connectionState);
  }

  async connect(): Promise<ConversationSnapshot> {
    await this.#initialization;
    const conversation = await this.#client.getConversationBySid(this.#conversationSid);
    // Subscribe before reading the page, so no message falls between the page and the events.
    conversation.on('messageAdded', this.#handleMessageAdded);
    conversation.on('typingStarted', this.#handleTypingStarted);
    conversation.on('typingEnded', this.#handleTypingEnded);
    conversation.on('participantJoined', this.#handleParticipantJoined);
    conversation.on('participantUpdated', this.#handleParticipantUpdated);
    conversation.on('updated', this.#handleConversationUpdated);
    this.#conversation = conversation;
    const [page, participants] = await Promise.all([
      conversation.getMessages(MESSAGE_PAGE_SIZE, undefined, 'backwards'),
      conversation.getParticipants(),
    ]);
    this.#oldestPage = page;
    return {
      messages: toChatMessages(page.items),
      hasOlder: page.hasPrevPage,
      closed: conversation.state?.current === 'closed',
      participants: participants.map(toChatParticipant),
      ownLastReadIndex: conversation.lastReadMessageIndex,
      mediaLimits: toMediaLimits(conversation.limits),
    };
  }

  async loadOlder(): Promise<{ messages: ChatMessage[]; hasOlder: boolean }> {
    this.#requireConversation();
    const oldest = this.#oldestPage;
    if (!oldest?.hasPrevPage) return { messages: [], hasOlder: false };
    const page = await oldest.prevPage();
    // Only a page that arrived moves the start, so a failed load can simply be asked for again.
    this.#oldestPage = page;
    return { messages: toChatMessages(page.items), hasOlder: page.hasPrevPage };
  }

  async messagesAfter(index: number): Promise<ChatMessage[]> {
    const conversation = this.#requireConversation();
    let page = await conversation.getMessages(FORWARD_PAGE_SIZE, index + 1, 'forward');
    const messages = [...page.items];
    while (page.hasNextPage) {
      page = await page.nextPage();
      messages.push(...page.items);
    }
    return toChatMessages(messages);
  }

  /**
   * Text alone goes with `sendMessage`; a file goes with the message builder, in the same message
   * as the text (that code loads with the first file sent: most chats send none).
   */
  async send({ clientId, body, files }: OutgoingMessage): Promise<void> {
    const conversation = this.#requireConversation();
    const attributes: JSONValue = { clientId };
    if (files.length === 0) {
      await conversation.sendMessage(body, attributes);
      return;
    }
    const { sendFile } = await import('./send-file.js');
    await sendFile(conversation, attributes, body, files);
  }

  typing(): void {
    // Typing is a hint: a lost one costs nothing, so failures stay here.
    this.#conversation?.typing().catch(() => {});
  }

  async markRead(index: number): Promise<void> {
    await this.#requireConversation().advanceLastReadMessageIndex(index);
  }

  onMessage(listener: (message: ChatMessage) => void): Unsubscribe {
    return subscribe(this.#messageListeners, listener);
  }

  onConnectionStateChange(listener: (state: TransportConnectionState) => void): Unsubscribe {
    return subscribe(this.#stateListeners, listener);
  }

  onTyping(listener: TypingListener): Unsubscribe {
    return subscribe(this.#typingListeners, listener);
  }

  onParticipantUpdated(listener: (participant: ChatParticipant) => void): Unsubscribe {
    return subscribe(this.#participantListeners, listener);
  }

  onClosed(listener: () => void): Unsubscribe {
    return subscribe(this.#closedListeners, listener);
  }

  async close(): Promise<void> {
    const conversation = this.#conversation;
    if (conversation) {
      conversation.off('messageAdded', this.#handleMessageAdded);
      conversation.off('typingStarted', this.#handleTypingStarted);
      conversation.off('typingEnded', this.#handleTypingEnded);
      conversation.off('participantJoined', this.#handleParticipantJoined);
      conversation.off('participantUpdated', this.#handleParticipantUpdated);
      conversation.off('updated', this.#handleConversationUpdated);
    }
    this.#conversation = undefined;
    this.#oldestPage = undefined;
    // Nothing renews once closed, not even a renewal waiting to ask again.
    this.#renewalFailed = true;
    this.#client.off('connectionStateChanged', this.#handleConnectionStateChanged);
    this.#client.off('tokenAboutToExpire', this.#handleTokenExpiring);
    this.#client.off('tokenExpired', this.#handleTokenExpiring);
    for (const listeners of [
      this.#messageListeners,
      this.#stateListeners,
      this.#typingListeners,
      this.#participantListeners,
      this.#closedListeners,
    ]) {
      listeners.clear();
    }
    await this.#client.shutdown();
  }

  #requireConversation(): SdkConversation {
    if (!this.#conversation) throw new WidgetError('transport_failed', 'The chat is not connected yet.');
    return this.#conversation;
  }

  readonly #handleMessageAdded: MessageListener = (message) => {
    const chatMessage = toChatMessage(message);
    for (const listener of this.#messageListeners) listener(chatMessage);
  };

  readonly #handleTypingStarted = (participant: SdkParticipant): void => {
    const chatParticipant = toChatParticipant(participant);
    for (const listener of this.#typingListeners) listener(chatParticipant, true);
  };

  readonly #handleTypingEnded = (participant: SdkParticipant): void => {
    const chatParticipant = toChatParticipant(participant);
    for (const listener of this.#typingListeners) listener(chatParticipant, false);
  };

  /**
   * Someone joined after connect (e.g. the agent picking the chat up): reported
   * like an update, so the widget learns their name. Leaving is not reported:
   * the name still labels the messages they wrote.
   */
  readonly #handleParticipantJoined: ParticipantListener = (participant) => {
    this.#reportParticipant(participant);
  };

  readonly #handleParticipantUpdated: ParticipantUpdatedListener = ({ participant }) => {
    this.#reportParticipant(participant);
  };

  #reportParticipant(participant: SdkParticipant): void {
    const chatParticipant = toChatParticipant(participant);
    for (const listener of this.#participantListeners) listener(chatParticipant);
  }

  readonly #handleConversationUpdated: ConversationUpdatedListener = ({ conversation, updateReasons }) => {
    if (!updateReasons.includes('state') || conversation.state?.current !== 'closed') return;
    for (const listener of this.#closedListeners) listener();
  };

  readonly #handleConnectionStateChanged = (state: ConnectionState): void => {
    if (state === 'connected') this.#renewalsWithoutConnecting = 0;
    // Clients may announce `denied` before or after `tokenExpired`; either way a new token is the way back.
    if (state === 'denied' && !this.#renewalFailed) this.#handleTokenExpiring();
    this.#announce(this.#present(state));
  };

  readonly #handleTokenExpiring = (): void => {
    if (this.#renewal) return;
    if (++this.#renewalsWithoutConnecting > MAX_RENEWALS_WITHOUT_CONNECTING) {
      this.#renewalFailed = true;
      return;
    }
    this.#renewal = this.#newToken()
      .then((token) => this.#client.updateToken(token))
      .catch(() => {
        this.#renewalFailed = true;
      })
      .finally(() => {
        this.#renewal = undefined;
        // A denied client stays denied without a usable token: say so once renewing has given up.
        if (this.#renewalFailed) this.#announce(this.#present(this.#client.connectionState));
      });
  };

  /**
   * A new access token from the companion. Only a refusal is final: a companion that cannot
   * answer now (unreachable, restarting, busy) is asked again, less often each time.
   */
  async #newToken(retries = 0): Promise<string> {
    try {
      return await this.#renewToken();
    } catch (error) {
      // A refusal (the session revoked, expired or another user's; the page not allowed) is final.
      if (!mayHeal(errorDetail(error).code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(RENEWAL_RETRY_MAX_MS, RENEWAL_RETRY_FIRST_MS * 2 ** retries)));
      if (this.#renewalFailed) throw error;
      return this.#newToken(retries + 1);
    }
  }

  /** `denied` only counts once renewing the token has failed; until then the client is reconnecting. */
  #present(state: ConnectionState): TransportConnectionState {
    const mapped = TRANSPORT_STATE_OF[state];
    return mapped === 'denied' && !this.#renewalFailed ? 'connecting' : mapped;
  }

  #announce(state: TransportConnectionState): void {
    for (const listener of this.#stateListeners) listener(state);
  }
}

function subscribe<T>(listeners: Set<T>, listener: T): Unsubscribe {
  listeners.add(listener);
  return () => listeners.delete(listener);
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

/** Oldest first, whatever order a page came in. */
function toChatMessages(messages: readonly SdkMessage[]): ChatMessage[] {
  return messages.map(toChatMessage).sort((a, b) => a.index - b.index);
}

function toChatMessage(message: SdkMessage): ChatMessage {
  return {
    id: message.sid,
    index: message.index,
    author: message.author,
    // Media-only messages have no body.
    body: message.body ?? '',
    sentAt: message.dateCreated,
    clientId: stringAttribute(message.attributes, 'clientId'),
    attachments: (message.attachedMedia ?? []).map(toChatAttachment),
  };
}

function toChatAttachment(media: SdkMedia): ChatAttachment {
  return {
    sid: media.sid,
    filename: media.filename,
    contentType: media.contentType,
    size: media.size,
    url: () => media.getContentTemporaryUrl(),
  };
}

function toChatParticipant(participant: SdkParticipant): ChatParticipant {
  const { attributes, identity } = participant;
  return {
    identity,
    name: stringAttribute(attributes, 'friendlyName') ?? stringAttribute(attributes, 'name') ?? identity ?? '',
    lastReadIndex: participant.lastReadMessageIndex,
  };
}

function toMediaLimits(limits: SdkConversationLimits): MediaLimits {
  return {
    maxCount: limits.mediaAttachmentsCountLimit,
    maxFileBytes: limits.mediaAttachmentSizeLimitInMb * BYTES_PER_MB,
    maxTotalBytes: limits.mediaAttachmentsTotalSizeLimitInMb * BYTES_PER_MB,
  };
}

/** A non-empty string attribute; attributes are any JSON, so everything else counts as absent. */
function stringAttribute(attributes: JSONValue, key: string): string | undefined {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) return undefined;
  const value = attributes[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
