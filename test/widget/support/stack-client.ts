/** Browser-side access to the test backend the runner started (see ../stack-plugin.ts). */
import { executeServerCommand } from '@web/test-runner-commands';
import {
  AGENT_JOIN,
  AGENT_LISTEN,
  AGENT_READ,
  AGENT_TYPING,
  AGENT_TYPING_SEEN,
  type AgentReadPayload,
  CLOSE_CONVERSATION,
  type ConversationPayload,
  EXPIRE_TOKENS,
  GET_CONVERSATION,
  LIST_MESSAGES,
  LIST_PARTICIPANTS,
  PARTICIPANT_POSTS,
  type ParticipantPostsPayload,
  POST_AGENT_MESSAGE,
  POST_MESSAGES,
  type PostAgentMessagePayload,
  type PostMessagesPayload,
  REALTIME_LINK,
  type RealtimeLinkPayload,
  REMOVE_PARTICIPANT,
  type RemoveParticipantPayload,
  RESET_FAULTS,
  type RestConversation,
  type RestMessage,
  type RestParticipant,
  COMPANION_REACHABLE,
  type CompanionReachablePayload,
  CONTROLLED_COMPANION,
  type ControlledCompanionPayload,
  ROTATE_COMPANION_SECRET,
  STACK_CONFIG_PATH,
  type StackConfig,
  TAB_SLEEP,
  type TypingSeen,
  FAIL_NEXT_REQUEST,
  type FailNextRequestPayload,
  TWILIO_FAILS,
  type TwilioFailsPayload,
} from './stack-protocol.js';

export async function stackConfig(): Promise<StackConfig> {
  const response = await fetch(STACK_CONFIG_PATH);
  return (await response.json()) as StackConfig;
}

/** Posts a message as the agent through the REST API. */
export function postAgentMessage(conversationSid: string, body: string): Promise<{ sid: string }> {
  return executeServerCommand<{ sid: string }, PostAgentMessagePayload>(POST_AGENT_MESSAGE, { conversationSid, body });
}

/** Posts a message as `author` through the REST API, e.g. as the visitor from another device. */
export function postMessageAs(conversationSid: string, author: string, body: string): Promise<{ sid: string }> {
  return executeServerCommand<{ sid: string }, PostAgentMessagePayload>(POST_AGENT_MESSAGE, { conversationSid, body, author });
}

/** Posts `bodies` in order through the REST API, as the demo agent unless `author` says otherwise. */
export function postMessages(conversationSid: string, bodies: string[], author?: string): Promise<{ posted: number }> {
  return executeServerCommand<{ posted: number }, PostMessagesPayload>(POST_MESSAGES, {
    conversationSid,
    bodies,
    ...(author ? { author } : {}),
  });
}

/** The conversation's messages as the REST API sees them. */
export function listMessages(conversationSid: string): Promise<RestMessage[]> {
  return executeServerCommand<RestMessage[], ConversationPayload>(LIST_MESSAGES, { conversationSid });
}

/** The conversation as the REST API sees it: state, attributes. */
export function getConversation(conversationSid: string): Promise<RestConversation> {
  return executeServerCommand<RestConversation, ConversationPayload>(GET_CONVERSATION, { conversationSid });
}

export function listParticipants(conversationSid: string): Promise<RestParticipant[]> {
  return executeServerCommand<RestParticipant[], ConversationPayload>(LIST_PARTICIPANTS, { conversationSid });
}

/** The agent closes the conversation through the REST API. */
export function closeConversation(conversationSid: string): Promise<unknown> {
  return executeServerCommand<unknown, ConversationPayload>(CLOSE_CONVERSATION, { conversationSid });
}

/** The demo agent (`agent-sam`, "Sam (Support)") joins the conversation. */
export function agentJoins(conversationSid: string): Promise<unknown> {
  return executeServerCommand<unknown, ConversationPayload>(AGENT_JOIN, { conversationSid });
}

/** The agent has read up to `index` (joining first if need be). */
export function agentReads(conversationSid: string, index: number): Promise<{ lastReadMessageIndex: number | null }> {
  return executeServerCommand<{ lastReadMessageIndex: number | null }, AgentReadPayload>(AGENT_READ, { conversationSid, index });
}

