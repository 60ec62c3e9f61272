/**
 * A companion for a bench, in a process of its own (see child-process.ts),
 * with the demo credentials, rate limits off (a load generator is one client
 * IP and one session), memory traits and observations on as in context-fanout.
 * Arguments: the Twilio (emulator or proxy) URL, the `/context` cache TTL in ms
 * and the site's origin (allowed by CORS, as a widget's requests come from it).
 */
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { companionOptionsFromEnv, createCompanion, listen } from '../../src/server/index.js';
import { serveParent } from './child-process.js';

export interface CompanionReady {
  url: string;
}

const [emulatorUrl, cacheTtl, siteOrigin] = process.argv.slice(2);
if (!emulatorUrl || cacheTtl === undefined || !siteOrigin) {
  throw new Error('usage: companion-process.ts EMULATOR_URL CONTEXT_CACHE_TTL_MS SITE_ORIGIN');
}
const contextCacheTtlMs = Number(cacheTtl);

const { env } = withDemoDefaults({});
const app = createCompanion({
  ...companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: emulatorUrl }),
  allowedOrigins: [siteOrigin],
  rateLimitPerIp: 0,
  rateLimitPerSession: 0,
  contextCacheTtlMs,
  // "Uncached" means uncached: a pending answer is not kept either.
  ...(contextCacheTtlMs === 0 ? { contextPendingTtlMs: 0 } : {}),
  memoryTraits: ['Loyalty.*'],
  memoryObservations: true,
});
const server = await listen(app, { port: 0 });

serveParent(
  { url: server.url } satisfies CompanionReady,
  {
    /** CPU time this process has used, in microseconds: per request, it holds up when other processes compete for the cores. */
    cpuMicros: () => {
      const { user, system } = process.cpuUsage();
      return user + system;
    },
  },
  () => server.close(),
);
