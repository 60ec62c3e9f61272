/**
 * The demo agent console's backend: what a support tool does server side,
 * through the official `twilio` package, so it works on real Twilio too.
 * Not part of the companion: a site never exposes agent actions to visitors.
 * (The demo's console has no sign-in; a real one would check its agent first.)
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Backend } from '../src/protocol/session.js';
import type { CompanionSettings, TwilioClient } from '../src/server/index.js';
import { mintAccessToken } from '../src/server/twilio/access-token.js';

const replySchema = z.strictObject({ body: z.string().trim().min(1).max(32_000) });
const readSchema = z.strictObject({ index: z.number().int().min(0) });
const conversationSid = z.string().regex(/^CH[0-9a-f]{32}$/);

/** The demo's one agent: a chat participant, so the visitor sees its name, and how far it has read. */
export const AGENT_IDENTITY = 'agent-sam';
export const AGENT_NAME = 'Sam (Support)';

/** Twilio error codes this API expects. */
const PARTICIPANT_EXISTS = 50433;
const CONVERSATION_CLOSED = 50377;

const restCode = (error: unknown) => (error as { code?: number }).code;

/** What the agent API needs of the companion's settings: the service, and how to mint the agent's access tokens. */
export type AgentApiSettings = Pick<
  CompanionSettings,
  'accountSid' | 'apiKey' | 'apiSecret' | 'serviceSid' | 'tokenTtlSeconds' | 'emulatorUrl'
>;

/** `POST /token`: the console's realtime link as the agent, in the terms the widget's session uses. */
export interface AgentAccess {
  identity: string;
  token: string;
  /** ISO 8601. */
  tokenExpiresAt: string;
  backend: Backend;
}

/** Which realtime client the console loads, as the companion tells the widget: the SDK, or the emulator's socket. */
function backendFor(emulatorUrl: string | undefined): Backend {
  if (!emulatorUrl) return { kind: 'twilio' };
  const realtime = new URL('realtime', emulatorUrl.replace(/\/*$/, '/'));
  realtime.protocol = realtime.protocol === 'https:' ? 'wss:' : 'ws:';
  return { kind: 'emulator', realtimeUrl: realtime.toString() };
}

export function createAgentApi(twilio: TwilioClient, settings: AgentApiSettings) {
  const { serviceSid } = settings;
  const backend = backendFor(settings.emulatorUrl);
  const service = () => twilio.conversations.v1.services(serviceSid);
  /** Conversations the agent is known to have joined, to save a REST call per reply or read. */
  const joined = new Set<string>();

  /** Adds the agent as a participant (named by the `friendlyName` attribute), once per conversation. */
  async function joinAsAgent(sid: string): Promise<void> {
    if (joined.has(sid)) return;
    try {
      await service()
        .conversations(sid)
        .participants.create({ identity: AGENT_IDENTITY, attributes: JSON.stringify({ friendlyName: AGENT_NAME }) });
    } catch (error) {
      if (restCode(error) !== PARTICIPANT_EXISTS) throw error;
    }
    joined.add(sid);
  }

  const app = new Hono();

  // A Conversations access token for the agent (short-lived, as the widget's): the console renews it before it expires.
  app.post('/token', (c) => {
    const { token, expiresAt } = mintAccessToken(settings, AGENT_IDENTITY);
    c.header('Cache-Control', 'no-store');
    const access: AgentAccess = { identity: AGENT_IDENTITY, token, tokenExpiresAt: expiresAt.toISOString(), backend };
    return c.json(access);
  });

  app.get('/conversations', async (c) => {
    const conversations = await service().conversations.list({ limit: 100 });
    const items = conversations
      .map((conversation) => ({
        sid: conversation.sid,
        friendlyName: conversation.friendlyName,
        state: conversation.state,
        dateCreated: conversation.dateCreated.toISOString(),
      }))
      .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
    return c.json({ conversations: items });
  });

  app.get('/conversations/:sid/messages', async (c) => {
    const sid = conversationSid.parse(c.req.param('sid'));
    const messages = await service().conversations(sid).messages.list({ order: 'desc', limit: 100 });
    return c.json({
      messages: messages.reverse().map((message) => ({
        sid: message.sid,
        index: message.index,
        author: message.author === AGENT_IDENTITY ? AGENT_NAME : message.author,
        fromAgent: message.author === AGENT_IDENTITY,
        body: message.body,
        dateCreated: message.dateCreated.toISOString(),
      })),
    });
  });

  // The agent picks the conversation up: the visitor's widget learns its name (and then sees it typing).
  app.post('/conversations/:sid/join', async (c) => {
    const sid = conversationSid.parse(c.req.param('sid'));
    await joinAsAgent(sid);
    return c.json({ sid, identity: AGENT_IDENTITY });
  });

  app.post('/conversations/:sid/messages', async (c) => {
    const sid = conversationSid.parse(c.req.param('sid'));
    const { body } = replySchema.parse(await c.req.json());
    await joinAsAgent(sid);
    const message = await service().conversations(sid).messages.create({ author: AGENT_IDENTITY, body });
    return c.json({ sid: message.sid, index: message.index }, 201);
  });

  // The agent has seen the conversation up to `index`: the visitor's widget shows its messages as read.
  app.post('/conversations/:sid/read', async (c) => {
    const sid = conversationSid.parse(c.req.param('sid'));
    const { index } = readSchema.parse(await c.req.json());
    await joinAsAgent(sid);
    // Twilio addresses a participant by its SID or its identity.
    const agent = await service().conversations(sid).participants(AGENT_IDENTITY).update({ lastReadMessageIndex: index });
    return c.json({ lastReadMessageIndex: agent.lastReadMessageIndex });
  });

  // The agent closes the conversation: the visitor's widget shows the chat as ended.
  app.post('/conversations/:sid/close', async (c) => {
    const sid = conversationSid.parse(c.req.param('sid'));
    try {
      await service().conversations(sid).update({ state: 'closed' });
    } catch (error) {
      if (restCode(error) !== CONVERSATION_CLOSED) throw error;
    }
    return c.json({ sid, state: 'closed' });
  });

  app.onError((error, c) => {
    if (error instanceof z.ZodError || error instanceof SyntaxError) {
      return c.json({ error: { code: 'bad_request', message: error.message } }, 400);
    }
    if (restCode(error) === CONVERSATION_CLOSED) {
      return c.json({ error: { code: 'conversation_closed', message: error.message } }, 409);
    }
    const status = (error as { status?: number }).status === 404 ? 404 : 502;
    return c.json({ error: { code: status === 404 ? 'not_found' : 'upstream_error', message: error.message } }, status);
  });
  return app;
}
