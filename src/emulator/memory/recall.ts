import type { ObservationRecord, SummaryRecord } from './snapshot.js';

/**
 * Recall: the observations and summaries most relevant to a query. Twilio
 * runs hybrid semantic search; the emulator scores by token overlap, the
 * share of the query's words a memory contains (0…1), so results are
 * deterministic. Without a usable query (or only a `conversationId`, whose
 * communications the emulator cannot expand into one) results come most
 * recent first without scores, as Twilio documents for that case.
 */

export interface RecallRequest {
  query?: string;
  /** Inclusive, on `occurredAt`. */
  beginDate?: string;
  /** Exclusive, on `occurredAt`. */
  endDate?: string;
  observationsLimit: number;
  summariesLimit: number;
  relevanceThreshold: number;
}

export interface Recalled<T> {
  record: T;
  /** Present when ranked by relevance. */
  score?: number;
}

export interface RecallResult {
  observations: Recalled<ObservationRecord>[];
  summaries: Recalled<SummaryRecord>[];
}

type Memory = ObservationRecord | SummaryRecord;

export function recall(
  observations: readonly ObservationRecord[],
  summaries: readonly SummaryRecord[],
  request: RecallRequest,
): RecallResult {
  const queryTokens = tokenize(request.query ?? '');
  const select = <T extends Memory>(records: readonly T[], limit: number): Recalled<T>[] => {
    const inWindow = records.filter((record) => withinDates(record.occurredAt, request));
    if (queryTokens.size === 0) {
      return inWindow.sort(mostRecentFirst).slice(0, limit).map((record) => ({ record }));
    }
    return inWindow
      .map((record) => ({ record, score: overlap(queryTokens, tokenize(record.content)) }))
      .filter(({ score }) => score >= request.relevanceThreshold)
      .sort((a, b) => b.score - a.score || mostRecentFirst(a.record, b.record))
      .slice(0, limit);
  };
  return {
    observations: select(observations, request.observationsLimit),
    summaries: select(summaries, request.summariesLimit),
  };
}

function withinDates(occurredAt: string, { beginDate, endDate }: RecallRequest): boolean {
  const at = Date.parse(occurredAt);
  const afterBegin = beginDate === undefined || at >= Date.parse(beginDate);
  return afterBegin && (endDate === undefined || at < Date.parse(endDate));
}

const mostRecentFirst = (a: Memory, b: Memory) =>
  Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || b.seq - a.seq;

/** Share of the query's tokens found in the memory, to four decimals. */
function overlap(query: ReadonlySet<string>, memory: ReadonlySet<string>): number {
  let shared = 0;
  for (const token of query) if (memory.has(token)) shared++;
  return Math.round((shared / query.size) * 10_000) / 10_000;
}

const STOP_WORDS = new Set(
  [
    'a about an and any are as at be by did do does for from had has have her his how i in is it its me my of on or',
    'our she that the their them they this to was we were what when where which who why will with you your',
  ]
    .join(' ')
    .split(' '),
);

/** Lowercased words without stop words, a plural `s` dropped so "roasts" meets "roast". */
function tokenize(text: string): Set<string> {
  const tokens = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    tokens.add(word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
  }
  return tokens;
}
