/**
 * Node side only (the stack plugin): an agent connected to the emulator's
 * realtime endpoint with the emulator's own client, as an agent desk would be,
 * so tests can make the agent type and see what the visitor's widget tells it.
 */
import { WebSocket as NodeWebSocket } from 'ws';
import { EmulatorClient, type EmulatorConversation } from '../../../src/emulator/client/index.js';
import type { TypingSeen } from './stack-protocol.js';

export class RealtimeAgent {
  private readonly client: EmulatorClient;
  private readonly conversations = new Map<string, Promise<EmulatorConversation>>();
  /** What the agent's client heard of the others typing, in order, by conversation. */
  private readonly typing = new Map<string, TypingSeen[]>();
  private readonly ready: Promise<void>;

  constructor(token: string, realtimeUrl: string) {
    // The emulator's browser client uses the platform's WebSocket; Node 20 has none of its own.
    (globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
    this.client = new EmulatorClient(token, { realtimeUrl });
    this.ready = new Promise((resolve, reject) => {
      this.client.once('initialized', () => resolve());
      this.client.once('initFailed', ({ error }) => reject(new Error(`The agent's client failed: ${error?.message}`)));
    });
  }

  /** The conversation, listened to from the first call on. */
  conversation(conversationSid: string): Promise<EmulatorConversation> {
    let conversation = this.conversations.get(conversationSid);
    if (!conversation) {
      conversation = this.ready.then(async () => {
        const fetched = await this.client.getConversationBySid(conversationSid);
        const seen: TypingSeen[] = [];
        this.typing.set(conversationSid, seen);
        fetched.on('typingStarted', (participant) => seen.push({ identity: participant.identity, started: true }));
        fetched.on('typingEnded', (participant) => seen.push({ identity: participant.identity, started: false }));
        return fetched;
      });
      conversation.catch(() => this.conversations.delete(conversationSid));
      this.conversations.set(conversationSid, conversation);
    }
    return conversation;
  }

  typingSeen(conversationSid: string): TypingSeen[] {
    return [...(this.typing.get(conversationSid) ?? [])];
  }

  close(): Promise<void> {
    return this.client.shutdown();
  }
}
