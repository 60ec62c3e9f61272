export { createCompanion } from './app.js';
export type { IdentifiedVisitor, IdentifyHook } from './identify.js';
export {
  type CompanionOptions,
  type CompanionSettings,
  SettingsError,
  companionOptionsFromEnv,
  parseCompanionOptions,
  parseTwilioOptions,
  type TwilioSettings,
} from './settings.js';
export { createTwilioClient, type TwilioClient } from './twilio/client.js';
export { EmulatorHttpClient, toEmulatorUrl } from './twilio/emulator-http-client.js';
export { listen, type ListenOptions, type RunningServer } from './listen.js';
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './rate-limit/memory-store.js';
export type { RateLimitResult, RateLimitStore } from './rate-limit/store.js';
export {
  BridgeError,
  bridgeStatus,
  createBridge,
  testBridge,
  type BridgeConfiguration,
  type BridgeStatus,
  type BridgeTestResult,
  type CreateBridgeInput,
  type CreateBridgeResult,
} from './bridge/index.js';