export function removeParticipant(conversationSid: string, identity: string): Promise<unknown> {
  return executeServerCommand<unknown, RemoveParticipantPayload>(REMOVE_PARTICIPANT, { conversationSid, identity });
}

/** Takes the browser's realtime link down: the emulator drops its sockets and no new one gets through. */
export function cutRealtimeLink(): Promise<unknown> {
  return executeServerCommand<unknown, RealtimeLinkPayload>(REALTIME_LINK, { up: false });
}

/** Lets the browser's realtime link come back (the client reconnects on its own schedule). */
export function restoreRealtimeLink(): Promise<unknown> {
  return executeServerCommand<unknown, RealtimeLinkPayload>(REALTIME_LINK, { up: true });
}

/** Every injected fault undone; for afterEach. */
export function resetFaults(): Promise<unknown> {
  return executeServerCommand<unknown, undefined>(RESET_FAULTS);
}

/** Expires every access token the emulator issued so far, as if the tab had slept past their TTL. */
export function expireTokens(): Promise<{ expired: boolean }> {
  return executeServerCommand<{ expired: boolean }, undefined>(EXPIRE_TOKENS);
}

/** Connects the agent's own realtime client to the conversation, from when on it records who types. */
export function agentListens(conversationSid: string): Promise<unknown> {
  return executeServerCommand<unknown, ConversationPayload>(AGENT_LISTEN, { conversationSid });
}

/** The agent types, on its realtime client. */
export function agentTypes(conversationSid: string): Promise<unknown> {
  return executeServerCommand<unknown, ConversationPayload>(AGENT_TYPING, { conversationSid });
}

/** Who the agent's realtime client heard start and stop typing, in order. */
export function typingSeenByAgent(conversationSid: string): Promise<TypingSeen[]> {
  return executeServerCommand<TypingSeen[], ConversationPayload>(AGENT_TYPING_SEEN, { conversationSid });
}

/** Someone else (added as `identity`, shown as `friendlyName`) sends a body and/or a file on its own realtime client. */
export function participantPosts(payload: ParticipantPostsPayload): Promise<{ index: number }> {
  return executeServerCommand<{ index: number }, ParticipantPostsPayload>(PARTICIPANT_POSTS, payload);
}

/**
 * The tab sleeps as when a laptop's lid closes (hidden, scripts halted): meanwhile the realtime
 * link goes down and every access token expires. Resolves once the tab is awake and visible
 * again; the link stays down until `restoreRealtimeLink`.
 */
export function tabSleeps(): Promise<unknown> {
  return executeServerCommand<unknown, undefined>(TAB_SLEEP);
}

/** The URL of the test's own companion, whose secret and reachability the next two functions control. */
export async function controlledCompanionUrl(): Promise<string> {
  const { url } = await executeServerCommand<{ url: string }, ControlledCompanionPayload>(CONTROLLED_COMPANION, {
    origin: location.origin,
  });
  return url;
}

/** That companion now signs and accepts session tokens with a new secret only: the ones it issued are void. */
export function rotateCompanionSecret(): Promise<unknown> {
  return executeServerCommand<unknown, undefined>(ROTATE_COMPANION_SECRET);
}

/** That companion cuts every connection (as while it restarts), or answers again. */
export function setCompanionReachable(reachable: boolean): Promise<unknown> {
  return executeServerCommand<unknown, CompanionReachablePayload>(COMPANION_REACHABLE, { reachable });
}

/** Twilio (the emulator) fails every request of one product, or all of them, until `resetFaults`. */
export function twilioFails(payload: TwilioFailsPayload): Promise<unknown> {
  return executeServerCommand<unknown, TwilioFailsPayload>(TWILIO_FAILS, payload);
}

/** The page's next request for a URL like `urlPattern` (`*` for any text) fails with 503, once. */
export function failNextRequest(urlPattern: string): Promise<unknown> {
  return executeServerCommand<unknown, FailNextRequestPayload>(FAIL_NEXT_REQUEST, { urlPattern });
}
