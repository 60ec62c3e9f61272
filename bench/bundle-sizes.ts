import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUNDLE_CLASSES,
  type BundleClass,
  type BundleFile,
  buildBrowserBundle,
  classLinks,
  measureFile,
  readBundleGraph,
  type Sizes,
  sumSizes,
} from '../scripts/bundle-graph.js';
import type { Bench, BenchTable, SummaryRow } from './support/bench.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;
/** The issue's budgets, gzip. */
const LAUNCHER_TARGET = 10 * KB;
const CHAT_TARGET = 25 * KB;
/** What a page loads with `<script type="module" src>`: the package's own single-file build (its `main` imports other packages). */
const DEEP_CHAT_BUNDLE = 'node_modules/deep-chat/dist/deepChat.bundle.js';

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const sizeCells = (sizes: Sizes | undefined) => (sizes ? [kb(sizes.raw), kb(sizes.gzip), kb(sizes.brotli)] : ['—', '—', '—']);
const largest = (files: readonly BundleFile[]) => [...files].sort((a, b) => b.sizes.gzip - a.sizes.gzip)[0];
const budgetRow = (metric: string, gzip: number, target: number): SummaryRow => ({
  metric,
  value: kb(gzip),
  target: `≤ ${target / KB} KB`,
  met: gzip <= target,
});
const versionOf = (pkg: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

const CLASS_NAMES: Record<BundleClass, string> = {
  beforeOpen: 'before open',
  onOpen: 'on open',
  sdk: 'Twilio SDK',
  emulatorClient: 'emulator client',
  languages: 'language pack',
  onDemand: 'on demand',
};

const bench: Bench = {
  name: 'bundle-sizes',
  description:
    "The browser build, by when a page pays for each part (before open, on open, on use), beside an eager one-file build of the same widget and deep-chat's bundle.",
  async run() {
    mkdirSync(join(ROOT, 'tmp'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'tmp', 'bundle-sizes-'));
    try {
      const [es, iife, eager] = ['es', 'iife', 'eager'].map((variant) => join(dir, variant)) as [string, string, string];
      await buildBrowserBundle(es, 'es');
      await buildBrowserBundle(iife, 'iife');
      await buildBrowserBundle(eager, 'eager');

      const graph = readBundleGraph(es);
      const { classes } = graph;
      const launcher = sumSizes(classes.beforeOpen);
      const chat = sumSizes(classes.onOpen);
      const sdk = sumSizes(classes.sdk);
      const twilioChat = sumSizes([...classes.beforeOpen, ...classes.onOpen, ...classes.sdk]);
      const eagerSizes = measureFile(join(eager, 'bridge-chat.js'));
      const deepChat = measureFile(join(ROOT, DEEP_CHAT_BUNDLE));
      const biggestFeature = largest(classes.onDemand);
      const biggestLanguage = largest(classes.languages);
      const files = (name: BundleClass) => `${classes[name].length} file${classes[name].length === 1 ? '' : 's'}`;

      const parts: BenchTable = {
        title: 'Bundle sizes',
        columns: ['part', 'raw', 'gzip', 'brotli'],
        rows: [
          [`Launcher, before open (${files('beforeOpen')})`, ...sizeCells(launcher)],
          [`Chat on open, our code (${files('onOpen')})`, ...sizeCells(chat)],
          [`On-demand chunks, total (${files('onDemand')})`, ...sizeCells(sumSizes(classes.onDemand))],
          [`On-demand chunk, largest (${biggestFeature?.label ?? 'none'})`, ...sizeCells(biggestFeature?.sizes)],
          [`Language pack, largest (${biggestLanguage?.label ?? 'none'})`, ...sizeCells(biggestLanguage?.sizes)],
          [`Twilio SDK chunk (${files('sdk')})`, ...sizeCells(sdk)],
          [`Emulator client (${files('emulatorClient')})`, ...sizeCells(sumSizes(classes.emulatorClient))],
          ['A Twilio chat from page load: launcher + chat + SDK', ...sizeCells(twilioChat)],
          ['IIFE, bridge-chat.iife.js (everything)', ...sizeCells(measureFile(join(iife, 'bridge-chat.iife.js')))],
          ['Eager build, one ES file (everything)', ...sizeCells(eagerSizes)],
          [`deep-chat ${versionOf('deep-chat')}, deepChat.bundle.js`, ...sizeCells(deepChat)],
        ],
      };
      const everyFile: BenchTable = {
        title: 'Every file of the ES build',
        columns: ['class', 'file', 'source', 'raw', 'gzip', 'brotli'],
        rows: BUNDLE_CLASSES.flatMap((name) =>
          classes[name].map(({ file, label, sizes }) => [CLASS_NAMES[name], file, label, ...sizeCells(sizes)]),
        ),
      };

      return {
        summary: [
          budgetRow('Launcher (before open), gzip', launcher.gzip, LAUNCHER_TARGET),
          budgetRow('Chat on open (our code, no SDK), gzip', chat.gzip, CHAT_TARGET),
          { metric: 'Eager build of the same widget (one file), gzip', value: kb(eagerSizes.gzip) },
          { metric: `deep-chat ${versionOf('deep-chat')} bundle, gzip`, value: kb(deepChat.gzip) },
        ],
        tables: [parts, everyFile],
        notes: [
          'Built in this run from the sources with vite.config.ts: the ES build (what `npm run build` ships), the IIFE (`--mode iife`), and the eager build (the same entry and config, `codeSplitting: false`: every import() inlined into one file).',
          'Classes come from the ES build\'s manifest: "before open" is the entry and its static imports; "on open" is the chat panel\'s chunk and its static imports, minus those; the SDK, the emulator client and the language packs are the chunks of those sources (with static imports not counted above); "on demand" is every other chunk, loaded when a feature is used.',
          `Static imports between classes (a chunk that needs another loads it first): ${
            classLinks(graph).map(([from, to]) => `${CLASS_NAMES[from]} → ${CLASS_NAMES[to]}`).join(', ') || 'none'
          }.`,
          'A Twilio session loads the launcher, the chat and the SDK (plus its language pack when not English); an emulator session loads the emulator client instead of the SDK. The IIFE and the eager build hold everything, SDK and emulator client included.',
          `deep-chat: ${DEEP_CHAT_BUNDLE}, its self-contained ES bundle (its package main, dist/deepChat.js, imports remarkable and other packages by name, so a page without a bundler loads the bundle). It is an AI chat element with no Twilio SDK: a peer in weight, not in features.`,
          'Sizes per file with node:zlib: gzip level 9, brotli quality 11 (text mode); a part of several files is the sum of the files compressed one by one, as a browser fetches them. 1 KB = 1024 bytes. Raw sizes include the sourceMappingURL comment.',
          `Versions: vite ${versionOf('vite')}, rolldown ${versionOf('rolldown')}, lit ${versionOf('lit')}, @twilio/conversations ${versionOf('@twilio/conversations')}, deep-chat ${versionOf('deep-chat')}.`,
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
