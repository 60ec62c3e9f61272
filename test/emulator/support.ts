import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import twilio from 'twilio';
import { WebSocket as NodeWebSocket } from 'ws';
import { EmulatorHttpClient } from '../../src/server/twilio/emulator-http-client.js';
import { verifyAccessToken } from '../../src/emulator/access-token.js';
import { createRestApp } from '../../src/emulator/app.js';
import { ConversationStore } from '../../src/emulator/classic/store.js';
import { EmulatorClient } from '../../src/emulator/client/index.js';
import { createRealtimeServer, REALTIME_PATH, type RealtimeServer } from '../../src/emulator/realtime/server.js';
import { createEmulator, type Emulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export const options: EmulatorOptions = {
  accountSid: 'AC' + '1'.repeat(32),
  apiKey: 'SK' + '2'.repeat(32),
  apiSecret: 'test-secret-for-the-emulator',
  serviceSid: 'IS' + '3'.repeat(32),
  memoryStoreId: 'mem_store_' + '4'.repeat(26),
  bridgeDelayMs: 20,
  seed: false,
  faultInjection: true,
};

export interface StartedEmulator {
  emulator: Emulator;
  running: RunningEmulator;
  twilioClient: twilio.Twilio;
  service: ReturnType<twilio.Twilio['conversations']['v1']['services']>;
}

export async function startEmulator(overrides: Partial<EmulatorOptions> = {}): Promise<StartedEmulator> {
  const emulator = createEmulator({ ...options, ...overrides });
  const running = await emulator.listen({ port: 0 });
  const twilioClient = twilioClientFor(running.url);
  return { emulator, running, twilioClient, service: twilioClient.conversations.v1.services(options.serviceSid) };
}

export function twilioClientFor(url: string, apiSecret = options.apiSecret): twilio.Twilio {
  return twilio(options.apiKey, apiSecret, { accountSid: options.accountSid, httpClient: new EmulatorHttpClient(url) });
}

/** An access token as the companion mints it. */
export function mintToken(
  identity: string,
  overrides: { ttl?: number; apiSecret?: string; serviceSid?: string; apiKey?: string } = {},
): string {
  const { AccessToken } = twilio.jwt;
  const apiKey = overrides.apiKey ?? options.apiKey;
  const apiSecret = overrides.apiSecret ?? options.apiSecret;
  const token = new AccessToken(options.accountSid, apiKey, apiSecret, { identity, ttl: overrides.ttl ?? 3600 });
  token.addGrant(new AccessToken.ChatGrant({ serviceSid: overrides.serviceSid ?? options.serviceSid }));
  return token.toJwt();
}

export function basicAuth(user = options.apiKey, password = options.apiSecret): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The browser client uses the global WebSocket; Node 20 has none, so tests lend it the `ws` one. */
export function installWebSocketGlobal(): void {
  (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
}

/** Resolves with the first value `subscribe` reports, or fails after `ms`. */
export function nextValue<T>(
  subscribe: (deliver: (value: T) => void) => () => void,
  ms = 3000,
  what = 'event',
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const unsubscribe = subscribe((value) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}

/** The error the twilio library raises for a Twilio error response. */
export async function restError(call: () => Promise<unknown>): Promise<InstanceType<typeof twilio.RestException>> {
  try {
    await call();
  } catch (error) {
    assert.ok(error instanceof twilio.RestException, `expected a RestException, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** Asserts a raw response is a Twilio-form JSON error with this status and code, and returns its body. */
export async function expectTwilioError(response: Response, status: number, code: number): Promise<TwilioErrorBody> {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await response.json()) as TwilioErrorBody;
  assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'more_info', 'status']);
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  assert.equal(body.more_info, `https://www.twilio.com/docs/errors/${code}`);
  return body;
}

/** Polls `probe` until it returns a value that is not undefined, or fails after `ms`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Creates the bridged configuration as Twilio's guide does and waits until it is COMPLETED. */
export async function bridgeService(
  client: twilio.Twilio,
  grouping: 'GROUP_BY_PROFILE' | 'GROUP_BY_PARTICIPANT_ADDRESSES' = 'GROUP_BY_PARTICIPANT_ADDRESSES',
): Promise<string> {
  const v2 = client.conversations.v2;
  const accepted = await v2.configurations.create({
    displayName: 'classic-bridge-config',
    description: 'Bridges the classic service',
    conversationGroupingType: grouping,
    memoryStoreId: options.memoryStoreId,
    conversationsV1Bridge: { serviceId: options.serviceSid },
  });
  const operationId = (accepted.statusUrl ?? '').split('/').pop() ?? '';
  await waitFor(async () => {
    const { status } = await v2.operations(operationId).fetch();
    return status === 'COMPLETED' ? status : undefined;
  }, 'the bridged configuration');
  return accepted.related?.['configurationId'] ?? '';
}

/** A browser client for `identity`, once it has initialised (the caller shuts it down). */
export async function initializedClient(identity: string, realtimeUrl: string): Promise<EmulatorClient> {
  const client = new EmulatorClient(mintToken(identity), { realtimeUrl });
  await nextValue<void>((deliver) => {
    client.once('initialized', deliver);
    return () => client.off('initialized', deliver);
  }, 3000, `${identity} initialized`);
  return client;
}

export interface RealtimeStack {
  store: ConversationStore;
  realtime: RealtimeServer;
  service: StartedEmulator['service'];
  /** The REST origin, e.g. `http://127.0.0.1:4321`. */
  url: string;
  realtimeUrl: string;
  close(): Promise<void>;
}

/**
 * REST and realtime on one port over a store of the test's own (e.g. with a
 * small media cap, or timers set in milliseconds), with the realtime server's
 * fault hooks in reach.
 */
export async function startWithRealtime(store = new ConversationStore()): Promise<RealtimeStack> {
  const realtime = createRealtimeServer({
    store,
    serviceSid: options.serviceSid,
    verifyToken: (token) => verifyAccessToken(token, options),
  });
  const server = createServer(getRequestListener(createRestApp(options, store).fetch));
  server.on('upgrade', (request, socket, head) => realtime.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const authority = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const service = twilioClientFor(`http://${authority}`).conversations.v1.services(options.serviceSid);
  return {
    store,
    realtime,
    service,
    url: `http://${authority}`,
    realtimeUrl: `ws://${authority}${REALTIME_PATH}`,
    async close() {
      await realtime.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The emulator's fault-injection control API at `url`: GET without a body, POST with one, or as `method` says. */
export function faultControl(url: string) {
  return (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST'): Promise<Response> =>
    fetch(`${url}/__emulator/faults${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}
