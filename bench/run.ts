import { readdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Bench, type BenchTable, markdownTable, type SummaryRow } from './support/bench.js';

/**
 * `npm run bench [-- name…]`: runs every bench/*.ts file (or the named ones)
 * one after another, then prints one summary table of their headline numbers
 * against the targets, and writes it with every bench's details to
 * bench/results.md. Numbers only: nothing passes or fails.
 */
const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = (await readdir(here))
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .filter((file) => wanted.length === 0 || wanted.includes(basename(file, '.ts')))
  .sort();
if (files.length === 0) throw new Error(`No bench named ${wanted.join(', ')} in ${here}`);

const cpu = cpus();
const details: string[] = [];
const summary: Array<SummaryRow & { bench: string }> = [];
for (const file of files) {
  const bench = ((await import(pathToFileURL(join(here, file)).href)) as { default: Bench }).default;
  console.log(`\n▶ ${bench.name}: ${bench.description}`);
  const result = await bench.run();
  summary.push(...result.summary.map((row) => ({ ...row, bench: bench.name })));
  details.push(`## ${bench.name}`, bench.description);
  for (const table of result.tables) {
    console.log(`\n${table.title}\n${markdownTable(table)}`);
    details.push(`### ${table.title}`, markdownTable(table));
  }
  for (const note of result.notes) console.log(`· ${note}`);
  details.push(result.notes.map((note) => `- ${note}`).join('\n'));
}

const summaryTable: BenchTable = {
  title: 'Summary',
  columns: ['measure', 'measured', 'target', 'met', 'bench'],
  rows: summary.map(({ metric, value, target, met, bench }) => [
    metric,
    value,
    target ?? '',
    met === undefined ? '' : met ? 'yes' : '**no**',
    bench,
  ]),
};
console.log(`\n${summaryTable.title}\n${markdownTable(summaryTable)}`);
const machine = `Node ${process.version}, ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}`;
const sections = [
  '# Benchmarks',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}. Each bench's details follow the summary.`,
  `## ${summaryTable.title}`,
  markdownTable(summaryTable),
  ...details,
];
await writeFile(join(here, 'results.md'), `${sections.join('\n\n')}\n`);
console.log('\nWritten to bench/results.md');
