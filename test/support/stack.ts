/**
 * The backend the browser and end-to-end tests talk to: the emulator and the
 * companion, on free loopback ports, wired exactly as `npm start` wires them.
 */
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { createEmulator, loadEmulatorOptions } from '../../src/emulator/index.js';
import {
  type CompanionOptions,
  type TwilioClient,
  companionOptionsFromEnv,
  createCompanion,
  createTwilioClient,
  listen,
  parseCompanionOptions,
} from '../../src/server/index.js';

/** The header a test page uses to say which of the "site's" users is signed in. */
export const TEST_SITE_USER_HEADER = 'X-Test-Site-User';

export interface Stack {
  emulatorUrl: string;
  companionUrl: string;
  serviceSid: string;
  /** The official client, pointed at the emulator, to act as the agent. */
  twilio: TwilioClient;
  close(): Promise<void>;
}

export async function startStack(options: { allowedOrigins: string[]; companion?: Partial<CompanionOptions> }): Promise<Stack> {
  // Fault injection on: tests expire tokens and break Twilio on purpose.
  const { env } = withDemoDefaults({ BRIDGE_CHAT_EMULATOR_FAULTS: 'on' });
  const emulator = await createEmulator(loadEmulatorOptions(env)).listen({ port: 0 });
  const settings = parseCompanionOptions({
    ...companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: emulator.url }),
    allowedOrigins: options.allowedOrigins,
    // Every test browser is 127.0.0.1: a whole suite must fit in one client's budget.
    rateLimitPerIp: 10_000,
    rateLimitPerSession: 10_000,
    // A stand-in for a site's sign-in: the page names its user in a header of its own.
    allowedHeaders: [TEST_SITE_USER_HEADER],
    identify: (request) => {
      const user = request.headers.get(TEST_SITE_USER_HEADER);
      return user ? { identity: `site-user-${user}` } : undefined;
    },
    ...options.companion,
  });
  const companion = await listen(createCompanion(settings), { port: 0 });
  return {
    emulatorUrl: emulator.url,
    companionUrl: companion.url,
    serviceSid: env.TWILIO_CONVERSATIONS_SERVICE_SID!,
    twilio: createTwilioClient(settings),
    close: async () => {
      await companion.close();
      await emulator.close();
    },
  };
}
