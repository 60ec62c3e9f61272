import { EventEmitter } from 'node:events';
import { newTypeId } from './ids.js';

/**
 * The emulator's Conversation Orchestrator state, in plain camelCase domain
 * terms: configurations and the long-running operations that change them,
 * and the conversations with their participants and communications. It knows
 * nothing of HTTP or timing; the routes, the operation runner, the bridge and
 * the seeder all work through it. Every record is plain JSON data, so a
 * snapshot is a deep copy.
 */

export const CHANNELS = ['VOICE', 'SMS', 'RCS', 'WHATSAPP', 'CHAT'] as const;
export type Channel = (typeof CHANNELS)[number];

export const GROUPING_TYPES = [
  'GROUP_BY_PROFILE',
  'GROUP_BY_PARTICIPANT_ADDRESSES',
  'GROUP_BY_PARTICIPANT_ADDRESSES_AND_CHANNEL_TYPE',
] as const;
export type GroupingType = (typeof GROUPING_TYPES)[number];

export interface CaptureRule {
  from: string;
  to: string;
  metadata?: Record<string, string>;
}

export interface ChannelSetting {
  statusTimeouts?: { inactive?: number; closed?: number };
  captureRules?: CaptureRule[];
}

export interface StatusCallback {
  url: string;
  method: string;
}

/** Everything a client sets on a configuration (the body of a create or a full replace). */
export interface ConfigurationSettings {
  displayName: string;
  description: string;
  conversationGroupingType: GroupingType;
  memoryStoreId: string;
  channelSettings: Partial<Record<Channel, ChannelSetting>>;
  statusCallbacks: StatusCallback[];
  intelligenceConfigurationIds: string[];
  memoryExtractionEnabled: boolean;
  conversationsV1Bridge: { serviceId: string } | null;
}

export interface Configuration extends ConfigurationSettings {
  readonly id: string;
  readonly createdAt: string;
  updatedAt: string;
  /** Rises with every applied change (Twilio's optimistic-locking version). */
  version: number;
}

export type OperationStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';
export type OperationKind = 'config-create' | 'config-update' | 'config-delete';

/** RFC 9457 problem details, the form of a failed operation's `error`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
}

export interface Operation {
  readonly id: string;
  readonly kind: OperationKind;
  status: OperationStatus;
  readonly configurationId: string;
  /** The settings a create or update applies when it completes; null for a delete. */
  readonly settings: ConfigurationSettings | null;
  readonly createdAt: string;
  completedAt: string | null;
  error: ProblemDetails | null;
}

export type ConversationStatus = 'ACTIVE' | 'INACTIVE' | 'CLOSED';
export type ParticipantType = 'CUSTOMER' | 'HUMAN_AGENT' | 'AI_AGENT' | 'AGENT' | 'UNKNOWN';

export interface Address {
  channel: Channel;
  address: string;
  /** Channel-specific correlation ID; for a bridged chat, the classic ConversationSid (CH…). */
  channelId?: string;
}

export interface OrchestratorConversation {
  readonly id: string;
  readonly configurationId: string;
  status: ConversationStatus;
  name: string | null;
  readonly createdAt: string;
  updatedAt: string;
}

export interface OrchestratorParticipant {
  readonly id: string;
  readonly conversationId: string;
  name: string;
  type: ParticipantType;
  /** Resolved for CUSTOMER participants only. */
  profileId: string | null;
  addresses: Address[];
  readonly createdAt: string;
  updatedAt: string;
}

export interface ParticipantAddress {
  address: string;
  channel: Channel;
  participantId: string;
}

