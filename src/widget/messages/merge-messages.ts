import type { ChatMessage } from '../transport/transport.js';

/**
 * Adds messages to a list, oldest first, dropping ones already present: a message
 * can arrive both in the first page and as a realtime event.
 */
export function mergeMessages(current: readonly ChatMessage[], added: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of added) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.index - b.index);
}
