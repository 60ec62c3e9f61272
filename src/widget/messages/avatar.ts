/** How many avatar colours the styles define (`[data-hue="0"]` … `[data-hue="7"]`). */
export const AVATAR_HUES = 8;

/**
 * Up to two letters for an avatar: the first letters of the first and last
 * words ("Sam Lee" → "SL"), or the first letter of a single word ("sam" → "S");
 * an email address counts by its part before the @. Letters are taken whole
 * (an accented letter is not cut in half); symbols and emoji are skipped.
 */
export function initials(name: string): string {
  const at = name.indexOf('@');
  const words = (at > 0 ? name.slice(0, at) : name)
    .split(/[\s._-]+/u)
    .map((word) => Array.from(word.replace(/^[^\p{L}\p{N}]+/u, ''))[0])
    .filter((letter): letter is string => letter !== undefined);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words.slice(0, 1);
  return letters.join('').toLocaleUpperCase() || '?';
}

/** The colour (0 … AVATAR_HUES - 1) of someone's avatar: the same identity always gets the same one. */
export function avatarHue(identity: string): number {
  // FNV-1a: a stable, well-spread hash of a short string.
  let hash = 0x811c9dc5;
  for (let i = 0; i < identity.length; i++) {
    hash ^= identity.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % AVATAR_HUES;
}
