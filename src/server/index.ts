export { createCompanion } from './app.js';
export type { IdentifiedVisitor, IdentifyHook } from './identify.js';
export {
  type CompanionOptions,
  type CompanionSettings,
  SettingsError,
  companionOptionsFromEnv,
  parseCompanionOptions,
} from './settings.js';
export { createTwilioClient, type TwilioClient } from './twilio/client.js';
export { EmulatorHttpClient, toEmulatorUrl } from './twilio/emulator-http-client.js';
export { listen, type ListenOptions, type RunningServer } from './listen.js';
