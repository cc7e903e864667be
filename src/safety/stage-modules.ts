/**
 * Optional links to other pipeline stages, loaded lazily so the safety commands build and run
 * on their own. A variable specifier keeps TypeScript from requiring the module at compile time.
 */
import type { ConnectionTarget } from '../db/connection.js';
import type { Snapshot } from '../introspect/snapshot-types.js';

export interface InspectModule {
  inspectDatabase(target: ConnectionTarget, options?: { onProgress?: (e: unknown) => void }): Promise<Snapshot>;
  summarizeSnapshot?: (s: Snapshot) => { kind: string; label: string; count: number }[];
}

async function optionalImport<T>(spec: string): Promise<T | null> {
  try {
    return (await import(spec)) as T;
  } catch (err) {
    // Only "module not found" means the stage is absent; anything else is a real bug.
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND') return null;
    throw err;
  }
}

/** inspectDatabase (+ summarizeSnapshot when present), or null when the stage is not built. */
export async function loadInspect(): Promise<InspectModule | null> {
  const mod = await optionalImport<Partial<InspectModule>>('../introspect/inspect.js');
  if (!mod?.inspectDatabase) return null;
  const summary = await optionalImport<{ summarizeSnapshot?: InspectModule['summarizeSnapshot'] }>('../introspect/summary.js');
  return { inspectDatabase: mod.inspectDatabase, ...(summary?.summarizeSnapshot ? { summarizeSnapshot: summary.summarizeSnapshot } : {}) };
}
