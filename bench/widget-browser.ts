import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildBrowserBundle, measureFile, readManifest, SOURCES, staticClosure } from '../scripts/bundle-graph.js';
import { normalizeSessionUrl } from '../src/widget/session/session-token-store.js';
import { CHROMIUM_ARGS, findOrInstallChromium } from '../test/support/chromium.js';
import type { LongTask, OpenExpectation, OpenTiming, OwnTime, PagingResult, ProbeConfig } from './pages/probe.js';
import { type Bench, type BenchTable, round, type SummaryRow } from './support/bench.js';
import { type ChatStack, startChatStack, type Visitor } from './support/chat-stack.js';
import { loadProbe } from './support/probe-script.js';
import { type Spread, spread } from './support/stats.js';
import { type StaticSite, startStaticSite, WIDGET_PATH } from './support/static-site.js';

/** Runs of each open variant (the issue asks for a median of at least 20). */
const OPEN_RUNS = 20;
const SDK_RUNS = 10;
/** Runs of the 10,000-message case: a long task here or there depends on the machine's load, so it is shown per run. */
const LONG_RUNS = 3;
const SHORT_CONVERSATION = 50;
const LONG_CONVERSATION = 10_000;
const OPEN_TARGET_MS = 300;
const MAX_NODES_TARGET = 200;
/** Everything about the 10,000-message conversation (every run's opening and paging) must finish within this. */
const LONG_DEADLINE_MS = 10 * 60_000;
/** One scroll to the top that renders nothing older for this long means the list is stuck. */
const PAGE_STEP_TIMEOUT_MS = 20_000;
const OPEN_TIMEOUT_MS = 20_000;
/** After the first message is rendered, the list must stay quiet this long: nothing more to load. */
const QUIET_AFTER_START_MS = 1_000;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const pagesDir = fileURLToPath(new URL('./pages', import.meta.url));

/** Where the widget keeps a companion's session token: the key of src/widget/session/session-token-store.ts. */
const sessionStorageKey = (sessionUrl: string) => `bridge-chat:session-token:${normalizeSessionUrl(sessionUrl)}`;

type MakeInitScript = (config: ProbeConfig) => string;

interface Setup {
  browser: Browser;
  site: StaticSite;
  stack: ChatStack;
  initScript: MakeInitScript;
  /** The widget's files every page loads before the chat opens (entry and its static imports). */
  upfrontUrls: string[];
}

interface OpenRun {
  timing: OpenTiming;
  /** Long tasks between the click and ready. */
  longTasks: LongTask[];
}

const ms = (value: number | null | undefined, digits = 0) => (value === null || value === undefined ? '—' : `${round(value, digits)}`);
const median = (values: readonly number[]) => spread(values).median;
/** The longest task, e.g. `132 ms`; the browser reports none under 50 ms. */
const longestOf = (tasks: readonly LongTask[]) =>
  tasks.length === 0 ? 'none over 50 ms' : `${round(Math.max(...tasks.map((task) => task.duration)), 0)} ms`;
const over = (tasks: readonly LongTask[], limit: number) => tasks.filter((task) => task.duration > limit).length;

/** A page of the bench site in a fresh browser context (cold HTTP cache, empty storage), closed after `use`. */
async function inFreshPage<T>(setup: Setup, config: ProbeConfig, use: (page: Page) => Promise<T>): Promise<T> {
  const context = await setup.browser.newContext();
  try {
    await context.addInitScript(setup.initScript({ ...config, upfrontUrls: setup.upfrontUrls }));
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      return await use(page);
    } catch (error) {
      const heard = await page.evaluate(() => window.benchProbe.errors()).catch(() => []);
      const extra = [...pageErrors, ...heard];
      if (extra.length === 0) throw error;
      throw new Error(`${(error as Error).message} (page errors: ${extra.join('; ')})`, { cause: error });
    }
  } finally {
    await context.close();
  }
}

/** The widget resumed the stored session: same conversation (else the storage key or the resume path changed). */
async function assertResumed(page: Page, visitor: Visitor): Promise<void> {
  const conversationSid = await page.evaluate(() => document.querySelector('bridge-chat')?.conversationSid);
  if (conversationSid !== visitor.conversationSid) {
    throw new Error(
      `The widget chats in ${conversationSid ?? 'no conversation'}, not the stored session's ${visitor.conversationSid}: ` +
        'did the session token storage key (src/widget/session/session-token-store.ts) change?',
    );
  }
}

