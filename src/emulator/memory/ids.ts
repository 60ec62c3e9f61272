import { randomBytes } from 'node:crypto';

/**
 * Twilio Type IDs (TTIDs), the IDs Memory uses: `{prefix}_` and 26 lowercase
 * Crockford base32 characters encoding a UUIDv7, so the first character is
 * 0-7 and IDs minted later sort later.
 */

export type TypeIdPrefix = 'mem_store' | 'mem_profile' | 'mem_observation' | 'mem_summary';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newTypeId(prefix: TypeIdPrefix): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(Date.now(), 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let suffix = '';
  for (let i = 0; i < 26; i++) {
    suffix = ALPHABET[Number(value & 31n)] + suffix;
    value >>= 5n;
  }
  return `${prefix}_${suffix}`;
}

/** The pattern Memory's API checks IDs against (it accepts any lowercase letter after the first character). */
const typeIdPattern = (prefix: string) => new RegExp(`^${prefix}_[0-7][0-9a-z]{25}$`);

/** Stores are `mem_store_…`; older ones are `mem_service_…`, which the API still accepts. */
export const STORE_ID_PATTERN = typeIdPattern('mem_(?:store|service)');
export const PROFILE_ID_PATTERN = typeIdPattern('mem_profile');
export const OBSERVATION_ID_PATTERN = typeIdPattern('mem_observation');
export const SUMMARY_ID_PATTERN = typeIdPattern('mem_summary');
/** Orchestrator conversations, which observations and summaries point at. */
export const CONVERSATION_ID_PATTERN = typeIdPattern('conv_conversation');
