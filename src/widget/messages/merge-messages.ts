import type { ChatMessage } from '../transport/transport.js';

/**
 * Adds messages to a list, oldest first, dropping ones already present: a message
 * can arrive both in the first page and as a realtime event. A message added
 * again replaces the one held (same id).
 */
export function mergeMessages(current: readonly ChatMessage[], added: readonly ChatMessage[]): ChatMessage[] {
  // The common case, a realtime message newer than everything held, needs no re-sort.
  if (ascendingAfter(current.at(-1)?.index ?? -Infinity, added)) return [...current, ...added];
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of added) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.index - b.index);
}

/** The messages of `added` that `current` does not hold yet (by id), in their order. */
export function unknownMessages(current: readonly ChatMessage[], added: readonly ChatMessage[]): ChatMessage[] {
  if (added.length === 0) return [];
  const known = new Set(current.map((message) => message.id));
  const unknown: ChatMessage[] = [];
  for (const message of added) {
    if (known.has(message.id)) continue;
    known.add(message.id);
    unknown.push(message);
  }
  return unknown;
}

function ascendingAfter(index: number, messages: readonly ChatMessage[]): boolean {
  let previous = index;
  for (const message of messages) {
    if (message.index <= previous) return false;
    previous = message.index;
  }
  return true;
}
