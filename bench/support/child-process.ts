/**
 * Benches that load a server run it in a process of its own, so the load
 * generator and the server each get a core instead of sharing one event loop.
 * Both sides of that arrangement live here: the bench starts a script with
 * `startChild` and asks it things; the script answers with `serveParent`.
 * They talk over Node's IPC channel: `{ id, command }` out, `{ id, result }` back.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * When set to a directory, every child writes a V8 CPU profile there when it
 * stops (`node --cpu-prof`), to see what dominates a server under load.
 */
const CPU_PROFILE_DIR = process.env['BRIDGE_CHAT_BENCH_CPU_PROF'];

interface Reply {
  id?: number;
  result?: unknown;
  error?: string;
  ready?: unknown;
}

export interface Child<Ready> {
  /** What the script announced once it was listening (its URLs). */
  readonly ready: Ready;
  readonly pid: number;
  /** Sends one of the script's commands and resolves with its answer. */
  ask(command: string): Promise<unknown>;
  /** Asks the script to close its servers and exit; kills it if it does not in time. */
  stop(): Promise<void>;
}

/** Runs `bench/support/<script>` with `node --import tsx`, `args` as its argv, and waits until it is ready. */
export async function startChild<Ready>(script: string, args: readonly string[] = []): Promise<Child<Ready>> {
  const profiling = CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', join(REPO_ROOT, 'bench', 'support', script), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await waitUntilReady<Ready>(child, script);
    return handle(child, ready);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

function waitUntilReady<Ready>(child: ChildProcess, script: string): Promise<Ready> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${script} was not ready in ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const onMessage = (reply: Reply) => {
      if (reply.ready === undefined) return;
      cleanUp();
      resolve(reply.ready as Ready);
    };
    const onExit = (code: number | null) => fail(new Error(`${script} exited (${code}) before it was ready`));
    const fail = (error: Error) => {
      cleanUp();
      reject(error);
    };
    const cleanUp = () => {
      clearTimeout(timer);
      child.off('message', onMessage).off('exit', onExit).off('error', fail);
    };
    child.on('message', onMessage).once('exit', onExit).once('error', fail);
  });
}

function handle<Ready>(child: ChildProcess, ready: Ready): Child<Ready> {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  child.on('message', ({ id, result, error }: Reply) => {
    const asked = id === undefined ? undefined : waiting.get(id);
    if (!asked) return;
    waiting.delete(id!);
    if (error === undefined) asked.resolve(result);
    else asked.reject(new Error(error));
  });
  child.once('exit', (code) => {
    for (const { reject } of waiting.values()) reject(new Error(`the child exited (${code}) before it answered`));
    waiting.clear();
  });
  const exited = once(child, 'exit');

  return {
    ready,
    pid: child.pid!,
    ask(command) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, command });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ command: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The script's side: announces `ready` to the bench, answers its commands
 * with `commands`, and on `stop` (or when the bench goes away) runs `close`
 * and exits, so a CPU profile is written and no server outlives the bench.
 */
export function serveParent(
  ready: unknown,
  commands: Record<string, () => unknown>,
  close: () => Promise<void>,
): void {
  if (!process.send) throw new Error('This script is started by a bench (bench/support/child-process.ts), with an IPC channel.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await close();
    process.disconnect?.();
    process.exit(0);
  };
  process.on('message', async ({ id, command }: { id?: number; command: string }) => {
    if (command === 'stop') return void stop();
    const run = commands[command];
    try {
      if (!run) throw new Error(`unknown command ${command}`);
      process.send!({ id, result: await run() });
    } catch (error) {
      process.send!({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  // The bench crashed or was interrupted: do not linger.
  process.once('disconnect', () => void stop());
  process.send({ ready });
}
