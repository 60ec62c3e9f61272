import { readdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Bench, markdownTable } from './support/bench.js';

/**
 * `npm run bench [-- name…]`: runs every bench/*.ts file (or the named ones)
 * one after another, prints each result table, and writes them all to
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
const sections = [
  '# Benchmarks',
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}.`,
];
for (const file of files) {
  const bench = ((await import(pathToFileURL(join(here, file)).href)) as { default: Bench }).default;
  console.log(`\n▶ ${bench.name}: ${bench.description}`);
  const { tables, notes } = await bench.run();
  sections.push(`## ${bench.name}`, bench.description);
  for (const table of tables) {
    console.log(`\n${table.title}\n${markdownTable(table)}`);
    sections.push(`### ${table.title}`, markdownTable(table));
  }
  for (const note of notes) console.log(`· ${note}`);
  sections.push(notes.map((note) => `- ${note}`).join('\n'));
}
await writeFile(join(here, 'results.md'), `${sections.join('\n\n')}\n`);
console.log('\nWritten to bench/results.md');
