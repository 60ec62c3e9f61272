import { z } from 'zod';
import type { IdentifyHook } from './identify.js';

const sid = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must look like ${prefix} followed by 32 hex digits`);

const origin = z.url().refine((value) => new URL(value).origin === value, {
  message: 'must be an origin such as https://shop.example (scheme, host and port only)',
});

/** What `createCompanion` accepts; every field but the code hooks can also come from the environment. */
export const companionOptionsSchema = z.strictObject({
  accountSid: sid('AC'),
  apiKey: sid('SK'),
  apiSecret: z.string().min(1),
  serviceSid: sid('IS'),
  /** When set, every Twilio call goes to this emulator instead (see README). */
  emulatorUrl: z.url().optional(),
  /** Secrets that sign session tokens: the first signs, all verify (rotation). */
  sessionSecrets: z.array(z.string().min(32, 'must be at least 32 characters')).min(1),
  allowedOrigins: z.array(origin).default([]),
  /** Lifetime of the Twilio access token handed to the widget. */
  tokenTtlSeconds: z.int().min(60).max(86_400).default(900),
  /** Lifetime of the companion's own session token (resume window). */
  sessionTtlSeconds: z.int().min(300).max(90 * 86_400).default(7 * 86_400),
  /** Timeout for one Twilio request. */
  twilioTimeoutMs: z.int().min(100).max(60_000).default(10_000),
  /** Tells signed-in users apart (see README); without it every visitor is anonymous. */
  identify: z.custom<IdentifyHook>((value) => typeof value === 'function', 'must be a function').optional(),
});

export type CompanionOptions = z.input<typeof companionOptionsSchema>;
export type CompanionSettings = z.output<typeof companionOptionsSchema>;

/** Environment variable behind each option, for error messages and docs. */
const ENV_NAMES: Partial<Record<keyof CompanionSettings, string>> = {
  accountSid: 'TWILIO_ACCOUNT_SID',
  apiKey: 'TWILIO_API_KEY',
  apiSecret: 'TWILIO_API_SECRET',
  serviceSid: 'TWILIO_CONVERSATIONS_SERVICE_SID',
  emulatorUrl: 'BRIDGE_CHAT_EMULATOR_URL',
  sessionSecrets: 'BRIDGE_CHAT_SESSION_SECRET',
  allowedOrigins: 'BRIDGE_CHAT_ALLOWED_ORIGINS',
  tokenTtlSeconds: 'BRIDGE_CHAT_TOKEN_TTL',
  sessionTtlSeconds: 'BRIDGE_CHAT_SESSION_TTL',
  twilioTimeoutMs: 'BRIDGE_CHAT_TWILIO_TIMEOUT_MS',
};

/** Thrown for a missing or malformed setting; its message is one line naming it. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function parseCompanionOptions(options: CompanionOptions): CompanionSettings {
  const result = companionOptionsSchema.safeParse(options);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path[0] as keyof CompanionSettings | undefined;
  const name = key && key in ENV_NAMES ? `${String(key)} (${ENV_NAMES[key]})` : String(key ?? 'options');
  const problem = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  throw new SettingsError(`bridge-chat companion: setting ${name} ${problem}`);
}

const list = (value: string | undefined) =>
  value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter(Boolean);

const integer = (value: string | undefined) => {
  if (value === undefined || value.trim() === '') return undefined;
  return /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
};

/** Reads the companion's settings from environment variables (see README). */
export function companionOptionsFromEnv(env: Record<string, string | undefined>): CompanionOptions {
  const read = (key: keyof typeof ENV_NAMES) => {
    const name = ENV_NAMES[key];
    const value = name === undefined ? undefined : env[name];
    return value === '' ? undefined : value;
  };
  const raw = {
    accountSid: read('accountSid'),
    apiKey: read('apiKey'),
    apiSecret: read('apiSecret'),
    serviceSid: read('serviceSid'),
    emulatorUrl: read('emulatorUrl'),
    sessionSecrets: list(read('sessionSecrets')),
    allowedOrigins: list(read('allowedOrigins')),
    tokenTtlSeconds: integer(read('tokenTtlSeconds')),
    sessionTtlSeconds: integer(read('sessionTtlSeconds')),
    twilioTimeoutMs: integer(read('twilioTimeoutMs')),
  };
  // Unchecked on purpose: parseCompanionOptions names whatever is missing or malformed.
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)) as unknown as CompanionOptions;
}
