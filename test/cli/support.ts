import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** The CLI from source, as `bridge-chat` runs it once built. */
export const CLI = ['--import', 'tsx', 'src/cli.ts'];

/** Our settings only as each test gives them (none leak in from the developer's shell). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(TWILIO_|BRIDGE_CHAT_)/.test(name)));
  return { ...env, ...extra };
}

/** Runs the CLI to its end and collects what it printed. */
export async function run(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [...CLI, ...args], { env, cwd: process.cwd() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, stdout, stderr };
}

/** Resolves with the first line matching `pattern` on stdout, then the caller stops the process. */
export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk) => {
      seen += chunk;
      const line = seen.split('\n').find((candidate) => pattern.test(candidate));
      if (line) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing ${pattern}: ${seen}`)));
  });
}