function describeOpenFailure(what: string, timing: OpenTiming, expectation: OpenExpectation): string {
  return (
    `${what}: not ready ${expectation.timeoutMs} ms after the click (composer ${ms(timing.composer)} ms, ` +
    `newest message ${ms(timing.newest)} ms, ${timing.shown} of ${expectation.messages} message rows shown, ` +
    `bridge-chat-ready ${ms(timing.readyEvent)} ms)`
  );
}

/**
 * Opens the chat of a returning visitor whose conversation holds SHORT_CONVERSATION messages.
 * `cold`: clicks as soon as the launcher is painted, before the page is idle (nothing preloaded).
 * `preloaded`: waits until the widget has loaded its panel on idle and the chat has connected, hidden.
 */
async function openShort(setup: Setup, visitor: Visitor, variant: 'cold' | 'preloaded'): Promise<OpenRun> {
  const expectation: OpenExpectation = { newestOrdinal: SHORT_CONVERSATION, messages: SHORT_CONVERSATION, timeoutMs: OPEN_TIMEOUT_MS };
  const storage = { key: sessionStorageKey(setup.stack.companionUrl), value: visitor.sessionToken };
  const config: ProbeConfig = variant === 'cold' ? { storage, autoOpen: expectation } : { storage };
  return inFreshPage(setup, config, async (page) => {
    await page.goto(`${setup.site.origin}/widget.html`);
    let timing: OpenTiming;
    if (variant === 'cold') {
      timing = await page.evaluate(() => window.benchProbe.openTiming());
    } else {
      await page.evaluate((timeout) => window.benchProbe.whenReadyEvent(timeout), OPEN_TIMEOUT_MS);
      await page.waitForLoadState('networkidle');
      timing = await page.evaluate((expected) => window.benchProbe.clickLauncher(expected), expectation);
    }
    if (timing.ready === null) throw new Error(describeOpenFailure(`Opening (${variant})`, timing, expectation));
    await assertResumed(page, visitor);
    const longTasks = await page.evaluate(
      ([from, to]) => window.benchProbe.longTasks(from, to),
      [timing.clickedAt, timing.clickedAt + timing.ready] as const,
    );
    return { timing, longTasks };
  });
}

interface SdkChunk {
  /** The SDK's own chunk, its dynamic entry: what a session imports. */
  file: string;
  /** That chunk and the chunks only it needs: what a session's `import()` of the SDK fetches and runs. */
  timedFiles: string[];
  /** Sizes of `timedFiles`, summed. */
  rawBytes: number;
  gzipBytes: number;
  /** Its static imports that the page has by the time a session needs the SDK (the entry's and the panel's): loaded first, untimed. */
  prepare: string[];
}

/** The Twilio SDK in the build's manifest: the dynamic entry whose source is under @twilio/conversations. */
function findSdkChunk(buildDir: string): SdkChunk {
  const manifest = readManifest(buildDir);
  const named = (source: RegExp) => Object.keys(manifest).filter((key) => source.test(manifest[key]!.src ?? ''));
  const root = named(SOURCES.sdk).find((key) => manifest[key]!.isDynamicEntry);
  if (!root) throw new Error(`No dynamic entry from ${SOURCES.sdk} in ${buildDir}/.vite/manifest.json`);
  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  const pageHas = staticClosure(manifest, [...entries, ...named(SOURCES.panel)]);
  const needs = [...staticClosure(manifest, [root])];
  const timed = needs.filter((key) => !pageHas.has(key));
  const sizes = timed.map((key) => measureFile(join(buildDir, manifest[key]!.file)));
  return {
    file: manifest[root]!.file,
    timedFiles: timed.map((key) => manifest[key]!.file),
    rawBytes: sizes.reduce((sum, size) => sum + size.raw, 0),
    gzipBytes: sizes.reduce((sum, size) => sum + size.gzip, 0),
    prepare: needs.filter((key) => pageHas.has(key)).map((key) => manifest[key]!.file),
  };
}

/** The files of the build a page loads with the entry, before the chat opens. */
function upfrontFiles(buildDir: string): string[] {
  const manifest = readManifest(buildDir);
  const entries = Object.keys(manifest).filter((name) => manifest[name]!.isEntry);
  return [...staticClosure(manifest, entries)].map((name) => manifest[name]!.file);
}

