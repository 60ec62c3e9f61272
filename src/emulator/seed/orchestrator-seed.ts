import { newChannelSid } from '../orchestrator/ids.js';
import type { Channel, OrchestratorStore, ParticipantAddress } from '../orchestrator/store.js';
import type { SeedCommunication, SeedConversation } from './demo-customer.js';

/** The part of a seed customer the Orchestrator history needs (DEMO_CUSTOMER fits). */
export interface SeedHistoryCustomer {
  readonly phone: string;
  readonly traits: { readonly Contact: { readonly name: string } };
  readonly conversations: ReadonlyArray<
    Readonly<Omit<SeedConversation, 'communications'>> & { readonly communications: ReadonlyArray<Readonly<SeedCommunication>> }
  >;
}

export interface SeedHistoryOptions {
  /** The Memory store the history configuration uses (the emulator's store). */
  memoryStoreId: string;
  /** The customer's Memory profile, set on her CUSTOMER participants. */
  profileId: string;
}

/**
 * The demo customer's past phone calls and SMS threads as CLOSED Orchestrator
 * conversations. Every conversation belongs to a configuration, so the
 * history gets its own: GROUP_BY_PROFILE with VOICE and SMS capture rules on
 * the company's number and no classic bridge — the way a company that
 * already captures voice and SMS looks before it bridges its chat (Twilio's
 * guide: one integration per channel). Call once, on a fresh store.
 *
 * Returns each seed conversation's `key` → the created conversation ID, so
 * summaries and observations can point at them.
 */
export function seedOrchestratorHistory(
  store: OrchestratorStore,
  customer: SeedHistoryCustomer,
  options: SeedHistoryOptions,
): Map<string, string> {
  const companyNumbers = [...new Set(customer.conversations.map((conversation) => conversation.companyAddress))];
  const captureFromAndTo = companyNumbers.flatMap((number) => [
    { from: '*', to: number },
    { from: number, to: '*' },
  ]);
  const configuration = store.createConfigurationNow({
    displayName: 'demo-voice-sms-history',
    description: 'Captures calls and texts on the demo company number',
    conversationGroupingType: 'GROUP_BY_PROFILE',
    memoryStoreId: options.memoryStoreId,
    channelSettings: {
      VOICE: { captureRules: captureFromAndTo.map((rule) => ({ ...rule, metadata: { callType: 'PSTN' } })) },
      SMS: { captureRules: captureFromAndTo },
    },
    statusCallbacks: [],
    intelligenceConfigurationIds: [],
    memoryExtractionEnabled: true,
    conversationsV1Bridge: null,
  });

  const ids = new Map<string, string>();
  for (const seed of customer.conversations) {
    const channel: Channel = seed.channel;
    // A call is one channel record (CA…) for the whole conversation; each SMS is its own (SM…).
    const callSid = channel === 'VOICE' ? newChannelSid('CA') : undefined;
    const conversation = store.createConversation({
      configurationId: configuration.id,
      status: 'CLOSED',
      name: null,
      createdAt: seed.startedAt,
      updatedAt: seed.endedAt,
    });
    const customerParticipant = store.addParticipant(conversation.id, {
      name: customer.traits.Contact.name,
      type: 'CUSTOMER',
      profileId: options.profileId,
      addresses: [{ channel, address: customer.phone, ...(callSid ? { channelId: callSid } : {}) }],
      createdAt: seed.startedAt,
    });
    const agentParticipant = store.addParticipant(conversation.id, {
      name: seed.agentName,
      type: 'HUMAN_AGENT',
      addresses: [{ channel, address: seed.companyAddress, ...(callSid ? { channelId: callSid } : {}) }],
      createdAt: seed.startedAt,
    });
    const addressOf = (participant: typeof customerParticipant): ParticipantAddress => ({
      address: participant.addresses[0]?.address ?? '',
      channel,
      participantId: participant.id,
    });
    const transcriptionSid = newChannelSid('GT');
    seed.communications.forEach((line, index) => {
      const [author, recipient] =
        line.from === 'customer' ? [customerParticipant, agentParticipant] : [agentParticipant, customerParticipant];
      const occurredAt = new Date(Date.parse(seed.startedAt) + line.atMinute * 60_000).toISOString();
      const messageSid = channel === 'SMS' ? newChannelSid('SM') : undefined;
      store.addCommunication(conversation.id, {
        author: addressOf(author),
        content: { type: channel === 'VOICE' ? 'TRANSCRIPTION' : 'TEXT', text: line.text },
        channelId: callSid ?? messageSid ?? null,
        // Twilio's resourceId: the MessageSid for SMS, the transcription and utterance index for voice.
        resourceId: messageSid ?? `${transcriptionSid}:${index}`,
        recipients: [addressOf(recipient)],
        occurredAt,
        createdAt: occurredAt,
      });
    });
    ids.set(seed.key, conversation.id);
  }
  return ids;
}
