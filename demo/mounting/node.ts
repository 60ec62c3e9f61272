/**
 * Mounting the companion in a plain `node:http` server, under /chat: the
 * companion is a fetch handler, and `getRequestListener` turns it into a Node
 * request listener.
 * Run: `npx tsx demo/mounting/node.ts` with the settings in the environment
 * or `.env` (see README); in your site, import from `bridge-chat/server`.
 */
import { getRequestListener } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import { type CompanionOptions, createCompanion } from '../../src/server/index.js';
import { runWhenStarted } from './run.js';

const PREFIX = '/chat';

/** The site as a Node server, not yet listening. Without options the companion reads the environment. */
export function buildServer(options?: CompanionOptions): Server {
  const companion = getRequestListener(createCompanion(options).fetch);
  return createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === PREFIX || url.startsWith(`${PREFIX}/`) || url.startsWith(`${PREFIX}?`)) {
      // The companion's routes start at its own root: strip the prefix, as Express does.
      const rest = url.slice(PREFIX.length);
      request.url = rest.startsWith('/') ? rest : `/${rest}`;
      void companion(request, response);
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The shop');
  });
}

runWhenStarted(import.meta.url, buildServer);
