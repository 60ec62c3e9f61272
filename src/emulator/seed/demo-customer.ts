/**
 * The demo's returning customer: who she is, what the company remembers of
 * her, and her earlier conversations on the phone and by SMS. Data only; the
 * Orchestrator and Memory seeders turn it into their own records.
 */
export interface SeedCommunication {
  /** `customer` or `agent`; the seeder maps it to the conversation's participants. */
  from: 'customer' | 'agent';
  text: string;
  /** Minutes after the conversation started. */
  atMinute: number;
}

export interface SeedConversation {
  /** Stable key, so summaries and observations can point at a conversation before it has an ID. */
  key: string;
  channel: 'VOICE' | 'SMS';
  startedAt: string;
  endedAt: string;
  agentName: string;
  /** The company's number the customer called or texted. */
  companyAddress: string;
  communications: SeedCommunication[];
  summary: string;
}

export interface SeedObservation {
  content: string;
  occurredAt: string;
  conversationKeys: string[];
}

export const DEMO_CUSTOMER = {
  /** The chat identity a signed-in demo visitor uses to be recognised as this customer. */
  chatIdentity: 'customer-maya-chen',
  phone: '+15555550123',
  email: 'maya.chen@example.com',
  traits: {
    Contact: { name: 'Maya Chen', firstName: 'Maya', email: 'maya.chen@example.com', phone: '+15555550123' },
    Preferences: { preferredLanguage: 'en', favoriteRoast: 'Ethiopia Guji', grind: 'espresso fine' },
    Loyalty: { tier: 'Gold', memberSince: '2024-03-14' },
  },
  conversations: [
    {
      key: 'late-delivery-call',
      channel: 'VOICE',
      startedAt: '2026-10-02T16:05:00Z',
      endedAt: '2026-10-02T16:13:00Z',
      agentName: 'Jordan',
      companyAddress: '+15555550100',
      communications: [
        { from: 'customer', text: "Hi, my subscription bag was due Monday and it still hasn't arrived.", atMinute: 0 },
        { from: 'agent', text: 'Sorry about that, Maya. The carrier lost it in transit; I am reshipping it today at no cost.', atMinute: 2 },
        { from: 'customer', text: 'Thanks, that works. Can you make sure it is the Guji again?', atMinute: 4 },
        { from: 'agent', text: 'Yes, Ethiopia Guji, whole bean, arriving Thursday.', atMinute: 5 },
      ],
      summary: 'Subscription bag lost in transit; agent reshipped Ethiopia Guji at no cost, arriving Thursday.',
    },
    {
      key: 'grind-change-sms',
      channel: 'SMS',
      startedAt: '2026-10-19T09:30:00Z',
      endedAt: '2026-10-19T09:42:00Z',
      agentName: 'Priya',
      companyAddress: '+15555550100',
      communications: [
        { from: 'customer', text: 'Got an espresso machine! Can future bags come ground for espresso?', atMinute: 0 },
        { from: 'agent', text: 'Congrats! Done: your subscription now ships espresso-fine grind.', atMinute: 7 },
        { from: 'customer', text: 'Perfect, thank you!', atMinute: 12 },
      ],
      summary: 'Customer bought an espresso machine; subscription switched to espresso-fine grind.',
    },
    {
      key: 'gift-subscription-call',
      channel: 'VOICE',
      startedAt: '2026-11-08T18:20:00Z',
      endedAt: '2026-11-08T18:31:00Z',
      agentName: 'Jordan',
      companyAddress: '+15555550100',
      communications: [
        { from: 'customer', text: "I'd like to send my brother a coffee subscription for his birthday.", atMinute: 0 },
        { from: 'agent', text: 'Lovely. The three-month gift plan ships the first bag within two days.', atMinute: 3 },
        { from: 'customer', text: "Great, let's do Harbor Blend, he drinks filter coffee.", atMinute: 6 },
      ],
      summary: 'Customer bought a three-month Harbor Blend gift subscription for her brother.',
    },
  ] satisfies SeedConversation[],
  observations: [
    { content: 'Prefers light roasts, especially Ethiopian coffees.', occurredAt: '2026-10-02T16:13:00Z', conversationKeys: ['late-delivery-call'] },
    { content: 'Brews espresso at home since October 2026.', occurredAt: '2026-10-19T09:42:00Z', conversationKeys: ['grind-change-sms'] },
    { content: 'Had a lost subscription delivery in October; it was reshipped free.', occurredAt: '2026-10-02T16:13:00Z', conversationKeys: ['late-delivery-call'] },
    { content: 'Buys gift subscriptions for family (brother, filter coffee drinker).', occurredAt: '2026-11-08T18:31:00Z', conversationKeys: ['gift-subscription-call'] },
  ] satisfies SeedObservation[],
} as const;
