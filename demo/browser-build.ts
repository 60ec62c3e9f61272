/**
 * Serves the widget's browser builds (dist/browser: `bridge-chat.js` with its lazy chunks, and
 * `bridge-chat.iife.js`) at `/dist/browser/`, byte for byte as a CDN serves the published files,
 * so the demo's script-tag pages (demo/embed/) run what a snippet user gets.
 *
 * When dist/browser is missing, or older than the sources, the first request for one of the two
 * entry files builds it (the same `vite build` and `vite build --mode iife` as `npm run build`,
 * a few seconds) and then answers. The chunks and source maps are served as they are.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const browserDir = join(repoRoot, 'dist', 'browser');
/** What the browser bundle is built from. */
const SOURCES = [join(repoRoot, 'src'), join(repoRoot, 'vite.config.ts')];
const ENTRIES = ['bridge-chat.js', 'bridge-chat.iife.js'];

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Newest modification time under `path` (a file or a folder), in ms; 0 when it does not exist. */
async function newestChange(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { withFileTypes: true });
  const times = await Promise.all(entries.map((entry) => newestChange(join(path, entry.name))));
  return Math.max(info.mtimeMs, ...times);
}

/** Whether both entry files exist and are newer than every source. */
async function buildIsFresh(): Promise<boolean> {
  const built = await Promise.all(ENTRIES.map((entry) => stat(join(browserDir, entry)).catch(() => undefined)));
  if (built.some((info) => !info)) return false;
  const oldestBuilt = Math.min(...built.map((info) => info!.mtimeMs));
  const sources = await Promise.all(SOURCES.map(newestChange));
  return Math.max(...sources) <= oldestBuilt;
}

async function buildBrowserBundle(log: (message: string) => void): Promise<void> {
  log('bridge-chat demo: building the widget for the script-tag pages (dist/browser)…');
  const started = Date.now();
  // The ES build empties dist/browser first; the IIFE build adds its file beside it.
  for (const mode of ['production', 'iife']) {
    await build({ root: repoRoot, configFile: join(repoRoot, 'vite.config.ts'), mode, logLevel: 'warn' });
  }
  log(`bridge-chat demo: dist/browser built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function browserBuildPlugin(): Plugin {
  /** The build under way, so concurrent requests wait for the same one. */
  let building: Promise<void> | undefined;

  const ensureFresh = (log: (message: string) => void): Promise<void> => {
    building ??= buildIsFresh()
      .then((fresh) => (fresh ? undefined : buildBrowserBundle(log)))
      .finally(() => {
        building = undefined;
      });
    return building;
  };

  return {
    name: 'bridge-chat-demo-browser-build',
    configureServer(server) {
      // Said even at the demo's `warn` log level: the first visit waits for it.
      const log = (message: string) => server.config.logger.warn(message, { timestamp: true });
      // Before Vite's own middlewares: these files are served as built, never transformed.
      server.middlewares.use('/dist/browser', (request, response, next) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') return next();
        const path = decodeURIComponent(new URL(request.url ?? '/', 'http://demo').pathname);
        const file = normalize(join(browserDir, path));
        if (!file.startsWith(browserDir + sep)) {
          response.statusCode = 403;
          response.end();
          return;
        }
        const isEntry = ENTRIES.includes(path.replace(/^\/+/, ''));
        const ready = isEntry ? ensureFresh(log) : building ?? Promise.resolve();
        ready.then(
          async () => {
            const info = await stat(file).catch(() => undefined);
            if (!info?.isFile()) {
              response.statusCode = 404;
              response.setHeader('Content-Type', 'text/plain; charset=utf-8');
              response.end(`Not found: /dist/browser${path}\nThe script-tag pages load the widget's browser build: run npm run build first.\n`);
              return;
            }
            response.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
            response.setHeader('Content-Length', info.size);
            response.setHeader('Cache-Control', 'no-cache');
            if (request.method === 'HEAD') return void response.end();
            createReadStream(file).pipe(response);
          },
          (error: unknown) => {
            server.config.logger.error(`bridge-chat demo: building dist/browser failed: ${String(error)}`);
            response.statusCode = 500;
            response.setHeader('Content-Type', 'text/plain; charset=utf-8');
            response.end(`The widget's browser build failed (${(error as Error).message ?? error}).\nRun npm run build and read its output.\n`);
          },
        );
      });
    },
  };
}
