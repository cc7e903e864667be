import { KIND_LABELS, KIND_ORDER, type ObjectKind } from '../introspect/snapshot-types.js';
import type { Comparison } from './types.js';
import type { KindRow, KindSide } from './report-model.js';

/**
 * The per-kind table of a report, from the two comparisons (both have live as reference).
 * `liveCounts` is used when neither comparison ran, so the table still shows what live has.
 */
export function buildKindRows(liveCounts: Map<ObjectKind, number>, fidelity: Comparison | null, drift: Comparison | null): KindRow[] {
  const kinds = new Set<ObjectKind>(liveCounts.keys());
  for (const c of [fidelity, drift]) for (const k of c?.counts ?? []) kinds.add(k.kind);
  return KIND_ORDER.filter((k) => kinds.has(k)).map((kind) => ({
    kind,
    label: KIND_LABELS[kind],
    live: liveCounts.get(kind) ?? 0,
    baseline: side(fidelity, kind),
    history: side(drift, kind),
  }));
}

function side(c: Comparison | null, kind: ObjectKind): KindSide | null {
  if (!c) return null;
  const s: KindSide = { count: 0, matched: 0, changed: 0, onlyInLive: 0, onlyInCandidate: 0 };
  for (const o of c.objects) {
    if (o.kind !== kind) continue;
    if (o.status === 'equal') s.matched++;
    else if (o.status === 'changed') s.changed++;
    else if (o.status === 'only_in_reference') s.onlyInLive++;
    else s.onlyInCandidate++;
  }
  s.count = s.matched + s.changed + s.onlyInCandidate;
  return s;
}
