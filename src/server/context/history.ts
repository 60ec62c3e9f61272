import type { HistoryChannel, HistoryItem } from '../../protocol/context.js';
import type { TwilioClient } from '../twilio/client.js';
import { listSummaryPage } from '../twilio/memory.js';
import { fetchOrchestratorConversation, type OrchestratorConversation } from '../twilio/orchestrator.js';

/** Past conversations per `/context` page: one Memory page, and one Orchestrator fetch per item. */
export const HISTORY_PAGE_SIZE = 10;

export interface HistoryPage {
  /** Newest first. */
  items: HistoryItem[];
  /** Memory's cursor for the next (older) page. */
  nextCursor: string | undefined;
}

export interface HistoryQuery {
  storeId: string;
  profileId: string;
  /** The chat being had now: it is no "earlier" conversation. */
  currentConversationId: string;
  cursor: string | undefined;
}

/**
 * The customer's earlier conversations on every channel: Memory's
 * conversation summaries for the profile (newest first), each with the
 * Orchestrator conversation it summarizes for the channel and start time.
 * A conversation deleted since it was summarized is left out.
 */
export async function loadHistoryPage(twilio: TwilioClient, query: HistoryQuery): Promise<HistoryPage> {
  const page = await listSummaryPage(twilio, query.storeId, query.profileId, HISTORY_PAGE_SIZE, query.cursor);
  const seen = new Set([query.currentConversationId]);
  const summaries = page.summaries.filter(({ conversationId }) => {
    if (seen.has(conversationId)) return false; // the chat itself, or a second summary of one conversation
    seen.add(conversationId);
    return true;
  });
  const items = await Promise.all(
    summaries.map(async (summary): Promise<HistoryItem | undefined> => {
      const conversation = await fetchOrchestratorConversation(twilio, summary.conversationId);
      const startedAt = conversation?.createdAt ?? summary.occurredAt;
      if (!conversation || !startedAt) return undefined;
      return {
        conversationId: conversation.id,
        channel: channelOf(conversation),
        startedAt: startedAt.toISOString(),
        summary: summary.content,
      };
    }),
  );
  return {
    items: items
      .filter((item) => item !== undefined)
      .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt)),
    nextCursor: page.nextToken,
  };
}

const KNOWN_CHANNELS: ReadonlySet<string> = new Set<HistoryChannel>(['VOICE', 'SMS', 'CHAT', 'WHATSAPP', 'RCS', 'EMAIL']);

/** The customer's channel in it (any participant's when no CUSTOMER has an address); others (VIDEO…) are OTHER. */
function channelOf(conversation: OrchestratorConversation): HistoryChannel {
  const customer = conversation.participants.find((participant) => participant.type === 'CUSTOMER' && participant.addresses.length > 0);
  const channel = (customer ?? conversation.participants.find((participant) => participant.addresses.length > 0))?.addresses[0]?.channel;
  return channel !== undefined && KNOWN_CHANNELS.has(channel) ? (channel as HistoryChannel) : 'OTHER';
}
