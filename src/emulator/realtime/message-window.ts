import type { Message } from '../classic/store.js';

export interface MessageWindow {
  /** Oldest first. */
  messages: readonly Message[];
  /** Where the page before this one starts reading backwards, or null if nothing is older. */
  prevAnchor: number | null;
  /** Where the page after this one starts reading forward, or null if nothing is newer. */
  nextAnchor: number | null;
}

/**
 * The SDK's message paging: a window of `pageSize` messages next to an anchor
 * index, reading backwards (index <= anchor; default the newest) or forward
 * (index >= anchor; default the oldest). Indices may have gaps, so the
 * neighbouring anchors are real indices, not arithmetic.
 */
export function messageWindow(
  all: readonly Message[],
  pageSize: number,
  anchor: number | undefined,
  direction: 'backwards' | 'forward',
): MessageWindow {
  let start: number;
  let end: number;
  if (direction === 'backwards') {
    end = anchor === undefined ? all.length : firstPosition(all, (message) => message.index > anchor);
    start = Math.max(0, end - pageSize);
  } else {
    start = anchor === undefined ? 0 : firstPosition(all, (message) => message.index >= anchor);
    end = Math.min(all.length, start + pageSize);
  }
  return {
    messages: all.slice(start, end),
    prevAnchor: start > 0 ? (all[start - 1]?.index ?? null) : null,
    nextAnchor: end < all.length ? (all[end]?.index ?? null) : null,
  };
}

function firstPosition(all: readonly Message[], predicate: (message: Message) => boolean): number {
  const position = all.findIndex(predicate);
  return position === -1 ? all.length : position;
}
