import autocannon from 'autocannon';
import { setTimeout as sleep } from 'node:timers/promises';
import { withDemoDefaults } from '../src/demo-defaults.js';
import { refreshResponseSchema, sessionResponseSchema } from '../src/protocol/session.js';
import { companionOptionsFromEnv, createBridge, createTwilioClient, parseCompanionOptions } from '../src/server/index.js';
import { type Bench, type BenchTable, round, type SummaryRow } from './support/bench.js';
import { callsByKind } from './support/call-kind.js';
import { type Child, startChild } from './support/child-process.js';
import type { CompanionReady } from './support/companion-process.js';
import type { EmulatorReady } from './support/emulator-process.js';

const CONNECTIONS = 100;
const DURATION_S = 8;
/** A discarded run first, so the JIT and the connection pools are warm. */
const WARMUP_S = 2;
/** Longer than a case, so every cached request lands within one cache window. */
const CACHED_TTL_MS = 60_000;
/** Sessions the uncached case spreads its requests over. */
const UNCACHED_SESSIONS = 300;
/** Where the widget's page is: every request carries it as Origin, as a browser's cross-origin requests do. */
const SITE_ORIGIN = 'https://shop.example';
const REFRESH_TARGET = 5_000;
const CACHED_CONTEXT_TARGET = 3_000;

interface Case {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Each request's session token; undefined for no Authorization header. */
  token?: () => string;
  body?: string;
  /** A 2xx whose body lacks this counts as a mismatch, not as throughput. */
  expect: string;
}

interface Measured {
  /** The Twilio calls the companion made during the measured run. */
  calls: string[];
  /** Requests autocannon sent, answered or not by the stop. */
  sent: number;
  okPerSecond: number;
  p99: number;
  /** CPU microseconds the companion spent per response. */
  cpuPerRequest: number;
  row: BenchTable['rows'][number];
}

/**
 * Requests autocannon left in flight when it stopped still run in the
 * companion: wait until no more Twilio calls come, so that none is counted in
 * the wrong run.
 */
async function settle(emulator: Child<EmulatorReady>): Promise<void> {
  const callCount = async () => (await emulator.ask('callCount')) as number;
  for (let count = await callCount(); ; ) {
    await sleep(300);
    const now = await callCount();
    if (now === count) return;
    count = now;
  }
}

