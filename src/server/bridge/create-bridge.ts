import { randomUUID } from 'node:crypto';
import type { TwilioClient } from '../twilio/client.js';
import { assertOwnTraffic, voiceCaptureRule } from './capture-rules.js';
import {
  type BridgeConfiguration,
  type CaptureRule,
  type Channel,
  GROUPING_TYPES,
  type GroupingType,
  bridgingService,
  fetchConfiguration,
  listConfigurations,
} from './configurations.js';
import { BridgeError } from './errors.js';
import { type OperationPoll, retryAfterMs, waitForOperation } from './operation.js';

export interface CreateBridgeInput {
  /** The classic Conversations service (IS…) to bridge. */
  serviceSid: string;
  memoryStoreId: string;
  /** Immutable once created; the guide's default. */
  grouping?: GroupingType;
  /** A Twilio phone number whose inbound calls are captured too (the guide's second example). */
  voiceCaptureTo?: string;
  /** Further capture rules by channel; those on channels the bridge carries are refused. */
  captureRules?: Partial<Record<Channel, CaptureRule[]>>;
  /** ≤ 32 letters, digits, spaces, "-" and "_". */
  displayName?: string;
  description?: string;
}

export type CreateBridgeProgress =
  | { kind: 'accepted'; operationId: string; configurationId: string; firstWaitMs: number }
  | ({ kind: 'poll' } & OperationPoll);

export interface CreateBridgeOptions {
  onProgress?: (progress: CreateBridgeProgress) => void;
  /** How long to wait for the operation in all (default two minutes). */
  timeoutMs?: number;
}

export interface CreateBridgeResult {
  /** False when a configuration already bridged the service: it is reported, not duplicated. */
  created: boolean;
  configuration: BridgeConfiguration;
  operationId?: string;
  /** How an existing configuration differs from what was asked for. */
  differences: string[];
}

const SERVICE_SID = /^IS[0-9a-fA-F]{32}$/;
const DISPLAY_NAME = /^[a-zA-Z0-9-_ ]+$/;
const DEFAULT_TIMEOUT_MS = 120_000;
/** Used when the 202 carries no Retry-After. */
const DEFAULT_FIRST_WAIT_MS = 1000;

/**
 * The guide's "Create a bridged configuration", made safe to repeat: an
 * existing configuration for the service is reported instead of duplicated;
 * otherwise POST, then poll the operation until COMPLETED.
 */
export async function createBridge(
  client: TwilioClient,
  input: CreateBridgeInput,
  options: CreateBridgeOptions = {},
): Promise<CreateBridgeResult> {
  const { request, rules } = checkedRequest(input);
  // Rules the bridge itself covers are wrong whatever exists already; overlaps with others need the list.
  assertOwnTraffic(rules, []);

  const configurations = await listConfigurations(client);
  const [existing] = bridgingService(configurations, input.serviceSid);
  if (existing) return { created: false, configuration: existing, differences: differencesOf(existing, request) };
  assertOwnTraffic(rules, configurations);

  const { body: accepted, headers } = await client.conversations.v2.configurations.createWithHttpInfo(request, {
    // Lets a retried POST (after a dropped answer) be recognised as the same request.
    'Idempotency-Key': randomUUID(),
  });
  const operationId = operationIdOf(accepted.statusUrl, headers);
  const configurationId = accepted.related?.['configurationId'] ?? '';
  const firstWaitMs = retryAfterMs(headers) ?? DEFAULT_FIRST_WAIT_MS;
  options.onProgress?.({ kind: 'accepted', operationId, configurationId, firstWaitMs });

  await waitForOperation(client, operationId, {
    firstWaitMs,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    onPoll: (poll) => options.onProgress?.({ kind: 'poll', ...poll }),
  });
  return { created: true, configuration: await fetchConfiguration(client, configurationId), operationId, differences: [] };
}

