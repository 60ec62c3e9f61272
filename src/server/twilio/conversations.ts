import type { TwilioClient } from './client.js';
import { upstreamError } from './upstream-error.js';

/** Twilio error codes the companion expects and handles. */
const PARTICIPANT_EXISTS = 50433;
const CONVERSATION_CLOSED = 50377;

export interface ClassicConversation {
  sid: string;
  state: 'initializing' | 'active' | 'inactive' | 'closed';
}

/** What the companion stores on a conversation it opens, so it can find its own again. */
export interface WidgetConversationDetails {
  identity: string;
  name?: string | undefined;
  email?: string | undefined;
}

const WIDGET_CHANNEL = 'web-widget';

/** Twilio refuses a longer FriendlyName; a signed-in identity alone may be 256 characters. */
const MAX_FRIENDLY_NAME_LENGTH = 256;

const service = (client: TwilioClient, serviceSid: string) => client.conversations.v1.services(serviceSid);

/** The conversation, or undefined when Twilio no longer has it. */
export async function fetchConversation(
  client: TwilioClient,
  serviceSid: string,
  conversationSid: string,
): Promise<ClassicConversation | undefined> {
  try {
    const conversation = await service(client, serviceSid).conversations(conversationSid).fetch();
    return { sid: conversation.sid, state: conversation.state };
  } catch (error) {
    if (restStatus(error) === 404) return undefined;
    throw upstreamError(error);
  }
}

/** The newest open widget conversation an identity takes part in (a signed-in user on a new device). */
export async function findOpenWidgetConversation(
  client: TwilioClient,
  serviceSid: string,
  identity: string,
): Promise<ClassicConversation | undefined> {
  try {
    const mine = await service(client, serviceSid).participantConversations.list({ identity, limit: 200 });
    const open = mine
      .filter((item) => item.conversationState !== 'closed' && isWidgetConversation(item.conversationAttributes))
      .sort((a, b) => b.conversationDateCreated.getTime() - a.conversationDateCreated.getTime());
    const newest = open[0];
    return newest ? { sid: newest.conversationSid, state: newest.conversationState } : undefined;
  } catch (error) {
    throw upstreamError(error);
  }
}

export async function createWidgetConversation(
  client: TwilioClient,
  serviceSid: string,
  details: WidgetConversationDetails,
): Promise<ClassicConversation> {
  try {
    const conversation = await service(client, serviceSid).conversations.create({
      friendlyName: clip(`Web chat with ${details.name ?? details.identity}`, MAX_FRIENDLY_NAME_LENGTH),
      attributes: JSON.stringify({ bridgeChat: { channel: WIDGET_CHANNEL, ...details } }),
    });
    return { sid: conversation.sid, state: conversation.state };
  } catch (error) {
    throw upstreamError(error);
  }
}

/** Adds the chat participant; an identity already present is fine. */
export async function ensureChatParticipant(
  client: TwilioClient,
  serviceSid: string,
  conversationSid: string,
  details: WidgetConversationDetails,
): Promise<void> {
  const { identity, ...profile } = details;
  try {
    await service(client, serviceSid)
      .conversations(conversationSid)
      .participants.create({ identity, attributes: JSON.stringify(withoutUndefined(profile)) });
  } catch (error) {
    if (restCode(error) === PARTICIPANT_EXISTS) return;
    throw upstreamError(error);
  }
}

/** Posts a message as the visitor (the pre-chat form's first message). */
export async function postVisitorMessage(
  client: TwilioClient,
  serviceSid: string,
  conversationSid: string,
  identity: string,
  body: string,
): Promise<void> {
  try {
    await service(client, serviceSid).conversations(conversationSid).messages.create({ author: identity, body });
  } catch (error) {
    throw upstreamError(error);
  }
}

/** The SID (IM…) of the conversation's newest message, or undefined when it has none. */
export async function newestMessageSid(client: TwilioClient, serviceSid: string, conversationSid: string): Promise<string | undefined> {
  const [newest] = await service(client, serviceSid)
    .conversations(conversationSid)
    .messages.list({ order: 'desc', pageSize: 1, limit: 1 });
  return newest?.sid;
}

/** Closes the conversation; one already closed, or deleted since, is not an error. */
export async function closeConversation(client: TwilioClient, serviceSid: string, conversationSid: string): Promise<void> {
  try {
    await service(client, serviceSid).conversations(conversationSid).update({ state: 'closed' });
  } catch (error) {
    if (restCode(error) === CONVERSATION_CLOSED || restStatus(error) === 404) return;
    throw upstreamError(error);
  }
}

function isWidgetConversation(attributes: string): boolean {
  try {
    return (JSON.parse(attributes) as { bridgeChat?: { channel?: unknown } }).bridgeChat?.channel === WIDGET_CHANNEL;
  } catch {
    return false;
  }
}

/** At most `max` UTF-16 units, never ending in half a surrogate pair. */
const clip = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max).replace(/[\uD800-\uDBFF]$/, ''));

const withoutUndefined = (record: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

const restStatus = (error: unknown) => (error as { status?: unknown }).status;
const restCode = (error: unknown) => (error as { code?: unknown }).code;
