import { Hono, type Context } from 'hono';
import { invalidParameter, resourceNotFound, TwilioApiError } from '../errors.js';
import { twilioPath } from '../classic/wire.js';
import { parseCreateBody, parseReplaceBody } from './configuration-body.js';
import { readJsonObject } from './json-body.js';
import { parseTokenPageRequest, tokenPage } from './paging.js';
import {
  byCreation,
  OrchestratorError,
  type ConversationStatus,
  type Operation,
  type OrchestratorConversation,
  type OrchestratorStore,
} from './store.js';
import {
  operationUrl,
  serializeAccepted,
  serializeCommunication,
  serializeConfiguration,
  serializeConversation,
  serializeConversationSummary,
  serializeOperation,
  serializeParticipant,
  type WireContext,
} from './wire.js';

/**
 * Conversation Orchestrator (Conversations v2): ControlPlane configurations
 * and operations, and the read side of conversations, participants and
 * communications. Mounted at `/conversations/v2` by the routing rule.
 */
export function conversationsV2Routes(
  store: OrchestratorStore,
  operations: { readonly retryAfterSeconds: number },
  ctx: WireContext,
): Hono {
  const routes = new Hono();
  const configurations = '/ControlPlane/Configurations';

  routes.post(configurations, async (c) => {
    const key = idempotencyKeyOf(c);
    const earlier = key === undefined ? undefined : store.operationForIdempotencyKey(key);
    if (earlier) return accepted(c, earlier);
    const settings = parseCreateBody(await readJsonObject(c));
    return accepted(c, refused(c, () => store.requestCreate(settings, key)));
  });

  routes.get(configurations, (c) => {
    const query = c.req.query();
    const items = store.listConfigurations({ memoryStoreId: query['memoryStoreId'] || undefined });
    const page = tokenPage('configurations', items, creationKey, parseTokenPageRequest(query));
    return c.json({ configurations: page.items.map(serializeConfiguration), meta: page.meta });
  });

  routes.get(`${configurations}/:id`, (c) => {
    const configuration = store.findConfiguration(c.req.param('id'));
    if (!configuration) throw resourceNotFound(twilioPath(c.req.path));
    return c.json(serializeConfiguration(configuration));
  });

  routes.put(`${configurations}/:id`, async (c) => {
    const key = idempotencyKeyOf(c);
    const earlier = key === undefined ? undefined : store.operationForIdempotencyKey(key);
    if (earlier) return accepted(c, earlier);
    const configuration = store.findConfiguration(c.req.param('id'));
    if (!configuration) throw resourceNotFound(twilioPath(c.req.path));
    const settings = parseReplaceBody(await readJsonObject(c), configuration);
    return accepted(c, refused(c, () => store.requestUpdate(configuration.id, settings, key)));
  });

  routes.delete(`${configurations}/:id`, (c) => {
    const key = idempotencyKeyOf(c);
    const earlier = key === undefined ? undefined : store.operationForIdempotencyKey(key);
    if (earlier) return accepted(c, earlier);
    return accepted(c, refused(c, () => store.requestDelete(c.req.param('id'), key)));
  });

  routes.get('/ControlPlane/Operations/:id', (c) => {
    const operation = store.findOperation(c.req.param('id'));
    if (!operation) throw resourceNotFound(twilioPath(c.req.path));
    return c.json(serializeOperation(operation));
  });

  routes.get('/Conversations', (c) => {
    const items = store.listConversations({
      statuses: statusesOf(c),
      channelId: c.req.query('channelId') || undefined,
    });
    const page = tokenPage('conversations', items, creationKey, parseTokenPageRequest(c.req.query()));
    return c.json({
      conversations: page.items.map((item) => serializeConversationSummary(ctx, item)),
      meta: page.meta,
    });
  });

  routes.get('/Conversations/:conversationId', (c) => {
    const conversation = conversationOf(c);
    return c.json(
      serializeConversation(
        ctx,
        conversation,
        store.listParticipants(conversation.id),
        store.findConfiguration(conversation.configurationId),
      ),
    );
  });

  routes.get('/Conversations/:conversationId/Participants', (c) => {
    const conversation = conversationOf(c);
    const items = [...store.listParticipants(conversation.id)].sort(byCreation);
    const page = tokenPage('participants', items, creationKey, parseTokenPageRequest(c.req.query()));
    return c.json({ participants: page.items.map((item) => serializeParticipant(ctx, item)), meta: page.meta });
  });

  routes.get('/Conversations/:conversationId/Participants/:participantId', (c) => {
    const participant = store.findParticipant(conversationOf(c).id, c.req.param('participantId'));
    if (!participant) throw resourceNotFound(twilioPath(c.req.path));
    return c.json(serializeParticipant(ctx, participant));
  });

  routes.get('/Conversations/:conversationId/Communications', (c) => {
    const conversation = conversationOf(c);
    const items = store.listCommunications(conversation.id, { channelId: c.req.query('channelId') || undefined });
    const page = tokenPage(
      'communications',
      items,
      (item) => `${item.occurredAt}|${item.id}`,
      parseTokenPageRequest(c.req.query()),
    );
    return c.json({ communications: page.items.map((item) => serializeCommunication(ctx, item)), meta: page.meta });
  });

  routes.get('/Conversations/:conversationId/Communications/:communicationId', (c) => {
    const communication = store.findCommunication(conversationOf(c).id, c.req.param('communicationId'));
    if (!communication) throw resourceNotFound(twilioPath(c.req.path));
    return c.json(serializeCommunication(ctx, communication));
  });

  /** 202 Accepted for a long-running change: where to poll and when. */
  function accepted(c: Context, operation: Operation) {
    return c.json(serializeAccepted(operation), 202, {
      'Operation-Id': operation.id,
      'Retry-After': String(operations.retryAfterSeconds),
      Location: operationUrl(operation.id),
    });
  }

  function conversationOf(c: Context): OrchestratorConversation {
    const conversation = store.findConversation(c.req.param('conversationId') ?? '');
    if (!conversation) throw resourceNotFound(twilioPath(c.req.path));
    return conversation;
  }

  return routes;
}

const creationKey = (item: { createdAt: string; id: string }) => `${item.createdAt}|${item.id}`;

/** The store's refusals in Twilio's form; a conflict names the other resource in `X-Conflicting-Resource-Id`. */
function refused<T>(c: Context, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (!(error instanceof OrchestratorError)) throw error;
    if (error.reason === 'not-found') throw resourceNotFound(twilioPath(c.req.path));
    if (error.reason === 'invalid') throw invalidParameter(error.message);
    if (error.conflictingId !== undefined) c.header('X-Conflicting-Resource-Id', error.conflictingId);
    throw new TwilioApiError(409, 20409, error.message);
  }
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function idempotencyKeyOf(c: Context): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!UUID.test(key)) throw invalidParameter(`Invalid Idempotency-Key "${key}": expected a UUID`);
  return key;
}

const STATUSES: readonly ConversationStatus[] = ['ACTIVE', 'INACTIVE', 'CLOSED'];

/** `status` may repeat (the twilio library sends `status=A&status=B`) or list values comma-separated. */
function statusesOf(c: Context): ConversationStatus[] {
  const values = (c.req.queries('status') ?? []).flatMap((value) => value.split(',')).filter((value) => value !== '');
  for (const value of values) {
    if (!STATUSES.includes(value as ConversationStatus)) {
      throw invalidParameter(`Invalid parameter status: "${value}" is not one of ${STATUSES.join(', ')}`);
    }
  }
  return values as ConversationStatus[];
}