/** Runs one case with autocannon and counts the Twilio calls the companion made meanwhile. */
async function measure(companion: Child<CompanionReady>, emulator: Child<EmulatorReady>, load: Case): Promise<Measured> {
  const options = (duration: number): autocannon.Options => ({
    url: `${companion.ready.url}${load.path}`,
    connections: CONNECTIONS,
    duration,
    method: load.method,
    headers: { origin: SITE_ORIGIN, ...(load.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(load.body === undefined ? {} : { body: load.body }),
    requests: [
      {
        setupRequest: (request) =>
          load.token
            ? { ...request, headers: { ...request.headers, authorization: `Bearer ${load.token()}` } }
            : request,
      },
    ],
    verifyBody: (body) => typeof body === 'string' && body.includes(load.expect),
  });
  await autocannon(options(WARMUP_S));
  await settle(emulator);
  await emulator.ask('resetCalls');
  const cpuBefore = (await companion.ask('cpuMicros')) as number;
  const result = await autocannon(options(DURATION_S));
  const cpuMicros = ((await companion.ask('cpuMicros')) as number) - cpuBefore;
  await settle(emulator);
  const calls = (await emulator.ask('calls')) as string[];
  // Per request sent: those still in flight at the stop made their calls too.
  const sent = result.requests.sent;

  const responses = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const ok = result['2xx'] - result.mismatches;
  const okPerSecond = ok / result.duration;
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([status, { count }]) => `${status}×${count ?? 0}`)
    .join(' ');
  const cpuPerRequest = cpuMicros / Math.max(1, responses);
  return {
    calls,
    sent,
    okPerSecond,
    cpuPerRequest,
    p99: result.latency.p99,
    row: [
      load.name,
      responses,
      ok,
      result.non2xx,
      result.mismatches,
      result.errors,
      statuses,
      Math.round(okPerSecond),
      result.latency.p50,
      result.latency.p99,
      Math.round(cpuPerRequest),
      Math.round(1e6 / cpuPerRequest),
      calls.length,
      round(calls.length / Math.max(1, sent), 3),
    ],
  };
}

async function startSession(companionUrl: string): Promise<string> {
  const response = await fetch(`${companionUrl}/session`, { method: 'POST' });
  if (response.status !== 200) throw new Error(`POST /session answered ${response.status}: ${await response.text()}`);
  return sessionResponseSchema.parse(await response.json()).sessionToken;
}

async function refresh(companionUrl: string, sessionToken: string): Promise<string> {
  const response = await fetch(`${companionUrl}/session/refresh`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sessionToken}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (response.status !== 200) throw new Error(`POST /session/refresh answered ${response.status}: ${await response.text()}`);
  return refreshResponseSchema.parse(await response.json()).sessionToken;
}

/** Until the emulator's bridge has mirrored every new chat, `/context` would answer `pending`. */
async function waitForBridge(emulator: Child<EmulatorReady>): Promise<void> {
  for (const deadline = Date.now() + 30_000; ((await emulator.ask('pendingSyncs')) as number) > 0; await sleep(50)) {
    if (Date.now() > deadline) throw new Error('the bridge did not sync the sessions in 30 s');
  }
}

const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} req/s`;

const bench: Bench = {
  name: 'companion-throughput',
  description: `The companion under autocannon on loopback (${CONNECTIONS} connections, ${DURATION_S} s per case), backed by the emulator: requests/s, latency, and upstream Twilio calls per request.`,
  async run() {
    const children: Array<Child<unknown>> = [];
    const start = async <Ready>(script: string, args: string[]) => {
      const child = await startChild<Ready>(script, args);
      children.push(child);
      return child;
    };
    try {
      const emulator = await start<EmulatorReady>('emulator-process.ts', ['50']);
      const { env } = withDemoDefaults({});
      const direct = createTwilioClient(parseCompanionOptions(companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: emulator.ready.url })));
      await createBridge(direct, {
        serviceSid: env.TWILIO_CONVERSATIONS_SERVICE_SID!,
        memoryStoreId: env.TWILIO_MEMORY_STORE_ID!,
        grouping: 'GROUP_BY_PROFILE',
      });

      const cachedCompanion = await start<CompanionReady>('companion-process.ts', [emulator.ready.proxyUrl, String(CACHED_TTL_MS), SITE_ORIGIN]);
      const companionUrl = cachedCompanion.ready.url;
      const sessions: string[] = [];
      while (sessions.length < UNCACHED_SESSIONS) {
        sessions.push(...(await Promise.all(Array.from({ length: 10 }, () => startSession(companionUrl)))));
      }
      await waitForBridge(emulator);

      // A refresh hands out a new session token; the old one must keep working, or a bench reusing it measures 401s.
      const first = sessions[0]!;
      const renewed = await refresh(companionUrl, first);
      await refresh(companionUrl, first);
      await refresh(companionUrl, renewed);

      const rows: BenchTable['rows'] = [];
      const health = await measure(cachedCompanion, emulator, { name: 'GET /healthz (reference)', method: 'GET', path: '/healthz', expect: '"ok"' });
      rows.push(health.row);
      const refreshed = await measure(cachedCompanion, emulator, {
        name: 'POST /session/refresh',
        method: 'POST',
        path: '/session/refresh',
        token: () => first,
        body: '{}',
        expect: '"sessionToken"',
      });
      rows.push(refreshed.row);
      const cached = await measure(cachedCompanion, emulator, {
        name: 'GET /context, cached (one session)',
        method: 'GET',
        path: '/context',
        token: () => first,
        expect: '"status":"linked"',
      });
      rows.push(cached.row);
      await cachedCompanion.stop();

      // A companion that keeps no answer: every request asks Twilio (the single flight still merges concurrent ones).
      const uncachedCompanion = await start<CompanionReady>('companion-process.ts', [emulator.ready.proxyUrl, '0', SITE_ORIGIN]);
      let turn = 0;
      const uncached = await measure(uncachedCompanion, emulator, {
        name: `GET /context, uncached (${UNCACHED_SESSIONS} sessions in turn)`,
        method: 'GET',
        path: '/context',
        token: () => sessions[turn++ % sessions.length]!,
        expect: '"status":"linked"',
      });
      rows.push(uncached.row);

      const ms = (value: number) => `${value} ms`;
      const summary: SummaryRow[] = [
        {
          metric: '/session/refresh req/s',
          value: perSecond(refreshed.okPerSecond),
          target: `≥ ${REFRESH_TARGET.toLocaleString('en-US')} req/s`,
          met: refreshed.okPerSecond >= REFRESH_TARGET,
        },
        { metric: '/session/refresh p99', value: ms(refreshed.p99) },
        {
          metric: '/context cached req/s',
          value: perSecond(cached.okPerSecond),
          target: `≥ ${CACHED_CONTEXT_TARGET.toLocaleString('en-US')} req/s`,
          met: cached.okPerSecond >= CACHED_CONTEXT_TARGET,
        },
        { metric: '/context cached p99', value: ms(cached.p99) },
        { metric: '/context uncached req/s', value: perSecond(uncached.okPerSecond) },
        { metric: '/context uncached p99', value: ms(uncached.p99) },
      ];
      return {
        summary,
        tables: [
          {
            title: 'Cases',
            columns: [
              'case',
              'responses',
              'ok',
              'non-2xx',
              'mismatches',
              'errors',
              'statuses',
              'ok req/s',
              'p50 ms',
              'p99 ms',
              'companion CPU µs / request',
              'req/s per CPU second',
              'upstream calls',
              'calls / request',
            ],
            rows,
          },
          {
            title: 'Upstream calls of the uncached case, by kind',
            columns: ['call', 'count', 'per request'],
            rows: callsByKind(uncached.calls).map(([kind, count]) => [kind, count, round(count / uncached.sent, 3)]),
          },
        ],
        notes: [
          `Three processes on ${CONNECTIONS} keep-alive connections: autocannon in the bench process, the companion in a child, the emulator with the counting proxy in another child (\`node --import tsx\`). On 2 cores the load generator and the companion each get about one; the emulator is idle except in the uncached case, where all three share the two cores. Putting the load generator in-process with the companion would halve what either can do.`,
          `Each case runs ${WARMUP_S} s discarded, then ${DURATION_S} s measured. "ok" = 2xx whose body is what the route answers (a session token, a linked context, status ok); "ok req/s" = ok / duration. Non-2xx and mismatched bodies are counted apart and never as throughput.`,
          `Every request carries \`Origin: ${SITE_ORIGIN}\`, an allowed origin, so the CORS headers are written as for the widget's cross-origin requests. Rate limits off (rateLimitPerIp 0, rateLimitPerSession 0): one load generator is one client IP and one session. Demo credentials, memoryTraits Loyalty.*, observations on, one GROUP_BY_PROFILE bridge, emulator bridge delay 50 ms.`,
          '/session/refresh reuses the first session token for every request: a refresh hands out a new token but the old one stays valid until it expires (checked before the run: the first token refreshed twice, and the renewed one once).',
          `Cached: one session, cache TTL ${CACHED_TTL_MS / 1000} s, warmed by the discarded run. Uncached: a second companion with contextCacheTtlMs 0 (and contextPendingTtlMs 0), requests spread over ${UNCACHED_SESSIONS} linked sessions in turn; the single flight still merges concurrent requests for one session, which the calls / request column shows.`,
          '"companion CPU µs / request" is the companion process\'s user + system CPU time over the measured run divided by its responses; "req/s per CPU second" is its inverse: what the companion would serve with one core to itself. It moves much less than req/s when other work shares the two cores.',
          'Upstream calls are counted by the proxy between the companion and the emulator, from the start of the measured run until they stop coming, and divided by the requests sent (those in flight at the stop made theirs too); the bridge lookup (ControlPlane/Configurations) is cached 30 s per companion.',
        ],
      };
    } finally {
      for (const child of children.reverse()) await child.stop();
    }
  },
};

export default bench;
