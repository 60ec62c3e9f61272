import type { AttachmentPolicy } from '../settings/panel-settings.js';
import type { MediaLimits } from '../transport/transport.js';

/** What a file must offer to be checked: a `File` has it all. */
export type CheckedFile = Pick<File, 'name' | 'type' | 'size'>;

/** Why a file cannot be attached; sizes and limits in bytes, `count`'s limit in files. */
export type AttachmentProblem =
  | { kind: 'type'; name: string }
  | { kind: 'size'; name: string; size: number; limit: number }
  | { kind: 'count'; limit: number }
  | { kind: 'total'; size: number; limit: number };

export interface AttachmentCheck<F extends CheckedFile> {
  /** The added files that may join, in their order. */
  accepted: F[];
  /** One per refused file, except `count` and `total`, which are told once. */
  problems: AttachmentProblem[];
}

/**
 * Whether `accept` allows the file: MIME types (`application/pdf`), type families
 * (`image/*`) and extensions (`.pdf`) match case-insensitively; an empty list allows any.
 */
export function acceptsFile(accept: readonly string[], file: CheckedFile): boolean {
  const type = file.type.toLowerCase();
  const name = file.name.toLowerCase();
  return (
    accept.length === 0 ||
    accept.some((raw) => {
      const entry = raw.trim().toLowerCase();
      if (entry.startsWith('.')) return name.endsWith(entry);
      if (entry.endsWith('/*')) return type.startsWith(entry.slice(0, -1));
      return type === entry;
    })
  );
}

/**
 * Which of `added` may join the `current` files of a message: each file against the site's
 * policy and the conversation's limits (when known), in order, so the first ones that fit are kept.
 */
export function checkAttachments<F extends CheckedFile>(
  current: readonly CheckedFile[],
  added: Iterable<F>,
  policy: AttachmentPolicy,
  limits: MediaLimits | undefined,
): AttachmentCheck<F> {
  const accepted: F[] = [];
  const problems: AttachmentProblem[] = [];
  const fileLimit = Math.min(policy.maxFileBytes, limits?.maxFileBytes ?? Infinity);
  let count = current.length;
  let total = current.reduce((sum, file) => sum + file.size, 0);
  // Once over the count or the total, every further file is too; saying so once is enough.
  const tellOnce = (problem: AttachmentProblem) => {
    if (!problems.some((told) => told.kind === problem.kind)) problems.push(problem);
  };
  for (const file of added) {
    if (!acceptsFile(policy.accept, file)) problems.push({ kind: 'type', name: file.name });
    else if (file.size > fileLimit) problems.push({ kind: 'size', name: file.name, size: file.size, limit: fileLimit });
    else if (limits && count >= limits.maxCount) tellOnce({ kind: 'count', limit: limits.maxCount });
    else if (limits && total + file.size > limits.maxTotalBytes) {
      tellOnce({ kind: 'total', size: total + file.size, limit: limits.maxTotalBytes });
    } else {
      accepted.push(file);
      count += 1;
      total += file.size;
    }
  }
  return { accepted, problems };
}