/** Fetch + evaluation of the SDK chunk, each run in a fresh context on an empty page of the same site. */
async function timeSdkChunk(setup: Setup, chunk: SdkChunk): Promise<number[]> {
  const url = (file: string) => `${setup.site.origin}${WIDGET_PATH}${file}`;
  const times: number[] = [];
  for (let run = 0; run < SDK_RUNS; run += 1) {
    times.push(
      await inFreshPage(setup, {}, async (page) => {
        await page.goto(`${setup.site.origin}/empty.html`);
        return page.evaluate(([prepare, sdk]) => window.benchProbe.timeImport(prepare, sdk), [chunk.prepare.map(url), url(chunk.file)] as const);
      }),
    );
  }
  return times;
}

interface LongConversationRun {
  /** Click → composer ready and the newest message shown. */
  open: OpenTiming;
  openLongTasks: LongTask[];
  paging: PagingResult;
  /** `getMessages` requests the page sent while paging back. */
  pagesLoaded: number;
  /** Requests after the first message was rendered: there should be nothing left to load. */
  loadsAfterStart: number;
  pagingLongTasks: LongTask[];
  maxMessageNodes: number;
  probeOwnTime: Record<string, OwnTime>;
}

/** Races `work` against the deadline; the error says what did not finish. */
async function withinDeadline<T>(work: Promise<T>, deadlineAt: number, what: string): Promise<T> {
  const timer = new AbortController();
  const expired = sleep(Math.max(0, deadlineAt - Date.now()), undefined, { signal: timer.signal }).then(() => {
    throw new Error(`${what} did not finish within the ${LONG_DEADLINE_MS / 60_000} min deadline (the page stopped answering)`);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    timer.abort();
    expired.catch(() => {});
  }
}

/** Opens the 10,000-message conversation, then pages back to its first message by scrolling the log to the top. */
async function pageBackLong(setup: Setup, visitor: Visitor, deadlineAt: number): Promise<LongConversationRun> {
  const expectation: OpenExpectation = { newestOrdinal: LONG_CONVERSATION, messages: 0, timeoutMs: OPEN_TIMEOUT_MS };
  const storage = { key: sessionStorageKey(setup.stack.companionUrl), value: visitor.sessionToken };
  return inFreshPage(setup, { storage, autoOpen: expectation }, async (page) => {
    let pageRequests = 0;
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (typeof payload === 'string' && payload.includes('"type":"getMessages"')) pageRequests += 1;
      }),
    );
    await withinDeadline(page.goto(`${setup.site.origin}/widget.html`), deadlineAt, 'Loading the page');
    const open = await withinDeadline(page.evaluate(() => window.benchProbe.openTiming()), deadlineAt, 'Opening the chat');
    if (open.ready === null) throw new Error(describeOpenFailure(`Opening the ${LONG_CONVERSATION}-message chat`, open, expectation));
    await assertResumed(page, visitor);
    const openLongTasks = await page.evaluate(([from, to]) => window.benchProbe.longTasks(from, to), [open.clickedAt, open.clickedAt + open.ready] as const);

    const requestsBefore = pageRequests;
    const options = { firstOrdinal: 1, stepTimeoutMs: PAGE_STEP_TIMEOUT_MS, deadlineMs: deadlineAt - Date.now() - 30_000 };
    const paging = await withinDeadline(page.evaluate((paged) => window.benchProbe.pageBack(paged), options), deadlineAt, 'Paging back');
    const pagesLoaded = pageRequests - requestsBefore;
    if (paging.done) await sleep(QUIET_AFTER_START_MS);
    const loadsAfterStart = pageRequests - requestsBefore - pagesLoaded;
    const [pagingLongTasks, maxMessageNodes, probeOwnTime] = await Promise.all([
      page.evaluate(([from, to]) => window.benchProbe.longTasks(from, to), [paging.startedAt, paging.startedAt + paging.ms] as const),
      page.evaluate(() => window.benchProbe.maxMessageNodes()),
      page.evaluate(() => window.benchProbe.ownTime()),
    ]);
    return { open, openLongTasks, paging, pagesLoaded, loadsAfterStart, pagingLongTasks, maxMessageNodes, probeOwnTime };
  });
}

