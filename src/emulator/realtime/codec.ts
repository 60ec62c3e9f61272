import { z } from 'zod';
import {
  MESSAGE_BODY_MAX_BYTES,
  messageBodyFits,
  REALTIME_PAGE_SIZE_MAX,
  TWILIO_MEDIA_COUNT_LIMIT,
} from '../limits.js';
import type {
  JsonValue,
  RealtimeConversation,
  RealtimeMessage,
  RealtimeParticipant,
  RealtimeParticipantUpdateReason,
  RealtimeRequest,
} from './protocol.js';
import type { Conversation, Message, Participant } from '../classic/store.js';

/** Translation between realtime frames and the store's domain objects. */

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be a ${prefix} SID`);
const token = z.string().min(1).max(8192);
const jsonValue: z.ZodType<JsonValue> = z.json();

const requestSchema = z.discriminatedUnion('type', [
  z.object({ id: z.number().int(), type: z.literal('authenticate'), token }),
  z.object({ id: z.number().int(), type: z.literal('updateToken'), token }),
  z.object({ id: z.number().int(), type: z.literal('getConversation'), conversationSid: sid('CH') }),
  z.object({
    id: z.number().int(),
    type: z.literal('getMessages'),
    conversationSid: sid('CH'),
    pageSize: z.number().int().min(1).max(REALTIME_PAGE_SIZE_MAX),
    anchor: z.number().int().min(0).optional(),
    direction: z.enum(['backwards', 'forward']),
  }),
  z
    .object({
      id: z.number().int(),
      type: z.literal('sendMessage'),
      conversationSid: sid('CH'),
      body: z
        .string()
        .min(1)
        .refine(messageBodyFits, `must be at most ${MESSAGE_BODY_MAX_BYTES} bytes`)
        .optional(),
      attributes: jsonValue,
      mediaSids: z.array(sid('ME')).min(1).max(TWILIO_MEDIA_COUNT_LIMIT).optional(),
    })
    .refine((request) => request.body !== undefined || request.mediaSids !== undefined, {
      message: 'a message needs a body, media or both',
      path: ['body'],
    }),
  z.object({ id: z.number().int(), type: z.literal('typing'), conversationSid: sid('CH') }),
  z.object({ id: z.number().int(), type: z.literal('setAllMessagesRead'), conversationSid: sid('CH') }),
  z.object({
    id: z.number().int(),
    type: z.literal('advanceLastReadMessageIndex'),
    conversationSid: sid('CH'),
    index: z.number().int().min(0),
  }),
  z.object({ id: z.number().int(), type: z.literal('getParticipants'), conversationSid: sid('CH') }),
  z.object({ id: z.number().int(), type: z.literal('getMediaContentUrl'), conversationSid: sid('CH'), mediaSid: sid('ME') }),
]);

export type ParsedFrame = { ok: true; request: RealtimeRequest } | { ok: false; id: number | null; problem: string };

export function parseRequestFrame(text: string): ParsedFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, id: null, problem: 'frame is not JSON' };
  }
  const parsed = requestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, request: parsed.data };
  const id = typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'number' ? raw.id : null;
  const issue = parsed.error.issues[0];
  return { ok: false, id, problem: `${issue?.path.join('.') || 'frame'}: ${issue?.message ?? 'invalid'}` };
}

export function toRealtimeConversation(
  conversation: Conversation,
  lastMessageIndex: number | null,
): RealtimeConversation {
  return {
    sid: conversation.sid,
    uniqueName: conversation.uniqueName,
    friendlyName: conversation.friendlyName,
    state: conversation.state,
    attributes: parseAttributes(conversation.attributes),
    dateUpdated: conversation.updatedAt.toISOString(),
    lastMessageIndex,
  };
}

export function toRealtimeMessage(message: Message): RealtimeMessage {
  return {
    sid: message.sid,
    conversationSid: message.conversationSid,
    index: message.index,
    author: message.author,
    body: message.body,
    attributes: parseAttributes(message.attributes),
    participantSid: message.participantSid,
    media: message.media === null ? null : message.media.map((media) => ({ ...media })),
    dateCreated: message.createdAt.toISOString(),
  };
}

export function toRealtimeParticipant(participant: Participant): RealtimeParticipant {
  return {
    sid: participant.sid,
    conversationSid: participant.conversationSid,
    identity: participant.identity,
    attributes: parseAttributes(participant.attributes),
    lastReadMessageIndex: participant.lastReadMessageIndex,
  };
}

/** What changed between two versions of a participant, in the SDK's terms. */
export function participantUpdateReasons(
  updated: Participant,
  previous: Participant,
): RealtimeParticipantUpdateReason[] {
  const reasons: RealtimeParticipantUpdateReason[] = [];
  if (updated.attributes !== previous.attributes) reasons.push('attributes');
  if (updated.roleSid !== previous.roleSid) reasons.push('roleSid');
  if (updated.updatedAt.getTime() !== previous.updatedAt.getTime()) reasons.push('dateUpdated');
  if (updated.lastReadMessageIndex !== previous.lastReadMessageIndex) reasons.push('lastReadMessageIndex');
  if (updated.lastReadAt?.getTime() !== previous.lastReadAt?.getTime()) reasons.push('lastReadTimestamp');
  return reasons;
}

/** The store holds attributes as validated JSON text; the realtime side sees them parsed, as the SDK does. */
function parseAttributes(text: string): JsonValue {
  return JSON.parse(text) as JsonValue;
}
