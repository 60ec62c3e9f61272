import type { TwilioClient } from './client.js';

/**
 * Conversation Orchestrator (Conversations v2) reads for `/context`, as plain
 * data. Twilio errors are left to the caller, which degrades instead of failing.
 */

export interface OrchestratorAddress {
  channel: string;
  address: string;
  channelId?: string | undefined;
}

export interface OrchestratorParticipant {
  name: string | undefined;
  type: string | undefined;
  profileId: string | undefined;
  addresses: OrchestratorAddress[];
}

export interface OrchestratorConversation {
  id: string;
  createdAt: Date | undefined;
  participants: OrchestratorParticipant[];
}

const NOT_FOUND = 404;

/** IDs of the conversations Twilio files under a resource identifier (a CH…, IM…, CA… or SM… SID). */
export async function conversationIdsByChannelId(client: TwilioClient, channelId: string): Promise<string[]> {
  const page = await client.conversations.v2.conversations.page({ channelId, pageSize: 10 });
  return page.instances.flatMap((conversation) => (conversation.id ? [conversation.id] : []));
}

/**
 * One conversation with its participants, or undefined when it no longer
 * exists. A fetch carries the participants; should it come without them, they
 * are listed (list items and fetches may be partial).
 */
export async function fetchOrchestratorConversation(
  client: TwilioClient,
  conversationId: string,
): Promise<OrchestratorConversation | undefined> {
  const v2 = client.conversations.v2;
  let conversation;
  try {
    conversation = await v2.conversations(conversationId).fetch();
  } catch (error) {
    if ((error as { status?: unknown }).status === NOT_FOUND) return undefined;
    throw error;
  }
  const participants = conversation.participants ?? (await v2.participants(conversationId).list({ pageSize: 50, limit: 50 }));
  return {
    id: conversationId,
    createdAt: conversation.createdAt,
    participants: participants.map((participant) => ({
      name: participant.name ?? undefined,
      type: participant.type,
      profileId: participant.profileId || undefined,
      addresses: (participant.addresses ?? []).map(({ channel, address, channelId }) => ({ channel, address, channelId })),
    })),
  };
}
