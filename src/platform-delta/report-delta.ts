import type { SnapshotObject } from '../introspect/snapshot-types.js';
import { comparableText } from '../parity/normalize.js';
import type { ReportPlatformDelta } from '../parity/report-model.js';
import type { PlatformDelta } from './delta-types.js';
import { comparedLive } from './managed-comparison.js';

/**
 * The delta as the report shows it: per item, whether the baseline-built database has live's
 * state of the object (read from that database, not from the SQL), or that it was left out.
 */
export function reportDelta(delta: PlatformDelta, baselineManaged: SnapshotObject[] | null, leftOut: Set<string>): ReportPlatformDelta {
  const b = baselineManaged ? new Map(baselineManaged.map((o) => [o.id, comparableText(o)])) : null;
  return {
    pristine: delta.pristine,
    historyCompared: delta.historyCompared,
    items: delta.items.map((i) => ({
      id: i.id,
      kind: i.kind,
      change: i.change,
      origin: i.origin,
      reason: i.reason,
      changedFields: i.changedFields,
      inBaseline: b ? (i.live ? b.get(i.id) === comparableText(comparedLive(i) ?? i.live) : !b.has(i.id)) : null,
      ...(i.versionFields?.length ? { versionFields: i.versionFields } : {}),
      ...(leftOut.has(i.id) ? { leftOut: true } : {}),
      ...(i.limit ? { limit: i.limit } : {}),
    })),
  };
}
