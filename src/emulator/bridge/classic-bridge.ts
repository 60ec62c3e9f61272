import type { Conversation, ConversationState, ConversationStore, Message, Participant } from '../classic/store.js';
import type { ProfileDirectory } from '../memory/profile-directory.js';
import type {
  Configuration,
  ConversationStatus,
  OrchestratorParticipant,
  OrchestratorStore,
  ParticipantAddress,
} from '../orchestrator/store.js';
import { DelayedQueue, type QueuedTask } from './delayed-queue.js';

/**
 * The classic ↔ Orchestrator bridge, as Twilio's guide describes it: while a
 * completed configuration names the classic service in
 * `conversationsV1Bridge`, every classic conversation has exactly one
 * Orchestrator conversation, and every classic message becomes a
 * communication (`resourceId` = message SID) about `delayMs` after it was
 * written. Conversations that existed before the bridge are mirrored when it
 * starts; deleting the configuration stops it.
 *
 * Work is queued per classic change and applied idempotently against the
 * classic store's state at that time, so replays, restarts and a paused bridge
 * never duplicate anything.
 *
 * Participant roles: the visitor — the classic conversation's first
 * participant, whom the companion adds — is the CUSTOMER, with address
 * `{channel: 'CHAT', address: identity, channelId: CH…}`; every other
 * participant or message author is a HUMAN_AGENT.
 */

type SyncTask =
  | { kind: 'conversation'; conversationSid: string }
  | { kind: 'participant'; conversationSid: string; identity: string }
  | { kind: 'message'; conversationSid: string; messageSid: string };

export interface BridgeSnapshot {
  /** Classic ConversationSid → Orchestrator conversation ID. */
  links: Array<[string, string]>;
  pending: Array<QueuedTask<SyncTask>>;
}

export interface ClassicBridgeOptions {
  classic: ConversationStore;
  orchestrator: OrchestratorStore;
  /** The classic service this emulator serves (IS…). */
  serviceSid: string;
  /** How long a change takes to appear on the Orchestrator side (Twilio: about three seconds). */
  delayMs: number;
  /** Resolves the customer's Memory profile; without it, participants carry no profileId. */
  profiles?: ProfileDirectory;
}

const STATUS_OF: Record<ConversationState, ConversationStatus> = {
  active: 'ACTIVE',
  inactive: 'INACTIVE',
  closed: 'CLOSED',
};

export class ClassicBridge {
  readonly #classic: ConversationStore;
  readonly #orchestrator: OrchestratorStore;
  readonly #serviceSid: string;
  readonly #profiles: ProfileDirectory | undefined;
  readonly #queue: DelayedQueue<SyncTask>;
  #links = new Map<string, string>();
  #activeConfigurationId: string | undefined;

  readonly #onConversation = (conversation: Conversation) =>
    this.#enqueue({ kind: 'conversation', conversationSid: conversation.sid });
  readonly #onParticipant = (participant: Participant) =>
    this.#enqueue({ kind: 'participant', conversationSid: participant.conversationSid, identity: participant.identity });
  readonly #onMessage = (message: Message) =>
    this.#enqueue({ kind: 'message', conversationSid: message.conversationSid, messageSid: message.sid });
  readonly #onConfiguration = () => this.#refreshActivation();

  constructor(options: ClassicBridgeOptions) {
    this.#classic = options.classic;
    this.#orchestrator = options.orchestrator;
    this.#serviceSid = options.serviceSid;
    this.#profiles = options.profiles;
    this.#queue = new DelayedQueue(options.delayMs, (task) => this.#sync(task));
    this.#classic.on('conversationAdded', this.#onConversation);
    this.#classic.on('conversationUpdated', this.#onConversation);
    this.#classic.on('participantAdded', this.#onParticipant);
    this.#classic.on('messageAdded', this.#onMessage);
    this.#orchestrator.on('configurationApplied', this.#onConfiguration);
    this.#refreshActivation();
  }

  /** Holds every sync (a fault the emulator can inject); changes keep queueing. */
  pause(): void {
    this.#queue.pause();
  }

  /** Syncs everything held back, in order, then carries on. */
  resume(): void {
    this.#queue.resume();
  }

  get paused(): boolean {
    return this.#queue.paused;
  }

  /** Classic changes queued but not yet mirrored. */
  get pendingSyncs(): number {
    return this.#queue.size;
  }

  /** The Orchestrator conversation that mirrors a classic conversation, once the bridge has created it. */
  conversationIdFor(conversationSid: string): string | undefined {
    return this.#links.get(conversationSid);
  }

