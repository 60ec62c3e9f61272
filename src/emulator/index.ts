import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { verifyAccessToken } from './access-token.js';
import { createRestApp } from './app.js';
import type { EmulatorOptions } from './options.js';
import { createRealtimeServer, REALTIME_PATH } from './realtime/server.js';
import { ConversationStore } from './classic/store.js';

export { SettingsError, loadEmulatorOptions, type EmulatorOptions } from './options.js';

export interface Emulator {
  /** The REST surface as a fetch handler, usable without a server (e.g. `app.request(...)`). */
  readonly app: Hono;
  /**
   * Serves REST and the realtime WebSocket on one port. The state lives in the
   * emulator, so it survives a close and a new listen.
   */
  listen(options: { port: number; host?: string }): Promise<RunningEmulator>;
}

export interface RunningEmulator {
  /** Base URL for the routing rule, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  /** The browser client's endpoint, e.g. `ws://127.0.0.1:4010/realtime`. */
  readonly realtimeUrl: string;
  /** Drops every socket and stops the server; resolves when it is down. */
  close(): Promise<void>;
}

/** A local stand-in for the Twilio APIs bridge-chat uses; the configured service exists from start. */
export function createEmulator(options: EmulatorOptions): Emulator {
  const store = new ConversationStore();
  const app = createRestApp(options, store);
  const verifyToken = (token: string) => verifyAccessToken(token, options);

  return {
    app,
    async listen({ port, host = '127.0.0.1' }) {
      const realtime = createRealtimeServer({ store, verifyToken });
      const server = createServer(getRequestListener(app.fetch));
      server.on('upgrade', (request, socket, head) => realtime.handleUpgrade(request, socket, head));

      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      }).catch(async (error: unknown) => {
        await realtime.close();
        throw error;
      });

      const authority = `${urlHost(host)}:${(server.address() as AddressInfo).port}`;
      let closing: Promise<void> | undefined;
      return {
        url: `http://${authority}`,
        realtimeUrl: `ws://${authority}${REALTIME_PATH}`,
        close() {
          closing ??= (async () => {
            await realtime.close();
            await new Promise<void>((resolve, reject) => {
              server.close((error) => (error ? reject(error) : resolve()));
              server.closeAllConnections();
            });
          })();
          return closing;
        },
      };
    },
  };
}

/** How to reach a bound host from this machine: wildcard binds via loopback, IPv6 in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
