/**
 * The site the in-browser bench visits, on loopback: bench/pages/*.html (with the companion's
 * URL filled in) and the widget's production build at `/widget/`, byte for byte as a CDN serves
 * it. A plain server on purpose: a dev server would add its own client to every page.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Where the build is served; the widget's entry is `${WIDGET_PATH}bridge-chat.js`. */
export const WIDGET_PATH = '/widget/';

export interface StaticSite {
  /** e.g. `http://127.0.0.1:41234`; pages are `${origin}/widget.html`. */
  origin: string;
  /** Filled into the pages' `%SESSION_URL%`: set once the companion listens (it needs this origin first). */
  sessionUrl: string;
  close(): Promise<void>;
}

/** Resolves `path` inside `dir`, or undefined when it would leave it. */
function inside(dir: string, path: string): string | undefined {
  const file = normalize(join(dir, path));
  return file.startsWith(dir + sep) ? file : undefined;
}

export async function startStaticSite(options: { pagesDir: string; widgetDir: string }): Promise<StaticSite> {
  const { pagesDir, widgetDir } = options;
  const site: StaticSite = { origin: '', sessionUrl: '', close: async () => {} };

  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://site').pathname);
    const isWidget = path.startsWith(WIDGET_PATH);
    const file = isWidget ? inside(widgetDir, path.slice(WIDGET_PATH.length)) : path.endsWith('.html') ? inside(pagesDir, path) : undefined;
    const fail = (status: number, text: string) => {
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(text);
    };
    if (request.method !== 'GET' || !file) return fail(404, `Not found: ${path}`);
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    // Each bench run uses a fresh browser context, so the HTTP cache is cold whatever these say.
    const headers = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (!isWidget) {
      readFile(file, 'utf8').then(
        (html) => {
          response.writeHead(200, headers);
          response.end(html.replaceAll('%SESSION_URL%', site.sessionUrl));
        },
        () => fail(404, `Not found: ${path}`),
      );
      return;
    }
    stat(file).then(
      (info) => {
        if (!info.isFile()) return fail(404, `Not found: ${path}`);
        response.writeHead(200, { ...headers, 'Content-Length': info.size });
        createReadStream(file).pipe(response);
      },
      () => fail(404, `Not found: ${path}`),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  site.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return site;
}
