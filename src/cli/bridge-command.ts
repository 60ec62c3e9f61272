import { parseArgs } from 'node:util';
import type { Env } from '../demo-defaults.js';
import {
  type BridgeConfiguration,
  BridgeError,
  type BridgeTestProgress,
  type BridgeTestStep,
  type CreateBridgeProgress,
  GROUPING_TYPES,
  type GroupingType,
  bridgeStatus,
  createBridge,
  describeFailure,
  describeRule,
  testBridge,
} from '../server/bridge/index.js';
import { companionOptionsFromEnv, createTwilioClient, parseTwilioOptions } from '../server/index.js';

export const BRIDGE_USAGE = `Usage: bridge-chat bridge <create|status|test> [options]

Connects a classic Conversations service to Conversation Orchestrator, step by
step as in Twilio's guide "Connect Conversations API (classic)".

  create   create the bridged configuration and wait until it is COMPLETED
           (an existing configuration for the service is reported, not duplicated)
             --service IS…        classic service ($TWILIO_CONVERSATIONS_SERVICE_SID)
             --memory-store ID    memory store ($TWILIO_MEMORY_STORE_ID)
             --grouping TYPE      GROUP_BY_PARTICIPANT_ADDRESSES (default), GROUP_BY_PROFILE
                                  or GROUP_BY_PARTICIPANT_ADDRESSES_AND_CHANNEL_TYPE
             --voice-capture +1…  also capture inbound PSTN calls to this Twilio number
             --name NAME          display name: up to 32 letters, digits, spaces, - and _
             --timeout SECONDS    how long to wait for the operation (default 120)
  status   show the configuration bridging the service and its settings
             --service IS…
  test     send a message on a test conversation and wait for it in the Orchestrator
             --service IS…
             --timeout SECONDS    how long to wait for the sync (default 30)

Exit status 0 when it worked; 1 when not bridged, the operation FAILED, the
test failed, or the arguments are wrong. Credentials come from the environment
or .env as for serve; with BRIDGE_CHAT_EMULATOR_URL set, unset ones take the
emulator's demo values.`;

const PROGRAM = 'bridge-chat bridge';
const SERVICE_SID = /^IS[0-9a-fA-F]{32}$/;

/** Arguments the user must fix: one line, then a pointer to the help. */
class UsageError extends Error {}

const serviceOption = { service: { type: 'string' } } as const;
const timeoutOption = { timeout: { type: 'string' } } as const;
const OPTIONS = {
  create: {
    ...serviceOption,
    ...timeoutOption,
    'memory-store': { type: 'string' },
    grouping: { type: 'string' },
    'voice-capture': { type: 'string' },
    name: { type: 'string' },
  },
  status: serviceOption,
  test: { ...serviceOption, ...timeoutOption },
} as const;

/**
 * `bridge-chat bridge …`. `loadEnv` gives the environment with the emulator's
 * demo values filled in where they apply (not needed for --help). Resolves
 * with the exit code; every failure is reported here, as one line on stderr.
 */
export async function runBridgeCommand(argv: string[], loadEnv: () => Env): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand === undefined || subcommand === 'help' || argv.includes('--help')) {
    console.log(BRIDGE_USAGE);
    return 0;
  }
  try {
    if (!(subcommand in OPTIONS)) throw new UsageError(`unknown bridge command "${subcommand}"`);
    const name = subcommand as keyof typeof OPTIONS;
    const { values } = parseArgs({ args: rest, options: OPTIONS[name] as typeof OPTIONS.create, strict: true });
    // Arguments first: a typo is reported before any setting is read or Twilio called.
    const timeoutSeconds = seconds(values.timeout, name === 'test' ? 30 : 120);
    const groupingType = grouping(values.grouping);
    const env = loadEnv();
    const service = serviceOf(values.service, env);
    const client = createTwilioClient(parseTwilioOptions(companionOptionsFromEnv(env), PROGRAM));
    if (name === 'status') return await status(client, service);
    if (name === 'test') return await test(client, service, timeoutSeconds);
    return await create(client, {
      serviceSid: service,
      memoryStoreId: required(values['memory-store'] ?? env.TWILIO_MEMORY_STORE_ID, '--memory-store', 'TWILIO_MEMORY_STORE_ID'),
      grouping: groupingType,
      ...(values['voice-capture'] !== undefined ? { voiceCaptureTo: values['voice-capture'] } : {}),
      ...(values.name !== undefined ? { displayName: values.name } : {}),
      timeoutMs: timeoutSeconds * 1000,
    });
  } catch (error) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    const usage =
      error instanceof UsageError ||
      (error instanceof BridgeError && error.kind === 'invalid') ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
    // A SettingsError already names the program and the variable.
    if (name === 'SettingsError') console.error((error as Error).message);
    else console.error(`${PROGRAM}: ${usage ? (error as Error).message : describeFailure(error)}`);
    if (usage) console.error('Try bridge-chat bridge --help.');
    return 1;
  }
}

type Client = ReturnType<typeof createTwilioClient>;

async function status(client: Client, serviceSid: string): Promise<number> {
  const { configurations } = await bridgeStatus(client, serviceSid);
  if (configurations.length === 0) {
    console.log(`Service ${serviceSid} is not bridged to Conversation Orchestrator.`);
    console.log(`Create the bridge with: bridge-chat bridge create --service ${serviceSid} --memory-store <store id>`);
    return 1;
  }
  for (const configuration of configurations) printConfiguration(`Service ${serviceSid} is bridged by`, configuration);
  return 0;
}

