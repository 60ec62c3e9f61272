#!/usr/bin/env node
/**
 * The `bridge-chat` command: composes the companion and the emulator.
 *   bridge-chat serve     [--port 8787] [--host 127.0.0.1]
 *   bridge-chat emulator  [--port 4010] [--host 127.0.0.1] [--data FILE]
 *   bridge-chat bridge    create|status|test [options] (src/cli/bridge-command.ts)
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runBridgeCommand } from './cli/bridge-command.js';
import { type Env, withDemoDefaults } from './demo-defaults.js';
import { createEmulator, loadEmulatorOptions } from './emulator/index.js';
import { SettingsError, companionOptionsFromEnv, createCompanion, listen } from './server/index.js';

const USAGE = `Usage: bridge-chat <command> [options]

Commands:
  serve      run the companion (token, session and context API for the widget)
  emulator   run the local Twilio emulator (REST + realtime), for demos and tests
  bridge     connect the classic service to Conversation Orchestrator, as in Twilio's guide:
             bridge create | bridge status | bridge test (see bridge-chat bridge --help)

Options:
  --port <n>   port to listen on (serve: $BRIDGE_CHAT_COMPANION_PORT or 8787,
               emulator: $BRIDGE_CHAT_EMULATOR_PORT or 4010)
  --host <h>   interface to bind (default $BRIDGE_CHAT_HOST or 127.0.0.1)
  --data <f>   emulator: keep its state in this JSON file across restarts
               (default $BRIDGE_CHAT_EMULATOR_DATA, or in memory only)
  --help       show this help

Settings come from the environment or a .env file in the current folder (see README).`;

function readEnv(): Env {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

function port(flag: string | undefined, envValue: string | undefined, fallback: number): number {
  const raw = flag ?? envValue ?? String(fallback);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65_535) throw new SettingsError(`bridge-chat: port "${raw}" is not a port number`);
  return value;
}

function announceDemoDefaults(filled: string[]): void {
  if (filled.length > 0) console.log(`Using emulator demo values for: ${filled.join(', ')}`);
}

interface Flags {
  port?: string;
  host?: string;
  data?: string;
}

/** Against the emulator, unset credentials take the demo values (and we say which). */
function withEmulatorDefaults(env: Env): Env {
  if (!env.BRIDGE_CHAT_EMULATOR_URL) return env;
  const demo = withDemoDefaults(env);
  announceDemoDefaults(demo.filled);
  return demo.env;
}

async function serveCompanion(env: Env, flags: Flags) {
  const app = createCompanion(companionOptionsFromEnv(withEmulatorDefaults(env)));
  const server = await listen(app, {
    port: port(flags.port, env.BRIDGE_CHAT_COMPANION_PORT, 8787),
    host: flags.host ?? env.BRIDGE_CHAT_HOST ?? '127.0.0.1',
  });
  const target = env.BRIDGE_CHAT_EMULATOR_URL ? `the emulator at ${env.BRIDGE_CHAT_EMULATOR_URL}` : 'Twilio';
  console.log(`bridge-chat companion listening on ${server.url} (talking to ${target})`);
  return server;
}

async function serveEmulator(env: Env, flags: Flags) {
  const demo = withDemoDefaults(env);
  announceDemoDefaults(demo.filled);
  const options = loadEmulatorOptions({ ...demo.env, BRIDGE_CHAT_EMULATOR_DATA: flags.data ?? demo.env.BRIDGE_CHAT_EMULATOR_DATA });
  const emulator = createEmulator(options);
  const server = await emulator.listen({
    port: port(flags.port, env.BRIDGE_CHAT_EMULATOR_PORT, 4010),
    host: flags.host ?? env.BRIDGE_CHAT_HOST ?? '127.0.0.1',
  });
  console.log(`bridge-chat emulator listening on ${server.url} (realtime ${server.realtimeUrl})`);
  console.log(`  service ${options.serviceSid}, memory store ${options.memoryStoreId}, API key ${options.apiKey}`);
  console.log(
    `  state ${options.dataFile ? `kept in ${options.dataFile}` : 'in memory'}, demo seed ${options.seed ? 'on' : 'off'}, ` +
      `fault injection ${options.faultInjection ? 'on' : 'off'}, bridge delay ${options.bridgeDelayMs} ms`,
  );
  return server;
}

async function main(argv: string[]): Promise<void> {
  // `bridge` has options of its own and ends by itself, with its own exit code.
  if (argv[0] === 'bridge') {
    process.exitCode = await runBridgeCommand(argv.slice(1), () => withEmulatorDefaults(readEnv()));
    return;
  }
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean' } },
  });
  const [command] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(USAGE);
    return;
  }
  const env = readEnv();
  const start = { serve: serveCompanion, emulator: serveEmulator }[command];
  if (!start) throw new SettingsError(`bridge-chat: unknown command "${command}" (try --help)`);
  const server = await start(env, values);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Settings problems are the user's to fix: one line, no stack.
  const { name, code } = error as { name?: string; code?: string };
  if (name === 'SettingsError' || code?.startsWith('ERR_PARSE_ARGS')) {
    console.error((error as Error).message);
    if (code) console.error('Try bridge-chat --help.');
  } else {
    console.error(error);
  }
  process.exit(1);
});
