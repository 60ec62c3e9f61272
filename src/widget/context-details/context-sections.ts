import type { ContextResponse, LinkStatus, Memory } from '../../protocol/context.js';

/** What the "Your history" region shows of a loaded context. */
export interface ContextSections {
  /** A note about the link: still connecting to the history, or the history is unavailable. */
  note: 'pending' | 'unavailable' | undefined;
  memory: boolean;
  history: boolean;
}

/**
 * The sections a context fills, decided in one place: the panel decides from them whether to show
 * the "Your history" section (and fetch its code), and the section renders exactly these.
 */
export function contextSections(
  context: ContextResponse,
  linkStatus: LinkStatus | undefined,
  show: { history: boolean; memory: boolean },
): ContextSections {
  return {
    note: linkStatus === 'pending' || linkStatus === 'unavailable' ? linkStatus : undefined,
    memory: show.memory && hasMemory(context.memory),
    // An empty list only for a linked customer: pending and unavailable have their note, and a chat
    // that is not bridged has no profile, so no history now or later.
    history: show.history && (context.history.items.length > 0 || linkStatus === 'linked'),
  };
}

function hasMemory(memory: Memory): boolean {
  return (
    Boolean(memory.displayName) ||
    Object.values(memory.traits).some((group) => Object.keys(group).length > 0) ||
    memory.observations.length > 0
  );
}
