import { Hono } from 'hono';
import { z } from 'zod';
import { resourceNotFound } from '../errors.js';
import { readForm } from '../form.js';
import { isSid } from '../sid.js';
import { messageRoutes } from './message-routes.js';
import { paginate, parsePageRequest } from './paging.js';
import { jsonText, parseParams, parseTimer, refusalsAsTwilioErrors } from './params.js';
import { participantConversationRoutes } from './participant-conversation-routes.js';
import { participantRoutes } from './participant-routes.js';
import type { ClassicRoutes } from './route-context.js';
import type { ConversationStore, NewConversation } from './store.js';
import { conversationsUrl, serializeConversation, twilioPath, type WireContext } from './wire.js';

/**
 * Conversations v1, service-scoped (`/v1/Services/{IS}/Conversations/...`):
 * Twilio's request parameters in, its resources out. Mounted at
 * `/conversations/v1` by the routing rule. `X-Twilio-Webhook-Enabled` is
 * accepted and has no effect (the emulator calls no webhooks).
 */
export function conversationsV1Routes(store: ConversationStore, ctx: WireContext): Hono {
  const routes = new Hono();
  const base = '/Services/:serviceSid/Conversations';
  const shared: ClassicRoutes = {
    routes,
    store,
    ctx,
    conversationPath: `${base}/:conversation`,
    conversationOf(c) {
      const conversation = store.findConversation(c.req.param('conversation') ?? '');
      if (!conversation) throw resourceNotFound(twilioPath(c.req.path));
      return conversation;
    },
  };

  routes.use('/Services/:serviceSid/*', async (c, next) => {
    if (c.req.param('serviceSid') !== ctx.serviceSid) throw resourceNotFound(twilioPath(c.req.path));
    await next();
  });

  routes.post(base, async (c) => {
    const changes = conversationChanges(await readForm(c));
    const conversation = refusalsAsTwilioErrors(() => store.createConversation(changes));
    return c.json(serializeConversation(ctx, conversation), 201);
  });

  routes.get(base, (c) => {
    const query = c.req.query();
    const { State: state } = parseParams(listConversationsParams, query);
    const all = store.listConversations();
    const page = paginate(
      {
        url: conversationsUrl(ctx),
        key: 'conversations',
        query: state ? { State: state } : {},
        items: state ? all.filter((conversation) => conversation.state === state) : all,
      },
      parsePageRequest(query),
    );
    return c.json({ conversations: page.items.map((item) => serializeConversation(ctx, item)), meta: page.meta });
  });

  routes.get(shared.conversationPath, (c) => c.json(serializeConversation(ctx, shared.conversationOf(c))));

  routes.post(shared.conversationPath, async (c) => {
    const conversation = shared.conversationOf(c);
    const changes = conversationChanges(await readForm(c));
    const updated = refusalsAsTwilioErrors(() => store.updateConversation(conversation.sid, changes));
    return c.json(serializeConversation(ctx, updated));
  });

  routes.delete(shared.conversationPath, (c) => {
    store.removeConversation(shared.conversationOf(c).sid);
    return c.body(null, 204);
  });

  participantRoutes(shared);
  messageRoutes(shared);
  participantConversationRoutes(shared);
  return routes;
}

const conversationParams = z.object({
  FriendlyName: z.string().max(256).optional(),
  UniqueName: z
    .string()
    .min(1)
    .max(256)
    .refine((name) => !isSid(name, 'CH'), 'must not look like a conversation SID')
    .optional(),
  Attributes: jsonText.optional(),
  State: z.enum(['active', 'inactive', 'closed']).optional(),
  'Timers.Inactive': z.string().optional(),
  'Timers.Closed': z.string().optional(),
});

const listConversationsParams = z.object({ State: z.enum(['active', 'inactive', 'closed']).optional() });

/** Create and update take the same parameters. */
function conversationChanges(form: Record<string, string>): NewConversation {
  const input = parseParams(conversationParams, form);
  const inactiveAfterMs = parseTimer('Inactive', input['Timers.Inactive']);
  const closedAfterMs = parseTimer('Closed', input['Timers.Closed']);
  const timersGiven = inactiveAfterMs !== undefined || closedAfterMs !== undefined;
  return {
    friendlyName: input.FriendlyName,
    uniqueName: input.UniqueName,
    attributes: input.Attributes,
    state: input.State,
    ...(timersGiven ? { timers: { inactiveAfterMs, closedAfterMs } } : {}),
  };
}
