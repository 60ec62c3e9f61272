/** Browser side of the demo agent API (demo/agent-api.ts). */
import type { AgentAccess } from '../agent-api.js';

export type { AgentAccess };
export interface AgentConversation {
  sid: string;
  friendlyName: string | null;
  state: string;
  dateCreated: string;
}

export interface AgentMessage {
  sid: string;
  index: number;
  /** The agent's display name for its own messages, else the author's identity. */
  author: string;
  fromAgent: boolean;
  body: string | null;
  dateCreated: string;
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`/agent-api${path}`, init);
  const body = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `Request failed (${response.status})`);
  return body;
}

const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

export const listConversations = () =>
  call<{ conversations: AgentConversation[] }>('/conversations').then((r) => r.conversations);

export const listMessages = (sid: string) =>
  call<{ messages: AgentMessage[] }>(`/conversations/${sid}/messages`).then((r) => r.messages);

/** A fresh access token for the agent's realtime link, and which realtime client to use. */
export const agentAccess = () => call<AgentAccess>('/token', postJson({}));

/** Adds the agent to the conversation (once): needed before its realtime link can follow it. */
export const join = (sid: string) => call(`/conversations/${sid}/join`, postJson({}));

export const reply = (sid: string, body: string) => call(`/conversations/${sid}/messages`, postJson({ body }));

/** Moves the agent's read horizon to `index`. */
export const markRead = (sid: string, index: number) => call(`/conversations/${sid}/read`, postJson({ index }));

export const closeConversation = (sid: string) => call(`/conversations/${sid}/close`, postJson({}));
