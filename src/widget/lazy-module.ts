/**
 * Fetches a chunk with `import()` the first time it is wanted, and once: `loaded` runs when it
 * arrives (typically: keep or make what it exports, ask the host for an update). A failed fetch is
 * forgotten, so the next call asks again. Returns the function that loads it.
 */
export function lazyModule<M>(fetch: () => Promise<M>, loaded: (module: M) => void): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () =>
    (loading ??= fetch().then(
      (module) => {
        loaded(module);
        return module;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
}

/** Nothing to do when a chunk wanted eventually fails to load: the next want asks again. */
export const ignoreFailure = (): void => {};
