import { invalidRequest } from './errors.js';

/**
 * Memory's cursor paging: `pageSize`, `pageToken` and (where a list has it)
 * `orderBy` in; `meta {key, pageSize, nextToken, previousToken}` out, `key`
 * naming the list property, as the twilio library's TokenPage requires.
 * Tokens hold the sort key of the item at the page boundary, so pages stay
 * stable while items are added or removed.
 */

export type Order = 'ASC' | 'DESC';

/** Creation time (ms) and creation sequence: unique, and ordered as the API orders lists. */
export type SortKey = readonly [number, number];

export interface PageRequest {
  pageSize: number;
  order: Order;
  cursor: Cursor | undefined;
}

export interface ListLimits {
  /** The largest `pageSize` the endpoint accepts. */
  maxPageSize: number;
  /** The most items one page returns, whatever `pageSize` asks (the response schema's limit). */
  maxItems: number;
  /** Whether the endpoint takes `orderBy`; lists without it are always newest first. */
  orderable: boolean;
}

export interface TokenPage<T> {
  items: T[];
  meta: { key: string; pageSize: number; nextToken?: string; previousToken?: string };
}

interface Cursor {
  order: Order;
  direction: 'next' | 'previous';
  boundary: SortKey;
}

const DEFAULT_PAGE_SIZE = 50;

export function parsePageRequest(query: Record<string, string | undefined>, limits: ListLimits): PageRequest {
  const { pageSize: rawSize, pageToken, orderBy } = query;
  let pageSize = DEFAULT_PAGE_SIZE;
  if (rawSize !== undefined) {
    pageSize = Number(rawSize);
    if (!/^\d+$/.test(rawSize) || pageSize < 1 || pageSize > limits.maxPageSize) {
      throw invalidRequest(`pageSize must be an integer from 1 to ${limits.maxPageSize}, got "${rawSize}"`);
    }
  }
  let order: Order = 'DESC';
  if (limits.orderable && orderBy !== undefined) {
    if (orderBy !== 'ASC' && orderBy !== 'DESC') throw invalidRequest(`orderBy must be ASC or DESC, got "${orderBy}"`);
    order = orderBy;
  }
  const cursor = pageToken === undefined ? undefined : decodeToken(pageToken, order);
  return { pageSize: Math.min(pageSize, limits.maxItems), order, cursor };
}

export function tokenPage<T>(
  all: readonly T[],
  sortKey: (item: T) => SortKey,
  request: PageRequest,
  key: string,
): TokenPage<T> {
  const sign = request.order === 'ASC' ? 1 : -1;
  const compare = (a: SortKey, b: SortKey) => sign * (a[0] - b[0] || a[1] - b[1]);
  const items = [...all].sort((a, b) => compare(sortKey(a), sortKey(b)));
  const firstIndex = (predicate: (key: SortKey) => boolean) => {
    const index = items.findIndex((item) => predicate(sortKey(item)));
    return index === -1 ? items.length : index;
  };

  const { cursor, pageSize } = request;
  let start: number;
  let end: number;
  if (cursor?.direction === 'previous') {
    end = firstIndex((itemKey) => compare(itemKey, cursor.boundary) >= 0);
    start = Math.max(0, end - pageSize);
  } else {
    start = cursor ? firstIndex((itemKey) => compare(itemKey, cursor.boundary) > 0) : 0;
    end = Math.min(start + pageSize, items.length);
  }

  const page = items.slice(start, end);
  const meta: TokenPage<T>['meta'] = { key, pageSize: page.length };
  const last = page.at(-1);
  const first = page[0];
  if (end < items.length && last !== undefined) {
    meta.nextToken = encodeToken({ order: request.order, direction: 'next', boundary: sortKey(last) });
  }
  if (start > 0 && first !== undefined) {
    meta.previousToken = encodeToken({ order: request.order, direction: 'previous', boundary: sortKey(first) });
  }
  return { items: page, meta };
}

function encodeToken({ order, direction, boundary }: Cursor): string {
  return Buffer.from(JSON.stringify([order, direction, ...boundary])).toString('base64url');
}

/** A token only continues the listing it came from, so its order must match the request's. */
function decodeToken(token: string, order: Order): Cursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 4 ||
    decoded[0] !== order ||
    (decoded[1] !== 'next' && decoded[1] !== 'previous') ||
    !Number.isSafeInteger(decoded[2]) ||
    !Number.isSafeInteger(decoded[3])
  ) {
    throw invalidRequest(`pageToken "${token}" is not a token of this list`);
  }
  return { order, direction: decoded[1], boundary: [decoded[2], decoded[3]] };
}
