import type { TwilioClient } from './client.js';

/**
 * Conversation Memory v1 reads for `/context`, as plain data. Twilio errors
 * are left to the caller, which degrades instead of failing.
 */

export type TraitGroups = Record<string, Record<string, unknown>>;

export interface SummaryPage {
  /** Newest first, as Memory lists them. */
  summaries: Array<{ conversationId: string; content: string; occurredAt: Date | undefined }>;
  /** Memory's cursor for the next (older) page. */
  nextToken: string | undefined;
}

export interface Observation {
  content: string;
  occurredAt: Date;
}

/** The profile's traits in the named groups only (Memory filters them itself). */
export async function fetchTraitGroups(
  client: TwilioClient,
  storeId: string,
  profileId: string,
  groups: readonly string[],
): Promise<TraitGroups> {
  if (groups.length === 0) return {};
  const profile = await client.memory.v1.profiles(storeId, profileId).fetch({ traitGroups: groups.join(',') });
  return profile.traits ?? {};
}

export async function listSummaryPage(
  client: TwilioClient,
  storeId: string,
  profileId: string,
  pageSize: number,
  pageToken: string | undefined,
): Promise<SummaryPage> {
  const page = await client.memory.v1
    .conversationSummaries(storeId, profileId)
    .page({ pageSize, ...(pageToken === undefined ? {} : { pageToken }) });
  return {
    summaries: page.instances.flatMap((summary) =>
      summary.conversationId && summary.content !== undefined
        ? [{ conversationId: summary.conversationId, content: summary.content, occurredAt: summary.occurredAt }]
        : [],
    ),
    nextToken: page.nextToken || undefined,
  };
}

/** The newest observations, newest first. */
export async function listNewestObservations(
  client: TwilioClient,
  storeId: string,
  profileId: string,
  count: number,
): Promise<Observation[]> {
  const page = await client.memory.v1.observations(storeId, profileId).page({ pageSize: count, orderBy: 'DESC' });
  return page.instances.flatMap((observation) =>
    observation.content && observation.occurredAt ? [{ content: observation.content, occurredAt: observation.occurredAt }] : [],
  );
}
