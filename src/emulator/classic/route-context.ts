import type { Context, Hono } from 'hono';
import type { Conversation, ConversationStore } from './store.js';
import type { WireContext } from './wire.js';

/** What the Conversations v1 route files share. */
export interface ClassicRoutes {
  routes: Hono;
  store: ConversationStore;
  ctx: WireContext;
  /** The path of one conversation, with its `:conversation` parameter. */
  conversationPath: string;
  /** The conversation named in the path, by SID or unique name, or a Twilio 404. */
  conversationOf(c: Context): Conversation;
}
