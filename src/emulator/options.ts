import { z } from 'zod';
import { STORE_ID_PATTERN } from './memory/ids.js';

/** What the emulator needs to know: the credentials it accepts, what exists from start, and how it behaves. */
export interface EmulatorOptions {
  accountSid: string;
  apiKey: string;
  apiSecret: string;
  /** The classic Conversations service that exists from start. */
  serviceSid: string;
  /** The Conversation Memory store that exists from start. */
  memoryStoreId: string;
  /** How long the Orchestrator bridge takes to mirror a classic change (Twilio documents about 3 s). */
  bridgeDelayMs: number;
  /** Seed the demo's returning customer (profile, past voice/SMS conversations). */
  seed: boolean;
  /** Serve the fault-injection control API (loopback only). */
  faultInjection: boolean;
  /** Keep state in this JSON file across restarts; in memory when unset. */
  dataFile?: string;
}

/** A missing or malformed setting; its message is one line for the person starting the emulator. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

const required = (issue: { input: unknown }) => (issue.input === undefined ? 'is not set' : 'must be a string');

const sidOf = (prefix: string, what: string) =>
  z
    .string({ error: required })
    .trim()
    .regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be ${what}: "${prefix}" followed by 32 hex characters`);

const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'], { error: 'must be on or off' })
    .optional()
    .transform((value) => (value === undefined ? fallback : ['1', 'true', 'on', 'yes'].includes(value)));

const settingsSchema = z.object({
  TWILIO_ACCOUNT_SID: sidOf('AC', 'an Account SID'),
  TWILIO_API_KEY: sidOf('SK', 'an API key SID'),
  TWILIO_API_SECRET: z.string({ error: required }).min(1, 'is empty'),
  TWILIO_CONVERSATIONS_SERVICE_SID: sidOf('IS', 'a Conversations service SID'),
  TWILIO_MEMORY_STORE_ID: z
    .string({ error: required })
    .trim()
    .regex(STORE_ID_PATTERN, 'must be a memory store ID: "mem_store_" and a 26-character type ID whose first character is 0-7'),
  BRIDGE_CHAT_EMULATOR_BRIDGE_DELAY_MS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of milliseconds')
    .optional()
    .transform((value) => (value === undefined ? 3000 : Number(value))),
  BRIDGE_CHAT_EMULATOR_SEED: flag(true),
  BRIDGE_CHAT_EMULATOR_FAULTS: flag(false),
  BRIDGE_CHAT_EMULATOR_DATA: z.string().min(1).optional(),
});

/**
 * Reads the emulator's settings from environment-style variables (the same
 * names the companion and the CLI use). Throws one readable line naming every
 * variable that is missing or malformed.
 */
export function loadEmulatorOptions(env: Record<string, string | undefined>): EmulatorOptions {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = settingsSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new SettingsError(`Invalid emulator settings: ${problems.join('; ')}.`);
  }
  const settings = parsed.data;
  return {
    accountSid: settings.TWILIO_ACCOUNT_SID,
    apiKey: settings.TWILIO_API_KEY,
    apiSecret: settings.TWILIO_API_SECRET,
    serviceSid: settings.TWILIO_CONVERSATIONS_SERVICE_SID,
    memoryStoreId: settings.TWILIO_MEMORY_STORE_ID,
    bridgeDelayMs: settings.BRIDGE_CHAT_EMULATOR_BRIDGE_DELAY_MS,
    seed: settings.BRIDGE_CHAT_EMULATOR_SEED,
    faultInjection: settings.BRIDGE_CHAT_EMULATOR_FAULTS,
    ...(settings.BRIDGE_CHAT_EMULATOR_DATA === undefined ? {} : { dataFile: settings.BRIDGE_CHAT_EMULATOR_DATA }),
  };
}
