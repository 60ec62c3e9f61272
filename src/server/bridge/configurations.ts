import type { TwilioClient } from '../twilio/client.js';

/**
 * Conversation Orchestrator configurations as bridge-chat reports them:
 * plain data read through the `twilio` package, every page followed.
 */

export const GROUPING_TYPES = [
  'GROUP_BY_PROFILE',
  'GROUP_BY_PARTICIPANT_ADDRESSES',
  'GROUP_BY_PARTICIPANT_ADDRESSES_AND_CHANNEL_TYPE',
] as const;
export type GroupingType = (typeof GROUPING_TYPES)[number];

export const CHANNELS = ['VOICE', 'SMS', 'RCS', 'WHATSAPP', 'CHAT'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface CaptureRule {
  from: string;
  to: string;
  metadata?: Record<string, string>;
}

export interface ChannelSetting {
  statusTimeouts?: { inactive?: number; closed?: number };
  captureRules?: CaptureRule[];
}

export interface BridgeConfiguration {
  id: string;
  displayName: string;
  description: string;
  grouping: GroupingType;
  memoryStoreId: string;
  memoryExtractionEnabled: boolean;
  /** The classic service (IS…) this configuration bridges, if any. */
  bridgedServiceSid?: string;
  channelSettings: Partial<Record<Channel, ChannelSetting>>;
  createdAt?: Date;
  updatedAt?: Date;
}

type ConfigurationInstance = Awaited<ReturnType<TwilioClient['conversations']['v2']['configurations']['list']>>[number];
interface ConfigurationPage {
  instances: ConfigurationInstance[];
  nextPage(): Promise<ConfigurationPage> | undefined;
}

export async function listConfigurations(client: TwilioClient): Promise<BridgeConfiguration[]> {
  const found: BridgeConfiguration[] = [];
  let page: ConfigurationPage | undefined = await client.conversations.v2.configurations.page();
  while (page) {
    found.push(...page.instances.map(toBridgeConfiguration));
    page = await page.nextPage();
  }
  return found;
}

export async function fetchConfiguration(client: TwilioClient, id: string): Promise<BridgeConfiguration> {
  return toBridgeConfiguration(await client.conversations.v2.configurations(id).fetch());
}

export const bridgingService = (configurations: BridgeConfiguration[], serviceSid: string) =>
  configurations.filter((configuration) => configuration.bridgedServiceSid === serviceSid);

function toBridgeConfiguration(instance: ConfigurationInstance): BridgeConfiguration {
  const channelSettings: Partial<Record<Channel, ChannelSetting>> = {};
  for (const [channel, setting] of Object.entries(instance.channelSettings ?? {})) {
    channelSettings[channel as Channel] = {
      ...(setting.statusTimeouts ? { statusTimeouts: { ...setting.statusTimeouts } } : {}),
      ...(setting.captureRules ? { captureRules: setting.captureRules.map((rule) => ({ ...rule })) } : {}),
    };
  }
  return {
    id: instance.id ?? '',
    displayName: instance.displayName ?? '',
    description: instance.description ?? '',
    grouping: (instance.conversationGroupingType ?? 'GROUP_BY_PARTICIPANT_ADDRESSES') as GroupingType,
    memoryStoreId: instance.memoryStoreId ?? '',
    memoryExtractionEnabled: instance.memoryExtractionEnabled ?? false,
    ...(instance.conversationsV1Bridge?.serviceId ? { bridgedServiceSid: instance.conversationsV1Bridge.serviceId } : {}),
    channelSettings,
    ...(instance.createdAt ? { createdAt: instance.createdAt } : {}),
    ...(instance.updatedAt ? { updatedAt: instance.updatedAt } : {}),
  };
}
