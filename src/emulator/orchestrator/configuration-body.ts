import { z } from 'zod';
import { invalidParameter } from '../errors.js';
import { CHANNELS, GROUPING_TYPES, type Configuration, type ConfigurationSettings } from './store.js';

/**
 * The JSON bodies of `POST` (create) and `PUT` (full replace) on
 * `/v2/ControlPlane/Configurations`, checked with the constraints Twilio's
 * API definition states, plus the classic-bridge rule from Twilio's guide:
 * the bridge carries Chat, so a bridged configuration has no CHAT capture rules.
 */

const captureRule = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  metadata: z.record(z.string(), z.string()).optional(),
});

const channelSetting = z.object({
  statusTimeouts: z
    .object({ inactive: z.int().min(1).optional(), closed: z.int().min(1).optional() })
    .optional(),
  captureRules: z.array(captureRule).optional(),
});

const optionalFields = {
  channelSettings: z.partialRecord(z.enum(CHANNELS), channelSetting),
  statusCallbacks: z
    .array(z.object({ url: z.url(), method: z.enum(['POST', 'GET', 'PUT', 'DELETE', 'PATCH']).default('POST') }))
    .max(2),
  intelligenceConfigurationIds: z.array(z.string()).max(5),
  memoryExtractionEnabled: z.boolean(),
  conversationsV1Bridge: z.object({
    serviceId: z.string().regex(/^IS[0-9a-f]{32}$/, 'must be a Conversations service SID (IS followed by 32 hex characters)'),
  }),
};

const displayName = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-zA-Z0-9-_ ]+$/, 'may contain only letters, digits, spaces, "-" and "_"');

const createBody = z.object({
  displayName,
  description: z.string(),
  conversationGroupingType: z.enum(GROUPING_TYPES),
  memoryStoreId: z.string().min(1),
  channelSettings: optionalFields.channelSettings.optional(),
  statusCallbacks: optionalFields.statusCallbacks.optional(),
  intelligenceConfigurationIds: optionalFields.intelligenceConfigurationIds.optional(),
  memoryExtractionEnabled: optionalFields.memoryExtractionEnabled.optional(),
  conversationsV1Bridge: optionalFields.conversationsV1Bridge.optional(),
});

// A replace names every setting again; only displayName may be left out (it is then kept).
const replaceBody = createBody.extend({
  displayName: displayName.optional(),
  channelSettings: optionalFields.channelSettings,
});

export function parseCreateBody(body: unknown): ConfigurationSettings {
  return settingsOf(parse(createBody, body), undefined);
}

export function parseReplaceBody(body: unknown, current: Configuration): ConfigurationSettings {
  return settingsOf(parse(replaceBody, body), current.displayName);
}

type Body = z.output<typeof createBody> | z.output<typeof replaceBody>;

function settingsOf(input: Body, keptDisplayName: string | undefined): ConfigurationSettings {
  const settings: ConfigurationSettings = {
    displayName: (input.displayName ?? keptDisplayName) as string,
    description: input.description,
    conversationGroupingType: input.conversationGroupingType,
    memoryStoreId: input.memoryStoreId,
    channelSettings: input.channelSettings ?? {},
    statusCallbacks: input.statusCallbacks ?? [],
    intelligenceConfigurationIds: input.intelligenceConfigurationIds ?? [],
    memoryExtractionEnabled: input.memoryExtractionEnabled ?? false,
    conversationsV1Bridge: input.conversationsV1Bridge ?? null,
  };
  if (settings.conversationsV1Bridge && settings.channelSettings.CHAT?.captureRules?.length) {
    throw invalidParameter(
      'Invalid parameter channelSettings.CHAT.captureRules: a configuration with conversationsV1Bridge takes Chat from the classic service; capture rules and the bridge must not cover the same traffic',
    );
  }
  return settings;
}

/** The first problem becomes a 20001 naming the field by its path, e.g. `channelSettings.VOICE.captureRules.0.to`. */
function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') || 'body';
  const missing = issue?.code === 'invalid_type' && valueAt(body, issue.path) === undefined;
  throw invalidParameter(
    missing ? `Missing required parameter ${path}` : `Invalid parameter ${path}: ${issue?.message ?? 'invalid value'}`,
  );
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
