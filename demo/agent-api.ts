/**
 * The demo agent console's backend: what a support tool does server side,
 * through the official `twilio` package, so it works on real Twilio too.
 * Not part of the companion: a site never exposes agent actions to visitors.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { TwilioClient } from '../src/server/index.js';

const replySchema = z.strictObject({ body: z.string().trim().min(1).max(32_000) });
const conversationSid = z.string().regex(/^CH[0-9a-f]{32}$/);

export const AGENT_NAME = 'Sam (Support)';

export function createAgentApi(twilio: TwilioClient, serviceSid: string) {
  const service = () => twilio.conversations.v1.services(serviceSid);
  const app = new Hono();

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
        author: message.author,
        body: message.body,
        dateCreated: message.dateCreated.toISOString(),
      })),
    });
  });

  app.post('/conversations/:sid/messages', async (c) => {
    const sid = conversationSid.parse(c.req.param('sid'));
    const { body } = replySchema.parse(await c.req.json());
    const message = await service().conversations(sid).messages.create({ author: AGENT_NAME, body });
    return c.json({ sid: message.sid, index: message.index }, 201);
  });

  app.onError((error, c) => {
    if (error instanceof z.ZodError || error instanceof SyntaxError) {
      return c.json({ error: { code: 'bad_request', message: error.message } }, 400);
    }
    const status = (error as { status?: number }).status === 404 ? 404 : 502;
    return c.json({ error: { code: status === 404 ? 'not_found' : 'upstream_error', message: error.message } }, status);
  });
  return app;
}