async function create(
  client: Client,
  input: { serviceSid: string; memoryStoreId: string; grouping: GroupingType; voiceCaptureTo?: string; displayName?: string; timeoutMs: number },
): Promise<number> {
  const { timeoutMs, ...request } = input;
  const result = await createBridge(client, request, { timeoutMs, onProgress: printCreateProgress });
  if (!result.created) {
    printConfiguration(`Service ${input.serviceSid} is already bridged by`, result.configuration);
    for (const difference of result.differences) console.log(`  note: ${difference}`);
    console.log('Nothing created.');
    return 0;
  }
  printConfiguration(`Service ${input.serviceSid} is now bridged by`, result.configuration);
  console.log('Check it end to end with: bridge-chat bridge test');
  return 0;
}

function printCreateProgress(progress: CreateBridgeProgress): void {
  if (progress.kind === 'accepted') {
    console.log(`Creating configuration ${progress.configurationId}: operation ${progress.operationId} accepted`);
  } else {
    console.log(`Operation ${progress.operationId} ${progress.status} (${Math.round(progress.elapsedMs / 1000)} s)`);
  }
}

async function test(client: Client, serviceSid: string, timeoutSeconds: number): Promise<number> {
  console.log(`Testing the bridge of service ${serviceSid} (waiting up to ${timeoutSeconds} s for the sync)`);
  let lastWaitLine = 0;
  const result = await testBridge(client, serviceSid, {
    timeoutMs: timeoutSeconds * 1000,
    onProgress: (progress: BridgeTestProgress) => {
      if (progress.kind === 'step') {
        console.log(`  ✓ ${STEP_DONE[progress.step](progress.id)} (${(progress.elapsedMs / 1000).toFixed(1)} s)`);
        return;
      }
      // One waiting line per whole second, however often the Orchestrator is asked.
      const second = Math.floor(progress.elapsedMs / 1000);
      if (second > lastWaitLine) {
        lastWaitLine = second;
        console.log(`  … waiting for the sync (${second} s)`);
      }
    },
  });
  if (result.conversationSid) {
    console.log(
      result.cleanedUp
        ? `  test conversation ${result.conversationSid} deleted`
        : `  could not delete test conversation ${result.conversationSid}; delete it by hand`,
    );
  }
  if (result.ok) {
    console.log(`Bridge OK: message ${result.messageSid} reached the Orchestrator in ${((result.timings.syncMs ?? 0) / 1000).toFixed(1)} s.`);
    return 0;
  }
  console.error(`${PROGRAM}: bridge NOT working (${result.failure?.step}): ${result.failure?.message}`);
  return 1;
}

const STEP_DONE: Record<BridgeTestStep, (id: string) => string> = {
  bridge: (id) => `configuration ${id} bridges the service`,
  conversation: (id) => `classic test conversation ${id} created, with a participant`,
  message: (id) => `message ${id} sent`,
  'orchestrator-conversation': (id) => `Orchestrator conversation ${id} mirrors it (channelId)`,
  participant: (id) => `CHAT participant ${id} carries the classic conversation SID as channelId`,
  communication: (id) => `communication ${id} has the message SID as resourceId`,
};

function printConfiguration(lead: string, configuration: BridgeConfiguration): void {
  console.log(`${lead} configuration ${configuration.id} "${configuration.displayName}"`);
  const rows: Array<[string, string]> = [
    ['grouping', configuration.grouping],
    ['memory store', configuration.memoryStoreId],
    ['memory extraction', configuration.memoryExtractionEnabled ? 'on' : 'off'],
  ];
  for (const [channel, setting] of Object.entries(configuration.channelSettings)) {
    for (const rule of setting.captureRules ?? []) rows.push([channel, `captures ${describeRule(rule)}`]);
    const timeouts = setting.statusTimeouts;
    if (timeouts) {
      const parts = Object.entries(timeouts).map(([state, minutes]) => `${state} after ${minutes} min`);
      rows.push([channel, `status timeouts: ${parts.join(', ')}`]);
    }
  }
  const captures = Object.values(configuration.channelSettings).some((setting) => setting.captureRules?.length);
  if (!captures) rows.push(['capture rules', 'none']);
  if (configuration.createdAt) rows.push(['created', configuration.createdAt.toISOString()]);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(18)} ${value}`);
}

function serviceOf(flag: string | undefined, env: Env): string {
  const service = required(flag ?? env.TWILIO_CONVERSATIONS_SERVICE_SID, '--service', 'TWILIO_CONVERSATIONS_SERVICE_SID');
  if (!SERVICE_SID.test(service)) throw new UsageError(`service "${service}" is not a Conversations service SID (IS followed by 32 hex digits)`);
  return service;
}

function required(value: string | undefined, flag: string, variable: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required (or set ${variable})`);
  return value.trim();
}

function grouping(value: string | undefined): GroupingType {
  if (value === undefined) return 'GROUP_BY_PARTICIPANT_ADDRESSES';
  const upper = value.toUpperCase() as GroupingType;
  if (!GROUPING_TYPES.includes(upper)) throw new UsageError(`--grouping must be one of ${GROUPING_TYPES.join(', ')}`);
  return upper;
}

function seconds(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || parsed <= 0) throw new UsageError(`--timeout "${value}" is not a number of seconds`);
  return parsed;
}
