import assert from 'node:assert/strict';
import { DEMO_CUSTOMER } from '../../src/emulator/index.js';
import { type ContextResponse, contextResponseSchema } from '../../src/protocol/context.js';
import { sessionResponseSchema, type SessionResponse } from '../../src/protocol/session.js';
import { type CompanionOptions, createCompanion } from '../../src/server/index.js';
import { options, type StartedEmulator } from '../emulator/support.js';

/** Signs in whoever the `X-Test-User` header names; anonymous without it. */
export const TEST_USER_HEADER = 'X-Test-User';

/** A companion on the emulator (through `twilioUrl`, e.g. a counting proxy) with the Memory store, quick link checks and a header sign-in. */
export function contextCompanion(twilioUrl: string, overrides: Partial<CompanionOptions> = {}) {
  return createCompanion({
    accountSid: options.accountSid,
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    serviceSid: options.serviceSid,
    memoryStoreId: options.memoryStoreId,
    emulatorUrl: twilioUrl,
    sessionSecrets: ['context-test-session-secret-0123456789abcdef'],
    contextLinkWaitMs: 2_000,
    identify: (request) => {
      const identity = request.headers.get(TEST_USER_HEADER);
      return identity ? { identity } : undefined;
    },
    ...overrides,
  });
}

export type Companion = ReturnType<typeof contextCompanion>;

export async function startSession(app: Companion, user?: string, body?: object): Promise<SessionResponse> {
  const response = await app.request('/session', {
    method: 'POST',
    headers: { ...(user ? { [TEST_USER_HEADER]: user } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return sessionResponseSchema.parse(await response.json());
}

export interface ContextAnswer {
  status: number;
  raw: string;
  body: ContextResponse;
}

/** `GET /context` as the session's owner (signed in again as `user` when given); a 200 is checked against the shared schema. */
export async function getContext(
  app: Companion,
  session: Pick<SessionResponse, 'sessionToken'>,
  { user, query = '', headers = {} }: { user?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<ContextAnswer> {
  const response = await app.request(`/context${query}`, {
    headers: { Authorization: `Bearer ${session.sessionToken}`, ...(user ? { [TEST_USER_HEADER]: user } : {}), ...headers },
  });
  const raw = await response.text();
  return { status: response.status, raw, body: response.status === 200 ? contextResponseSchema.parse(JSON.parse(raw)) : JSON.parse(raw) };
}

/** The demo customer's Memory profile in the emulator. */
export function demoProfileId(started: StartedEmulator): string {
  const [profileId] = started.emulator.memory.lookup(options.memoryStoreId, { idType: 'phone', value: DEMO_CUSTOMER.phone }).profiles;
  assert.ok(profileId, 'the seed made the demo customer');
  return profileId;
}

/**
 * Gives a profile `count` more closed SMS conversations with summaries, a day
 * apart, all older than the seeded ones (2025-01-01 onwards).
 */
export function addPastConversations(started: StartedEmulator, profileId: string, count: number): string[] {
  const store = started.emulator.orchestrator.store;
  const configuration = store.listConfigurations().find((item) => item.displayName === 'demo-voice-sms-history');
  assert.ok(configuration, 'the seed made a history configuration');
  return Array.from({ length: count }, (_, index) => {
    const startedAt = new Date(Date.UTC(2025, 0, 1 + index, 12)).toISOString();
    const conversation = store.createConversation({ configurationId: configuration.id, status: 'CLOSED', createdAt: startedAt });
    store.addParticipant(conversation.id, {
      name: 'Maya Chen',
      type: 'CUSTOMER',
      profileId,
      addresses: [{ channel: 'SMS', address: DEMO_CUSTOMER.phone }],
      createdAt: startedAt,
    });
    started.emulator.memory.addSummaries(options.memoryStoreId, profileId, [
      { content: `Older text thread ${index + 1}.`, conversationId: conversation.id, occurredAt: startedAt, createdAt: startedAt },
    ]);
    return conversation.id;
  });
}

/** The fault-injection API of a running emulator. */
export async function faults(emulatorUrl: string, path: string, body?: object): Promise<void> {
  const response = await fetch(`${emulatorUrl}/__emulator/faults${path}`, {
    method: body ? 'POST' : 'DELETE',
    headers: { 'Content-Type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  assert.equal(response.status, 200, await response.text());
}
