/**
 * The server side of the in-browser widget bench, in this process on loopback: the emulator, a
 * bridge into Orchestrator (as the demo has), and the companion that allows the bench site's
 * origin. Makes visitors (a session each, through the companion's `POST /session` as a widget
 * would) and fills their conversations.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { createEmulator, type Emulator, loadEmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { sessionResponseSchema } from '../../src/protocol/session.js';
import {
  companionOptionsFromEnv,
  createBridge,
  createCompanion,
  createTwilioClient,
  listen,
  parseCompanionOptions,
  type RunningServer,
} from '../../src/server/index.js';
import { isVisitorLine, messageText } from './bench-messages.js';

const AGENT = { identity: 'agent-bench', friendlyName: 'Sam' };

export interface Visitor {
  identity: string;
  conversationSid: string;
  /** What the widget stores to resume the session. */
  sessionToken: string;
}

export interface ChatStack {
  companionUrl: string;
  emulatorUrl: string;
  emulator: Emulator;
  /** A new visitor's session and conversation, with the agent in it. */
  newVisitor(): Promise<Visitor>;
  /** Posts `total` seeded messages one by one with the official Twilio client (the agent console's way). */
  postWithTwilioClient(visitor: Visitor, total: number): Promise<void>;
  /**
   * Posts `total` seeded messages through the emulator's REST app in this process (the same
   * handler as over HTTP, without the sockets): ten thousand take seconds instead of half a minute.
   */
  postInProcess(visitor: Visitor, total: number): Promise<void>;
  /** Resolves once the bridge has mirrored every message into Orchestrator, so it stays quiet while measuring. */
  bridgeSettled(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startChatStack(options: { siteOrigin: string }): Promise<ChatStack> {
  const { env } = withDemoDefaults({ BRIDGE_CHAT_EMULATOR_BRIDGE_DELAY_MS: '50' });
  const serviceSid = env.TWILIO_CONVERSATIONS_SERVICE_SID!;
  const emulator = createEmulator(loadEmulatorOptions(env));
  const started: Array<RunningEmulator | RunningServer> = [];
  try {
    const running = await emulator.listen({ port: 0 });
    started.push(running);
    const settings = companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: running.url });
    const twilio = createTwilioClient(parseCompanionOptions(settings));
    await createBridge(twilio, { serviceSid, memoryStoreId: env.TWILIO_MEMORY_STORE_ID!, grouping: 'GROUP_BY_PROFILE' });
    // Every run resumes a session and asks for its context: the default limits would throttle the bench, not a visitor.
    const companion = await listen(
      createCompanion({ ...settings, allowedOrigins: [options.siteOrigin], rateLimitPerIp: 0, rateLimitPerSession: 0 }),
      { port: 0 },
    );
    started.push(companion);

    const service = twilio.conversations.v1.services(serviceSid);
    const basicAuth = `Basic ${Buffer.from(`${env.TWILIO_API_KEY}:${env.TWILIO_API_SECRET}`).toString('base64')}`;
    const authorOf = (visitor: Visitor, ordinal: number) => (isVisitorLine(ordinal) ? visitor.identity : AGENT.identity);

    return {
      companionUrl: companion.url,
      emulatorUrl: running.url,
      emulator,
      async newVisitor() {
        const response = await fetch(`${companion.url}/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        });
        if (response.status !== 200) throw new Error(`POST /session answered ${response.status}: ${await response.text()}`);
        const { identity, conversationSid, sessionToken } = sessionResponseSchema.parse(await response.json());
        await service
          .conversations(conversationSid)
          .participants.create({ identity: AGENT.identity, attributes: JSON.stringify({ friendlyName: AGENT.friendlyName }) });
        return { identity, conversationSid, sessionToken };
      },
      async postWithTwilioClient(visitor, total) {
        for (let ordinal = 1; ordinal <= total; ordinal += 1) {
          await service
            .conversations(visitor.conversationSid)
            .messages.create({ author: authorOf(visitor, ordinal), body: messageText(ordinal, total) });
        }
      },
      async postInProcess(visitor, total) {
        const path = `/conversations/v1/Services/${serviceSid}/Conversations/${visitor.conversationSid}/Messages`;
        // One at a time: each message's index is its place, as the texts say.
        for (let ordinal = 1; ordinal <= total; ordinal += 1) {
          const response = await emulator.app.request(path, {
            method: 'POST',
            headers: { Authorization: basicAuth, 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ Author: authorOf(visitor, ordinal), Body: messageText(ordinal, total) }),
          });
          if (response.status !== 201) throw new Error(`Posting message ${ordinal} answered ${response.status}: ${await response.text()}`);
        }
      },
      async bridgeSettled(timeoutMs) {
        for (const deadline = Date.now() + timeoutMs; emulator.orchestrator.bridge.pendingSyncs > 0; await sleep(50)) {
          if (Date.now() > deadline) {
            throw new Error(`The bridge still had ${emulator.orchestrator.bridge.pendingSyncs} syncs to do after ${timeoutMs} ms`);
          }
        }
      },
      close: () => closeAll(emulator, started),
    };
  } catch (error) {
    await closeAll(emulator, started);
    throw error;
  }
}

async function closeAll(emulator: Emulator, servers: ReadonlyArray<{ close(): Promise<void> }>): Promise<void> {
  for (const server of [...servers].reverse()) await server.close();
  // The bridge's and operations' timers would keep the process alive.
  emulator.orchestrator.dispose();
}