export interface Communication {
  readonly id: string;
  readonly conversationId: string;
  readonly author: ParticipantAddress;
  readonly content: { type: 'TEXT' | 'TRANSCRIPTION'; text: string };
  readonly channelId: string | null;
  /** The source record (a message SID for chat and SMS); unique within a conversation. */
  readonly resourceId: string | null;
  readonly recipients: ParticipantAddress[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly occurredAt: string;
}

export interface NewConversation {
  configurationId: string;
  status?: ConversationStatus;
  name?: string | null;
  /** For history (seeding); defaults to now. */
  createdAt?: string;
  updatedAt?: string;
}

export interface NewParticipant {
  name: string;
  type: ParticipantType;
  profileId?: string | null;
  addresses: Address[];
  createdAt?: string;
}

export interface NewCommunication {
  author: ParticipantAddress;
  content: Communication['content'];
  channelId?: string | null;
  resourceId?: string | null;
  recipients?: ParticipantAddress[];
  occurredAt?: string;
  createdAt?: string;
}

/** A request the state refuses; the routes turn it into Twilio's error form. */
export class OrchestratorError extends Error {
  constructor(
    readonly reason: 'not-found' | 'conflict' | 'invalid',
    message: string,
    /** For a conflict with another resource: its ID (Twilio's `X-Conflicting-Resource-Id`). */
    readonly conflictingId?: string,
  ) {
    super(message);
    this.name = 'OrchestratorError';
  }
}

interface ConversationRecord {
  conversation: OrchestratorConversation;
  participants: OrchestratorParticipant[];
  communications: Communication[];
}

export interface OrchestratorStoreSnapshot {
  configurations: Configuration[];
  operations: Operation[];
  conversations: ConversationRecord[];
  /** Idempotency-Key → the operation its first request started. */
  idempotencyKeys: Array<[string, string]>;
}

export interface OrchestratorStoreEvents {
  /** A create, update or delete was accepted; the operation runner drives it from here. */
  operationCreated: [operation: Operation];
  /** A configuration was created, replaced or deleted (`current` is undefined after a delete). */
  configurationApplied: [current: Configuration | undefined, previous: Configuration | undefined];
}

/** What exists outside the Orchestrator that configurations may reference. */
export interface KnownResources {
  memoryStoreId: string;
  serviceSid: string;
}

const TERMINAL: readonly OperationStatus[] = ['COMPLETED', 'FAILED'];

export class OrchestratorStore extends EventEmitter<OrchestratorStoreEvents> {
  #configurations = new Map<string, Configuration>();
  #operations = new Map<string, Operation>();
  #conversations = new Map<string, ConversationRecord>();
  #idempotencyKeys = new Map<string, string>();

  constructor(private readonly known: KnownResources) {
    super();
  }

  // Configurations and their operations

