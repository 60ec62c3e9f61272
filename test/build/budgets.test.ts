/**
 * The browser build's byte budgets (gzip, deterministic) and the shape of its chunk graph: what a
 * page pays before the chat opens, what opening costs, and that the Twilio SDK and the emulator's
 * client arrive only through `import()`, apart. Builds the ES bundle itself into tmp/ with the
 * repo's vite.config.ts (about a second), so it runs before `npm run build`, with the Node suites.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  type BundleClass,
  type BundleFile,
  type BundleGraph,
  buildBrowserBundle,
  bundledModules,
  readBundleGraph,
  SOURCES,
  staticallyReaches,
} from '../../scripts/bundle-graph.js';

const KB = 1024;
/** Paid on every page, by visitors who never chat: the launcher budget. */
const BEFORE_OPEN_GZIP = 10 * KB;
/** Our own code once the chat opens, the Twilio SDK apart: the chat budget. */
const ON_OPEN_GZIP = 25 * KB;
/** One language's panel strings (about 2 KB): more means the pack pulled in code. */
const LANGUAGE_PACK_GZIP = 2.5 * KB;
/** One feature loaded on use (pre-chat form, history, attachments…): quick to fetch on the click that needs it. */
const ON_DEMAND_CHUNK_GZIP = 6 * KB;
/** All those features together: splitting must not become a way around the chat budget. */
const ON_DEMAND_TOTAL_GZIP = 14 * KB;

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const kbAndBytes = (bytes: number) => `${kb(bytes)} (${bytes.toLocaleString('en')} B)`;

/** One line per file, largest first, so whoever breaks a budget sees what grew. */
function listing(files: readonly BundleFile[]): string {
  return [...files]
    .sort((a, b) => b.sizes.gzip - a.sizes.gzip)
    .map(({ file, label, sizes }) => `  ${kb(sizes.gzip).padStart(9)} gzip  ${file}  (${label})`)
    .join('\n');
}

function assertWithin(what: string, files: readonly BundleFile[], budget: number): void {
  const gzip = files.reduce((sum, { sizes }) => sum + sizes.gzip, 0);
  assert.ok(gzip <= budget, `${what}: ${kbAndBytes(gzip)} gzip, over the ${kbAndBytes(budget)} budget:\n${listing(files)}`);
}

function assertEachWithin(what: string, files: readonly BundleFile[], budget: number): void {
  const over = files.filter(({ sizes }) => sizes.gzip > budget);
  assert.ok(over.length === 0, `${what} over the ${kbAndBytes(budget)} gzip budget each:\n${listing(over)}`);
}

function jsFilesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.split('\\').join('/'));
}

describe('browser bundle budgets', () => {
  let dir: string;
  let graph: BundleGraph;

  before(async () => {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(root, 'tmp', 'budgets-'));
    await buildBrowserBundle(dir);
    graph = readBundleGraph(dir);
    // The entry may only import the launcher's chunk (no map of its own); the launcher's has one.
    assert.ok(
      graph.classes.beforeOpen.some(({ file }) => bundledModules(dir, file)),
      'no sourcemap before open: this test reads them to see what chunks bundle (build.sourcemap)',
    );
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The files of these classes that bundle a module from `source` inside them (where the manifest cannot tell). */
  function inlining(classes: BundleClass[], source: RegExp): string[] {
    return classes.flatMap((name) =>
      graph.classes[name].flatMap(({ file }) =>
        // No map: a chunk that only imports or re-exports another (the launcher's map shows maps are on).
        (bundledModules(dir, file) ?? []).filter((module) => source.test(module)).map((module) => `${file} bundles ${module}`),
      ),
    );
  }

  it('sorts every JS file of the build into one class', () => {
    const classified = Object.values(graph.classes).flatMap((files) => files.map(({ file }) => file));
    assert.deepEqual([...classified].sort(), jsFilesIn(dir).sort());
  });

  it(`keeps what loads before the chat opens within ${kb(BEFORE_OPEN_GZIP)} gzip`, () => {
    assertWithin('Before open (entry and its static imports)', graph.classes.beforeOpen, BEFORE_OPEN_GZIP);
  });

  it(`keeps what opening the chat adds, besides the SDK, within ${kb(ON_OPEN_GZIP)} gzip`, () => {
    assertWithin('On open (the panel and its static imports, minus before open)', graph.classes.onOpen, ON_OPEN_GZIP);
  });

  it(`keeps each language pack within ${kb(LANGUAGE_PACK_GZIP)} gzip`, () => {
    assert.ok(graph.classes.languages.length > 0, 'no language-pack chunk: are the panel languages still loaded with import()?');
    assertEachWithin('Language packs', graph.classes.languages, LANGUAGE_PACK_GZIP);
  });

  it(`keeps each feature loaded on use within ${kb(ON_DEMAND_CHUNK_GZIP)}, all within ${kb(ON_DEMAND_TOTAL_GZIP)} gzip`, () => {
    assertEachWithin('On-demand chunks', graph.classes.onDemand, ON_DEMAND_CHUNK_GZIP);
    assertWithin('On-demand chunks together', graph.classes.onDemand, ON_DEMAND_TOTAL_GZIP);
  });

  const lazyParts = [
    { name: 'sdk', what: 'the Twilio SDK', source: SOURCES.sdk },
    { name: 'emulatorClient', what: "the emulator's client", source: SOURCES.emulatorClient },
  ] as const;
  for (const { name, what, source } of lazyParts) {
    it(`loads ${what} only through import(), never with the launcher or the panel`, () => {
      const roots = graph.roots[name];
      assert.ok(roots.length > 0, `no chunk of its own comes from ${source}: is ${what} still loaded with import()?`);
      for (const key of roots) assert.ok(graph.manifest[key]?.isDynamicEntry, `${key} is not loaded with import()`);
      assert.deepEqual(staticallyReaches(graph, 'beforeOpen', name), [], `the launcher imports ${what} statically`);
      assert.deepEqual(staticallyReaches(graph, 'onOpen', name), [], `the panel imports ${what} statically`);
      assert.deepEqual(inlining(['beforeOpen', 'onOpen'], source), [], `code of ${what} is bundled into the launcher or the panel`);
    });
  }

  it("keeps the SDK and the emulator's client out of each other's chunks", () => {
    assert.deepEqual(staticallyReaches(graph, 'sdk', 'emulatorClient'), [], "loading the SDK loads the emulator's client");
    assert.deepEqual(staticallyReaches(graph, 'emulatorClient', 'sdk'), [], "loading the emulator's client loads the SDK");
    assert.deepEqual(inlining(['sdk'], SOURCES.emulatorClient), [], "code of the emulator's client is bundled with the SDK");
    assert.deepEqual(inlining(['emulatorClient'], SOURCES.sdk), [], "code of the SDK is bundled with the emulator's client");
  });
});
