import type { TwilioClient } from '../twilio/client.js';
import { bridgeStatus } from './bridge-status.js';
import { describeFailure } from './errors.js';

/** The guide's "Test the bridge", in the order it checks things. */
export type BridgeTestStep =
  | 'bridge'
  | 'conversation'
  | 'message'
  | 'orchestrator-conversation'
  | 'participant'
  | 'communication';

export type BridgeTestProgress =
  /** A step passed; `id` is what it found or made (configuration, CH…, IM…, …). */
  | { kind: 'step'; step: BridgeTestStep; id: string; elapsedMs: number }
  /** One look at the Orchestrator found the sync incomplete. */
  | { kind: 'waiting'; elapsedMs: number };

export interface BridgeTestOptions {
  /** How long to wait for the sync after sending (default 30 s; Twilio takes about 3 s). */
  timeoutMs?: number;
  /** The test participant's chat identity. */
  identity?: string;
  onProgress?: (progress: BridgeTestProgress) => void;
}

export interface BridgeTestResult {
  ok: boolean;
  serviceSid: string;
  identity: string;
  configurationId?: string;
  conversationSid?: string;
  messageSid?: string;
  orchestratorConversationId?: string;
  participantId?: string;
  communicationId?: string;
  /** `syncMs`: from the message being sent to its communication being found. */
  timings: { totalMs: number; syncMs?: number };
  failure?: { step: BridgeTestStep; message: string };
  /** Whether the test conversation was deleted afterwards. */
  cleanedUp: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Looks at the Orchestrator start quick (the emulator syncs in milliseconds) and slow down to once a second. */
const FIRST_POLL_MS = 200;
const MAX_POLL_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a message on a new classic conversation of the service and waits
 * until the Orchestrator has its mirror: the conversation (by `channelId`),
 * the CHAT participant with `channelId` = the classic SID, and a
 * communication whose `resourceId` is the message SID. The test
 * conversation is deleted afterwards. Never throws for a Twilio problem: the
 * result says which step failed and why.
 */
export async function testBridge(client: TwilioClient, serviceSid: string, options: BridgeTestOptions = {}): Promise<BridgeTestResult> {
  const started = Date.now();
  const identity = options.identity ?? 'bridge-chat-bridge-test';
  const result: BridgeTestResult = { ok: false, serviceSid, identity, timings: { totalMs: 0 }, cleanedUp: false };
  const passed = (step: BridgeTestStep, id: string) => options.onProgress?.({ kind: 'step', step, id, elapsedMs: Date.now() - started });
  const finish = (failure?: BridgeTestResult['failure']) => {
    result.ok = failure === undefined;
    if (failure) result.failure = failure;
    result.timings.totalMs = Date.now() - started;
    return result;
  };
  let step: BridgeTestStep = 'bridge';
  try {
    const status = await bridgeStatus(client, serviceSid);
    const [configuration] = status.configurations;
    if (!configuration) {
      return finish({ step, message: `Service ${serviceSid} is not bridged: no configuration names it in conversationsV1Bridge` });
    }
    result.configurationId = configuration.id;
    passed(step, configuration.id);

    step = 'conversation';
    const classic = client.conversations.v1.services(serviceSid).conversations;
    const conversation = await classic.create({
      friendlyName: 'bridge-chat bridge test',
      attributes: JSON.stringify({ bridgeChat: { bridgeTest: true } }),
    });
    result.conversationSid = conversation.sid;
    try {
      await classic(conversation.sid).participants.create({ identity });
      passed(step, conversation.sid);

      step = 'message';
      const message = await classic(conversation.sid).messages.create({
        author: identity,
        body: `bridge-chat bridge test at ${new Date().toISOString()}`,
      });
      result.messageSid = message.sid;
      const sentAt = Date.now();
      passed(step, message.sid);

      const failure = await waitForMirror(client, result, sentAt + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS), {
        passed,
        waiting: () => options.onProgress?.({ kind: 'waiting', elapsedMs: Date.now() - started }),
      });
      if (failure) return finish(failure);
      result.timings.syncMs = Date.now() - sentAt;
    } finally {
      result.cleanedUp = await classic(conversation.sid)
        .remove()
        .catch(() => false);
    }
    return finish();
  } catch (error) {
    return finish({ step, message: describeFailure(error) });
  }
}

interface MirrorEvents {
  passed(step: BridgeTestStep, id: string): void;
  waiting(): void;
}

/** Polls the Orchestrator until the mirror is complete; the failure when the deadline passes first or Twilio errs. */
async function waitForMirror(
  client: TwilioClient,
  result: BridgeTestResult,
  deadline: number,
  events: MirrorEvents,
): Promise<BridgeTestResult['failure'] | undefined> {
  const v2 = client.conversations.v2;
  const conversationSid = result.conversationSid!;
  const startedAt = Date.now();
  let step: BridgeTestStep = 'orchestrator-conversation';
  let wait = FIRST_POLL_MS;
  try {
    for (;;) {
      if (result.orchestratorConversationId === undefined) {
        const [mirror] = await v2.conversations.list({ channelId: conversationSid });
        if (mirror?.id) {
          result.orchestratorConversationId = mirror.id;
          events.passed(step, mirror.id);
          step = 'participant';
        }
      }
      const conversationId = result.orchestratorConversationId;
      if (conversationId !== undefined && result.participantId === undefined) {
        const participants = await v2.participants(conversationId).list();
        const chatter = participants.find((participant) =>
          participant.addresses?.some(
            (address) => address.channel === 'CHAT' && address.address === result.identity && address.channelId === conversationSid,
          ),
        );
        if (chatter) {
          result.participantId = chatter.id;
          events.passed(step, chatter.id);
          step = 'communication';
        }
      }
      if (conversationId !== undefined && result.participantId !== undefined) {
        const communications = await v2.communications(conversationId).list();
        const communication = communications.find((item) => item.resourceId === result.messageSid);
        if (communication) {
          result.communicationId = communication.id;
          events.passed(step, communication.id);
          return undefined;
        }
      }
      if (Date.now() >= deadline) return { step, message: `${missing(result, step)} after ${seconds(Date.now() - startedAt)}` };
      events.waiting();
      await sleep(Math.min(wait, Math.max(0, deadline - Date.now())));
      wait = Math.min(wait * 1.5, MAX_POLL_MS);
    }
  } catch (error) {
    return { step, message: describeFailure(error) };
  }
}

function missing(result: BridgeTestResult, step: BridgeTestStep): string {
  const { conversationSid, orchestratorConversationId, identity, messageSid } = result;
  if (step === 'orchestrator-conversation') return `No Orchestrator conversation has channelId ${conversationSid}`;
  if (step === 'participant') {
    return `Orchestrator conversation ${orchestratorConversationId} has no CHAT participant ${identity} with channelId ${conversationSid}`;
  }
  return `Orchestrator conversation ${orchestratorConversationId} has no communication for message ${messageSid}`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
