/**
 * The backend the browser and end-to-end tests talk to: the emulator and the
 * companion, on free loopback ports, wired exactly as `npm start` wires them,
 * except that the companion (and so the browser) reaches the emulator through
 * a pass-through gate that can hold the realtime link down.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { createEmulator, loadEmulatorOptions } from '../../src/emulator/index.js';
import {
  type CompanionOptions,
  type TwilioClient,
  companionOptionsFromEnv,
  createCompanion,
  createTwilioClient,
  listen,
  parseCompanionOptions,
} from '../../src/server/index.js';
import { mintAccessToken } from '../../src/server/twilio/access-token.js';

/** The header a test page uses to say which of the "site's" users is signed in. */
export const TEST_SITE_USER_HEADER = 'X-Test-Site-User';

export interface Stack {
  /** The emulator itself (REST, fault injection), as the Node side reaches it. */
  emulatorUrl: string;
  /** The emulator as the companion and the browser reach it: through the realtime gate. */
  gatewayUrl: string;
  companionUrl: string;
  serviceSid: string;
  /** The official client, pointed at the emulator, to act as the agent. */
  twilio: TwilioClient;
  /** The realtime link between the browser and the emulator. */
  realtimeGate: RealtimeGate;
  /** A Conversations access token for `identity`, as the companion mints them (e.g. for an agent's realtime client). */
  accessToken(identity: string): string;
  close(): Promise<void>;
}

export async function startStack(options: { allowedOrigins: string[]; companion?: Partial<CompanionOptions> }): Promise<Stack> {
  // Fault injection on: tests expire tokens and break Twilio on purpose.
  const { env } = withDemoDefaults({ BRIDGE_CHAT_EMULATOR_FAULTS: 'on' });
  const emulator = await createEmulator(loadEmulatorOptions(env)).listen({ port: 0 });
  const gate = await startRealtimeGate(emulator.url);
  const settings = parseCompanionOptions({
    ...companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: gate.url }),
    allowedOrigins: options.allowedOrigins,
    // Every test browser is 127.0.0.1: a whole suite must fit in one client's budget.
    rateLimitPerIp: 10_000,
    rateLimitPerSession: 10_000,
    // A stand-in for a site's sign-in: the page names its user in a header of its own.
    allowedHeaders: [TEST_SITE_USER_HEADER],
    identify: (request) => {
      const user = request.headers.get(TEST_SITE_USER_HEADER);
      return user ? { identity: `site-user-${user}` } : undefined;
    },
    ...options.companion,
  });
  const companion = await listen(createCompanion(settings), { port: 0 });
  return {
    emulatorUrl: emulator.url,
    gatewayUrl: gate.url,
    companionUrl: companion.url,
    serviceSid: env.TWILIO_CONVERSATIONS_SERVICE_SID!,
    // The agent's side is not the visitor's: it reaches the emulator directly, whatever the gate does.
    twilio: createTwilioClient({ ...settings, emulatorUrl: emulator.url }),
    realtimeGate: gate,
    accessToken: (identity) => mintAccessToken(settings, identity).token,
    close: async () => {
      await companion.close();
      await gate.close();
      await emulator.close();
    },
  };
}

/**
 * A pass-through in front of the emulator: HTTP requests go through as they
 * are, and so do realtime WebSocket upgrades, unless the gate is shut. Shut,
 * it refuses every new realtime connection, so that a link the emulator
 * dropped (its `drop-sockets` fault) stays down until the gate opens again.
 */
export interface RealtimeGate {
  readonly url: string;
  readonly open: boolean;
  /** Refuses new realtime connections and cuts the ones through the gate; returns how many were cut. */
  shut(): number;
  /** Lets realtime connections through again (clients reconnect on their own schedule). */
  reopen(): void;
  close(): Promise<void>;
}

async function startRealtimeGate(targetUrl: string): Promise<RealtimeGate> {
  const target = new URL(targetUrl);
  const port = Number(target.port);
  const host = target.hostname;
  const tunnels = new Set<{ client: Duplex; upstream: Socket }>();
  let open = true;

  const server: Server = createServer((incoming, outgoing) => {
    const forwarded = httpRequest(
      { host, port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });

  server.on('upgrade', (incoming: IncomingMessage, client: Duplex, head: Buffer) => {
    if (!open) {
      client.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      client.destroy();
      return;
    }
    const upstream = connect(port, host);
    const tunnel = { client, upstream };
    tunnels.add(tunnel);
    const cut = () => {
      tunnels.delete(tunnel);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);
    upstream.on('connect', () => {
      const lines = [`${incoming.method} ${incoming.url} HTTP/${incoming.httpVersion}`];
      for (let i = 0; i < incoming.rawHeaders.length; i += 2) lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('The realtime gate has no address');

  const cutAll = () => {
    const count = tunnels.size;
    for (const { client, upstream } of [...tunnels]) {
      client.destroy();
      upstream.destroy();
    }
    tunnels.clear();
    return count;
  };

  return {
    url: `http://127.0.0.1:${address.port}`,
    get open() {
      return open;
    },
    shut() {
      open = false;
      return cutAll();
    },
    reopen() {
      open = true;
    },
    close() {
      open = false;
      cutAll();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
