/**
 * Mounting the companion in a Hono site, under /chat. Hono composes apps, so
 * the companion keeps its own CORS, limits and JSON errors under the prefix.
 * Run: `npx tsx demo/mounting/hono.ts` with the settings in the environment
 * or `.env` (see README); in your site, import from `bridge-chat/server`.
 */
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { Server } from 'node:http';
import { type CompanionOptions, createCompanion } from '../../src/server/index.js';
import { runWhenStarted } from './run.js';

/** The site as a Node server, not yet listening. Without options the companion reads the environment. */
export function buildServer(options?: CompanionOptions): Server {
  const site = new Hono();
  site.get('/', (c) => c.text('The shop'));
  site.route('/chat', createCompanion(options));
  return createAdaptorServer({ fetch: site.fetch }) as Server;
}

runWhenStarted(import.meta.url, buildServer);
