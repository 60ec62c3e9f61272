import type { Backend, SessionResponse } from '../../protocol/session.js';
import type { SdkClient } from '../../protocol/sdk-shape.js';
import { WidgetError } from '../errors.js';
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
      const { Client } = await fetchChunk(import('./twilio-client.js'));
      return new Client(token);
    }
    case 'emulator': {
      const { EmulatorClient } = await fetchChunk(import('../../emulator/client/index.js'));
      return new EmulatorClient(token, { realtimeUrl: backend.realtimeUrl });
    }
  }
}

/**
 * A chunk that could not be fetched (offline, or a deploy replaced it) fails as code that did not
 * load, which the chat tries again; nothing here keeps the failed import, so the next try fetches anew.
 */
function fetchChunk<T>(chunk: Promise<T>): Promise<T> {
  return chunk.catch((error: unknown) => {
    throw new WidgetError('panel_load_failed', `The chat could not be loaded (${error}).`);
  });
}
