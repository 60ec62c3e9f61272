import { invalidParameter } from '../errors.js';

/**
 * Orchestrator list paging: `pageSize` and an opaque `pageToken` in,
 * `meta {key, pageSize, nextToken, previousToken}` out (the twilio library's
 * TokenPage follows `nextToken`). Tokens carry the sort key of the item at the
 * page boundary, so pages stay stable when items are added or removed.
 */

/** Twilio's bounds for `pageSize` on every v2 list. */
const PAGE_SIZE_DEFAULT = 50;
const PAGE_SIZE_MAX = 1000;

interface Cursor {
  /** Start after the item with this sort key. */
  after?: string;
  /** End before the item with this sort key. */
  before?: string;
}

export interface TokenPageRequest {
  pageSize: number;
  cursor: Cursor;
}

export interface TokenPage<T> {
  items: T[];
  meta: { key: string; pageSize: number; nextToken?: string; previousToken?: string };
}

export function parseTokenPageRequest(query: { pageSize?: string | undefined; pageToken?: string | undefined }): TokenPageRequest {
  const { pageSize: rawSize, pageToken } = query;
  let pageSize = PAGE_SIZE_DEFAULT;
  if (rawSize !== undefined && rawSize !== '') {
    pageSize = Number(rawSize);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > PAGE_SIZE_MAX) {
      throw invalidParameter(`Invalid parameter pageSize: expected an integer from 1 to ${PAGE_SIZE_MAX}, got "${rawSize}"`);
    }
  }
  return { pageSize, cursor: pageToken ? decodeToken(pageToken) : {} };
}

/**
 * One page of `items`, which must be in ascending order of `sortKey`
 * (a unique text key, e.g. creation time and ID).
 */
export function tokenPage<T>(key: string, items: readonly T[], sortKey: (item: T) => string, request: TokenPageRequest): TokenPage<T> {
  const { pageSize, cursor } = request;
  const firstIndex = (predicate: (item: T) => boolean) => {
    const index = items.findIndex(predicate);
    return index === -1 ? items.length : index;
  };
  let start: number;
  let end: number;
  if (cursor.before !== undefined) {
    const boundary = cursor.before;
    end = firstIndex((item) => sortKey(item) >= boundary);
    start = Math.max(0, end - pageSize);
  } else {
    const boundary = cursor.after;
    start = boundary === undefined ? 0 : firstIndex((item) => sortKey(item) > boundary);
    end = Math.min(start + pageSize, items.length);
  }
  const page = items.slice(start, end);
  const first = page[0];
  const last = page.at(-1);
  return {
    items: page,
    meta: {
      key,
      pageSize: page.length,
      ...(end < items.length && last !== undefined ? { nextToken: encodeToken({ after: sortKey(last) }) } : {}),
      ...(start > 0 && first !== undefined ? { previousToken: encodeToken({ before: sortKey(first) }) } : {}),
    },
  };
}

function encodeToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeToken(token: string): Cursor {
  const invalid = () => invalidParameter(`Invalid parameter pageToken: "${token}" is not a token this list returned`);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw invalid();
  const { after, before } = decoded as Record<string, unknown>;
  const valid = (typeof after === 'string') !== (typeof before === 'string') && [after, before].every((v) => v === undefined || typeof v === 'string');
  if (!valid) throw invalid();
  return decoded as Cursor;
}
