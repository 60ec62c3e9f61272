/**
 * A companion for the browser tests that a test can rotate the session secret
 * of (as an operator does after a leak: the old secret dropped at once, so
 * every session token it signed stops being valid) and make unreachable for a
 * while (as during a restart). Runs in the test runner's Node process, in
 * front of the stack's emulator (through its realtime gate).
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { withDemoDefaults } from '../../../src/demo-defaults.js';
import {
  type CompanionOptions,
  companionOptionsFromEnv,
  createCompanion,
  parseCompanionOptions,
} from '../../../src/server/index.js';
import type { Stack } from '../../support/stack.js';

export interface ControlledCompanion {
  readonly url: string;
  /** From now on the companion signs and accepts session tokens with a new secret only. */
  rotateSecret(): void;
  /** Unreachable, every connection is cut before it is answered; reachable, it answers again. */
  setReachable(reachable: boolean): void;
  close(): Promise<void>;
}

export async function startControlledCompanion(stack: Stack, pageOrigin: string): Promise<ControlledCompanion> {
  const { env } = withDemoDefaults({});
  const options: CompanionOptions = {
    ...companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: stack.gatewayUrl }),
    allowedOrigins: [pageOrigin],
    // Every test browser is 127.0.0.1: a whole suite must fit in one client's budget.
    rateLimitPerIp: 10_000,
    rateLimitPerSession: 10_000,
  };
  const withSecret = (secret: string): Hono => createCompanion(parseCompanionOptions({ ...options, sessionSecrets: [secret] }));
  let app = withSecret(newSecret());
  let reachable = true;
  // One address whatever happens to it, as a restarted companion keeps its URL: the widget's session-url stays good.
  // Node's bindings (the client's address, for rate limits) go through with the request.
  const fetch = (request: Request, bindings?: object) => app.fetch(request, bindings);
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  server.on('connection', (socket) => {
    if (!reachable) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rotateSecret: () => {
      app = withSecret(newSecret());
    },
    setReachable: (value) => {
      reachable = value;
      // Kept-alive connections would still get through.
      if (!value) server.closeAllConnections();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const newSecret = () => randomBytes(32).toString('hex');
