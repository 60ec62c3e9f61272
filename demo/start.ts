/** `npm start`: the whole product on this machine, offline. */
import { existsSync } from 'node:fs';
import { startDemo } from './servers.js';

if (existsSync('.env')) process.loadEnvFile('.env');

const env = process.env;
const port = (name: string, fallback: number) => {
  const value = env[name] ?? String(fallback);
  if (!/^\d+$/.test(value) || Number(value) > 65_535) {
    console.error(`${name}="${value}" is not a port number`);
    process.exit(1);
  }
  return Number(value);
};

const demo = await startDemo({
  host: env.BRIDGE_CHAT_HOST ?? '127.0.0.1',
  ports: {
    demo: port('BRIDGE_CHAT_DEMO_PORT', 5173),
    companion: port('BRIDGE_CHAT_COMPANION_PORT', 8787),
    emulator: port('BRIDGE_CHAT_EMULATOR_PORT', 4010),
  },
  env,
});

console.log(`
  bridge-chat demo is running (offline, against the local Twilio emulator)

  Shop page      ${demo.demoUrl}   (side panel: theme, language, mode, position, customer)
  Agent console  ${demo.agentUrl}
  React example  ${demo.reactUrl}
  Vue example    ${demo.vueUrl}
  Script tag     ${demo.embedModuleUrl}   (<script type="module">)
  Classic script ${demo.embedClassicUrl}   (IIFE, for old CMSs)
                 the script-tag pages load dist/browser, built on first visit if missing or older than src/
  Companion      ${demo.companionUrl}
  Emulator       ${demo.emulatorUrl}
  Bridge         the chat service is bridged to Conversation Orchestrator (${demo.bridgeConfigurationId})
${demo.filledDefaults.length ? `\n  Demo values used for: ${demo.filledDefaults.join(', ')}\n` : ''}
  Press Ctrl+C to stop.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void demo.close().then(() => process.exit(0)));
}
