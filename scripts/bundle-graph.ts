/**
 * The browser build's chunk graph, read from Vite's manifest (`<dir>/.vite/manifest.json`) and
 * sorted by when a page pays for each file: before anyone opens the chat, on open, the Twilio SDK,
 * the emulator's client, language packs, and features loaded on use. The size budgets
 * (test/build/budgets.test.ts) and the bundle-size bench read it. Chunks are recognised by the
 * source module they come from, never by file name, so the graph follows any new split.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One chunk of `.vite/manifest.json`, keyed by its source path (or `_name-hash.js` for a shared chunk). */
export interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  /** Keys of the chunks this one imports statically. */
  imports?: string[];
  /** Keys of the chunks this one loads with `import()`. */
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** In the order a page meets them; each file of the build falls in the first class that claims it. */
export const BUNDLE_CLASSES = ['beforeOpen', 'onOpen', 'sdk', 'emulatorClient', 'languages', 'onDemand'] as const;
export type BundleClass = (typeof BUNDLE_CLASSES)[number];

/**
 * Source paths that name a class's chunks. They match anywhere in the path: Vite writes paths
 * relative to the project root, which for a linked node_modules may start with `../`.
 */
export const SOURCES = {
  panel: /(^|\/)src\/widget\/chat-panel\/chat-panel\.ts$/,
  /** The SDK itself, and our one-line re-export that the panel imports it through. */
  sdk: /(^|\/)(node_modules\/@twilio\/conversations\/|src\/widget\/transport\/twilio-client\.ts$)/,
  emulatorClient: /(^|\/)src\/emulator\/client\//,
  languages: /(^|\/)src\/widget\/i18n\/panel\/[^/]+\.ts$/,
};

export interface Sizes {
  readonly raw: number;
  /** gzip, level 9. */
  readonly gzip: number;
  /** brotli, quality 11. */
  readonly brotli: number;
}

export interface BundleFile {
  /** The manifest key. */
  key: string;
  /** Relative to the build directory, e.g. `chunks/chat-panel-DW_XXGA0.js`. */
  file: string;
  /** Its source module, or `shared: <name>` for a chunk of code several others import. */
  label: string;
  sizes: Sizes;
}

export interface BundleGraph {
  dir: string;
  manifest: Manifest;
  /** Every JS file of the build, each in exactly one class. */
  classes: Record<BundleClass, BundleFile[]>;
  /** The chunks each class starts from: the entry, the panel, the SDK's own chunk… */
  roots: Record<BundleClass, string[]>;
  /** Each class's static closure from its roots, before files claimed by earlier classes are removed. */
  reach: Record<BundleClass, Set<string>>;
}

