import type { ConnectionState, SdkClient, SdkSendMediaOptions } from '../../protocol/sdk-shape.js';
import type { RealtimeEvent, SessionGrant } from '../realtime/protocol.js';
import { RealtimeConnection, type Request } from './connection.js';
import { EmulatorConversation } from './conversation.js';
import { Emitter } from './emitter.js';
import { type BackoffConfig, DEFAULT_BACKOFF, isTransient, retryingReads } from './read-retry.js';
import { TokenTimers } from './token-timers.js';

export { RealtimeRequestError } from './connection.js';
export type { EmulatorConversation, EmulatorConversationState } from './conversation.js';
export type { EmulatorMedia } from './media.js';
export type { EmulatorMessage } from './message.js';
export type { EmulatorMessageBuilder } from './message-builder.js';
export type { EmulatorPaginator } from './paginator.js';
export type { EmulatorParticipant } from './participant.js';
export type { BackoffConfig } from './read-retry.js';

export interface EmulatorClientOptions {
  /** The emulator's realtime endpoint, e.g. `ws://127.0.0.1:4010/realtime`; media go to the same host over HTTP. */
  realtimeUrl: string;
  /** How throttled or unavailable reads are retried, as the SDK's option of that name; its defaults otherwise. */
  backoffConfigOverride?: Partial<BackoffConfig>;
}

/** A catch-up that failed for a passing reason, after its reads' own retries, is tried again after this long (ms). */
const CATCH_UP_RETRY_MS = 2_000;

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
 * lifecycle events, conversations with message paging, sending (media
 * uploaded over HTTP with the access token, as the SDK does), `messageAdded`,
 * typing, read horizons, participants (joining, leaving, changing), state
 * changes and attachments.
 */
export class EmulatorClient extends Emitter<ClientEvents> implements SdkClient {
  readonly #connection: RealtimeConnection;
  /** The emulator's HTTP origin, derived from the realtime URL (`ws:` → `http:`, `wss:` → `https:`). */
  readonly #httpOrigin: string;
  readonly #tokenTimers = new TokenTimers(
    () => this.emit('tokenAboutToExpire'),
    () => this.emit('tokenExpired'),
  );
  /** Fetched conversations by SID; a pending fetch is shared by concurrent callers. */
  readonly #conversations = new Map<string, Promise<EmulatorConversation>>();
  /** The same conversations once fetched, so pushed events reach them synchronously. */
  readonly #fetchedConversations = new Map<string, EmulatorConversation>();
  /** Set by the first accepted token, before any request is answered. */
  #grant: SessionGrant | undefined;
  /** Every request goes through here: reads are retried when throttled or unavailable, as the SDK does. */
  readonly #request: Request;
  readonly #catchUpRetries = new Set<ReturnType<typeof setTimeout>>();
  #shutDown = false;

  constructor(token: string, options: EmulatorClientOptions) {
    super();
    const realtime = new URL(options.realtimeUrl);
    realtime.protocol = realtime.protocol === 'wss:' ? 'https:' : 'http:';
    this.#httpOrigin = realtime.origin;
    this.#connection = new RealtimeConnection(options.realtimeUrl, token, {
      stateChanged: (state) => this.emit('connectionStateChanged', state),
      tokenAccepted: (grant, reconnected) => {
        this.#tokenTimers.track(grant.tokenExpiresAt);
        if (reconnected) this.#catchUp();
        const first = !this.#grant;
        this.#grant = grant;
        if (first) this.emit('initialized');
      },
      authenticationRejected: (error) => {
        if (!this.#grant) this.emit('initFailed', { error: { terminal: true, message: error.message } });
      },
      event: (event) => this.#handleEvent(event),
    });
    this.#request = retryingReads(this.#connection.request, { ...DEFAULT_BACKOFF, ...options.backoffConfigOverride });
  }

  get connectionState(): ConnectionState {
    return this.#connection.state;
  }

  getConversationBySid(conversationSid: string): Promise<EmulatorConversation> {
    let conversation = this.#conversations.get(conversationSid);
    if (!conversation) {
      conversation = this.#request('getConversation', { conversationSid }).then((data) => {
        const fetched = new EmulatorConversation(data, {
          request: this.#request,
          upload: (media) => this.#upload(media),
          identity: this.#grant?.identity ?? '',
        });
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
    this.#shutDown = true;
    for (const timer of this.#catchUpRetries) clearTimeout(timer);
    this.#catchUpRetries.clear();
    this.#tokenTimers.clear();
    await this.#connection.close();
  }

  /** Posts one file to the emulator's Media Content Service with the access token; resolves with its media SID. */
  async #upload({ contentType, filename, media }: SdkSendMediaOptions): Promise<string> {
    if (!this.#grant) throw new Error('The client is not connected yet');
    const url = new URL(this.#grant.mediaUploadPath, this.#httpOrigin);
    url.searchParams.set('Category', 'media');
    if (filename) url.searchParams.set('Filename', filename);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': contentType || media.type || 'application/octet-stream',
        'X-Twilio-Token': this.#connection.token,
      },
      body: media,
    });
    const answer = (await response.json().catch(() => ({}))) as { sid?: string; message?: string };
    if (!response.ok || !answer.sid) {
      throw new Error(`The media upload failed (${response.status}): ${answer.message ?? response.statusText}`);
    }
    return answer.sid;
  }

  #handleEvent(event: RealtimeEvent): void {
    if (event.type === 'messageAdded') {
      this.#fetchedConversations.get(event.message.conversationSid)?.receive(event.message);
    } else if (event.type === 'typingStarted' || event.type === 'typingEnded') {
      const conversation = this.#fetchedConversations.get(event.participant.conversationSid);
      conversation?.receiveTyping(event.participant, event.type === 'typingStarted');
    } else if (event.type === 'participantJoined' || event.type === 'participantLeft') {
      const conversation = this.#fetchedConversations.get(event.participant.conversationSid);
      if (event.type === 'participantJoined') conversation?.receiveParticipantJoined(event.participant);
      else conversation?.receiveParticipantLeft(event.participant);
    } else if (event.type === 'participantUpdated') {
      const conversation = this.#fetchedConversations.get(event.participant.conversationSid);
      conversation?.receiveParticipantUpdate(event.participant, event.updateReasons);
    } else if (event.type === 'conversationUpdated') {
      this.#fetchedConversations.get(event.conversation.sid)?.receiveUpdate(event.conversation);
    } else if (event.type === 'tokenExpired') {
      // Usually the client's own timer got there first; an early expiry (a test fault) is announced here.
      this.#tokenTimers.expireNow();
    }
    // Edits and removals are not part of the SDK slice the widget uses yet.
  }

  /** After a reconnect: announce what each conversation missed while the connection was down. */
  #catchUp(): void {
    for (const conversation of this.#fetchedConversations.values()) this.#catchUpConversation(conversation);
  }

  /**
   * A catch-up that failed for a passing reason is tried again shortly (also while
   * disconnected: its requests wait for the link), so the messages it holds back
   * are announced once it gets through. Any other failure (no longer a participant,
   * the conversation gone, access denied) would only repeat itself: it waits for
   * the next reconnect's catch-up, the held-back messages kept until then.
   */
  #catchUpConversation(conversation: EmulatorConversation): void {
    conversation.catchUp().catch((error: unknown) => {
      if (this.#shutDown || !isTransient(error)) return;
      const timer = setTimeout(() => {
        this.#catchUpRetries.delete(timer);
        this.#catchUpConversation(conversation);
      }, CATCH_UP_RETRY_MS);
      this.#catchUpRetries.add(timer);
    });
  }
}
