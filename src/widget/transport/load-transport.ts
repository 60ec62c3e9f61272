import type { Backend, SessionResponse } from '../../protocol/session.js';
import type { SdkClient } from '../../protocol/sdk-shape.js';
import { type RenewToken, SdkTransport } from './sdk-transport.js';
import type { ChatTransport } from './transport.js';

/** Loads the realtime client the session names (each is its own lazy chunk) and adapts it. */
export async function loadTransport(session: SessionResponse, renewToken: RenewToken): Promise<ChatTransport> {
  const client = await createSdkClient(session.token, session.backend);
  return new SdkTransport(client, session.conversationSid, renewToken);
}

async function createSdkClient(token: string, backend: Backend): Promise<SdkClient> {
  switch (backend.kind) {
    case 'twilio': {
      const { Client } = await import('./twilio-client.js');
      return new Client(token);
    }
    case 'emulator': {
      const { EmulatorClient } = await import('../../emulator/client/index.js');
      return new EmulatorClient(token, { realtimeUrl: backend.realtimeUrl });
    }
  }
}
