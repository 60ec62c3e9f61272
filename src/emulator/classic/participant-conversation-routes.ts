import { z } from 'zod';
import { invalidParameter } from '../errors.js';
import { paginate, parsePageRequest } from './paging.js';
import { parseParams } from './params.js';
import type { ClassicRoutes } from './route-context.js';
import { CONVERSATIONS_V1_BASE_URL, serializeParticipantConversation } from './wire.js';

const listParams = z.object({ Identity: z.string().min(1).optional(), Address: z.string().min(1).optional() });

/**
 * `GET /v1/Services/{IS}/ParticipantConversations?Identity=…`: every
 * conversation a chat identity takes part in, newest activity last as Twilio
 * lists them. (The emulator has no SMS bindings, so `Address` matches nothing.)
 */
export function participantConversationRoutes({ routes, store, ctx }: ClassicRoutes): void {
  routes.get('/Services/:serviceSid/ParticipantConversations', (c) => {
    const query = c.req.query();
    const { Identity: identity, Address: address } = parseParams(listParams, query);
    if (identity === undefined && address === undefined) throw invalidParameter('Either Identity or Address is required');
    const items = identity === undefined ? [] : store.conversationsOf(identity);
    const page = paginate(
      {
        url: `${CONVERSATIONS_V1_BASE_URL}/Services/${ctx.serviceSid}/ParticipantConversations`,
        key: 'conversations',
        query: identity === undefined ? { Address: address! } : { Identity: identity },
        items,
      },
      parsePageRequest(query),
    );
    return c.json({
      conversations: page.items.map(({ conversation, participant }) =>
        serializeParticipantConversation(ctx, conversation, participant),
      ),
      meta: page.meta,
    });
  });
}
