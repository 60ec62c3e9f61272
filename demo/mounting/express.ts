/**
 * Mounting the companion in an Express site, under /chat, through
 * `getRequestListener`. The companion reads (and size-limits) its own request
 * bodies, so it is mounted before any body parser: one that ran first would
 * leave it an empty stream.
 * Run: `npx tsx demo/mounting/express.ts` with the settings in the environment
 * or `.env` (see README); in your site, import from `bridge-chat/server`.
 */
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import { createServer, type Server } from 'node:http';
import { type CompanionOptions, createCompanion } from '../../src/server/index.js';
import { runWhenStarted } from './run.js';

/** The site as a Node server, not yet listening. Without options the companion reads the environment. */
export function buildServer(options?: CompanionOptions): Server {
  const site = express();
  site.use('/chat', getRequestListener(createCompanion(options).fetch));
  site.use(express.json());
  site.post('/api/newsletter', (request, response) => {
    response.json({ subscribed: typeof request.body?.email === 'string' });
  });
  return createServer(site);
}

runWhenStarted(import.meta.url, buildServer);