  toSnapshot(): BridgeSnapshot {
    return { links: [...this.#links], pending: this.#queue.toSnapshot() };
  }

  /**
   * Replaces the bridge's state. Call it after both stores are restored: it
   * also queues a full resync, so anything the snapshot had not mirrored yet
   * still arrives (once — every sync is idempotent).
   */
  restore(snapshot: BridgeSnapshot): void {
    this.#links = new Map(snapshot.links);
    this.#queue.restore(snapshot.pending);
    this.#activeConfigurationId = undefined;
    this.#refreshActivation();
  }

  dispose(): void {
    this.#queue.dispose();
    this.#classic.off('conversationAdded', this.#onConversation);
    this.#classic.off('conversationUpdated', this.#onConversation);
    this.#classic.off('participantAdded', this.#onParticipant);
    this.#classic.off('messageAdded', this.#onMessage);
    this.#orchestrator.off('configurationApplied', this.#onConfiguration);
  }

  #enqueue(task: SyncTask): void {
    if (this.#activeConfigurationId !== undefined) this.#queue.push(task);
  }

  /** Starts (with a backfill of everything classic already holds) or stops with the bridging configuration. */
  #refreshActivation(): void {
    const configurationId = this.#orchestrator.bridgingConfiguration(this.#serviceSid)?.id;
    if (configurationId === this.#activeConfigurationId) return;
    this.#activeConfigurationId = configurationId;
    if (configurationId === undefined) {
      this.#queue.clear();
      return;
    }
    for (const conversation of this.#classic.listConversations()) {
      this.#onConversation(conversation);
      for (const participant of this.#classic.listParticipants(conversation.sid)) this.#onParticipant(participant);
      for (const message of this.#classic.listMessages(conversation.sid)) this.#onMessage(message);
    }
  }

  #sync(task: SyncTask): void {
    const configuration = this.#orchestrator.bridgingConfiguration(this.#serviceSid);
    const source = this.#classic.findConversation(task.conversationSid);
    if (!configuration || !source) return;
    const conversationId = this.#mirrorOf(source, configuration);

    if (task.kind === 'conversation') {
      this.#orchestrator.updateConversation(conversationId, { status: STATUS_OF[source.state], name: source.friendlyName });
    } else if (task.kind === 'participant') {
      this.#participantFor(conversationId, source, task.identity, configuration);
    } else {
      const message = this.#classic.listMessages(source.sid).find((item) => item.sid === task.messageSid);
      if (!message) return;
      const author = this.#participantFor(conversationId, source, message.author, configuration);
      const recipients = this.#orchestrator
        .listParticipants(conversationId)
        .filter((participant) => participant.id !== author.id)
        .map(chatAddressOf);
      this.#orchestrator.addCommunication(conversationId, {
        author: chatAddressOf(author),
        // A media-only message has no body; its communication carries empty text.
        content: { type: 'TEXT', text: message.body ?? '' },
        channelId: source.sid,
        resourceId: message.sid,
        recipients,
        occurredAt: message.createdAt.toISOString(),
      });
    }
  }

  /** The one Orchestrator conversation for this classic conversation, created on first need. */
  #mirrorOf(source: Conversation, configuration: Configuration): string {
    const linked = this.#links.get(source.sid);
    if (linked !== undefined && this.#orchestrator.findConversation(linked)) return linked;
    const conversation = this.#orchestrator.createConversation({
      configurationId: configuration.id,
      status: STATUS_OF[source.state],
      name: source.friendlyName,
    });
    this.#links.set(source.sid, conversation.id);
    return conversation.id;
  }

  #participantFor(
    conversationId: string,
    source: Conversation,
    identity: string,
    configuration: Configuration,
  ): OrchestratorParticipant {
    const existing = this.#orchestrator
      .listParticipants(conversationId)
      .find((participant) => participant.addresses.some((address) => address.channel === 'CHAT' && address.address === identity));
    if (existing) return existing;
    const isCustomer = this.#classic.listParticipants(source.sid)[0]?.identity === identity;
    // Twilio resolves a profile for CUSTOMER participants only, by the channel's identifier (ChatID for chat).
    const profileId =
      isCustomer && this.#profiles
        ? this.#profiles.resolveProfile(configuration.memoryStoreId, { channel: 'CHAT', address: identity })
        : null;
    return this.#orchestrator.addParticipant(conversationId, {
      name: identity,
      type: isCustomer ? 'CUSTOMER' : 'HUMAN_AGENT',
      profileId,
      addresses: [{ channel: 'CHAT', address: identity, channelId: source.sid }],
    });
  }
}

/** Every participant the bridge makes has exactly one address: its chat identity. */
function chatAddressOf(participant: OrchestratorParticipant): ParticipantAddress {
  return { address: participant.addresses[0]?.address ?? participant.name, channel: 'CHAT', participantId: participant.id };
}
