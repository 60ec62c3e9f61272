import type { Memory } from '../../protocol/context.js';
import type { TwilioClient } from '../twilio/client.js';
import { fetchTraitGroups, listNewestObservations, type Observation, type TraitGroups } from '../twilio/memory.js';
import type { OrchestratorParticipant } from '../twilio/orchestrator.js';
import type { TraitAllowlist } from './allowlist.js';

/** The most observations one answer carries. */
export const OBSERVATION_COUNT = 10;

export interface MemoryQuery {
  /** Without a store or a profile there is nothing to read: only a name from the participant, if any. */
  storeId: string | undefined;
  profileId: string | undefined;
  /** The visitor's Orchestrator participant. */
  customer: OrchestratorParticipant;
  allowlist: TraitAllowlist;
  observations: boolean;
}

/**
 * What the company remembers, cut down to the site's allowlist: the display
 * name always, allowlisted traits, and observations only when switched on.
 * The `Contact` group is read for the name even when it is not allowlisted;
 * its other traits stay on the server.
 */
export async function loadMemory(twilio: TwilioClient, query: MemoryQuery): Promise<Memory> {
  const { storeId, profileId, allowlist } = query;
  const [traits, observations]: [TraitGroups, Observation[]] =
    storeId && profileId
      ? await Promise.all([
          fetchTraitGroups(twilio, storeId, profileId, [...new Set([...allowlist.groups, 'Contact'])]),
          query.observations ? listNewestObservations(twilio, storeId, profileId, OBSERVATION_COUNT) : [],
        ])
      : [{}, []];
  const displayName = displayNameOf(traits['Contact'], query.customer);
  return {
    ...(displayName === undefined ? {} : { displayName }),
    traits: allowlist.filter(traits),
    observations: observations
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
      .map(({ content, occurredAt }) => ({ content, occurredAt: occurredAt.toISOString() })),
  };
}

/** Contact.firstName, else Contact.name, else the participant's name unless that is just their address (an identity). */
function displayNameOf(contact: Record<string, unknown> | undefined, customer: OrchestratorParticipant): string | undefined {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const participantName = text(customer.name);
  const nameIsAddress = customer.addresses.some((address) => address.address === participantName);
  return text(contact?.['firstName']) ?? text(contact?.['name']) ?? (nameIsAddress ? undefined : participantName);
}
