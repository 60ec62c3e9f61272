import { randomBytes } from 'node:crypto';

/** Two-letter prefixes Twilio puts in front of the SIDs the emulator mints. */
export type SidPrefix = 'CH' | 'MB' | 'IM' | 'MG' | 'RL' | 'ME';

/** A new Twilio-style SID: the prefix and 32 lowercase hex characters. */
export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}

/** True when `value` looks like a SID with this prefix (any hex case, as Twilio accepts). */
export function isSid(value: string, prefix: SidPrefix): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}
