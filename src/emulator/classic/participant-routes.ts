import type { Context } from 'hono';
import { z } from 'zod';
import { resourceNotFound } from '../errors.js';
import { readForm } from '../form.js';
import { paginate, parsePageRequest } from './paging.js';
import { jsonText, parseParams, refusalsAsTwilioErrors } from './params.js';
import type { ClassicRoutes } from './route-context.js';
import type { Participant } from './store.js';
import { participantsUrl, serializeParticipant, twilioPath } from './wire.js';

/** `…/Conversations/{CH}/Participants[/{MB or identity}]`: add, list, fetch, update, remove. */
export function participantRoutes({ routes, store, ctx, conversationPath, conversationOf }: ClassicRoutes): void {
  const listPath = `${conversationPath}/Participants`;
  const onePath = `${listPath}/:participant`;

  /** The participant named in the path, by SID or identity, or a Twilio 404. */
  const participantOf = (c: Context): Participant => {
    const conversation = conversationOf(c);
    const participant = store.resolveParticipant(conversation.sid, c.req.param('participant') ?? '');
    if (!participant) throw resourceNotFound(twilioPath(c.req.path));
    return participant;
  };

  routes.post(listPath, async (c) => {
    const conversation = conversationOf(c);
    const input = parseParams(createParams, await readForm(c));
    const participant = refusalsAsTwilioErrors(() =>
      store.addParticipant(conversation.sid, { identity: input.Identity, attributes: input.Attributes }),
    );
    return c.json(serializeParticipant(ctx, participant), 201);
  });

  routes.get(listPath, (c) => {
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

  routes.get(onePath, (c) => c.json(serializeParticipant(ctx, participantOf(c))));

  routes.post(onePath, async (c) => {
    const participant = participantOf(c);
    const input = parseParams(updateParams, await readForm(c));
    const updated = refusalsAsTwilioErrors(() =>
      store.updateParticipant(participant.conversationSid, participant.sid, {
        identity: input.Identity,
        attributes: input.Attributes,
        lastReadMessageIndex: input.LastReadMessageIndex,
        lastReadAt: input.LastReadTimestamp,
      }),
    );
    return c.json(serializeParticipant(ctx, updated));
  });

  routes.delete(onePath, (c) => {
    const participant = participantOf(c);
    store.removeParticipant(participant.conversationSid, participant.sid);
    return c.body(null, 204);
  });
}

// Only chat participants are emulated, so Identity is required (Twilio also allows SMS bindings instead).
const identity = z.string().min(1).max(256);

const createParams = z.object({ Identity: identity, Attributes: jsonText.optional() });

const updateParams = z.object({
  Identity: identity.optional(),
  Attributes: jsonText.optional(),
  LastReadMessageIndex: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a non-negative integer')
    .transform(Number)
    .optional(),
  LastReadTimestamp: z.iso
    .datetime({ offset: true })
    .transform((text) => new Date(text))
    .optional(),
});
