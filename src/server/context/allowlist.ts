import type { TraitGroups } from '../twilio/memory.js';

type TraitValue = string | number | boolean;

/**
 * Which profile traits may leave the server, from the `memoryTraits` setting
 * (`Group.trait` or `Group.*`). Everything not named is dropped here, before
 * an answer is built.
 */
export class TraitAllowlist {
  /** Group → the trait names allowed, or `'*'` for the whole group. */
  readonly #groups = new Map<string, Set<string> | '*'>();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const dot = entry.indexOf('.');
      const group = entry.slice(0, dot);
      const trait = entry.slice(dot + 1);
      const current = this.#groups.get(group);
      if (trait === '*' || current === '*') this.#groups.set(group, '*');
      else this.#groups.set(group, new Set([...(current ?? []), trait]));
    }
  }

  /** The groups to ask Memory for. */
  get groups(): string[] {
    return [...this.#groups.keys()];
  }

  /**
   * Only the allowlisted traits, as scalars: a list value becomes one
   * comma-separated string, anything else (objects, nulls) is dropped.
   */
  filter(traits: TraitGroups): Record<string, Record<string, TraitValue>> {
    // Built with fromEntries so no key, however named, can reach a prototype.
    const kept = [...this.#groups].flatMap(([group, allowed]) => {
      const picked = Object.entries(traits[group] ?? {}).flatMap(([name, value]) => {
        const scalar = allowed === '*' || allowed.has(name) ? toScalar(value) : undefined;
        return scalar === undefined ? [] : [[name, scalar] as const];
      });
      return picked.length > 0 ? [[group, Object.fromEntries(picked)] as const] : [];
    });
    return Object.fromEntries(kept);
  }
}

const isScalar = (value: unknown): value is TraitValue =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

function toScalar(value: unknown): TraitValue | undefined {
  if (isScalar(value)) return value;
  return Array.isArray(value) && value.length > 0 && value.every(isScalar) ? value.join(', ') : undefined;
}
