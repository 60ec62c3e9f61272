import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerMalformedRequests, answerUnbuildableRequest, refuseMissingHost } from './malformed-requests.js';

export interface ListenOptions {
  port: number;
  /** Defaults to loopback: exposing the server is a deliberate choice. */
  host?: string;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

type FetchHandler = { fetch: (request: Request) => Response | Promise<Response> };

/**
 * Serves a fetch handler (the companion app) with Node's HTTP server. Requests
 * that never reach the app (malformed HTTP) get JSON error answers too.
 */
export function listen(app: FetchHandler, { port, host = '127.0.0.1' }: ListenOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const handle = getRequestListener(app.fetch, { hostname: host, errorHandler: answerUnbuildableRequest });
    // Bodies are small JSON documents: a request still unfinished after 30 s is a slow client or an
    // attack, not a visitor (Node's default waits 300 s).
    const server = createServer({ requireHostHeader: false, requestTimeout: 30_000 }, (request, response) => {
      if (!refuseMissingHost(request, response)) void handle(request, response);
    });
    answerMalformedRequests(server);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${hostForUrl}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
    server.listen(port, host);
  });
}
