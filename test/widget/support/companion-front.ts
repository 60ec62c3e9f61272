/**
 * The runner's side of COMPANION_FRONT (see stack-protocol.ts): a pass-through in front of the
 * stack's companion, on a loopback port of its own, that can go down as a companion does when it
 * stops (its port closed, so connections are refused) and come back on the same address.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CompanionFront {
  readonly url: string;
  /** Down, its port is closed; up, it listens on the same port again and passes every request through. */
  setUp(up: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startCompanionFront(companionUrl: string): Promise<CompanionFront> {
  const target = new URL(companionUrl);
  const server = createServer((incoming, outgoing) => {
    const forwarded = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    // The companion itself never goes away during the tests; if it did, the browser sees a dropped connection.
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const shut = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Kept-alive connections would still get through.
      server.closeAllConnections();
    });

  await listen(0);
  const { port } = server.address() as AddressInfo;
  let up = true;
  return {
    url: `http://127.0.0.1:${port}`,
    async setUp(wanted) {
      if (wanted === up) return;
      up = wanted;
      await (wanted ? listen(port) : shut());
    },
    async close() {
      if (!up) return;
      up = false;
      await shut();
    },
  };
}
