/**
 * The demo agent console's API against the emulator: the agent joins as a
 * named participant, its read horizon moves when it shows a conversation, and
 * it can close a conversation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AGENT_IDENTITY, AGENT_NAME, createAgentApi } from '../../demo/agent-api.js';
import { withDemoDefaults } from '../../src/demo-defaults.js';
import { createEmulator, loadEmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { sessionResponseSchema } from '../../src/protocol/session.js';
import { companionOptionsFromEnv, createCompanion, createTwilioClient, parseCompanionOptions } from '../../src/server/index.js';

const { env } = withDemoDefaults({ BRIDGE_CHAT_EMULATOR_SEED: 'off' });

let emulator: RunningEmulator;
let companion: ReturnType<typeof createCompanion>;
let agentApi: ReturnType<typeof createAgentApi>;
let twilio: ReturnType<typeof createTwilioClient>;

const conversations = (sid: string) => twilio.conversations.v1.services(env.TWILIO_CONVERSATIONS_SERVICE_SID!).conversations(sid);
const post = (path: string, body: unknown) =>
  agentApi.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function visitorConversation(firstMessage = 'Hello?'): Promise<string> {
  const response = await companion.request('/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ firstMessage }),
  });
  return sessionResponseSchema.parse(await response.json()).conversationSid;
}

describe('demo agent API', () => {
  before(async () => {
    emulator = await createEmulator(loadEmulatorOptions(env)).listen({ port: 0 });
    const settings = parseCompanionOptions(companionOptionsFromEnv({ ...env, BRIDGE_CHAT_EMULATOR_URL: emulator.url }));
    companion = createCompanion(settings);
    twilio = createTwilioClient(settings);
    agentApi = createAgentApi(twilio, env.TWILIO_CONVERSATIONS_SERVICE_SID!);
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

  it('refuses a bad read index or conversation SID with 400', async () => {
    const sid = await visitorConversation();
    assert.equal((await post(`/conversations/${sid}/read`, { index: -1 })).status, 400);
    assert.equal((await post('/conversations/CH123/close', {})).status, 400);
  });
});
