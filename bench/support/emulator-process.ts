/**
 * The emulator for a bench, in a process of its own (see child-process.ts),
 * with the counting proxy in front of it for a companion: the bench reads how
 * many Twilio calls went through. Argument: the bridge delay in milliseconds.
 */
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { createEmulator, loadEmulatorOptions } from '../../src/emulator/index.js';
import { countingProxy } from '../../test/server/counting-proxy.js';
import { serveParent } from './child-process.js';

/** What the bench gets back once the emulator listens. */
export interface EmulatorReady {
  /** The emulator itself (REST and the realtime socket). */
  url: string;
  realtimeUrl: string;
  /** The emulator through the counting proxy: where a companion should send its Twilio calls. */
  proxyUrl: string;
}

const bridgeDelayMs = process.argv[2] ?? '50';
const { env } = withDemoDefaults({ BRIDGE_CHAT_EMULATOR_BRIDGE_DELAY_MS: bridgeDelayMs, BRIDGE_CHAT_EMULATOR_SEED: 'on' });
const emulator = createEmulator(loadEmulatorOptions(env));
const running = await emulator.listen({ port: 0 });
const proxy = await countingProxy(running.url);

serveParent(
  { url: running.url, realtimeUrl: running.realtimeUrl, proxyUrl: proxy.url } satisfies EmulatorReady,
  {
    /** Twilio calls through the proxy since the last reset, as `METHOD /path?query`. */
    calls: () => proxy.calls,
    callCount: () => proxy.calls.length,
    resetCalls: () => proxy.reset(),
    /** Classic changes the bridge has yet to mirror (a new chat is linked once this is 0). */
    pendingSyncs: () => emulator.orchestrator.bridge.pendingSyncs,
  },
  async () => {
    await proxy.close();
    await running.close();
  },
);
