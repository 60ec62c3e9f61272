import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  invalidParameter,
  participantAlreadyExists,
  resourceNotFound,
  uniqueNameTaken,
} from '../errors.js';
import { readForm } from '../form.js';
import { MESSAGE_BODY_MAX_BYTES, messageBodyFits } from '../limits.js';
import { paginate, parsePageRequest } from './paging.js';
import { isSid } from '../sid.js';
import { ConflictError, type Conversation, type ConversationStore } from './store.js';
import {
  conversationsUrl,
  messagesUrl,
  participantsUrl,
  serializeConversation,
  serializeMessage,
  serializeParticipant,
  twilioPath,
  type WireContext,
} from './wire.js';

/**
 * Conversations v1, service-scoped (`/v1/Services/{IS}/Conversations/...`):
 * Twilio's request parameters in, its resources out. Mounted at
 * `/conversations/v1` by the routing rule.
 */
export function conversationsV1Routes(store: ConversationStore, ctx: WireContext): Hono {
  const routes = new Hono();
  const base = '/Services/:serviceSid/Conversations';

  routes.use('/Services/:serviceSid/*', async (c, next) => {
    if (c.req.param('serviceSid') !== ctx.serviceSid) throw resourceNotFound(twilioPath(c.req.path));
    await next();
  });

  routes.post(base, async (c) => {
    const input = parseParams(createConversationParams, await readForm(c));
    const conversation = rethrowConflict(() =>
      store.createConversation({
        friendlyName: input.FriendlyName,
        uniqueName: input.UniqueName,
        attributes: input.Attributes,
        state: input.State,
      }),
    );
    return c.json(serializeConversation(ctx, conversation), 201);
  });

  routes.get(base, (c) => {
    const page = paginate(
      {
        url: conversationsUrl(ctx),
        key: 'conversations',
        items: store.listConversations(),
      },
      parsePageRequest(c.req.query()),
    );
    return c.json({ conversations: page.items.map((item) => serializeConversation(ctx, item)), meta: page.meta });
  });

  routes.get(`${base}/:conversation`, (c) => c.json(serializeConversation(ctx, conversationOf(c))));

  routes.post(`${base}/:conversation`, async (c) => {
    const conversation = conversationOf(c);
    const input = parseParams(createConversationParams, await readForm(c));
    const updated = rethrowConflict(() =>
      store.updateConversation(conversation.sid, {
        friendlyName: input.FriendlyName,
        uniqueName: input.UniqueName,
        attributes: input.Attributes,
        state: input.State,
      }),
    );
    return c.json(serializeConversation(ctx, updated));
  });

  routes.post(`${base}/:conversation/Participants`, async (c) => {
    const conversation = conversationOf(c);
    const input = parseParams(createParticipantParams, await readForm(c));
    const participant = rethrowConflict(() =>
      store.addParticipant(conversation.sid, { identity: input.Identity, attributes: input.Attributes }),
    );
    return c.json(serializeParticipant(ctx, participant), 201);
  });

  routes.get(`${base}/:conversation/Participants`, (c) => {
    const conversation = conversationOf(c);
    const page = paginate(
      {
        url: participantsUrl(ctx, conversation.sid),
        key: 'participants',
        items: store.listParticipants(conversation.sid),
      },
      parsePageRequest(c.req.query()),
    );
    return c.json({ participants: page.items.map((item) => serializeParticipant(ctx, item)), meta: page.meta });
  });

  routes.post(`${base}/:conversation/Messages`, async (c) => {
    const conversation = conversationOf(c);
    const input = parseParams(createMessageParams, await readForm(c));
    const message = store.addMessage(conversation.sid, {
      author: input.Author ?? 'system',
      body: input.Body,
      attributes: input.Attributes,
    });
    return c.json(serializeMessage(ctx, message), 201);
  });

  routes.get(`${base}/:conversation/Messages`, (c) => {
    const conversation = conversationOf(c);
    const query = c.req.query();
    const { Order: order } = parseParams(listMessagesParams, query);
    const ascending = order !== 'desc';
    const messages = store.listMessages(conversation.sid);
    const page = paginate(
      {
        url: messagesUrl(ctx, conversation.sid),
        key: 'messages',
        query: order ? { Order: order } : {},
        items: ascending ? messages : [...messages].reverse(),
        sortKey: (message) => message.index,
        ascending,
      },
      parsePageRequest(query),
    );
    return c.json({ messages: page.items.map((item) => serializeMessage(ctx, item)), meta: page.meta });
  });

  /** The conversation named in the path, by SID or unique name, or a Twilio 404. */
  function conversationOf(c: Context): Conversation {
    const conversation = store.findConversation(c.req.param('conversation') ?? '');
    if (!conversation) throw resourceNotFound(twilioPath(c.req.path));
    return conversation;
  }

  return routes;
}

const jsonText = z.string().refine(isJsonText, 'must be valid JSON');

const createConversationParams = z.object({
  FriendlyName: z.string().max(256).optional(),
  UniqueName: z
    .string()
    .min(1)
    .max(256)
    .refine((name) => !isSid(name, 'CH'), 'must not look like a conversation SID')
    .optional(),
  Attributes: jsonText.optional(),
  State: z.enum(['active', 'inactive', 'closed']).optional(),
});

const createParticipantParams = z.object({
  // Only chat participants are emulated, so Identity is required (Twilio also allows SMS bindings instead).
  Identity: z.string().min(1).max(256),
  Attributes: jsonText.optional(),
});

const createMessageParams = z.object({
  Author: z.string().min(1).max(256).optional(),
  Body: z
    .string()
    .min(1)
    .refine(messageBodyFits, `must be at most ${MESSAGE_BODY_MAX_BYTES} bytes`),
  Attributes: jsonText.optional(),
});

const listMessagesParams = z.object({ Order: z.enum(['asc', 'desc']).optional() });

/** Validates Twilio parameters; the first problem becomes a 20001 naming the parameter. */
function parseParams<T extends z.ZodType>(schema: T, params: Record<string, string>): z.output<T> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'parameter');
  throw invalidParameter(
    issue?.code === 'invalid_type' && params[name] === undefined
      ? `Missing required parameter ${name} in the post body`
      : `Invalid parameter ${name}: ${issue?.message ?? 'invalid value'}`,
  );
}

function rethrowConflict<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    throw error.reason === 'unique-name-taken'
      ? uniqueNameTaken(error.message)
      : participantAlreadyExists(error.message);
  }
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
