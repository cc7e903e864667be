/**
 * Resources that must not outlive the process (shadow clusters, temporary databases, temp
 * dirs) register an async cleanup here. `withX` helpers clean up in `finally`; this registry
 * is for the signal path (SIGINT/SIGTERM), which the CLI wires up in one place.
 */
const cleanups = new Set<() => Promise<void>>();

export function registerCleanup(fn: () => Promise<void>): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export async function runCleanups(): Promise<void> {
  const fns = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(fns.map((fn) => fn()));
}
