import twilio from 'twilio';
import { WebSocket as NodeWebSocket } from 'ws';
import { EmulatorHttpClient } from '../../src/server/twilio/emulator-http-client.js';
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

export async function startEmulator(): Promise<StartedEmulator> {
  const emulator = createEmulator(options);
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
