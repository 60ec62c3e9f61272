/**
 * The site's hook for signed-in users: given the visitor's request to the
 * companion, say who they are (verify the site's own cookie or JWT), or
 * return nothing for an anonymous visitor. The identity never comes from the
 * request body.
 */
export interface IdentifiedVisitor {
  /** The chat identity (≤ 256 characters), stable for this user, e.g. `user-1234`. */
  identity: string;
  /** Shown to agents; stored on the participant. */
  name?: string;
  email?: string;
}

export type IdentifyHook = (request: Request) => IdentifiedVisitor | undefined | Promise<IdentifiedVisitor | undefined>;

const MAX_IDENTITY_LENGTH = 256;

/** Calls the hook and checks what it returned; a broken hook is the site's bug, reported as one. */
export async function identifyVisitor(hook: IdentifyHook | undefined, request: Request): Promise<IdentifiedVisitor | undefined> {
  if (!hook) return undefined;
  const visitor = await hook(request);
  if (visitor === undefined || visitor === null) return undefined;
  const { identity } = visitor;
  if (typeof identity !== 'string' || identity.trim() === '' || identity.length > MAX_IDENTITY_LENGTH) {
    throw new Error(`identify() returned an unusable identity (${JSON.stringify(identity)}); expected 1–${MAX_IDENTITY_LENGTH} characters`);
  }
  return visitor;
}