  listConfigurations(filter: { memoryStoreId?: string } = {}): Configuration[] {
    return [...this.#configurations.values()]
      .filter((configuration) => filter.memoryStoreId === undefined || configuration.memoryStoreId === filter.memoryStoreId)
      .sort(byCreation);
  }

  findConfiguration(id: string): Configuration | undefined {
    return this.#configurations.get(id);
  }

  /** The effective configuration that bridges this classic service, if any. */
  bridgingConfiguration(serviceSid: string): Configuration | undefined {
    return [...this.#configurations.values()].find(
      (configuration) => configuration.conversationsV1Bridge?.serviceId === serviceSid,
    );
  }

  /** The operation an earlier request with this Idempotency-Key started. */
  operationForIdempotencyKey(key: string): Operation | undefined {
    const id = this.#idempotencyKeys.get(key);
    return id === undefined ? undefined : this.#operations.get(id);
  }

  requestCreate(settings: ConfigurationSettings, idempotencyKey?: string): Operation {
    this.#assertServiceFree(settings, undefined);
    return this.#startOperation('config-create', newTypeId('conv_configuration'), settings, idempotencyKey);
  }

  requestUpdate(configurationId: string, settings: ConfigurationSettings, idempotencyKey?: string): Operation {
    const configuration = this.#changeableConfiguration(configurationId);
    if (settings.conversationGroupingType !== configuration.conversationGroupingType) {
      throw new OrchestratorError(
        'invalid',
        `conversationGroupingType cannot be changed (configuration ${configurationId} uses ${configuration.conversationGroupingType})`,
      );
    }
    this.#assertServiceFree(settings, configurationId);
    return this.#startOperation('config-update', configurationId, settings, idempotencyKey);
  }

  requestDelete(configurationId: string, idempotencyKey?: string): Operation {
    this.#changeableConfiguration(configurationId);
    return this.#startOperation('config-delete', configurationId, null, idempotencyKey);
  }

  findOperation(id: string): Operation | undefined {
    return this.#operations.get(id);
  }

  /** Operations still PENDING or RUNNING, oldest first. */
  unfinishedOperations(): Operation[] {
    return [...this.#operations.values()].filter((operation) => !TERMINAL.includes(operation.status));
  }

  /** PENDING → RUNNING. */
  markRunning(operationId: string): void {
    const operation = this.#operations.get(operationId);
    if (operation?.status === 'PENDING') operation.status = 'RUNNING';
  }

  /** RUNNING → COMPLETED (the change takes effect) or FAILED (nothing changes). */
  finishOperation(operationId: string): Operation | undefined {
    const operation = this.#operations.get(operationId);
    if (operation?.status !== 'RUNNING') return operation;
    const problem = this.#referenceProblem(operation);
    operation.completedAt = new Date().toISOString();
    if (problem) {
      operation.status = 'FAILED';
      operation.error = problem;
      return operation;
    }
    operation.status = 'COMPLETED';
    const live = this.#configurations.get(operation.configurationId);
    const previous = live && structuredClone(live);
    if (operation.kind === 'config-delete') {
      this.#configurations.delete(operation.configurationId);
      this.emit('configurationApplied', undefined, previous);
      return operation;
    }
    const settings = structuredClone(operation.settings as ConfigurationSettings);
    const current: Configuration = live
      ? Object.assign(live, settings, { updatedAt: operation.completedAt, version: live.version + 1 })
      : { id: operation.configurationId, ...settings, createdAt: operation.completedAt, updatedAt: operation.completedAt, version: 1 };
    this.#configurations.set(current.id, current);
    this.emit('configurationApplied', current, previous);
    return operation;
  }

  /** A configuration that exists at once, without an operation (seeded history). */
  createConfigurationNow(settings: ConfigurationSettings): Configuration {
    this.#assertServiceFree(settings, undefined);
    const now = new Date().toISOString();
    const configuration: Configuration = {
      id: newTypeId('conv_configuration'),
      ...structuredClone(settings),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    this.#configurations.set(configuration.id, configuration);
    this.emit('configurationApplied', configuration, undefined);
    return configuration;
  }

  // Conversations, participants, communications

  createConversation(input: NewConversation): OrchestratorConversation {
    const createdAt = input.createdAt ?? new Date().toISOString();
    const conversation: OrchestratorConversation = {
      id: newTypeId('conv_conversation', Date.parse(createdAt)),
      configurationId: input.configurationId,
      status: input.status ?? 'ACTIVE',
      name: input.name ?? null,
      createdAt,
      updatedAt: input.updatedAt ?? createdAt,
    };
    this.#conversations.set(conversation.id, { conversation, participants: [], communications: [] });
    return conversation;
  }

  updateConversation(id: string, changes: { status?: ConversationStatus; name?: string | null }): OrchestratorConversation {
    const { conversation } = this.#record(id);
    const changed =
      (changes.status !== undefined && changes.status !== conversation.status) ||
      (changes.name !== undefined && changes.name !== conversation.name);
    if (changed) {
      if (changes.status !== undefined) conversation.status = changes.status;
      if (changes.name !== undefined) conversation.name = changes.name;
      conversation.updatedAt = new Date().toISOString();
    }
    return conversation;
  }

  findConversation(id: string): OrchestratorConversation | undefined {
    return this.#conversations.get(id)?.conversation;
  }

  /**
   * Conversations, oldest first. `channelId` matches a participant address's
   * channelId or a communication's channelId or resourceId (a CH…, CA… or SM… SID).
   */
  listConversations(filter: { statuses?: readonly ConversationStatus[]; channelId?: string } = {}): OrchestratorConversation[] {
    const { statuses, channelId } = filter;
    return [...this.#conversations.values()]
      .filter(({ conversation }) => !statuses?.length || statuses.includes(conversation.status))
      .filter(
        (record) =>
          channelId === undefined ||
          record.participants.some((participant) => participant.addresses.some((address) => address.channelId === channelId)) ||
          record.communications.some((item) => item.channelId === channelId || item.resourceId === channelId),
      )
      .map((record) => record.conversation)
      .sort(byCreation);
  }

  addParticipant(conversationId: string, input: NewParticipant): OrchestratorParticipant {
    const record = this.#record(conversationId);
    const createdAt = input.createdAt ?? new Date().toISOString();
    const participant: OrchestratorParticipant = {
      id: newTypeId('conv_participant', Date.parse(createdAt)),
      conversationId,
      name: input.name,
      type: input.type,
      profileId: input.profileId ?? null,
      addresses: structuredClone(input.addresses),
      createdAt,
      updatedAt: createdAt,
    };
    record.participants.push(participant);
    return participant;
  }

  listParticipants(conversationId: string): readonly OrchestratorParticipant[] {
    return this.#record(conversationId).participants;
  }

  findParticipant(conversationId: string, participantId: string): OrchestratorParticipant | undefined {
    return this.#conversations.get(conversationId)?.participants.find((participant) => participant.id === participantId);
  }

  /**
   * Adds a communication, unless one with the same `resourceId` is already in
   * the conversation: Twilio dedupes on it, so a replayed source record is
   * answered with the communication it already made.
   */
  addCommunication(conversationId: string, input: NewCommunication): Communication {
    const record = this.#record(conversationId);
    const resourceId = input.resourceId ?? null;
    const existing = resourceId === null ? undefined : record.communications.find((item) => item.resourceId === resourceId);
    if (existing) return existing;
    const createdAt = input.createdAt ?? new Date().toISOString();
    const communication: Communication = {
      id: newTypeId('conv_communication', Date.parse(createdAt)),
      conversationId,
      author: { ...input.author },
      content: { ...input.content },
      channelId: input.channelId ?? null,
      resourceId,
      recipients: structuredClone(input.recipients ?? []),
      createdAt,
      updatedAt: createdAt,
      occurredAt: input.occurredAt ?? createdAt,
    };
    record.communications.push(communication);
    if (createdAt > record.conversation.updatedAt) record.conversation.updatedAt = createdAt;
    return communication;
  }

  /** Communications by when they occurred; `channelId` filters on the communication's channelId. */
  listCommunications(conversationId: string, filter: { channelId?: string } = {}): Communication[] {
    return this.#record(conversationId)
      .communications.filter((item) => filter.channelId === undefined || item.channelId === filter.channelId)
      .sort((a, b) => compareKeys(a.occurredAt, a.id, b.occurredAt, b.id));
  }

  findCommunication(conversationId: string, communicationId: string): Communication | undefined {
    return this.#conversations.get(conversationId)?.communications.find((item) => item.id === communicationId);
  }

  // Persistence

  toSnapshot(): OrchestratorStoreSnapshot {
    return structuredClone({
      configurations: [...this.#configurations.values()],
      operations: [...this.#operations.values()],
      conversations: [...this.#conversations.values()],
      idempotencyKeys: [...this.#idempotencyKeys],
    });
  }

  /** Replaces the whole state; announces nothing (the owner resumes timers and the bridge itself). */
  restore(snapshot: OrchestratorStoreSnapshot): void {
    const copy = structuredClone(snapshot);
    this.#configurations = new Map(copy.configurations.map((item) => [item.id, item]));
    this.#operations = new Map(copy.operations.map((item) => [item.id, item]));
    this.#conversations = new Map(copy.conversations.map((item) => [item.conversation.id, item]));
    this.#idempotencyKeys = new Map(copy.idempotencyKeys);
  }

  #startOperation(
    kind: OperationKind,
    configurationId: string,
    settings: ConfigurationSettings | null,
    idempotencyKey: string | undefined,
  ): Operation {
    const operation: Operation = {
      id: newTypeId('proc_job'),
      kind,
      status: 'PENDING',
      configurationId,
      settings: settings && structuredClone(settings),
      createdAt: new Date().toISOString(),
      completedAt: null,
      error: null,
    };
    this.#operations.set(operation.id, operation);
    if (idempotencyKey !== undefined) this.#idempotencyKeys.set(idempotencyKey, operation.id);
    this.emit('operationCreated', operation);
    return operation;
  }

  /** An effective configuration with no other change under way. */
  #changeableConfiguration(configurationId: string): Configuration {
    const configuration = this.#configurations.get(configurationId);
    if (!configuration) throw new OrchestratorError('not-found', `Configuration ${configurationId} was not found`);
    const busy = this.unfinishedOperations().find((operation) => operation.configurationId === configurationId);
    if (busy) {
      throw new OrchestratorError(
        'conflict',
        `Configuration ${configurationId} has operation ${busy.id} in progress; retry when it has finished`,
        busy.id,
      );
    }
    return configuration;
  }

  /** One configuration per classic service, counting changes still under way. */
  #assertServiceFree(settings: ConfigurationSettings, ownConfigurationId: string | undefined): void {
    const serviceId = settings.conversationsV1Bridge?.serviceId;
    if (serviceId === undefined) return;
    const effective = [...this.#configurations.values()]
      .filter((configuration) => configuration.conversationsV1Bridge?.serviceId === serviceId)
      .map((configuration) => configuration.id);
    const pending = this.unfinishedOperations()
      .filter((operation) => operation.settings?.conversationsV1Bridge?.serviceId === serviceId)
      .map((operation) => operation.configurationId);
    const other = [...effective, ...pending].find((id) => id !== ownConfigurationId);
    if (other !== undefined) {
      throw new OrchestratorError(
        'conflict',
        `Conversations service ${serviceId} is already bridged by configuration ${other}; only one configuration per service`,
        other,
      );
    }
  }

  /** References to other products are checked when the operation runs, as a failed operation rather than a 400. */
  #referenceProblem(operation: Operation): ProblemDetails | undefined {
    const notFound = (detail: string): ProblemDetails => ({
      type: 'https://www.twilio.com/docs/errors/20404',
      title: 'Not Found',
      status: 404,
      detail,
    });
    if (operation.kind !== 'config-create' && !this.#configurations.has(operation.configurationId)) {
      return notFound(`Configuration ${operation.configurationId} was not found`);
    }
    const settings = operation.settings;
    if (!settings) return undefined;
    if (settings.memoryStoreId !== this.known.memoryStoreId) {
      return notFound(`Memory store ${settings.memoryStoreId} was not found`);
    }
    const serviceId = settings.conversationsV1Bridge?.serviceId;
    if (serviceId !== undefined && serviceId !== this.known.serviceSid) {
      return notFound(`Conversations service ${serviceId} was not found`);
    }
    return undefined;
  }

  #record(conversationId: string): ConversationRecord {
    const record = this.#conversations.get(conversationId);
    if (!record) throw new Error(`No Orchestrator conversation ${conversationId} in the store`);
    return record;
  }
}

/** Creation order with the ID as tie-breaker; ISO timestamps compare as text. */
export function byCreation(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return compareKeys(a.createdAt, a.id, b.createdAt, b.id);
}

function compareKeys(aTime: string, aId: string, bTime: string, bId: string): number {
  if (aTime !== bTime) return aTime < bTime ? -1 : 1;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}
