/**
 * Starts what `npm start` runs: the emulator, the companion, and the demo
 * pages (Vite dev server, with the agent console's API mounted beside them).
 * The end-to-end tests start the same thing on free ports.
 *
 * The pages (every .html under demo/, served by Vite as a multi-page app):
 * - `/` the shop (npm import, with a side panel of the widget's options), `/agent.html` the agent console;
 * - `/react/` and `/vue/` the framework examples, which `import 'bridge-chat'` (aliased to the source);
 * - `/embed/module.html` and `/embed/classic.html` the script-tag snippets, which load the browser
 *   builds from `/dist/browser/` (demo/browser-build.ts builds them when missing or stale).
 */
import { getRequestListener } from '@hono/node-server';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import vue from '@vitejs/plugin-vue';
import { createServer, type Plugin } from 'vite';
import { type Env, withDemoDefaults } from '../src/demo-defaults.js';
import { createEmulator, loadEmulatorOptions } from '../src/emulator/index.js';
import {
  companionOptionsFromEnv,
  createBridge,
  createCompanion,
  createTwilioClient,
  listen,
  parseCompanionOptions,
  type RunningServer,
} from '../src/server/index.js';
import { createAgentApi } from './agent-api.js';
import { browserBuildPlugin } from './browser-build.js';
import { createDemoSiteApi, DEMO_SITE_SECRET } from './demo-site.js';
import { identifyFromSiteSession, SITE_SESSION_HEADER } from './identify/site-session.js';

export interface DemoPorts {
  demo: number;
  companion: number;
  emulator: number;
}

export interface RunningDemo {
  /** The shop page. */
  demoUrl: string;
  agentUrl: string;
  /** The React 19 example (order status). */
  reactUrl: string;
  /** The Vue 3 example (help center). */
  vueUrl: string;
  /** The one-line `<script type="module">` embed. */
  embedModuleUrl: string;
  /** The classic `<script>` (IIFE) embed, for old CMSs. */
  embedClassicUrl: string;
  companionUrl: string;
  emulatorUrl: string;
  /** The Orchestrator configuration that bridges the demo's classic service. */
  bridgeConfigurationId: string;
  /** Demo settings that were not in the environment and were filled in. */
  filledDefaults: string[];
  /**
   * Restarts the companion as a deploy would: the running one stops (open
   * connections cut), then a fresh one with the same settings starts on the
   * same port, so open pages keep their session-url. `whileDown` runs in between.
   */
  restartCompanion(whileDown?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

const demoRoot = fileURLToPath(new URL('.', import.meta.url));
/** What `import 'bridge-chat'` means in the examples: the package's entry, run from source. */
const widgetEntry = fileURLToPath(new URL('../src/widget/index.ts', import.meta.url));

/** Serves the demo pages with the companion URL filled in, `/agent-api` and the shop's `/site-api` mounted. */
function demoPagesPlugin(companionUrl: () => string, agentApi: ReturnType<typeof createAgentApi>): Plugin {
  const handleAgentApi = getRequestListener(agentApi.fetch);
  const handleSiteApi = getRequestListener(createDemoSiteApi().fetch);
  return {
    name: 'bridge-chat-demo',
    transformIndexHtml: (html) => html.replaceAll('%BRIDGE_CHAT_COMPANION_URL%', companionUrl()),
    configureServer(server) {
      server.middlewares.use('/agent-api', (request, response) => void handleAgentApi(request, response));
      server.middlewares.use('/site-api', (request, response) => void handleSiteApi(request, response));
    },
  };
}

export interface DemoOptions {
  host: string;
  ports: DemoPorts;
  env?: Env;
  /**
   * Reload the pages when a source file changes (Vite's file watcher and HMR); on by default.
   * A long test turns it off, so that editing the tree while it runs cannot reload its page.
   */
  liveReload?: boolean;
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const { host, ports, liveReload = true } = options;
  const { env, filled } = withDemoDefaults(options.env ?? {});
  const emulator = await createEmulator(loadEmulatorOptions(env)).listen({ port: ports.emulator, host });

  let companionUrl = '';
  const baseSettings = companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: emulator.url });
  const settings = parseCompanionOptions(baseSettings);
  const twilio = createTwilioClient(settings);
  // What a site does once with `bridge-chat bridge create`: the demo's chats land in Orchestrator,
  // grouped by profile, so a signed-in returning customer sees her calls and texts too.
  const bridge = await createBridge(twilio, {
    serviceSid: env.TWILIO_CONVERSATIONS_SERVICE_SID!,
    memoryStoreId: env.TWILIO_MEMORY_STORE_ID!,
    grouping: 'GROUP_BY_PROFILE',
    displayName: 'bridge-chat-demo',
  });
  const vite = await createServer({
    configFile: false,
    root: demoRoot,
    logLevel: 'warn',
    clearScreen: false,
    server: { host, port: ports.demo, strictPort: true, ...(liveReload ? {} : { watch: null, hmr: false }) },
    resolve: { alias: [{ find: /^bridge-chat$/, replacement: widgetEntry }] },
    // React's automatic JSX runtime (Vite's oxc transform; no React plugin needed without fast refresh).
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    // Known up front, so that a first visit to an example never makes Vite re-optimise and reload the page.
    optimizeDeps: { include: ['react', 'react/jsx-dev-runtime', 'react-dom/client', 'vue'] },
    plugins: [
      vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'bridge-chat' } } }),
      browserBuildPlugin(),
      demoPagesPlugin(() => companionUrl, createAgentApi(twilio, settings)),
    ],
  });
  await vite.listen();
  const address = vite.httpServer!.address() as AddressInfo;
  const demoUrl = `http://${host}:${address.port}`;

  const startCompanion = (port: number) =>
    listen(
      createCompanion({
        ...baseSettings,
        allowedOrigins: [demoUrl, ...(baseSettings.allowedOrigins ?? [])],
        allowedHeaders: [SITE_SESSION_HEADER],
        identify: identifyFromSiteSession(DEMO_SITE_SECRET),
        // What this shop chose to show its customers of what it remembers.
        memoryTraits: ['Loyalty.tier', 'Preferences.favoriteRoast', 'Preferences.grind'],
        memoryObservations: true,
      }),
      { port, host },
    );
  let companion: RunningServer | undefined = await startCompanion(ports.companion);
  companionUrl = companion.url;
  const companionPort = Number(new URL(companionUrl).port);

  return {
    demoUrl: `${demoUrl}/`,
    agentUrl: `${demoUrl}/agent.html`,
    reactUrl: `${demoUrl}/react/`,
    vueUrl: `${demoUrl}/vue/`,
    embedModuleUrl: `${demoUrl}/embed/module.html`,
    embedClassicUrl: `${demoUrl}/embed/classic.html`,
    companionUrl,
    emulatorUrl: emulator.url,
    bridgeConfigurationId: bridge.configuration.id,
    filledDefaults: filled,
    restartCompanion: async (whileDown) => {
      if (!companion) throw new Error('The companion is not running: a restart is under way, or the demo closed.');
      const stopping = companion;
      companion = undefined;
      await stopping.close();
      try {
        await whileDown?.();
      } finally {
        companion = await startCompanion(companionPort);
      }
    },
    close: async () => {
      await vite.close();
      await companion?.close();
      companion = undefined;
      await emulator.close();
    },
  };
}
