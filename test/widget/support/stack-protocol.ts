/** What the browser tests and the runner's stack plugin exchange (types and names only). */

/** Served as JSON at STACK_CONFIG_PATH. */
export interface StackConfig {
  companionUrl: string;
  emulatorUrl: string;
  /** The emulator as the browser reaches it (realtime, media uploads, media content URLs): through the realtime gate. */
  gatewayUrl: string;
  /** A loopback URL on which nothing listens. */
  unreachableUrl: string;
}

export const STACK_CONFIG_PATH = '/__stack.json';

/** The demo's agent: its identity and the name its participant carries (`friendlyName`), as demo/agent-api.ts adds it. */
export const AGENT_IDENTITY = 'agent-sam';
export const AGENT_NAME = 'Sam (Support)';

export const POST_AGENT_MESSAGE = 'bridge-chat:post-agent-message';
export interface PostAgentMessagePayload {
  conversationSid: string;
  body: string;
  /** Defaults to `agent`; the visitor's identity posts as the visitor (e.g. from another device). */
  author?: string;
}

/** Posts many messages in order, as fast as the REST API takes them. */
export const POST_MESSAGES = 'bridge-chat:post-messages';
export interface PostMessagesPayload {
  conversationSid: string;
  bodies: string[];
  author?: string;
}

/** Makes the emulator treat every access token issued so far as expired (a tab that slept). */
export const EXPIRE_TOKENS = 'bridge-chat:expire-tokens';

export const LIST_MESSAGES = 'bridge-chat:list-messages';
export interface ConversationPayload {
  conversationSid: string;
}
export type ListMessagesPayload = ConversationPayload;

/** A file of a message, as the REST API reports it. */
export interface RestMedia {
  sid: string;
  contentType: string;
  filename: string | null;
  size: number;
}

/** A message as the REST API reports it. */
export interface RestMessage {
  index: number;
  author: string;
  body: string | null;
  /** Parsed from the message's JSON attributes. */
  attributes: Record<string, unknown>;
  media: RestMedia[];
}

/** The conversation's state and attributes as the REST API reports them. */
export const GET_CONVERSATION = 'bridge-chat:get-conversation';
export interface RestConversation {
  sid: string;
  state: string;
  friendlyName: string | null;
  attributes: Record<string, unknown>;
}

export const LIST_PARTICIPANTS = 'bridge-chat:list-participants';
export interface RestParticipant {
  identity: string | null;
  attributes: Record<string, unknown>;
  lastReadMessageIndex: number | null;
}

/** The agent closes the conversation (REST `State=closed`). */
export const CLOSE_CONVERSATION = 'bridge-chat:close-conversation';

/** Adds the demo agent as a participant (as the demo's agent console does on its first reply). */
export const AGENT_JOIN = 'bridge-chat:agent-join';

/** The agent has read up to `index` (REST: the agent participant's `LastReadMessageIndex`). */
export const AGENT_READ = 'bridge-chat:agent-read';
export interface AgentReadPayload {
  conversationSid: string;
  index: number;
}

/** Removes a participant from the conversation, e.g. the visitor: what it sends then is refused. */
export const REMOVE_PARTICIPANT = 'bridge-chat:remove-participant';
export interface RemoveParticipantPayload {
  conversationSid: string;
  identity: string;
}

/**
 * Takes the browser's realtime link down (the emulator drops every socket and
 * the gate refuses new ones) or lets it come back (`up: true`).
 */
export const REALTIME_LINK = 'bridge-chat:realtime-link';
export interface RealtimeLinkPayload {
  up: boolean;
}

/** Back to normal: the realtime link allowed again and the emulator's fault injection reset. */
export const RESET_FAULTS = 'bridge-chat:reset-faults';

/**
 * The agent on its own realtime client (joined first, if need be): `AGENT_LISTEN`
 * connects it to the conversation and starts recording who is typing;
 * `AGENT_TYPING` makes it type; `AGENT_TYPING_SEEN` answers what it heard.
 */
export const AGENT_LISTEN = 'bridge-chat:agent-listen';
export const AGENT_TYPING = 'bridge-chat:agent-typing';
export const AGENT_TYPING_SEEN = 'bridge-chat:agent-typing-seen';
export interface TypingSeen {
  identity: string;
  started: boolean;
}

/**
 * Someone else in the conversation (added with `identity` and the `friendlyName`
 * attribute the widget shows, if new) sends a message on its own realtime client:
 * a body, a file, or both. For tests of what others' names, words and files look like.
 */
export const PARTICIPANT_POSTS = 'bridge-chat:participant-posts';
export interface ParticipantPostsPayload {
  conversationSid: string;
  identity: string;
  friendlyName: string;
  body?: string;
  file?: SentFile;
}

/** A file as a test sends it to the Node side: its name, type and bytes in base64. */
export interface SentFile {
  name: string;
  contentType: string;
  base64: string;
}

/**
 * The test's tab sleeps, as when a laptop's lid closes: hidden (another tab in
 * front) and its scripts halted for a little over a second, while the realtime
 * link goes down and the emulator expires every access token issued so far; then
 * it wakes, visible again. The link stays down until `REALTIME_LINK` brings it
 * up, as a network that is not back yet.
 */
export const TAB_SLEEP = 'bridge-chat:tab-sleep';

/**
 * A second companion, the test's own (started on first use, stopped with the
 * runner), in front of the same emulator: `CONTROLLED_COMPANION` answers its
 * URL; `ROTATE_COMPANION_SECRET` gives it a new session secret alone, so every
 * session token it issued before stops being valid; `COMPANION_REACHABLE`
 * makes it cut every connection (`reachable: false`) or answer again.
 */
export const CONTROLLED_COMPANION = 'bridge-chat:controlled-companion';
export interface ControlledCompanionPayload {
  /** The test page's origin, which the companion's CORS must allow. */
  origin: string;
}
export const ROTATE_COMPANION_SECRET = 'bridge-chat:rotate-companion-secret';
export const COMPANION_REACHABLE = 'bridge-chat:companion-reachable';
export interface CompanionReachablePayload {
  reachable: boolean;
}

/**
 * Twilio (the emulator) answers `status` to every request of one product (`scope`; every
 * product without one) until RESET_FAULTS, as during an outage at Twilio.
 */
export const TWILIO_FAILS = 'bridge-chat:twilio-fails';
export interface TwilioFailsPayload {
  status: 429 | 503;
  scope?: 'conversations' | 'orchestrator' | 'memory';
  /** The Retry-After Twilio sends with each failure; 1 s unless told. */
  retryAfterSeconds?: number;
}

/**
 * The test page's next request for a URL that matches `urlPattern` (`*` stands for any text)
 * fails with 503, once: a download the network or CDN dropped, e.g. a lazy chunk's.
 */
export const FAIL_NEXT_REQUEST = 'bridge-chat:fail-next-request';
export interface FailNextRequestPayload {
  urlPattern: string;
}
