import type { TwilioClient } from './client.js';
import { upstreamError } from './upstream-error.js';

/** Twilio error code for "participant already in this conversation". */
const PARTICIPANT_EXISTS = 50433;

export interface ClassicConversation {
  sid: string;
  state: 'initializing' | 'active' | 'inactive' | 'closed';
}

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

export async function createVisitorConversation(
  client: TwilioClient,
  serviceSid: string,
  identity: string,
): Promise<ClassicConversation> {
  try {
    const conversation = await service(client, serviceSid).conversations.create({
      friendlyName: `Web chat with ${identity}`,
      attributes: JSON.stringify({ bridgeChat: { identity, channel: 'web-widget' } }),
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
  identity: string,
): Promise<void> {
  try {
    await service(client, serviceSid).conversations(conversationSid).participants.create({ identity });
  } catch (error) {
    if (restCode(error) === PARTICIPANT_EXISTS) return;
    throw upstreamError(error);
  }
}

const restStatus = (error: unknown) => (error as { status?: unknown }).status;
const restCode = (error: unknown) => (error as { code?: unknown }).code;