/** Brotli at quality 11 takes about a second on the SDK chunk, so it is computed when first read. */
export function measure(bytes: Uint8Array): Sizes {
  let brotli: number | undefined;
  return {
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    get brotli() {
      brotli ??= brotliCompressSync(bytes, {
        params: {
          [zlib.BROTLI_PARAM_QUALITY]: 11,
          [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
          [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
        },
      }).byteLength;
      return brotli;
    },
  };
}

export function measureFile(path: string): Sizes {
  return measure(readFileSync(path));
}

export function sumSizes(files: readonly { sizes: Sizes }[]): Sizes {
  return files.reduce((sum, { sizes }) => ({ raw: sum.raw + sizes.raw, gzip: sum.gzip + sizes.gzip, brotli: sum.brotli + sizes.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}

export function readManifest(dir: string): Manifest {
  if (!existsSync(dir)) throw new Error(`No browser build at ${dir}: run npm run build first.`);
  const path = join(dir, '.vite', 'manifest.json');
  if (!existsSync(path)) throw new Error(`No Vite manifest at ${path}: run npm run build first (vite.config.ts writes it).`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The given chunks and every chunk they import statically, transitively. */
export function staticClosure(manifest: Manifest, keys: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const pending = [...keys];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    if (seen.has(key)) continue;
    seen.add(key);
    pending.push(...(manifest[key]?.imports ?? []));
  }
  return seen;
}

const isJs = (chunk: ManifestChunk) => chunk.file.endsWith('.js');

function keysFrom(manifest: Manifest, source: RegExp): string[] {
  return Object.keys(manifest).filter((key) => manifest[key]?.src !== undefined && source.test(manifest[key].src));
}

/** The roots of each class, and which manifest keys each class holds. */
export function classify(manifest: Manifest): Pick<BundleGraph, 'roots' | 'reach'> & { members: Record<BundleClass, string[]> } {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  const panel = keysFrom(manifest, SOURCES.panel);
  if (entries.length === 0) throw new Error('The manifest has no entry chunk.');
  if (panel.length === 0) throw new Error(`No chunk in the manifest comes from the chat panel (${SOURCES.panel}).`);
  const roots: Record<BundleClass, string[]> = {
    beforeOpen: entries,
    onOpen: panel,
    sdk: keysFrom(manifest, SOURCES.sdk),
    emulatorClient: keysFrom(manifest, SOURCES.emulatorClient),
    languages: keysFrom(manifest, SOURCES.languages),
    onDemand: [],
  };
  const named = new Set(Object.values(roots).flat());
  roots.onDemand = Object.keys(manifest).filter((key) => manifest[key]?.isDynamicEntry && !named.has(key));

  const taken = new Set<string>();
  const reach = {} as Record<BundleClass, Set<string>>;
  const members = {} as Record<BundleClass, string[]>;
  for (const name of BUNDLE_CLASSES) {
    reach[name] = staticClosure(manifest, roots[name]);
    // Whatever no class claimed (a chunk only on-demand features share) is paid on use too.
    const candidates = name === 'onDemand' ? Object.keys(manifest) : [...reach[name]];
    members[name] = candidates.filter((key) => !taken.has(key) && manifest[key] !== undefined && isJs(manifest[key]));
    for (const key of members[name]) taken.add(key);
  }
  return { roots, reach, members };
}

/** Reads and measures the build in `dir` (a `dist/browser` made with the manifest on). */
export function readBundleGraph(dir: string): BundleGraph {
  const manifest = readManifest(dir);
  const { roots, reach, members } = classify(manifest);
  const fileOf = (key: string): BundleFile => {
    const chunk = manifest[key]!;
    const path = join(dir, chunk.file);
    if (!existsSync(path)) throw new Error(`The manifest lists ${chunk.file}, which is not in ${dir}: run npm run build again.`);
    return { key, file: chunk.file, label: chunk.src ?? `shared: ${chunk.name ?? key}`, sizes: measureFile(path) };
  };
  const classes = Object.fromEntries(BUNDLE_CLASSES.map((name) => [name, members[name].map(fileOf)])) as Record<BundleClass, BundleFile[]>;
  return { dir, manifest, classes, roots, reach };
}

/** The roots of class `to` that class `from` reaches by static imports alone (it should wait for an `import()`). */
export function staticallyReaches(graph: BundleGraph, from: BundleClass, to: BundleClass): string[] {
  return graph.roots[to].filter((key) => graph.reach[from].has(key));
}

/** Which classes import which, statically: one `[from, to]` per pair, for a reader of the graph. */
export function classLinks(graph: BundleGraph): Array<[BundleClass, BundleClass]> {
  const classOf = new Map(BUNDLE_CLASSES.flatMap((name) => graph.classes[name].map(({ key }) => [key, name] as const)));
  const links = new Set<string>();
  for (const [key, from] of classOf) {
    for (const imported of graph.manifest[key]?.imports ?? []) {
      const to = classOf.get(imported);
      if (to !== undefined && to !== from) links.add(`${from} ${to}`);
    }
  }
  return [...links].map((link) => link.split(' ') as [BundleClass, BundleClass]);
}

/**
 * The source modules bundled into one file, from its sourcemap (paths relative to the map), or
 * undefined without one (Rolldown writes none for a chunk that only re-exports another). Shows
 * code inlined into a chunk, which the manifest does not.
 */
export function bundledModules(dir: string, file: string): string[] | undefined {
  const map = join(dir, `${file}.map`);
  if (!existsSync(map)) return undefined;
  return (JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] }).sources;
}

/**
 * The widget's browser build into `outDir`, with the repo's vite.config.ts: `es` is what
 * `npm run build` ships (with the manifest), `iife` the classic script, and `eager` the same
 * entry as one ES file with every `import()` inlined, for comparison.
 */
export async function buildBrowserBundle(outDir: string, variant: 'es' | 'iife' | 'eager' = 'es'): Promise<void> {
  const { build } = await import('vite');
  const eager = { manifest: false, rolldownOptions: { output: { codeSplitting: false } } };
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    mode: variant === 'iife' ? 'iife' : 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, ...(variant === 'eager' ? eager : {}) },
  });
}
