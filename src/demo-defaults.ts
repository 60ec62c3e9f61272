/**
 * Settings for running offline against the emulator. They work only there:
 * the CLI and the demo fill them in when unset and say which ones they filled.
 */
export const DEMO_DEFAULTS = {
  TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
  TWILIO_API_KEY: 'SK00000000000000000000000000000000',
  TWILIO_API_SECRET: 'emulator-demo-secret',
  TWILIO_CONVERSATIONS_SERVICE_SID: 'IS00000000000000000000000000000000',
  TWILIO_MEMORY_STORE_ID: 'mem_store_00000000000000000000000000',
  BRIDGE_CHAT_SESSION_SECRET: 'emulator-demo-session-secret-not-for-production',
} as const;

export type Env = Record<string, string | undefined>;

/** A copy of `env` with every unset demo setting filled in, and the names filled. */
export function withDemoDefaults(env: Env): { env: Env; filled: string[] } {
  const filled = Object.keys(DEMO_DEFAULTS).filter((name) => !env[name]);
  const defaults = Object.fromEntries(filled.map((name) => [name, DEMO_DEFAULTS[name as keyof typeof DEMO_DEFAULTS]]));
  return { env: { ...env, ...defaults }, filled };
}