interface ConfigurationRequest {
  displayName: string;
  description: string;
  conversationGroupingType: GroupingType;
  memoryStoreId: string;
  conversationsV1Bridge: { serviceId: string };
  channelSettings?: Record<string, { captureRules: CaptureRule[] }>;
}

/** The POST body and its capture rules by channel, with every input problem caught before Twilio sees it. */
function checkedRequest(input: CreateBridgeInput): { request: ConfigurationRequest; rules: Partial<Record<Channel, CaptureRule[]>> } {
  if (!SERVICE_SID.test(input.serviceSid)) {
    throw new BridgeError('invalid', `Service "${input.serviceSid}" is not a Conversations service SID (IS followed by 32 hex digits)`);
  }
  if (input.memoryStoreId.trim() === '') throw new BridgeError('invalid', 'A memory store ID is required');
  const grouping = input.grouping ?? 'GROUP_BY_PARTICIPANT_ADDRESSES';
  if (!GROUPING_TYPES.includes(grouping)) {
    throw new BridgeError('invalid', `Grouping "${grouping}" is not one of ${GROUPING_TYPES.join(', ')}`);
  }
  const displayName = input.displayName ?? (input.voiceCaptureTo ? 'classic-bridge-with-voice' : 'classic-bridge-config');
  if (displayName.length > 32 || !DISPLAY_NAME.test(displayName)) {
    throw new BridgeError(
      'invalid',
      `Name "${displayName}" must be 1 to 32 letters, digits, spaces, "-" or "_" (Twilio's rule for displayName)`,
    );
  }

  const rules: Partial<Record<Channel, CaptureRule[]>> = { ...input.captureRules };
  if (input.voiceCaptureTo !== undefined) rules.VOICE = [...(rules.VOICE ?? []), voiceCaptureRule(input.voiceCaptureTo)];
  const channelSettings = Object.fromEntries(
    Object.entries(rules)
      .filter(([, list]) => list.length > 0)
      .map(([channel, list]) => [channel, { captureRules: list }]),
  );
  const request = {
    displayName,
    description:
      input.description ??
      `Classic Conversations service ${input.serviceSid} in Conversation Orchestrator${input.voiceCaptureTo ? ', with inbound voice' : ''} (bridge-chat)`,
    conversationGroupingType: grouping,
    memoryStoreId: input.memoryStoreId,
    conversationsV1Bridge: { serviceId: input.serviceSid },
    ...(Object.keys(channelSettings).length > 0 ? { channelSettings } : {}),
  };
  return { request, rules };
}

function differencesOf(existing: BridgeConfiguration, request: ConfigurationRequest): string[] {
  const differences: string[] = [];
  if (existing.grouping !== request.conversationGroupingType) {
    differences.push(`grouping is ${existing.grouping}, not ${request.conversationGroupingType} (it cannot be changed)`);
  }
  if (existing.memoryStoreId !== request.memoryStoreId) {
    differences.push(`memory store is ${existing.memoryStoreId}, not ${request.memoryStoreId}`);
  }
  const wanted = request.channelSettings?.['VOICE']?.captureRules ?? [];
  const present = existing.channelSettings.VOICE?.captureRules ?? [];
  for (const rule of wanted) {
    if (!present.some((other) => other.from === rule.from && other.to === rule.to)) {
      differences.push(`no VOICE capture rule for calls to ${rule.to}`);
    }
  }
  return differences;
}

/** The operation `statusUrl` points at (`…/ControlPlane/Operations/{id}`), else the `Operation-Id` header. */
function operationIdOf(statusUrl: string | undefined, headers: Record<string, unknown>): string {
  const header = Object.entries(headers).find(([name]) => name.toLowerCase() === 'operation-id')?.[1];
  const fromUrl = statusUrl ? /\/Operations\/([^/?#]+)/.exec(statusUrl)?.[1] : undefined;
  const id = fromUrl ?? (typeof header === 'string' && header !== '' ? header : undefined);
  if (!id) throw new Error('Twilio accepted the configuration but named no operation to poll (no statusUrl)');
  return id;
}
