/**
 * The console's realtime link as the agent, for typing both ways: the same
 * SDK-shaped client the widget loads (the emulator's browser client in the
 * demo, `@twilio/conversations` on Twilio), with its token renewed before it
 * expires. Messages still come from the agent API.
 */
import type { Backend } from '../../src/protocol/session.js';
import type { SdkClient, SdkConversation, TypingListener } from '../../src/protocol/sdk-shape.js';
import { agentAccess } from './agent-api-client.js';

/** While the agent types, the visitor is told at most this often (the indicator lasts about 5 s). */
const TYPING_NOTIFY_INTERVAL_MS = 3_000;

/** One conversation followed over the link. */
export interface FollowedConversation {
  /** The agent is typing: tells the visitor, at most once per interval. */
  typing(): void;
  /** The agent sent a message, which ends its typing: the next keystroke tells the visitor again at once. */
  sent(): void;
  stop(): void;
}

export class AgentRealtime {
  private renewal: Promise<void> | undefined;

  private constructor(private readonly client: SdkClient) {
    client.on('tokenAboutToExpire', this.renew);
    // A tab that slept past the expiry: the client waits (denied) until it gets a new token.
    client.on('tokenExpired', this.renew);
  }

  /** Fetches the agent's token, opens the client the API names and waits until it is ready. */
  static async connect(): Promise<AgentRealtime> {
    const { token, backend } = await agentAccess();
    const client = await createClient(token, backend);
    // Only microtasks have passed since the client was made, so its `initialized` cannot have been missed.
    await new Promise<void>((resolve, reject) => {
      client.once('initialized', resolve);
      client.once('initFailed', ({ error }) => reject(new Error(error?.message ?? 'the realtime link failed')));
    });
    return new AgentRealtime(client);
  }

  /** Follows a conversation the agent has joined; `onVisitorTyping` hears the others start and stop typing. */
  async follow(sid: string, onVisitorTyping: (typing: boolean) => void): Promise<FollowedConversation> {
    const conversation: SdkConversation = await this.client.getConversationBySid(sid);
    // The server never tells a typist about itself, so whoever types here is the visitor (or another agent).
    const started: TypingListener = () => onVisitorTyping(true);
    const ended: TypingListener = () => onVisitorTyping(false);
    conversation.on('typingStarted', started);
    conversation.on('typingEnded', ended);
    let lastNotified = Number.NEGATIVE_INFINITY;
    return {
      typing() {
        if (Date.now() - lastNotified < TYPING_NOTIFY_INTERVAL_MS) return;
        lastNotified = Date.now();
        // A hint: a lost one costs nothing.
        conversation.typing().catch(() => undefined);
      },
      sent() {
        lastNotified = Number.NEGATIVE_INFINITY;
      },
      stop() {
        conversation.off('typingStarted', started);
        conversation.off('typingEnded', ended);
      },
    };
  }

  shutdown(): Promise<void> {
    this.client.off('tokenAboutToExpire', this.renew);
    this.client.off('tokenExpired', this.renew);
    return this.client.shutdown();
  }

  /** One renewal at a time; a failed one is tried again at the next token event. */
  private readonly renew = (): void => {
    this.renewal ??= agentAccess()
      .then(({ token }) => this.client.updateToken(token))
      .then(
        () => undefined,
        (error: unknown) => console.warn('[agent console] could not renew the access token:', error),
      )
      .finally(() => {
        this.renewal = undefined;
      });
  };
}

async function createClient(token: string, backend: Backend): Promise<SdkClient> {
  switch (backend.kind) {
    case 'twilio': {
      const { Client } = await import('@twilio/conversations');
      return new Client(token);
    }
    case 'emulator': {
      const { EmulatorClient } = await import('../../src/emulator/client/index.js');
      return new EmulatorClient(token, { realtimeUrl: backend.realtimeUrl });
    }
  }
}
