/** What the browser tests and the runner's stack plugin exchange (types and names only). */

/** Served as JSON at STACK_CONFIG_PATH. */
export interface StackConfig {
  companionUrl: string;
  emulatorUrl: string;
  /** A loopback URL on which nothing listens. */
  unreachableUrl: string;
}

export const STACK_CONFIG_PATH = '/__stack.json';

export const POST_AGENT_MESSAGE = 'bridge-chat:post-agent-message';
export interface PostAgentMessagePayload {
  conversationSid: string;
  body: string;
  /** Defaults to `agent`; the visitor's identity posts as the visitor (e.g. from another device). */
  author?: string;
}

/** Makes the emulator treat every access token issued so far as expired (a tab that slept). */
export const EXPIRE_TOKENS = 'bridge-chat:expire-tokens';

export const LIST_MESSAGES = 'bridge-chat:list-messages';
export interface ListMessagesPayload {
  conversationSid: string;
}

/** A message as the REST API reports it. */
export interface RestMessage {
  index: number;
  author: string;
  body: string | null;
}
