/**
 * The demo agent console's API against the emulator: the agent joins as a
 * named participant, its read horizon moves when it shows a conversation, it
 * can close a conversation, and it gets access tokens for its realtime link.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type AgentAccess, AGENT_IDENTITY, AGENT_NAME, createAgentApi } from '../../demo/agent-api.js';
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { verifyAccessToken } from '../../src/emulator/access-token.js';
import { EmulatorClient, type EmulatorParticipant } from '../../src/emulator/client/index.js';
import { createEmulator, loadEmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { sessionResponseSchema } from '../../src/protocol/session.js';
import {
  type CompanionSettings,
  companionOptionsFromEnv,
  createCompanion,
  createTwilioClient,
  parseCompanionOptions,
} from '../../src/server/index.js';
import { installWebSocketGlobal, nextValue } from '../emulator/support.js';

installWebSocketGlobal();

const { env } = withDemoDefaults({ BRIDGE_CHAT_EMULATOR_SEED: 'off' });

let emulator: RunningEmulator;
let companion: ReturnType<typeof createCompanion>;
let agentApi: ReturnType<typeof createAgentApi>;
let twilio: ReturnType<typeof createTwilioClient>;
let settings: CompanionSettings;

const conversations = (sid: string) => twilio.conversations.v1.services(env.TWILIO_CONVERSATIONS_SERVICE_SID!).conversations(sid);
const post = (path: string, body: unknown) =>
  agentApi.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** An emulator browser client, once initialised; added to `clients` for shutting down. */
async function readyClient(token: string, clients: EmulatorClient[]): Promise<EmulatorClient> {
  const client = new EmulatorClient(token, { realtimeUrl: emulator.realtimeUrl });
  clients.push(client);
  await nextValue<void>((deliver) => {
    client.once('initialized', deliver);
    return () => client.off('initialized', deliver);
  }, 3000, 'initialized');
  return client;
}

async function visitorSessionResponse(firstMessage = 'Hello?') {
  const response = await companion.request('/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ firstMessage }),
  });
  return sessionResponseSchema.parse(await response.json());
}

async function visitorConversation(firstMessage = 'Hello?'): Promise<string> {
  return (await visitorSessionResponse(firstMessage)).conversationSid;
}

describe('demo agent API', () => {
  before(async () => {
    emulator = await createEmulator(loadEmulatorOptions(env)).listen({ port: 0 });
    settings = parseCompanionOptions(companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: emulator.url }));
    companion = createCompanion(settings);
    twilio = createTwilioClient(settings);
    agentApi = createAgentApi(twilio, settings);
  });
  after(() => emulator.close());

  it('marks the conversation read as the agent, who joins once as a named participant', async () => {
    const sid = await visitorConversation();
    for (const index of [0, 0]) {
      const response = await post(`/conversations/${sid}/read`, { index });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { lastReadMessageIndex: index });
    }
    const agents = (await conversations(sid).participants.list()).filter((p) => p.identity === AGENT_IDENTITY);
    assert.equal(agents.length, 1);
    assert.deepEqual(JSON.parse(agents[0]!.attributes), { friendlyName: AGENT_NAME });
    assert.equal(agents[0]!.lastReadMessageIndex, 0);
  });

  it('replies as the agent participant, and lists its messages under its name', async () => {
    const sid = await visitorConversation();
    assert.equal((await post(`/conversations/${sid}/messages`, { body: 'Hi, Sam here.' })).status, 201);
    const [reply] = await conversations(sid).messages.list({ order: 'desc', limit: 1 });
    assert.equal(reply!.author, AGENT_IDENTITY);
    const listed = (await (await agentApi.request(`/conversations/${sid}/messages`)).json()) as {
      messages: { author: string; fromAgent: boolean; body: string }[];
    };
    assert.deepEqual(
      listed.messages.map((m) => [m.fromAgent, m.body]),
      [
        [false, 'Hello?'],
        [true, 'Hi, Sam here.'],
      ],
    );
    assert.equal(listed.messages[1]!.author, AGENT_NAME);
  });

  it('closes a conversation, and closing it again is fine', async () => {
    const sid = await visitorConversation();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await post(`/conversations/${sid}/close`, {});
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { sid, state: 'closed' });
    }
    assert.equal((await conversations(sid).fetch()).state, 'closed');
  });

  it('joins as the named agent when asked, once, and refuses a closed conversation with 409', async () => {
    const sid = await visitorConversation();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await post(`/conversations/${sid}/join`, {});
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { sid, identity: AGENT_IDENTITY });
    }
    const agents = (await conversations(sid).participants.list()).filter((p) => p.identity === AGENT_IDENTITY);
    assert.equal(agents.length, 1);

    const closedSid = await visitorConversation();
    await post(`/conversations/${closedSid}/close`, {});
    const refused = await post(`/conversations/${closedSid}/join`, {});
    assert.equal(refused.status, 409);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'conversation_closed');
  });

  it("mints the agent's access token with the emulator's realtime URL; the realtime link types as the agent", async () => {
    const before = Date.now();
    const response = await post('/token', {});
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const access = (await response.json()) as AgentAccess;
    assert.equal(access.identity, AGENT_IDENTITY);
    assert.deepEqual(access.backend, { kind: 'emulator', realtimeUrl: emulator.realtimeUrl });
    const expiresAt = Date.parse(access.tokenExpiresAt);
    assert.ok(Math.abs(expiresAt - (before + settings.tokenTtlSeconds * 1000)) < 5_000, 'expires after the token TTL');
    // A Twilio access token (ChatGrant for the service) for the agent identity, as the emulator verifies it.
    const verdict = verifyAccessToken(access.token, settings);
    assert.ok(verdict.valid, 'the token verifies');
    assert.equal(verdict.identity, AGENT_IDENTITY);

    // What the console does: join, open the link with the token, type; the visitor hears the agent typing.
    const visitorSession = await visitorSessionResponse();
    const sid = visitorSession.conversationSid;
    await post(`/conversations/${sid}/join`, {});
    const clients: EmulatorClient[] = [];
    try {
      const agent = await readyClient(access.token, clients);
      const visitor = await readyClient(visitorSession.token, clients);
      const atVisitor = await visitor.getConversationBySid(sid);
      const typist = nextValue<EmulatorParticipant>((deliver) => {
        atVisitor.on('typingStarted', deliver);
        return () => atVisitor.off('typingStarted', deliver);
      }, 3000, 'the agent typing');
      await (await agent.getConversationBySid(sid)).typing();
      const sam = await typist;
      assert.equal(sam.identity, AGENT_IDENTITY);
      assert.deepEqual(sam.attributes, { friendlyName: AGENT_NAME });
    } finally {
      await Promise.all(clients.map((client) => client.shutdown()));
    }
  });

  it('names the Twilio SDK as the realtime client when no emulator is set', async () => {
    const onTwilio = createAgentApi(twilio, { ...settings, emulatorUrl: undefined });
    const response = await onTwilio.request('/token', { method: 'POST' });
    assert.deepEqual(((await response.json()) as AgentAccess).backend, { kind: 'twilio' });
  });

  it('refuses a bad read index or conversation SID with 400', async () => {
    const sid = await visitorConversation();
    assert.equal((await post(`/conversations/${sid}/read`, { index: -1 })).status, 400);
    assert.equal((await post('/conversations/CH123/close', {})).status, 400);
  });
});
