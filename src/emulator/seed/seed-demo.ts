import { MemoryProfileDirectory } from '../memory/directory.js';
import type { MemoryStore } from '../memory/store.js';
import type { OrchestratorStore } from '../orchestrator/store.js';
import { DEMO_CUSTOMER } from './demo-customer.js';
import { seedMemory } from './memory-seed.js';
import { seedOrchestratorHistory } from './orchestrator-seed.js';

/**
 * The demo's returning customer across both products: her profile first (the
 * history's CUSTOMER participants point at it), then her past calls and texts,
 * then the memories that point at those conversations.
 *
 * @returns her Memory profile ID.
 */
export function seedDemoCustomer(orchestrator: OrchestratorStore, memory: MemoryStore, memoryStoreId: string): string {
  const profileId = new MemoryProfileDirectory(memory).resolveProfile(memoryStoreId, {
    channel: 'VOICE',
    address: DEMO_CUSTOMER.phone,
  });
  const conversationIds = seedOrchestratorHistory(orchestrator, DEMO_CUSTOMER, { memoryStoreId, profileId });
  return seedMemory(memory, memoryStoreId, DEMO_CUSTOMER, conversationIds);
}
