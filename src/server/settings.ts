import { z } from 'zod';
import type { IdentifyHook } from './identify.js';
import { isRateLimitStore, type RateLimitStore } from './rate-limit/store.js';

const sid = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must look like ${prefix} followed by 32 hex digits`);

/** `Group.trait` or `Group.*`; a group name with a "." cannot be allowlisted. */
export const MEMORY_TRAIT_RULE = /^[A-Za-z0-9_-]{1,64}\.(\*|[A-Za-z][A-Za-z0-9_.-]{0,63})$/;

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
  /** Request headers of the site's own that the widget may send (its `getAuthHeaders`), granted by CORS. */
  allowedHeaders: z.array(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be header names')).default([]),
  /** Lifetime of the Twilio access token handed to the widget. */
  tokenTtlSeconds: z.int().min(60).max(86_400).default(900),
  /** Lifetime of the companion's own session token (resume window). */
  sessionTtlSeconds: z.int().min(300).max(90 * 86_400).default(7 * 86_400),
  /** Time for one Twilio call, its retries of 429/503 answers included. */
  twilioTimeoutMs: z.int().min(100).max(60_000).default(10_000),
  /** Requests per minute from one client IP (an IPv6 /64); 0 turns the limit off. */
  rateLimitPerIp: z.int().min(0).max(1_000_000).default(60),
  /** Requests per minute for one visitor with a valid session token; 0 turns the limit off. */
  rateLimitPerSession: z.int().min(0).max(1_000_000).default(30),
  /**
   * Reverse proxies in front of the companion whose X-Forwarded-For is believed:
   * false (none: the TCP peer is the client), true (one) or how many.
   */
  trustProxy: z
    .union([z.boolean(), z.int().min(0).max(10)], { error: 'must be true, false or a number of proxies (0–10)' })
    .transform((value) => (value === true ? 1 : value === false ? 0 : value))
    .default(0),
  /** The Conversation Memory store (`mem_store_…`) behind `/context` history and memory; without it both stay empty. */
  memoryStoreId: z
    .string()
    .regex(/^mem_(store|service)_[0-9a-z]{26}$/, 'must be a Memory store ID: mem_store_ and 26 lowercase letters or digits')
    .optional(),
  /**
   * Profile traits `/context` may show the visitor, as `Group.trait` or
   * `Group.*` (a whole group). Nothing else leaves the server; the display name
   * always does.
   */
  memoryTraits: z
    .array(z.string().regex(MEMORY_TRAIT_RULE, 'must be Group.trait or Group.* (letters, digits, "_" and "-" in the group)'))
    .default([]),
  /** Whether `/context` shows the profile's observations (what the company noted about the customer). */
  memoryObservations: z.custom<boolean>((value) => typeof value === 'boolean', 'must be true or false').default(false),
  /** How long a `/context` answer is reused for the same conversation. */
  contextCacheTtlMs: z.int().min(0).max(3_600_000).default(15_000),
  /** The same for a `pending` or `unavailable` answer: short, so the link shows soon. */
  contextPendingTtlMs: z.int().min(0).max(60_000).default(2_000),
  /** How long `/context` waits for the bridge to sync a new chat before it answers `pending`. */
  contextLinkWaitMs: z.int().min(0).max(30_000).default(3_000),
  /** Where rate-limit counts live; share one store when several instances serve a site. Code only. */
  rateLimitStore: z.custom<RateLimitStore>(isRateLimitStore, 'must have a hit(key, windowMs, limit) method').optional(),
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
  allowedHeaders: 'BRIDGE_CHAT_ALLOWED_HEADERS',
  tokenTtlSeconds: 'BRIDGE_CHAT_TOKEN_TTL',
  sessionTtlSeconds: 'BRIDGE_CHAT_SESSION_TTL',
  twilioTimeoutMs: 'BRIDGE_CHAT_TWILIO_TIMEOUT_MS',
  rateLimitPerIp: 'BRIDGE_CHAT_RATE_LIMIT_PER_IP',
  rateLimitPerSession: 'BRIDGE_CHAT_RATE_LIMIT_PER_SESSION',
  trustProxy: 'BRIDGE_CHAT_TRUST_PROXY',
  memoryStoreId: 'TWILIO_MEMORY_STORE_ID',
  memoryTraits: 'BRIDGE_CHAT_MEMORY_TRAITS',
  memoryObservations: 'BRIDGE_CHAT_MEMORY_OBSERVATIONS',
  contextCacheTtlMs: 'BRIDGE_CHAT_CONTEXT_CACHE_TTL_MS',
  contextPendingTtlMs: 'BRIDGE_CHAT_CONTEXT_PENDING_TTL_MS',
  contextLinkWaitMs: 'BRIDGE_CHAT_CONTEXT_LINK_WAIT_MS',
};

/** Thrown for a missing or malformed setting; its message is one line naming it. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function parseCompanionOptions(options: CompanionOptions): CompanionSettings {
  const result = companionOptionsSchema.safeParse(options);
  if (result.success) return result.data;
  throw settingsError(result.error, 'bridge-chat companion');
}

/** Just what a Twilio client needs, for tools that are not the companion (the bridge CLI). */
const twilioOptionsSchema = companionOptionsSchema.pick({
  accountSid: true,
  apiKey: true,
  apiSecret: true,
  emulatorUrl: true,
  twilioTimeoutMs: true,
});

export type TwilioSettings = z.output<typeof twilioOptionsSchema>;

/** Checks the Twilio credentials among `options` (the rest is ignored), with the same one-line errors. */
export function parseTwilioOptions(options: Partial<CompanionOptions>, program: string): TwilioSettings {
  const { accountSid, apiKey, apiSecret, emulatorUrl, twilioTimeoutMs } = options;
  const result = twilioOptionsSchema.safeParse({ accountSid, apiKey, apiSecret, emulatorUrl, twilioTimeoutMs });
  if (result.success) return result.data;
  throw settingsError(result.error, program);
}

function settingsError(error: z.ZodError, program: string): SettingsError {
  const issue = error.issues[0]!;
  const key = issue.path[0] as keyof CompanionSettings | undefined;
  const name = key && key in ENV_NAMES ? `${String(key)} (${ENV_NAMES[key]})` : String(key ?? 'options');
  const problem = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  return new SettingsError(`${program}: setting ${name} ${problem}`);
}

const list = (value: string | undefined) =>
  value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter(Boolean);

const integer = (value: string | undefined) => {
  if (value === undefined || value.trim() === '') return undefined;
  return /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
};

const booleanOrInteger = (value: string | undefined) => {
  const text = value?.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : integer(value);
};

/** `true`/`false` (also on/off, yes/no, 1/0); anything else is passed on for the schema to name. */
const flag = (value: string | undefined) => {
  const text = value?.trim().toLowerCase();
  if (text === undefined || text === '') return undefined;
  if (['true', 'on', 'yes', '1'].includes(text)) return true;
  return ['false', 'off', 'no', '0'].includes(text) ? false : text;
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
    allowedHeaders: list(read('allowedHeaders')),
    tokenTtlSeconds: integer(read('tokenTtlSeconds')),
    sessionTtlSeconds: integer(read('sessionTtlSeconds')),
    twilioTimeoutMs: integer(read('twilioTimeoutMs')),
    rateLimitPerIp: integer(read('rateLimitPerIp')),
    rateLimitPerSession: integer(read('rateLimitPerSession')),
    trustProxy: booleanOrInteger(read('trustProxy')),
    memoryStoreId: read('memoryStoreId'),
    memoryTraits: list(read('memoryTraits')),
    memoryObservations: flag(read('memoryObservations')),
    contextCacheTtlMs: integer(read('contextCacheTtlMs')),
    contextPendingTtlMs: integer(read('contextPendingTtlMs')),
    contextLinkWaitMs: integer(read('contextLinkWaitMs')),
  };
  // Unchecked on purpose: parseCompanionOptions names whatever is missing or malformed.
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)) as unknown as CompanionOptions;
}
