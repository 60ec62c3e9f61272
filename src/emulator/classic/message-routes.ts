import type { Context } from 'hono';
import { z } from 'zod';
import { invalidParameter, mediaSidInvalid, resourceNotFound } from '../errors.js';
import { readForm } from '../form.js';
import { MESSAGE_BODY_MAX_BYTES, messageBodyFits } from '../limits.js';
import { isSid } from '../sid.js';
import { paginate, parsePageRequest } from './paging.js';
import { jsonText, parseParams, refusalsAsTwilioErrors } from './params.js';
import type { ClassicRoutes } from './route-context.js';
import type { Message } from './store.js';
import { messagesUrl, serializeMessage, twilioPath } from './wire.js';

/** `…/Conversations/{CH}/Messages[/{IM}]`: post, list (both orders), fetch, update, remove. */
export function messageRoutes({ routes, store, ctx, conversationPath, conversationOf }: ClassicRoutes): void {
  const listPath = `${conversationPath}/Messages`;
  const onePath = `${listPath}/:message`;

  const messageOf = (c: Context): Message => {
    const conversation = conversationOf(c);
    const message = store.findMessage(conversation.sid, c.req.param('message') ?? '');
    if (!message) throw resourceNotFound(twilioPath(c.req.path));
    return message;
  };

  routes.post(listPath, async (c) => {
    const conversation = conversationOf(c);
    const input = parseParams(createParams, await readForm(c));
    if (input.Body === undefined && input.MediaSid === undefined) {
      throw invalidParameter('Missing required parameter Body or MediaSid in the post body');
    }
    if (input.MediaSid !== undefined && !isSid(input.MediaSid, 'ME')) throw mediaSidInvalid(input.MediaSid);
    const message = refusalsAsTwilioErrors(() =>
      store.addMessage(conversation.sid, {
        author: input.Author ?? 'system',
        body: input.Body,
        attributes: input.Attributes,
        mediaSids: input.MediaSid === undefined ? [] : [input.MediaSid],
      }),
    );
    return c.json(serializeMessage(ctx, message), 201);
  });

  routes.get(listPath, (c) => {
    const conversation = conversationOf(c);
    const query = c.req.query();
    const { Order: order } = parseParams(listParams, query);
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

  routes.get(onePath, (c) => c.json(serializeMessage(ctx, messageOf(c))));

  routes.post(onePath, async (c) => {
    const message = messageOf(c);
    const input = parseParams(updateParams, await readForm(c));
    const updated = store.updateMessage(message.conversationSid, message.sid, {
      author: input.Author,
      body: input.Body,
      attributes: input.Attributes,
    });
    return c.json(serializeMessage(ctx, updated));
  });

  routes.delete(onePath, (c) => {
    const message = messageOf(c);
    store.removeMessage(message.conversationSid, message.sid);
    return c.body(null, 204);
  });
}

const author = z.string().min(1).max(256);

const body = z
  .string()
  .min(1)
  .refine(messageBodyFits, `must be at most ${MESSAGE_BODY_MAX_BYTES} bytes`);

const createParams = z.object({
  Author: author.optional(),
  Body: body.optional(),
  Attributes: jsonText.optional(),
  MediaSid: z.string().optional(),
});

const updateParams = z.object({ Author: author.optional(), Body: body.optional(), Attributes: jsonText.optional() });

const listParams = z.object({ Order: z.enum(['asc', 'desc']).optional() });
