import { invalidParameter } from '../errors.js';
import { REST_PAGE_SIZE_DEFAULT, REST_PAGE_SIZE_MAX } from '../limits.js';

/**
 * Twilio's classic list paging: `PageSize`, `Page` and an opaque `PageToken`
 * in, `meta {page, page_size, first_page_url, previous_page_url, url,
 * next_page_url, key}` out. Tokens carry the sort key of the item at the
 * page boundary, so pages stay stable when newer items arrive (a `desc`
 * message list would shift under plain offsets).
 */

interface PageCursor {
  page: number;
  /** Start after the item with this sort key. */
  after?: number;
  /** End before the item with this sort key. */
  before?: number;
}

export interface PageRequest {
  pageSize: number;
  page: number;
  cursor: PageCursor | undefined;
}

export interface Page<T> {
  items: T[];
  meta: {
    page: number;
    page_size: number;
    first_page_url: string;
    previous_page_url: string | null;
    url: string;
    next_page_url: string | null;
    key: string;
  };
}

export interface ListDescription<T> {
  /** The list's own URL on the Twilio host, without a query. */
  url: string;
  /** The property the items appear under, and `meta.key`. */
  key: string;
  /** Filters or ordering that every page URL must repeat, e.g. `{Order: 'desc'}`. */
  query?: Record<string, string>;
  /** Items in the order the list returns them. */
  items: readonly T[];
  /**
   * A unique key that rises (or, for descending lists, falls) along `items`.
   * Omit it for append-only lists read oldest first: the position serves.
   */
  sortKey?: (item: T) => number;
  ascending?: boolean;
}

const TOKEN_PREFIX = 'PT';

export function parsePageRequest(query: Record<string, string | undefined>): PageRequest {
  const pageSize = Math.min(parseCount(query['PageSize'], 'PageSize', REST_PAGE_SIZE_DEFAULT, 1), REST_PAGE_SIZE_MAX);
  const token = query['PageToken'];
  if (token !== undefined && token !== '') {
    const cursor = decodeToken(token);
    return { pageSize, page: cursor.page, cursor };
  }
  return { pageSize, page: parseCount(query['Page'], 'Page', 0, 0), cursor: undefined };
}

export function paginate<T>(list: ListDescription<T>, request: PageRequest): Page<T> {
  const { items, sortKey, ascending = true } = list;
  const keyAt = (position: number) => (sortKey ? sortKey(items[position] as T) : position);
  const comesAfter = (key: number, boundary: number) => (ascending ? key > boundary : key < boundary);
  const firstPosition = (predicate: (key: number) => boolean) => {
    for (let position = 0; position < items.length; position++) if (predicate(keyAt(position))) return position;
    return items.length;
  };
  const { cursor, pageSize, page } = request;

  let start: number;
  let end: number;
  if (cursor?.after !== undefined) {
    const boundary = cursor.after;
    start = firstPosition((key) => comesAfter(key, boundary));
    end = Math.min(start + pageSize, items.length);
  } else if (cursor?.before !== undefined) {
    const boundary = cursor.before;
    end = firstPosition((key) => key === boundary || comesAfter(key, boundary));
    start = Math.max(0, end - pageSize);
  } else {
    start = Math.min(page * pageSize, items.length);
    end = Math.min(start + pageSize, items.length);
  }

  const pageUrl = (pageNumber: number, pageCursor?: PageCursor) => {
    const params = new URLSearchParams(list.query);
    params.set('PageSize', String(pageSize));
    params.set('Page', String(pageNumber));
    if (pageCursor) params.set('PageToken', encodeToken(pageCursor));
    return `${list.url}?${params}`;
  };
  const hasNext = end < items.length;
  const hasPrevious = start > 0 && page > 0;
  const isEmpty = start === end;

  return {
    items: items.slice(start, end),
    meta: {
      page,
      page_size: pageSize,
      first_page_url: pageUrl(0),
      previous_page_url: !hasPrevious
        ? null
        : isEmpty
          ? pageUrl(page - 1)
          : pageUrl(page - 1, { page: page - 1, before: keyAt(start) }),
      url: pageUrl(page, cursor),
      next_page_url: hasNext ? pageUrl(page + 1, { page: page + 1, after: keyAt(end - 1) }) : null,
      key: list.key,
    },
  };
}

function parseCount(raw: string | undefined, name: string, fallback: number, minimum: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    throw invalidParameter(`Invalid ${name}: expected an integer of at least ${minimum}, got "${raw}"`);
  }
  return value;
}

function encodeToken(cursor: PageCursor): string {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeToken(token: string): PageCursor {
  const invalid = () => invalidParameter(`Invalid PageToken "${token}"`);
  if (!token.startsWith(TOKEN_PREFIX)) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof decoded !== 'object' || decoded === null) throw invalid();
  const { page, after, before } = decoded as Record<string, unknown>;
  const isKey = (value: unknown) => value === undefined || Number.isInteger(value);
  if (!Number.isInteger(page) || (page as number) < 0 || !isKey(after) || !isKey(before)) throw invalid();
  return decoded as PageCursor;
}
