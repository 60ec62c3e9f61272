/**
 * The in-browser bench's instruments, installed in every page before the page's own scripts
 * (bundled by esbuild and added with `addInitScript`; see bench/support/probe-script.ts). They know
 * the widget only by its public hooks: the `<bridge-chat>` element, its `bridge-chat-*` events and
 * its shadow parts (`launcher`, `input`, `messages`, `message`), found across nested open shadow
 * roots, never by internal class names. Times are `performance.now()` milliseconds.
 *
 * From its start the probe records long tasks (buffered), the `bridge-chat-ready` event and the
 * most message nodes the DOM held at once, sampled on every mutation of any shadow root and on
 * every animation frame. It learns of shadow roots by wrapping `attachShadow`, which is cheaper
 * than walking the tree each time (its own time is reported, as it runs inside the tasks it measures).
 */
import { ordinalOf } from '../support/bench-messages.js';

/** What the bench tells the probe before the page loads. */
export interface ProbeConfig {
  /** Written to localStorage first thing, so the widget finds a stored session: a returning visitor. */
  storage?: { key: string; value: string };
  /** Open the chat as soon as the launcher has been painted, and time it (read with `openTiming()`). */
  autoOpen?: OpenExpectation;
  /** The widget's files every page loads (its entry and the entry's static imports), as URLs: the rest is lazy. */
  upfrontUrls?: string[];
}

/** What "the chat is ready" means for one conversation. */
export interface OpenExpectation {
  /** The newest message's place: it must be shown. */
  newestOrdinal: number;
  /** At least this many message rows must be shown (0: only the newest). */
  messages: number;
  /** Give up after this long (ms after the click). */
  timeoutMs: number;
}

/** One open, in ms after the click; null when not reached before the timeout. */
export interface OpenTiming {
  /** The composer's text area is shown and enabled, the newest message and `messages` rows are shown. */
  ready: number | null;
  composer: number | null;
  newest: number | null;
  /** `bridge-chat-ready` fired (the chat connected). Before the click (negative) when the chat connected while preloaded. */
  readyEvent: number | null;
  /** Message rows shown when it finished (or gave up). */
  shown: number;
  /** Lazy files of the widget's build (not in `upfrontUrls`) that had started loading before the click. */
  lazyFilesBeforeClick: number;
  /** The last lazy file of the widget's build requested after the click had arrived (fetched, not yet run). */
  lazyCodeFetched: number | null;
  /** The companion's answer to `POST /session` (asked after the click) had arrived. */
  sessionAnswered: number | null;
  /** When the click happened (performance.now()), to cut the long tasks at. */
  clickedAt: number;
}

export interface PagingOptions {
  /** The first message's place: paging is done once it is rendered. */
  firstOrdinal: number;
  /** Give up when one scroll to the top renders nothing older for this long (after one nudge). */
  stepTimeoutMs: number;
  /** Give up on the whole paging after this long. */
  deadlineMs: number;
}

export interface PagingResult {
  done: boolean;
  /** Why it stopped early, with how far it got. */
  failure?: string;
  startedAt: number;
  ms: number;
  /** Scrolls to the top of the log. */
  scrolls: number;
  /** Times a scroll to the top brought nothing and the probe scrolled down and up again. */
  nudges: number;
  /** The oldest message rendered. */
  oldest: number;
  /** Distinct seeded messages rendered at some frame while paging (rows skipped over never render). */
  distinct: number;
}

export interface LongTask {
  start: number;
  duration: number;
}

export interface BenchProbe {
  configure(config: ProbeConfig): void;
  /** The auto-open's timing (see `ProbeConfig.autoOpen`). */
  openTiming(): Promise<OpenTiming>;
  /** Clicks the launcher now and times the open. */
  clickLauncher(expectation: OpenExpectation): Promise<OpenTiming>;
  /** Resolves with the time `bridge-chat-ready` first fired (at once if it has), rejects after `timeoutMs`. */
  whenReadyEvent(timeoutMs: number): Promise<number>;
  /** Scrolls the message log to the top, again and again, until the first message is rendered. */
  pageBack(options: PagingOptions): Promise<PagingResult>;
  /** The most message rows the DOM held at once since the page started. */
  maxMessageNodes(): number;
  /** Long tasks that started within [from, to]. */
  longTasks(from: number, to: number): LongTask[];
  /** `bridge-chat-error` details heard so far, for failure messages. */
  errors(): string[];
  /** Imports `prepare` in order (untimed), then times `import(url)`: fetch, parse and evaluation of one module. */
  timeImport(prepare: string[], url: string): Promise<number>;
  /** The probe's own time on the main thread, by kind of work: it is inside the long tasks it reports. */
  ownTime(): Record<string, OwnTime>;
}

