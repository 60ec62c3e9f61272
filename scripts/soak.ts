/**
 * The long message-safety soak: test/e2e/soak.test.ts with 1,000 messages
 * (CI runs it with 200). `npm run soak`, or `npm run soak -- 5000` for another
 * count. Needs Chromium as the e2e tests do; takes several minutes.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DEFAULT_MESSAGES = '1000';

const requested = process.argv[2] ?? process.env['BRIDGE_CHAT_SOAK_MESSAGES'] ?? DEFAULT_MESSAGES;
if (!/^\d+$/.test(requested)) {
  console.error(`The message count must be a whole number (got "${requested}"), e.g. npm run soak -- 2000`);
  process.exit(2);
}

const soakTest = fileURLToPath(new URL('../test/e2e/soak.test.ts', import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', '--test', soakTest], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  stdio: 'inherit',
  env: { ...process.env, BRIDGE_CHAT_SOAK_MESSAGES: requested },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
