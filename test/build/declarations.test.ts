/**
 * The .d.ts files the build emits serve a site as the sources do: test/types/public-api.tsx
 * (the element, its events, the React 19 JSX typings, the snippet API, and misuses that must
 * fail) type-checks against `tsc -p tsconfig.build.json`'s declarations, reached by the
 * package's export names. Emits them into tmp/, so it runs before `npm run build`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');

function run(args: string[]): void {
  try {
    execFileSync(process.execPath, [tsc, ...args], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    assert.fail(`tsc ${args.join(' ')} failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
  }
}

describe('emitted declarations', () => {
  let dir: string;

  before(() => {
    mkdirSync(join(root, 'tmp'), { recursive: true });
    dir = mkdtempSync(join(root, 'tmp', 'declarations-'));
    run(['-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--sourceMap', 'false', '--outDir', join(dir, 'dist')]);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('export the class, the error and every detail type from the package entry', () => {
    const index = readFileSync(join(dir, 'dist/widget/index.d.ts'), 'utf8');
    for (const name of [
      'BridgeChat',
      'WidgetError',
      'BridgeChatMessage',
      'BridgeChatMessageDetail',
      'BridgeChatSentDetail',
      'BridgeChatConnectionDetail',
      'BridgeChatReadyDetail',
      'BridgeChatUnreadDetail',
      'BridgeChatContextDetail',
      'BridgeChatErrorDetail',
      'BridgeChatStrings',
      'AuthHeaders',
    ]) {
      assert.match(index, new RegExp(`\\b${name}\\b`), name);
    }
  });

  it('type-check a site’s use of the public API, misuses failing', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, { types?: string } | string>;
    };
    // The package's export names, mapped as package.json maps them, onto the emitted files.
    const paths = Object.fromEntries(
      ['.', './react', './browser'].map((key) => {
        const target = pkg.exports[key];
        assert.ok(typeof target === 'object' && target.types, `exports["${key}"] has types`);
        return [key === '.' ? 'bridge-chat' : `bridge-chat/${key.slice(2)}`, [join(dir, target.types)]];
      }),
    );
    const config = join(dir, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          types: [],
          strict: true,
          jsx: 'react-jsx',
          noEmit: true,
          skipLibCheck: false,
          verbatimModuleSyntax: true,
          paths,
        },
        files: [join(root, 'test/types/public-api.tsx')],
      }),
    );
    run(['-p', config]);
  });
});
