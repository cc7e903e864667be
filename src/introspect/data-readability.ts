import type { SnapshotDataNote } from './snapshot-types.js';

/**
 * The sentence inspect, the baseline's warnings and the parity report print for a platform data
 * table the inspecting role could not read in full; undefined when it read everything.
 */
export function unreadableDataMessage(note: SnapshotDataNote): string | undefined {
  const u = note.unreadable;
  if (!u) return undefined;
  if (u.reason === 'no-select') return `${note.table} could not be read as ${u.role}: no SELECT privilege — rows there (if any) are not in the baseline`;
  return `${note.table} could not be read in full as ${u.role}: row-level security applies to it — rows it hides (if any) are not in the baseline`;
}
