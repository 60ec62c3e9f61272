import type { Conversation, ConversationTimers, Message, MessageMedia, Participant } from './store.js';

/**
 * Twilio's wire format for Conversations v1: snake_case resources whose
 * `url` and `links` point at the real Twilio host, as Twilio sends them.
 * (Clients reach the emulator through a URL rewrite, so these stay valid.)
 */

export const CONVERSATIONS_V1_BASE_URL = 'https://conversations.twilio.com/v1';

/** What a serializer needs beyond the resource itself. */
export interface WireContext {
  accountSid: string;
  serviceSid: string;
}

/** Twilio dates: ISO 8601 in UTC, whole seconds (`2026-11-22T01:02:03Z`). */
export function twilioDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const conversationsUrl = (ctx: WireContext) =>
  `${CONVERSATIONS_V1_BASE_URL}/Services/${ctx.serviceSid}/Conversations`;

export const conversationUrl = (ctx: WireContext, conversationSid: string) =>
  `${conversationsUrl(ctx)}/${conversationSid}`;

export const participantsUrl = (ctx: WireContext, conversationSid: string) =>
  `${conversationUrl(ctx, conversationSid)}/Participants`;

export const messagesUrl = (ctx: WireContext, conversationSid: string) =>
  `${conversationUrl(ctx, conversationSid)}/Messages`;

export function serializeConversation(ctx: WireContext, conversation: Conversation) {
  const url = conversationUrl(ctx, conversation.sid);
  return {
    account_sid: ctx.accountSid,
    chat_service_sid: ctx.serviceSid,
    messaging_service_sid: conversation.messagingServiceSid,
    sid: conversation.sid,
    friendly_name: conversation.friendlyName,
    unique_name: conversation.uniqueName,
    attributes: conversation.attributes,
    state: conversation.state,
    date_created: twilioDate(conversation.createdAt),
    date_updated: twilioDate(conversation.updatedAt),
    timers: serializeTimers(conversation.timers),
    url,
    links: {
      participants: `${url}/Participants`,
      messages: `${url}/Messages`,
      webhooks: `${url}/Webhooks`,
    },
    bindings: null,
  };
}

export function serializeParticipant(ctx: WireContext, participant: Participant) {
  return {
    account_sid: ctx.accountSid,
    chat_service_sid: ctx.serviceSid,
    conversation_sid: participant.conversationSid,
    sid: participant.sid,
    identity: participant.identity,
    attributes: participant.attributes,
    messaging_binding: null,
    role_sid: participant.roleSid,
    date_created: twilioDate(participant.createdAt),
    date_updated: twilioDate(participant.updatedAt),
    url: `${participantsUrl(ctx, participant.conversationSid)}/${participant.sid}`,
    last_read_message_index: participant.lastReadMessageIndex,
    last_read_timestamp: participant.lastReadAt ? twilioDate(participant.lastReadAt) : null,
  };
}

export function serializeParticipantConversation(ctx: WireContext, conversation: Conversation, participant: Participant) {
  return {
    account_sid: ctx.accountSid,
    chat_service_sid: ctx.serviceSid,
    participant_sid: participant.sid,
    participant_user_sid: null,
    participant_identity: participant.identity,
    participant_messaging_binding: null,
    conversation_sid: conversation.sid,
    conversation_unique_name: conversation.uniqueName,
    conversation_friendly_name: conversation.friendlyName,
    conversation_attributes: conversation.attributes,
    conversation_date_created: twilioDate(conversation.createdAt),
    conversation_date_updated: twilioDate(conversation.updatedAt),
    conversation_created_by: null,
    conversation_state: conversation.state,
    conversation_timers: serializeTimers(conversation.timers),
    links: {
      participant: `${participantsUrl(ctx, conversation.sid)}/${participant.sid}`,
      conversation: conversationUrl(ctx, conversation.sid),
    },
  };
}

export function serializeMessage(ctx: WireContext, message: Message) {
  const url = `${messagesUrl(ctx, message.conversationSid)}/${message.sid}`;
  return {
    account_sid: ctx.accountSid,
    chat_service_sid: ctx.serviceSid,
    conversation_sid: message.conversationSid,
    sid: message.sid,
    index: message.index,
    author: message.author,
    body: message.body,
    media: message.media === null ? null : message.media.map(serializeMessageMedia),
    attributes: message.attributes,
    participant_sid: message.participantSid,
    date_created: twilioDate(message.createdAt),
    date_updated: twilioDate(message.updatedAt),
    // Twilio reports delivery only for non-chat (SMS, WhatsApp) recipients; chat-only messages carry null.
    delivery: null,
    url,
    links: {
      delivery_receipts: `${url}/Receipts`,
      channel_metadata: `${url}/ChannelMetadata`,
    },
    content_sid: null,
  };
}

/** Only pending changes appear, as Twilio shows them: `{}` when no timer runs. */
function serializeTimers(timers: ConversationTimers): { date_inactive?: string; date_closed?: string } {
  return {
    ...(timers.dateInactive === null ? {} : { date_inactive: twilioDate(timers.dateInactive) }),
    ...(timers.dateClosed === null ? {} : { date_closed: twilioDate(timers.dateClosed) }),
  };
}

function serializeMessageMedia(media: MessageMedia) {
  return {
    sid: media.sid,
    size: media.size,
    content_type: media.contentType,
    filename: media.filename,
    category: media.category,
  };
}

/** The path Twilio would have seen: the emulator path without its leading product segment. */
export function twilioPath(emulatorPath: string): string {
  return emulatorPath.replace(/^\/[a-z0-9-]+(?=\/)/, '');
}