export interface OwnTime {
  calls: number;
  totalMs: number;
  longestMs: number;
}

declare global {
  interface Window {
    benchProbe: BenchProbe;
  }
}

const MESSAGE = '[part~="message"]';
/** Every open shadow root the page attached (see the `attachShadow` wrapper below). */
const knownRoots: ShadowRoot[] = [];

/** Every element matching `selector`, in the document and in every open shadow root on the page. */
function deepQueryAll(selector: string): Element[] {
  const scopes: Array<Document | ShadowRoot> = [document, ...knownRoots.filter((root) => root.host.isConnected)];
  return scopes.flatMap((scope) => [...scope.querySelectorAll(selector)]);
}

const shown = (element: Element) => element.checkVisibility();
/** Resolves in the next animation frame (before its paint) with the time then. */
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

/** The part `launcher` of the page's `<bridge-chat>`, once it is painted. */
function launcher(): HTMLElement | undefined {
  const element = document.querySelector('bridge-chat')?.shadowRoot?.querySelector<HTMLElement>('[part~="launcher"]');
  return element && shown(element) ? element : undefined;
}

/** The composer's text area, when it is shown and takes text. */
function composerReady(): boolean {
  return deepQueryAll('textarea[part~="input"]').some(
    (element) => element instanceof HTMLTextAreaElement && !element.disabled && !element.readOnly && shown(element),
  );
}

// ——— Always on, from the page's start ———

const longTasks: LongTask[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

let readyEventAt: number | undefined;
const errors: string[] = [];
document.addEventListener('bridge-chat-ready', (event) => (readyEventAt ??= event.timeStamp));
document.addEventListener('bridge-chat-error', (event) => {
  const { code, message } = (event as CustomEvent<{ code: string; message: string }>).detail;
  errors.push(`${code}: ${message}`);
});

const ownTime: Record<string, OwnTime> = {};
/** Runs `work`, adding its duration to the probe's own time spent on `kind`. */
function timed<T>(kind: string, work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    const spent = performance.now() - started;
    const sum = (ownTime[kind] ??= { calls: 0, totalMs: 0, longestMs: 0 });
    sum.calls += 1;
    sum.totalMs += spent;
    sum.longestMs = Math.max(sum.longestMs, spent);
  }
}

/** Counts message rows in the DOM (shown or not) on every mutation anywhere and every frame, keeping the most. */
let maxMessageNodes = 0;
function countMessageNodes(): void {
  maxMessageNodes = Math.max(maxMessageNodes, deepQueryAll(MESSAGE).length);
}
const mutations = new MutationObserver(() => timed('count rows on mutations', countMessageNodes));
mutations.observe(document, { childList: true, subtree: true });

/**
 * Every open shadow root the page attaches, recorded as it is attached: the probe wraps
 * `attachShadow` before any script runs, so it never walks the tree to find them.
 */
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
  const root = attachShadow.call(this, init);
  if (init.mode === 'open') {
    knownRoots.push(root);
    mutations.observe(root, { childList: true, subtree: true });
  }
  return root;
};

const sampleEveryFrame = () => {
  requestAnimationFrame(sampleEveryFrame);
  timed('count rows every frame', countMessageNodes);
};
requestAnimationFrame(sampleEveryFrame);

// ——— Opening ———

