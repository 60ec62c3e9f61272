import type {
  Communication,
  Configuration,
  ConfigurationSettings,
  Operation,
  OrchestratorConversation,
  OrchestratorParticipant,
} from './store.js';

/**
 * Twilio's wire format for Conversation Orchestrator (Conversations v2):
 * camelCase JSON, timestamps in whole UTC seconds, URLs on the real Twilio
 * host (clients reach the emulator through a URL rewrite).
 */

export const CONVERSATIONS_V2_BASE_URL = 'https://conversations.twilio.com/v2';

export interface WireContext {
  accountSid: string;
}

export const operationUrl = (operationId: string) => `${CONVERSATIONS_V2_BASE_URL}/ControlPlane/Operations/${operationId}`;

/** `2026-11-22T01:02:03.456Z` → `2026-11-22T01:02:03Z`. */
export function wireTime(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

function serializeSettings(settings: ConfigurationSettings) {
  return {
    displayName: settings.displayName,
    description: settings.description,
    conversationGroupingType: settings.conversationGroupingType,
    memoryStoreId: settings.memoryStoreId,
    channelSettings: settings.channelSettings,
    statusCallbacks: settings.statusCallbacks,
    intelligenceConfigurationIds: settings.intelligenceConfigurationIds,
    memoryExtractionEnabled: settings.memoryExtractionEnabled,
    ...(settings.conversationsV1Bridge ? { conversationsV1Bridge: settings.conversationsV1Bridge } : {}),
  };
}

export function serializeConfiguration(configuration: Configuration) {
  return {
    id: configuration.id,
    ...serializeSettings(configuration),
    createdAt: wireTime(configuration.createdAt),
    updatedAt: wireTime(configuration.updatedAt),
    version: configuration.version,
  };
}

/** The slim body of a 202 Accepted: where to poll, and what the operation is about. */
export function serializeAccepted(operation: Operation) {
  return { statusUrl: operationUrl(operation.id), related: { configurationId: operation.configurationId } };
}

export function serializeOperation(operation: Operation) {
  return {
    operationId: operation.id,
    status: operation.status,
    createdAt: wireTime(operation.createdAt),
    completedAt: operation.completedAt === null ? null : wireTime(operation.completedAt),
    statusUrl: operationUrl(operation.id),
    error: operation.error,
    related: { configurationId: operation.configurationId },
  };
}

/** A list item: Twilio's list may return conversations partially, so participants come with a fetch only. */
export function serializeConversationSummary(ctx: WireContext, conversation: OrchestratorConversation) {
  return {
    id: conversation.id,
    accountId: ctx.accountSid,
    configurationId: conversation.configurationId,
    status: conversation.status,
    name: conversation.name,
    createdAt: wireTime(conversation.createdAt),
    updatedAt: wireTime(conversation.updatedAt),
  };
}

export function serializeConversation(
  ctx: WireContext,
  conversation: OrchestratorConversation,
  participants: readonly OrchestratorParticipant[],
  configuration: Configuration | undefined,
) {
  return {
    ...serializeConversationSummary(ctx, conversation),
    ...(configuration ? { configuration: serializeSettings(configuration) } : {}),
    participants: participants.map((participant) => serializeParticipant(ctx, participant)),
  };
}

export function serializeParticipant(ctx: WireContext, participant: OrchestratorParticipant) {
  return {
    id: participant.id,
    conversationId: participant.conversationId,
    accountId: ctx.accountSid,
    name: participant.name,
    type: participant.type,
    ...(participant.profileId === null ? {} : { profileId: participant.profileId }),
    addresses: participant.addresses,
    createdAt: wireTime(participant.createdAt),
    updatedAt: wireTime(participant.updatedAt),
  };
}

export function serializeCommunication(ctx: WireContext, communication: Communication) {
  return {
    id: communication.id,
    conversationId: communication.conversationId,
    accountId: ctx.accountSid,
    author: communication.author,
    content: communication.content,
    ...(communication.channelId === null ? {} : { channelId: communication.channelId }),
    ...(communication.resourceId === null ? {} : { resourceId: communication.resourceId }),
    recipients: communication.recipients,
    createdAt: wireTime(communication.createdAt),
    updatedAt: wireTime(communication.updatedAt),
    occurredAt: wireTime(communication.occurredAt),
  };
}
