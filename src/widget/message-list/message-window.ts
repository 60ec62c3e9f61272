import type { MessageRow } from '../messages/group-messages.js';

/**
 * Rows in the DOM at most: after a slide drops SHIFT_ROWS at the far end, the
 * 80 left still fill a log over 2,000 px tall; and well under the 200 message
 * nodes a long conversation may keep in the page.
 */
export const WINDOW_ROWS = 120;
/**
 * Rows a slide adds at one end and drops at the other: more than a screenful,
 * so a visitor scrolling steadily rarely reaches the window's edge, and few
 * enough that one slide renders well within a frame.
 */
export const SHIFT_ROWS = 40;

/**
 * Which consecutive rows the list renders. Pinned: the newest ones, following
 * new messages. Otherwise the rows from the message row `firstKey` on (with the
 * separators just before it): message keys stay with their message while
 * earlier messages are prepended, where a day separator's key moves to the new top.
 */
export type ListWindow = { pinned: true } | { pinned: false; firstKey: string };

/** The rendered rows: `rows.slice(start, end)`. */
export interface WindowRange {
  start: number;
  end: number;
}

export const PINNED: ListWindow = { pinned: true };

/** What the window needs of a row: its key, and whether it is a separator. */
export type WindowRow = Pick<MessageRow, 'kind' | 'key'>;

/**
 * The rows a window covers: always `WINDOW_ROWS` of them when there are that
 * many, so a window left near the end stays full. A window whose first row is
 * gone covers the newest rows.
 */
export function windowRange(rows: readonly WindowRow[], window: ListWindow): WindowRange {
  const lastStart = Math.max(0, rows.length - WINDOW_ROWS);
  let start = window.pinned ? -1 : rows.findIndex((row) => row.key === window.firstKey);
  if (start < 0) return { start: lastStart, end: rows.length };
  while (start > 0 && isSeparator(rows[start - 1])) start--;
  start = Math.min(start, lastStart);
  return { start, end: Math.min(rows.length, start + WINDOW_ROWS) };
}

/** An unpinned window starting at the first message row at or after `start`. */
export function windowFrom(rows: readonly WindowRow[], start: number): ListWindow {
  const first = rows.slice(start).find((row) => !isSeparator(row)) ?? rows.findLast((row) => !isSeparator(row));
  return first ? { pinned: false, firstKey: first.key } : PINNED;
}

/** The window moved `SHIFT_ROWS` towards the first row. */
export function slideUp(rows: readonly WindowRow[], range: WindowRange): ListWindow {
  return windowFrom(rows, Math.max(0, range.start - SHIFT_ROWS));
}

/** The window moved `SHIFT_ROWS` towards the last row; it stays unpinned until the visitor reaches the end. */
export function slideDown(rows: readonly WindowRow[], range: WindowRange): ListWindow {
  return windowFrom(rows, Math.min(range.start + SHIFT_ROWS, Math.max(0, rows.length - WINDOW_ROWS)));
}

function isSeparator(row: WindowRow | undefined): boolean {
  return row?.kind === 'day' || row?.kind === 'new-messages';
}
