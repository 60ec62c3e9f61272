/**
 * Runs the widget's browser tests (`npm run test:browser`): starts the emulator
 * and companion, then web-test-runner in the system Chromium, and exits with its result.
 */
import { createServer } from 'node:net';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { startTestRunner } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findOrInstallChromium } from '../support/chromium.js';
import { startStack } from '../support/stack.js';
import { stackPlugin } from './stack-plugin.js';

const HOST = '127.0.0.1';

/** A loopback port that was free a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function run(): Promise<boolean> {
  const executablePath = findOrInstallChromium();
  const port = await freePort();
  const unreachableUrl = `http://${HOST}:${await freePort()}`;
  const stack = await startStack({ allowedOrigins: [`http://${HOST}:${port}`] });
  try {
    const runner = await startTestRunner({
      readCliArgs: false,
      readFileConfig: false,
      autoExitProcess: false,
      config: {
        // BRIDGE_CHAT_WIDGET_TESTS narrows a run to some files while working on them (names or paths).
        files: process.env.BRIDGE_CHAT_WIDGET_TESTS?.split(',').map((file) => (file.includes('/') ? file : `test/widget/${file}`)) ?? [
          'test/widget/**/*.test.ts',
        ],
        hostname: HOST,
        port,
        // One page at a time: the element tests share the origin's localStorage.
        concurrency: 1,
        nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
        browsers: [chromeLauncher({ launchOptions: { executablePath, args: CHROMIUM_ARGS } })],
        plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json' }), stackPlugin(stack, unreachableUrl)],
        testFramework: { config: { timeout: 15_000 } },
      },
    });
    if (!runner) return false;
    return await new Promise<boolean>((resolve) => runner.on('stopped', resolve));
  } finally {
    await stack.close();
  }
}

process.exitCode = (await run()) ? 0 : 1;
