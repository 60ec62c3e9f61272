/**
 * A tiny site that embeds the widget under a strict Content-Security-Policy response header:
 * two pages (the module build and the classic IIFE build), one external page script, and the
 * browser builds at `/dist/browser/`, passed through from the demo server (which rebuilds
 * dist/browser when it is older than the sources). Nothing inline, so the policy needs no
 * 'unsafe-inline' and no hashes for the page itself either; one more page breaks the policy
 * on purpose, to show that it is enforced.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where the widget's backend is: the policy names these origins and nothing else. */
export interface CspBackend {
  companionUrl: string;
  /** The emulator, which serves the realtime socket, media uploads and media content. */
  emulatorUrl: string;
}

export interface CspSiteConfig extends CspBackend {
  /** The demo server, whose `/dist/browser/` is served here as this site's own. */
  demoUrl: string;
  /** The signed-in customer's site session, which the page hands the widget with `getAuthHeaders`. */
  siteSession: string;
}

export interface CspSite {
  origin: string;
  /** The page embedding `bridge-chat.js` (`<script type="module">`). */
  moduleUrl: string;
  /** The page embedding `bridge-chat.iife.js` (a classic `<script>`). */
  classicUrl: string;
  /** A page that breaks the policy on purpose: an inline script and an inline style attribute. */
  inlineUrl: string;
  /** The policy every response carries, once configured. */
  readonly policy: string;
  /** The backend and the session; until then, every request answers 503. */
  configure(config: CspSiteConfig): void;
  close(): Promise<void>;
}

/**
 * The strictest policy the widget works under on the emulator backend: scripts only from the
 * site itself, no style source at all (the widget's styles are constructable stylesheets),
 * connections only to the companion and the emulator (HTTP and WebSocket), images only from
 * chosen files (blob:) and the emulator's media, and nothing else; and Trusted Types, so that
 * no string becomes HTML or script but through Lit's template policy.
 */
export function strictPolicy({ companionUrl, emulatorUrl }: CspBackend): string {
  const companion = new URL(companionUrl).origin;
  const emulator = new URL(emulatorUrl).origin;
  const emulatorSocket = emulator.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    `connect-src ${companion} ${emulator} ${emulatorSocket}`,
    `img-src blob: ${emulator}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    // Strings reach no HTML or script sink, except through Lit's own policy (its templates).
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

/** The page script: the site's session for the widget, as a signed-in customer's page would give it. */
const pageScript = (siteSession: string) =>
  `document.querySelector('bridge-chat').getAuthHeaders = () => ({ 'X-Site-Session': ${JSON.stringify(siteSession)} });\n`;

function page(widgetScript: string, companionUrl: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Strict CSP</title>
    ${widgetScript}
  </head>
  <body>
    <h1>A page with a strict Content-Security-Policy</h1>
    <bridge-chat session-url="${companionUrl}"></bridge-chat>
    <script src="/page.js"></script>
  </body>
</html>
`;
}

export async function startCspSite(): Promise<CspSite> {
  let config: CspSiteConfig | undefined;
  let policy = '';

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!config) {
      response.writeHead(503).end('Not configured yet');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://site').pathname;
    const headers = { 'Content-Security-Policy': policy, 'Cache-Control': 'no-store' };
    if (path === '/module.html' || path === '/classic.html') {
      const script =
        path === '/module.html'
          ? '<script type="module" src="/dist/browser/bridge-chat.js"></script>'
          : '<script src="/dist/browser/bridge-chat.iife.js"></script>';
      response.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(page(script, config.companionUrl));
    } else if (path === '/inline.html') {
      const body = '<script>window.inlineScriptRan = true</script><p style="outline: 1px solid red">Inline code</p>';
      response.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Inline</title>${body}`);
    } else if (path === '/page.js') {
      response.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' }).end(pageScript(config.siteSession));
    } else if (path.startsWith('/dist/browser/')) {
      const built = await fetch(new URL(path.slice(1), config.demoUrl));
      const type = built.headers.get('content-type') ?? 'application/octet-stream';
      response.writeHead(built.status, { ...headers, 'Content-Type': type }).end(Buffer.from(await built.arrayBuffer()));
    } else {
      response.writeHead(404, headers).end();
    }
  }

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    moduleUrl: `${origin}/module.html`,
    classicUrl: `${origin}/classic.html`,
    inlineUrl: `${origin}/inline.html`,
    get policy() {
      return policy;
    },
    configure(next) {
      config = next;
      policy = strictPolicy(next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
