/**
 * Links to other pipeline stages used by the safety commands (kept in one place so backup's
 * dependency on introspection is explicit and easy to stub).
 */
import type { ConnectionTarget } from '../db/connection.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import { inspectDatabase } from '../introspect/inspect.js';
import { summarizeSnapshot } from '../introspect/summary.js';

export interface InspectModule {
  inspectDatabase(target: ConnectionTarget): Promise<Snapshot>;
  summarizeSnapshot?: (s: Snapshot) => { kind: string; label: string; count: number }[];
}

/** inspectDatabase + summarizeSnapshot. Returns null only if the stage is unavailable. */
export async function loadInspect(): Promise<InspectModule | null> {
  return { inspectDatabase: (t) => inspectDatabase(t), summarizeSnapshot };
}
