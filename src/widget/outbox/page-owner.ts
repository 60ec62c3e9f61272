import { randomId } from './random-id.js';

/**
 * Which page (tab) an outbox entry belongs to. Two tabs of one site share the
 * visitor's session and its stored entries; an entry is sent only by the page
 * that wrote it while that page is open, and adopted by the next page to
 * connect once it is closed. Pages tell each other they are open by holding a
 * Web Lock for their whole life.
 */
export interface OutboxOwner {
  /** This page's id, stored with its entries. */
  readonly id: string;
  /** The ids of the pages open now (this one included, as far as it is known). */
  livePages(): Promise<ReadonlySet<string>>;
}

const LOCK_PREFIX = 'bridge-chat-outbox-page:';

let page: OutboxOwner | undefined;

/** This page as an owner. Without Web Locks no other page counts as open, so stored entries are always adopted. */
export function pageOwner(): OutboxOwner {
  if (page) return page;
  const id = randomId();
  const locks = globalThis.navigator?.locks;
  // Never released: the browser frees the lock when the page goes away.
  locks?.request(`${LOCK_PREFIX}${id}`, () => new Promise<never>(() => {})).catch(() => {});
  page = {
    id,
    async livePages() {
      try {
        const { held = [] } = (await locks?.query()) ?? {};
        const names = held.flatMap(({ name }) => (name?.startsWith(LOCK_PREFIX) ? [name] : []));
        return new Set(names.map((name) => name.slice(LOCK_PREFIX.length)));
      } catch {
        return new Set();
      }
    },
  };
  return page;
}
