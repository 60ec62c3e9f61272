import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

/** The file written beside the browser build's entry. */
export const LICENCES_FILE = 'THIRD-PARTY-LICENSES.txt';

interface BundledPackage {
  name: string;
  version: string;
  licence: string;
  text: string;
}

/**
 * Writes the licences of every package bundled into the browser build to one text file beside it:
 * the minifier drops the packages' own licence headers (Lit's BSD-3 notice among them), and their
 * licences ask for the notice to travel with the code.
 */
export function thirdPartyLicences(): Plugin {
  return {
    name: 'bridge-chat:third-party-licences',
    apply: 'build',
    generateBundle(_options, bundle) {
      const packages = new Map<string, BundledPackage>();
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const id of output.moduleIds) {
          const root = packageRoot(id);
          if (root && !packages.has(root)) packages.set(root, describe(root));
        }
      }
      const sorted = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
      const sections = sorted.map(({ name, version, licence, text }) => `${name}@${version} (${licence})\n\n${text.trim()}\n`);
      this.emitFile({
        type: 'asset',
        fileName: LICENCES_FILE,
        source: `The browser build of bridge-chat bundles these packages, under these licences.\n\n${sections.join(`\n${'-'.repeat(72)}\n\n`)}`,
      });
    },
  };
}

/** The folder of the package a bundled module comes from (the nearest package.json with a name), if it is a dependency. */
function packageRoot(id: string): string | undefined {
  const path = id.replace(/^\0/, '').split('?')[0]!;
  if (!path.includes('/node_modules/')) return undefined;
  for (let dir = dirname(path); dir.includes('/node_modules/'); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && typeof (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'string') return dir;
  }
  return undefined;
}

function describe(root: string): BundledPackage {
  const { name, version, license, author } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
    author?: string | { name?: string };
  };
  const licence = license ?? 'no licence declared';
  const licenceFile = readdirSync(root).find((file) => /^(licen[cs]e|copying)([-.][\w.-]+)?$/i.test(file));
  if (licenceFile) return { name, version, licence, text: readFileSync(join(root, licenceFile), 'utf8') };
  // Some packages declare their licence but ship no text of it: say what they declare, and whose it is.
  const owner = typeof author === 'string' ? author : author?.name;
  return { name, version, licence, text: `Declared in its package.json as ${licence}${owner ? `, by ${owner}` : ''}; the package ships no licence text.` };
}
