import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { verifyAccessToken } from './access-token.js';
import { createRestApp } from './app.js';
import { type ClassicSnapshot, ConversationStore } from './classic/store.js';
import { CONTROL_PATH, createControlApi } from './faults/control-api.js';
import { FaultPlan } from './faults/fault-plan.js';
import { withFaults } from './faults/with-faults.js';
import { MemoryProfileDirectory } from './memory/directory.js';
import type { MemorySnapshot } from './memory/snapshot.js';
import { MemoryStore } from './memory/store.js';
import type { EmulatorOptions } from './options.js';
import { Orchestrator, type OrchestratorSnapshot } from './orchestrator/orchestrator.js';
import { StateFile } from './persistence.js';
import { createRealtimeServer, REALTIME_PATH } from './realtime/server.js';
import { TokenCutoff } from './realtime/token-cutoff.js';
import { seedDemoCustomer } from './seed/seed-demo.js';

export { SettingsError, loadEmulatorOptions, type EmulatorOptions } from './options.js';
export { DEMO_CUSTOMER } from './seed/demo-customer.js';

export interface Emulator {
  /** The REST surface as a fetch handler, usable without a server (e.g. `app.request(...)`). */
  readonly app: Hono;
  /** Conversation Orchestrator state, its operations and the classic bridge (pause/resume, snapshots). */
  readonly orchestrator: Orchestrator;
  /** Conversation Memory state: profiles, observations, summaries (seeding, snapshots). */
  readonly memory: MemoryStore;
  /**
   * Serves REST, the realtime WebSocket and (when enabled) the fault-injection
   * API on one port. The state lives in the emulator, so it survives a close
   * and a new listen.
   */
  listen(options: { port: number; host?: string }): Promise<RunningEmulator>;
}

export interface RunningEmulator {
  /** Base URL for the routing rule, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  /** The browser client's endpoint, e.g. `ws://127.0.0.1:4010/realtime`. */
  readonly realtimeUrl: string;
  /** Drops every socket, saves the state file, and stops the server; resolves when it is down. */
  close(): Promise<void>;
}

/** Everything the emulator keeps, as written to `--data FILE`. */
interface EmulatorState {
  classic: ClassicSnapshot;
  memory: MemorySnapshot;
  orchestrator: OrchestratorSnapshot;
}

/**
 * A local stand-in for the Twilio APIs bridge-chat uses. The configured
 * service and memory store exist from start; with `seed`, so does the demo's
 * returning customer; with `dataFile`, the state of the last run comes back.
 */
export function createEmulator(options: EmulatorOptions): Emulator {
  const classic = new ConversationStore();
  const memory = new MemoryStore(options.memoryStoreId);
  const orchestrator = new Orchestrator({
    accountSid: options.accountSid,
    serviceSid: options.serviceSid,
    memoryStoreId: options.memoryStoreId,
    classic,
    bridgeDelayMs: options.bridgeDelayMs,
    // One timing knob: a ControlPlane operation's two steps take a third of a bridge sync each (1 s by default).
    operationStepMs: Math.max(5, Math.round(options.bridgeDelayMs / 3)),
    profiles: new MemoryProfileDirectory(memory),
  });

  const stateFile = options.dataFile
    ? new StateFile<EmulatorState>(options.dataFile, () => ({
        classic: classic.toSnapshot(),
        memory: memory.toSnapshot(),
        orchestrator: orchestrator.toSnapshot(),
      }))
    : undefined;
  const saved = stateFile?.read();
  if (saved) {
    // The bridge reads classic state and Memory profiles while it restores, so they come first.
    classic.restore(saved.classic);
    memory.restore(saved.memory);
    orchestrator.restore(saved.orchestrator);
  } else if (options.seed) {
    seedDemoCustomer(orchestrator.store, memory, options.memoryStoreId);
  }

  const app = createRestApp(options, classic, orchestrator, memory);
  const verifyToken = (token: string) => verifyAccessToken(token, options);
  // Both outlive a close and a new listen, like the state.
  const tokenCutoff = new TokenCutoff();
  const faults = new FaultPlan();
  const rest = withFaults(faults, app.fetch);

  return {
    app,
    orchestrator,
    memory,
    async listen({ port, host = '127.0.0.1' }) {
      const realtime = createRealtimeServer({
        store: classic,
        serviceSid: options.serviceSid,
        verifyToken,
        tokenCutoff,
        faults,
      });
      const control = createControlApi({
        plan: faults,
        dropAllSockets: () => realtime.dropAllSockets(),
        expireTokens: () => realtime.expireTokens(),
        pauseBridge: () => orchestrator.bridge.pause(),
        resumeBridge: () => orchestrator.bridge.resume(),
      });
      const handle = (request: Request, env: unknown) => {
        if (!new URL(request.url).pathname.startsWith(CONTROL_PATH)) return rest(request, env);
        if (options.faultInjection) return control.fetch(request, env as never);
        return Response.json(
          { error: 'Fault injection is off; start the emulator with BRIDGE_CHAT_EMULATOR_FAULTS=on to use it.' },
          { status: 404 },
        );
      };
      const server = createServer(getRequestListener(handle));
      server.on('upgrade', (request, socket, head) => realtime.handleUpgrade(request, socket, head));

      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      }).catch(async (error: unknown) => {
        await realtime.close();
        throw error;
      });
      stateFile?.start();

      const authority = `${urlHost(host)}:${(server.address() as AddressInfo).port}`;
      let closing: Promise<void> | undefined;
      return {
        url: `http://${authority}`,
        realtimeUrl: `ws://${authority}${REALTIME_PATH}`,
        close() {
          closing ??= (async () => {
            await realtime.close();
            await new Promise<void>((resolve, reject) => {
              server.close((error) => (error ? reject(error) : resolve()));
              server.closeAllConnections();
            });
            stateFile?.save(true);
          })();
          return closing;
        },
      };
    },
  };
}

/** How to reach a bound host from this machine: wildcard binds via loopback, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
