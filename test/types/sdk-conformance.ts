/**
 * Compile-time proof that the real SDK client and the emulator's browser
 * client both fit the slice the widget's adapter is written against. If the
 * SDK drifts, `npm run typecheck` fails.
 */
import type { Client } from '@twilio/conversations';
import type { EmulatorClient } from '../../src/emulator/client/index.js';
import type { SdkClient } from '../../src/protocol/sdk-shape.js';

export const realClientFits = (client: Client): SdkClient => client;
export const emulatorClientFits = (client: EmulatorClient): SdkClient => client;
