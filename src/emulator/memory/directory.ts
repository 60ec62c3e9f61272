import { CHAT_IDENTITY_ID_TYPE } from './identifiers.js';
import type { ProfileAddress, ProfileDirectory } from './profile-directory.js';
import type { MemoryStore } from './store.js';

const ID_TYPE_BY_CHANNEL: Record<ProfileAddress['channel'], string> = {
  CHAT: CHAT_IDENTITY_ID_TYPE,
  VOICE: 'phone',
  SMS: 'phone',
  WHATSAPP: 'phone',
  RCS: 'phone',
  EMAIL: 'email',
};

/**
 * The bridge's way into Memory: a participant address becomes the matching
 * identifier (phone number, email, or chat identity as `user_id`) and
 * resolves like Create Profile does, so the same person gets the same profile
 * on every channel that shares an identifier. Throws Memory's errors for an
 * unknown store or an address that is no valid identifier.
 */
export class MemoryProfileDirectory implements ProfileDirectory {
  constructor(private readonly store: MemoryStore) {}

  resolveProfile(storeId: string, { channel, address }: ProfileAddress): string {
    const idType = ID_TYPE_BY_CHANNEL[channel];
    // Messaging addresses may name their channel (`whatsapp:+1…`); the identifier is the number.
    const value = idType === 'phone' ? address.replace(/^[a-z]+:/i, '') : address;
    return this.store.upsertProfile(storeId, { identifiers: [{ idType, value }] }).profile.id;
  }
}
