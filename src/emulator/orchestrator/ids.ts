import { randomBytes } from 'node:crypto';

/**
 * Orchestrator IDs are TypeIDs: a type prefix, then a UUIDv7-style value in
 * 26 lowercase Crockford base32 characters, e.g.
 * `conv_conversation_01k1etk2y5f1y9fpe2epfdtvv2` or `proc_job_01h9d8r0vte3hz8tykdj329t7r`.
 * The leading characters encode the creation time, so IDs also sort by age;
 * IDs minted in the same millisecond count up, so they keep their order too.
 */
export type TypeIdPrefix =
  | 'conv_configuration'
  | 'conv_conversation'
  | 'conv_participant'
  | 'conv_communication'
  | 'proc_job';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const RANDOM_MAX = (1n << 80n) - 1n;

let last = { time: -1, random: 0n };

export function newTypeId(prefix: TypeIdPrefix, now = Date.now()): string {
  // 48 bits of milliseconds (10 characters, the first one 0-7) then 80 random bits (16 characters).
  let time = '';
  let remaining = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[remaining % 32] + time;
    remaining = Math.floor(remaining / 32);
  }
  let bits = 0n;
  if (now === last.time && last.random < RANDOM_MAX) {
    bits = last.random + 1n;
  } else {
    for (const byte of randomBytes(10)) bits = (bits << 8n) | BigInt(byte);
  }
  last = { time: now, random: bits };
  let tail = '';
  for (let i = 0; i < 16; i++) {
    tail = CROCKFORD[Number(bits & 31n)] + tail;
    bits >>= 5n;
  }
  return `${prefix}_${time}${tail}`;
}

/** A Twilio-style SID (two letters, 32 hex characters) for the seeded voice and SMS records. */
export function newChannelSid(prefix: 'CA' | 'SM' | 'GT'): string {
  return prefix + randomBytes(16).toString('hex');
}
