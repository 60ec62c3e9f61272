/** Browser-side access to the test backend the runner started (see ../stack-plugin.ts). */
import { executeServerCommand } from '@web/test-runner-commands';
import {
  EXPIRE_TOKENS,
  LIST_MESSAGES,
  type ListMessagesPayload,
  POST_AGENT_MESSAGE,
  type PostAgentMessagePayload,
  type RestMessage,
  STACK_CONFIG_PATH,
  type StackConfig,
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

/** The conversation's messages as the REST API sees them. */
export function listMessages(conversationSid: string): Promise<RestMessage[]> {
  return executeServerCommand<RestMessage[], ListMessagesPayload>(LIST_MESSAGES, { conversationSid });
}

/** Expires every access token the emulator issued so far, as if the tab had slept past their TTL. */
export function expireTokens(): Promise<{ expired: boolean }> {
  return executeServerCommand<{ expired: boolean }, undefined>(EXPIRE_TOKENS);
}
