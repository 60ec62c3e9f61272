import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers in place of the emulator for the requests it matches (`METHOD /path?query`), to stage what the emulator cannot. */
export type Override = (request: string) => { status: number; body: unknown } | undefined;

export interface CountingProxy {
  readonly url: string;
  /** Every request that reached "Twilio", as `METHOD /path?query`, in order. */
  readonly calls: string[];
  override: Override | undefined;
  reset(): void;
  close(): Promise<void>;
}

/** Sits between a companion and the emulator and records each upstream request (as test/server/retries.test.ts does). */
export async function countingProxy(target: string): Promise<CountingProxy> {
  const calls: string[] = [];
  const proxy: CountingProxy = {
    url: '',
    calls,
    override: undefined,
    reset: () => void calls.splice(0),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url!, target);
    const call = `${request.method} ${url.pathname}${url.search}`;
    calls.push(call);
    const staged = proxy.override?.(call);
    if (staged) {
      response.writeHead(staged.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(staged.body));
      return;
    }
    try {
      const upstream = await fetch(url, { method: request.method, headers: forwardedHeaders(request), body: await bodyOf(request) });
      const type = upstream.headers.get('content-type');
      response.writeHead(upstream.status, type ? { 'Content-Type': type } : {}).end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      response.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(proxy, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

const forwardedHeaders = (request: IncomingMessage) =>
  Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
  ) as Record<string, string>;

async function bodyOf(request: IncomingMessage): Promise<Buffer<ArrayBuffer> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length > 0 ? Buffer.concat(chunks) : undefined;
}
