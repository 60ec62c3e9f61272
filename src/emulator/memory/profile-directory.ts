/**
 * How the Orchestrator bridge finds the Memory profile of a participant:
 * by one of the customer's addresses (chat identity, phone number, email).
 * Memory implements it; the bridge only depends on this shape.
 */
export interface ProfileAddress {
  channel: 'CHAT' | 'VOICE' | 'SMS' | 'WHATSAPP' | 'RCS' | 'EMAIL';
  address: string;
}

export interface ProfileDirectory {
  /** The ID of the profile in `storeId` that owns `address`, creating a profile when none does. */
  resolveProfile(storeId: string, address: ProfileAddress): string;
}
