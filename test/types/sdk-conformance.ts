/**
 * Compile-time proof that the real SDK client fits the slice the widget's
 * adapter is written against. If the SDK drifts, `npm run typecheck` fails.
 */
import type { Client } from '@twilio/conversations';
import type { EmulatorClient } from '../../src/emulator/client/index.js';
import type { SdkChatClient, SdkClient } from '../../src/protocol/sdk-shape.js';

export const realClientFits = (client: Client): SdkClient => client;
export const emulatorClientFits = (client: EmulatorClient): SdkClient => client;

// The chat UI's additions (typing, read status, media), which include the base slice.
export const realClientFitsChat = (client: Client): SdkChatClient => client;
export const emulatorClientFitsChat = (client: EmulatorClient): SdkChatClient => client;