function openRow(variant: string, runs: readonly OpenRun[]): Array<string | number> {
  const ready = spread(runs.map(({ timing }) => timing.ready!));
  const ofAll = (pick: (timing: OpenTiming) => number | null) => {
    const values = runs.map(({ timing }) => pick(timing)).filter((value): value is number => value !== null);
    return values.length === 0 ? null : median(values);
  };
  const tasks = runs.flatMap((run) => run.longTasks);
  return [
    variant,
    ready.runs,
    ms(ready.median),
    ms(ready.p90),
    ms(ready.min),
    ms(ready.max),
    ms(ofAll((timing) => timing.lazyCodeFetched)),
    ms(ofAll((timing) => timing.sessionAnswered)),
    ms(ofAll((timing) => timing.readyEvent)),
    ms(ofAll((timing) => timing.composer)),
    ms(ofAll((timing) => timing.newest)),
    ms(ofAll((timing) => timing.lazyFilesBeforeClick)),
    `${over(tasks, 50)} / ${longestOf(tasks)}`,
  ];
}

const seconds = (value: number) => `${round(value / 1000, 1)} s`;
const kb = (bytes: number) => `${round(bytes / 1024, 1)} KB`;

const bench: Bench = {
  name: 'widget-browser',
  description:
    `The production build in headless Chromium against the emulator: open → composer ready with ${SHORT_CONVERSATION} messages ` +
    `(returning visitor, cold and after idle preload), the Twilio SDK chunk's cost, and paging back through ${LONG_CONVERSATION.toLocaleString('en')} messages.`,
  async run() {
    const benchStarted = Date.now();
    const loadAtStart = loadavg()[0]!;
    await mkdir(join(repoRoot, 'tmp'), { recursive: true });
    const buildDir = await mkdtemp(join(repoRoot, 'tmp', 'widget-browser-'));
    const cleanups: Array<() => Promise<unknown>> = [() => rm(buildDir, { recursive: true, force: true })];
    try {
      // Its own fresh production build (`npm run build`'s ES bundle, same config), so nobody's rebuild of dist/ interferes.
      let started = Date.now();
      await buildBrowserBundle(buildDir);
      const buildMs = Date.now() - started;
      const sdkChunk = findSdkChunk(buildDir);

      const site = await startStaticSite({ pagesDir, widgetDir: buildDir });
      cleanups.push(() => site.close());
      const stack = await startChatStack({ siteOrigin: site.origin });
      cleanups.push(() => stack.close());
      site.sessionUrl = stack.companionUrl;
      const browser = await chromium.launch({ executablePath: findOrInstallChromium(), args: CHROMIUM_ARGS });
      cleanups.push(() => browser.close());
      const setup: Setup = {
        browser,
        site,
        stack,
        initScript: await loadProbe(),
        upfrontUrls: upfrontFiles(buildDir).map((file) => `${site.origin}${WIDGET_PATH}${file}`),
      };

      started = Date.now();
      const short = await stack.newVisitor();
      await stack.postWithTwilioClient(short, SHORT_CONVERSATION);
      const shortSeedMs = Date.now() - started;
      started = Date.now();
      const long = await stack.newVisitor();
      await stack.postInProcess(long, LONG_CONVERSATION);
      const longSeedMs = Date.now() - started;
      started = Date.now();
      await stack.bridgeSettled(120_000);
      const bridgeMs = Date.now() - started;

      // Warm-up, not counted: the first context of a browser pays for starting its processes.
      await openShort(setup, short, 'cold');
      const cold: OpenRun[] = [];
      const preloaded: OpenRun[] = [];
      for (let run = 0; run < OPEN_RUNS; run += 1) {
        cold.push(await openShort(setup, short, 'cold'));
        preloaded.push(await openShort(setup, short, 'preloaded'));
      }
      const sdkTimes = spread(await timeSdkChunk(setup, sdkChunk));
      const longDeadlineAt = Date.now() + LONG_DEADLINE_MS;
      const longRuns: LongConversationRun[] = [];
      for (let run = 0; run < LONG_RUNS; run += 1) longRuns.push(await pageBackLong(setup, long, longDeadlineAt));

      const coldReady = spread(cold.map(({ timing }) => timing.ready!));
      const preloadedReady = spread(preloaded.map(({ timing }) => timing.ready!));
      const maxNodes = Math.max(...longRuns.map((run) => run.maxMessageNodes));
      const over100ByRun = longRuns.map((run) => over(run.pagingLongTasks, 100));
      const unfinished = longRuns.findIndex((run) => !run.paging.done);
      const pagingMs = median(longRuns.map((run) => run.paging.ms));

      const summary: SummaryRow[] = [
        {
          metric: `Open → composer ready, ${SHORT_CONVERSATION} messages (median of ${coldReady.runs}, nothing preloaded)`,
          value: `${ms(coldReady.median)} ms`,
          target: `≤ ${OPEN_TARGET_MS} ms`,
          met: coldReady.median <= OPEN_TARGET_MS,
        },
        {
          metric: `Open → composer ready, ${SHORT_CONVERSATION} messages (median of ${preloadedReady.runs}, after idle preload)`,
          value: `${ms(preloadedReady.median)} ms`,
          target: `≤ ${OPEN_TARGET_MS} ms`,
          met: preloadedReady.median <= OPEN_TARGET_MS,
        },
        { metric: `SDK chunk download+eval on loopback (median of ${sdkTimes.runs})`, value: `${ms(sdkTimes.median)} ms` },
        {
          metric: `Max message nodes in the DOM, ${LONG_CONVERSATION.toLocaleString('en')} messages`,
          value: `${maxNodes} (most of ${longRuns.length} runs)`,
          target: `≤ ${MAX_NODES_TARGET}`,
          met: maxNodes <= MAX_NODES_TARGET,
        },
        {
          metric: `Long tasks > 100 ms while paging ${LONG_CONVERSATION.toLocaleString('en')} messages`,
          value: `${over100ByRun.join(', ')} in ${longRuns.length} runs (longest: ${longestOf(longRuns.flatMap((run) => run.pagingLongTasks))})`,
          target: '0',
          met: over100ByRun.every((count) => count === 0),
        },
        {
          metric: `Page back through ${LONG_CONVERSATION.toLocaleString('en')} messages`,
          value:
            unfinished < 0
              ? `${seconds(pagingMs)} (median of ${longRuns.length}), ${longRuns[0]!.pagesLoaded} pages`
              : `run ${unfinished + 1} did not finish: ${longRuns[unfinished]!.paging.failure}`,
        },
      ];

      const openTable: BenchTable = {
        title: `Open → composer ready with ${SHORT_CONVERSATION} messages shown (ms after the click; the steps are medians)`,
        columns: [
          'variant',
          'runs',
          'median',
          'p90',
          'min',
          'max',
          'lazy code fetched',
          'POST /session answered',
          'bridge-chat-ready',
          'composer shown',
          'newest message shown',
          'lazy files fetched before the click (median)',
          'long tasks > 50 ms, all runs / longest',
        ],
        rows: [openRow('nothing preloaded (click once the launcher is painted)', cold), openRow('after idle preload (chat connected, hidden)', preloaded)],
      };
      const sdkTable: BenchTable = {
        title: 'Twilio SDK chunk: import() on an empty page, fresh context each run (the chunks the entry and panel share with it loaded first, untimed)',
        columns: ['files timed', 'raw', 'gzip', 'runs', 'median ms', 'p90 ms', 'min ms', 'max ms'],
        rows: [[sdkChunk.timedFiles.join(', '), kb(sdkChunk.rawBytes), kb(sdkChunk.gzipBytes), ...spreadCells(sdkTimes)]],
      };
      const longMeasures: Array<[string, (run: LongConversationRun) => string]> = [
        ['open → composer ready and newest message shown', (run) => `${ms(run.open.ready)} ms`],
        ['long tasks while opening (> 50 ms / longest)', (run) => `${over(run.openLongTasks, 50)} / ${longestOf(run.openLongTasks)}`],
        ['page back to the first message', ({ paging }) => (paging.done ? seconds(paging.ms) : `did not finish: ${paging.failure}`)],
        ['pages loaded (getMessages requests) / ms per page', (run) => `${run.pagesLoaded} / ${ms(run.paging.ms / run.pagesLoaded)}`],
        ['scrolls to the top / nudges (scroll down and up again)', ({ paging }) => `${paging.scrolls} / ${paging.nudges}`],
        ['oldest message rendered', ({ paging }) => `${paging.oldest}`],
        ['distinct messages rendered at some frame', ({ paging }) => `${paging.distinct}`],
        ['loads after the first message was rendered', (run) => `${run.loadsAfterStart}`],
        ['max message nodes in the DOM (mutations and frames, from page load)', (run) => `${run.maxMessageNodes}`],
        ['long tasks while paging > 50 ms', (run) => `${over(run.pagingLongTasks, 50)}`],
        ['long tasks while paging > 100 ms', (run) => `${over(run.pagingLongTasks, 100)}`],
        ['longest task while paging', (run) => longestOf(run.pagingLongTasks)],
        ['long tasks while paging, total time', (run) => `${ms(run.pagingLongTasks.reduce((sum, task) => sum + task.duration, 0))} ms`],
        ...[...new Set(longRuns.flatMap((run) => Object.keys(run.probeOwnTime)))].map(
          (kind): [string, (run: LongConversationRun) => string] => [
            `probe's own time: ${kind} (calls / total / longest)`,
            (run) => {
              const time = run.probeOwnTime[kind];
              return time ? `${time.calls} / ${ms(time.totalMs)} ms / ${ms(time.longestMs, 1)} ms` : '—';
            },
          ],
        ),
      ];
      const longTable: BenchTable = {
        title: `${LONG_CONVERSATION.toLocaleString('en')}-message conversation (each run a fresh context)`,
        columns: ['measure', ...longRuns.map((_, index) => `run ${index + 1}`)],
        rows: longMeasures.map(([label, cell]) => [label, ...longRuns.map(cell)]),
      };
      const setupTable: BenchTable = {
        title: 'Setup',
        columns: ['step', 'time'],
        rows: [
          ['production build (vite, ES bundle, own temp dir)', seconds(buildMs)],
          [`seed ${SHORT_CONVERSATION} messages (official twilio client, one by one)`, seconds(shortSeedMs)],
          [`seed ${LONG_CONVERSATION.toLocaleString('en')} messages (emulator REST app in-process, one by one)`, seconds(longSeedMs)],
          ['bridge mirrors them into Orchestrator', seconds(bridgeMs)],
          ['whole bench', seconds(Date.now() - benchStarted)],
        ],
      };
      return {
        summary,
        tables: [openTable, sdkTable, longTable, setupTable],
        notes: [
          `Chromium ${browser.version()} headless (${CHROMIUM_ARGS.join(' ')}), 1280×720. Each open run is a fresh browser context: cold HTTP cache, empty storage but for the stored session token (a returning visitor), set by an init script.`,
          `The page is a plain article with the README's module snippet, served by a static server with the build at /widget/; the companion (rate limits off) and the emulator run in this Node process. Chromium and Node share the machine's cores: times include that contention. Load average (1 min) when the bench started: ${round(loadAtStart, 1)}.`,
          `"Ready" = the first animation frame at which the composer's text area (part "input") is shown and enabled, the newest message is shown and at least ${SHORT_CONVERSATION} message rows (part "message") are shown (checkVisibility) — for the ${SHORT_CONVERSATION}-message conversation, all of it. Frame-granular (about 16.7 ms). Measured in the page from just before launcher.click(). The steps: the lazy chunks' last response, the companion's answer to POST /session (resource timing), bridge-chat-ready (the chat connected and got its messages).`,
          '"Nothing preloaded" clicks a frame after the launcher is first painted, before the page is idle, so the idle preload has not started ("lazy files fetched before the click" shows it). "After idle preload" waits for bridge-chat-ready (the panel loaded hidden and connected on idle) and network idle, then clicks.',
          'Offline the session\'s backend is the emulator, so the widget loads the emulator\'s browser client, not the Twilio SDK: the open times leave out the SDK chunk, whose fetch + evaluation on loopback is timed apart: import() on an empty page of the same site, after the chunks it shares with the entry and the panel (a page has those by then). Served uncompressed, as every file here.',
          `Paging: the log (part "messages") is scrolled to the top (scrollTop = 0) and the probe waits, frame by frame, for an older message to render; when a scroll brings nothing within ${PAGE_STEP_TIMEOUT_MS / 2000} s it scrolls down 600 px and up again (a nudge). Done when message 1 is rendered; then ${QUIET_AFTER_START_MS} ms more to check nothing else loads. Pages are counted as getMessages frames on the emulator's socket.`,
          'Message nodes are counted (shown or not) on every mutation of the document or any shadow root and on every frame, from page load through paging. Long tasks come from PerformanceObserver (longtask, buffered) and include the probe\'s own counting (its total is in the table).',
          `Messages: the visitor writes one of every three, the agent ("Sam") the others; texts of 1 to 3 lines, some with links. The ${LONG_CONVERSATION.toLocaleString('en')}-message case runs ${LONG_RUNS} times, all within one deadline of ${LONG_DEADLINE_MS / 60_000} min.`,
        ],
      };
    } finally {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }
  },
};

function spreadCells(values: Spread): Array<string | number> {
  return [values.runs, ms(values.median, 1), ms(values.p90, 1), ms(values.min, 1), ms(values.max, 1)];
}

export default bench;