/** Clicks the launcher and watches every frame until the chat is ready as `expectation` says. */
async function openAndTime(button: HTMLElement, expectation: OpenExpectation): Promise<OpenTiming> {
  const clickedAt = performance.now();
  const lazyFilesBeforeClick = performance
    .getEntriesByType('resource')
    .filter((resource) => resource.startTime < clickedAt && /\/widget\//.test(resource.name) && !upfrontUrls.includes(resource.name)).length;
  button.click();
  const since = (time: number | undefined) => (time === undefined ? null : time - clickedAt);
  let composer: number | undefined;
  let newest: number | undefined;
  let ready: number | undefined;
  let rows = 0;
  while (ready === undefined) {
    const frame = await nextFrame();
    if (frame - clickedAt > expectation.timeoutMs) break;
    const messages = timed('open checks (with layout)', () => deepQueryAll(MESSAGE).filter(shown));
    rows = messages.length;
    if (composer === undefined && timed('open checks (with layout)', composerReady)) composer = frame;
    if (newest === undefined && messages.some((message) => ordinalOf(message.textContent ?? '') === expectation.newestOrdinal)) {
      newest = frame;
    }
    if (composer !== undefined && newest !== undefined && rows >= expectation.messages) ready = frame;
  }
  // Resource timing gives when each response ended, cross-origin ones included (their details are hidden).
  const afterClick = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
    (resource) => resource.startTime >= clickedAt,
  );
  const lazyFiles = afterClick.filter((resource) => /\/widget\//.test(resource.name) && !upfrontUrls.includes(resource.name));
  const session = afterClick.find((resource) => new URL(resource.name).pathname.endsWith('/session'));
  return {
    ready: since(ready),
    composer: since(composer),
    newest: since(newest),
    readyEvent: since(readyEventAt),
    shown: rows,
    lazyFilesBeforeClick,
    lazyCodeFetched: lazyFiles.length === 0 ? null : Math.max(...lazyFiles.map((resource) => resource.responseEnd)) - clickedAt,
    sessionAnswered: session ? session.responseEnd - clickedAt : null,
    clickedAt,
  };
}

let autoOpen: Promise<OpenTiming> | undefined;
let upfrontUrls: string[] = [];

/** Waits for the launcher to be painted (a frame after it is laid out), then opens. */
async function openWhenLauncherShown(expectation: OpenExpectation): Promise<OpenTiming> {
  let button = launcher();
  while (!button) {
    await nextFrame();
    button = launcher();
  }
  await nextFrame();
  return openAndTime(button, expectation);
}

// ——— Paging back ———

/** Oldest seeded message in the DOM now, adding every one there to `seen`. */
function oldestInDom(seen: Set<number>): number {
  let oldest = Infinity;
  for (const message of deepQueryAll(MESSAGE)) {
    const ordinal = ordinalOf(message.textContent ?? '');
    if (ordinal === undefined) continue;
    seen.add(ordinal);
    oldest = Math.min(oldest, ordinal);
  }
  return oldest;
}

async function pageBack({ firstOrdinal, stepTimeoutMs, deadlineMs }: PagingOptions): Promise<PagingResult> {
  const startedAt = performance.now();
  const seen = new Set<number>();
  let oldest = oldestInDom(seen);
  let scrolls = 0;
  let nudges = 0;
  const result = (failure?: string): PagingResult => ({
    done: failure === undefined,
    ...(failure === undefined ? {} : { failure }),
    startedAt,
    ms: performance.now() - startedAt,
    scrolls,
    nudges,
    oldest,
    distinct: seen.size,
  });
  /** Waits frame by frame for an older message than `before` to render; false after `ms`. */
  const olderWithin = async (before: number, ms: number) => {
    for (const until = performance.now() + ms; performance.now() < until; ) {
      await nextFrame();
      oldest = Math.min(oldest, timed('paging checks', () => oldestInDom(seen)));
      if (oldest < before) return true;
    }
    return false;
  };

  while (oldest > firstOrdinal) {
    if (performance.now() - startedAt > deadlineMs) {
      return result(`deadline of ${deadlineMs} ms passed with message ${oldest} the oldest rendered, after ${scrolls} scrolls`);
    }
    const log = deepQueryAll('[part~="messages"]').find(shown);
    if (!log) return result('the message log (part "messages") is not shown');
    const before = oldest;
    log.scrollTop = 0;
    scrolls += 1;
    if (await olderWithin(before, stepTimeoutMs / 2)) continue;
    // At the top already, a scroll to the top does nothing: a visitor scrolls down a little and up again.
    nudges += 1;
    log.scrollTop = Math.min(600, log.scrollHeight);
    await nextFrame();
    log.scrollTop = 0;
    if (!(await olderWithin(before, stepTimeoutMs / 2))) {
      return result(`nothing older than message ${oldest} rendered within ${stepTimeoutMs} ms of scrolling to the top (scroll ${scrolls})`);
    }
  }
  return result();
}

window.benchProbe = {
  configure(config) {
    if (config.storage) localStorage.setItem(config.storage.key, config.storage.value);
    upfrontUrls = config.upfrontUrls ?? [];
    if (config.autoOpen) autoOpen = openWhenLauncherShown(config.autoOpen);
  },
  openTiming() {
    return autoOpen ?? Promise.reject(new Error('The probe was not configured to open the chat (autoOpen).'));
  },
  async clickLauncher(expectation) {
    const button = launcher();
    if (!button) throw new Error('The launcher (part "launcher" of <bridge-chat>) is not shown.');
    return openAndTime(button, expectation);
  },
  async whenReadyEvent(timeoutMs) {
    for (const until = performance.now() + timeoutMs; readyEventAt === undefined; await nextFrame()) {
      if (performance.now() > until) throw new Error(`bridge-chat-ready did not fire within ${timeoutMs} ms (${errors.join('; ') || 'no error event'})`);
    }
    return readyEventAt;
  },
  pageBack,
  maxMessageNodes: () => maxMessageNodes,
  longTasks: (from, to) => longTasks.filter((task) => task.start >= from && task.start <= to),
  errors: () => [...errors],
  async timeImport(prepare, url) {
    for (const module of prepare) await import(module);
    const started = performance.now();
    await import(url);
    return performance.now() - started;
  },
  ownTime: () => ownTime,
};
