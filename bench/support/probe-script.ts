/**
 * The in-page probe (bench/pages/probe.ts) as an init script: bundled by esbuild into one classic
 * script, then configured. Bundled rather than passed as a function to `page.evaluate`, because tsx
 * wraps named functions in a `__name` helper that does not exist in the page.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { ProbeConfig } from '../pages/probe.js';

const PROBE = fileURLToPath(new URL('../pages/probe.ts', import.meta.url));

/** Returns a function that makes the init script for one browser context. */
export async function loadProbe(): Promise<(config: ProbeConfig) => string> {
  const { outputFiles } = await build({ entryPoints: [PROBE], bundle: true, format: 'iife', target: 'es2022', write: false, logLevel: 'silent' });
  const bundle = outputFiles[0]?.text;
  if (!bundle) throw new Error(`esbuild made nothing of ${PROBE}`);
  return (config) => `${bundle}\nwindow.benchProbe.configure(${JSON.stringify(config)});`;
}
