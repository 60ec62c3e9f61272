/**
 * The browser build credits what it bundles: every package whose code a chunk carries (read from the
 * chunks' sourcemaps) has its licence in THIRD-PARTY-LICENSES.txt beside the entry, since the
 * minifier drops the packages' own licence headers.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LICENCES_FILE } from '../../build/third-party-licences.js';
import { buildBrowserBundle, bundledModules } from '../../scripts/bundle-graph.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** `lit-html` from `../node_modules/lit-html/lit-html.js`, `@twilio/conversations` from a scoped path. */
function packageOf(source: string): string | undefined {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source.slice(source.lastIndexOf('node_modules/')));
  return match?.[1];
}

describe('third-party licences of the browser build', () => {
  let dir: string;

  before(async () => {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(root, 'tmp', 'licences-'));
    await buildBrowserBundle(dir);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names every bundled package with its licence text', () => {
    const chunks = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    const bundled = new Set(chunks.flatMap((file) => (bundledModules(dir, file) ?? []).map(packageOf).filter((name) => name !== undefined)));
    assert.ok(bundled.has('lit-html') && bundled.has('@twilio/conversations'), `expected Lit and the SDK among ${[...bundled].join(', ')}`);

    const licences = readFileSync(join(dir, LICENCES_FILE), 'utf8');
    const credited = new Set([...licences.matchAll(/^((?:@[^/\s]+\/)?[^@\s]+)@\d[^\s]* \(/gm)].map(([, name]) => name));
    assert.deepEqual([...bundled].filter((name) => !credited.has(name)), [], 'bundled but not credited');
    assert.match(licences, /^lit-html@[^\n]*\(BSD-3-Clause\)\n\nBSD 3-Clause License\n\nCopyright \(c\) 2017 Google LLC/m, "Lit's BSD-3 notice");
  });
});
