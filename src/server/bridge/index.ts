export { describeRule } from './capture-rules.js';
export { bridgeStatus, type BridgeStatus } from './bridge-status.js';
export {
  CHANNELS,
  GROUPING_TYPES,
  type BridgeConfiguration,
  type CaptureRule,
  type Channel,
  type ChannelSetting,
  type GroupingType,
} from './configurations.js';
export {
  createBridge,
  type CreateBridgeInput,
  type CreateBridgeOptions,
  type CreateBridgeProgress,
  type CreateBridgeResult,
} from './create-bridge.js';
export { BridgeError, type BridgeErrorKind, describeFailure } from './errors.js';
export { BridgeHealthProbe, type DeepHealth } from './health-probe.js';
export { testBridge, type BridgeTestOptions, type BridgeTestProgress, type BridgeTestResult, type BridgeTestStep } from './test-bridge.js';
