import type { TwilioClient } from '../twilio/client.js';
import { type BridgeConfiguration, bridgingService, listConfigurations } from './configurations.js';

export interface BridgeStatus {
  serviceSid: string;
  bridged: boolean;
  /** Every configuration naming the service in `conversationsV1Bridge` (Twilio allows one). */
  configurations: BridgeConfiguration[];
}

/** Which configuration(s) bridge the classic service, with their settings. */
export async function bridgeStatus(client: TwilioClient, serviceSid: string): Promise<BridgeStatus> {
  const configurations = bridgingService(await listConfigurations(client), serviceSid);
  return { serviceSid, bridged: configurations.length > 0, configurations };
}
