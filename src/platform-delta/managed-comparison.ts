import type { Snapshot, SnapshotObject } from '../introspect/snapshot-types.js';
import { comparableText } from '../parity/normalize.js';
import type { DeltaItem, PlatformDelta } from './delta-types.js';

/**
 * Which managed-schema objects parity compares: every object live, the history or the baseline
 * has in another state than the pristine platform — except live's platform version
 * differences (not the project's doing, the baseline never carries them). What the baseline
 * leaves out on request is kept out of the fidelity comparison by build-report's
 * `baselineExclude`. Objects all sides share with the pristine platform are the platform's
 * and stay out of the counts.
 */
export function relevantManagedIds(delta: PlatformDelta, pristine: SnapshotObject[], sides: (SnapshotObject[] | undefined)[]): Set<string> {
  const p = new Map(pristine.map((o) => [o.id, comparableText(o)]));
  const ids = new Set<string>();
  for (const side of sides) {
    if (!side) continue;
    const seen = new Set<string>();
    for (const o of side) {
      seen.add(o.id);
      if (p.get(o.id) !== comparableText(o)) ids.add(o.id);
    }
    for (const id of p.keys()) if (!seen.has(id)) ids.add(id);
  }
  for (const i of delta.items) if (i.origin === 'version') ids.delete(i.id);
  return ids;
}

/** The snapshot with the given managed objects added to its objects (for compareSnapshots). */
export function withManaged(s: Snapshot, ids: Set<string>): Snapshot {
  const extra = (s.managed ?? []).filter((o) => ids.has(o.id));
  return extra.length ? { ...s, objects: [...s.objects, ...extra] } : s;
}

/**
 * Live's object as parity compares it: fields that differ from the pristine platform only as
 * on another release (versionFields) take the pristine value, so neither the history nor the
 * baseline (both built on the pristine platform) is blamed for them.
 */
export function comparedLive(item: DeltaItem): SnapshotObject | null {
  const live = item.live;
  if (!live || !item.pristine || !item.versionFields?.length) return live;
  const top = { ...(live as unknown as Record<string, unknown>) };
  const props = { ...(live.props as unknown as Record<string, unknown>) };
  const before = item.pristine as unknown as Record<string, unknown>;
  const beforeProps = item.pristine.props as unknown as Record<string, unknown>;
  for (const f of item.versionFields) {
    if (f in props || f in beforeProps) {
      if (f in beforeProps) props[f] = beforeProps[f];
      else delete props[f];
    } else if (f in before) top[f] = before[f];
    else delete top[f];
  }
  return { ...top, props } as unknown as SnapshotObject;
}

/** Live's managed objects with comparedLive applied. */
export function liveForComparison(live: Snapshot, delta: PlatformDelta): Snapshot {
  const adjusted = new Map(delta.items.filter((i) => i.versionFields?.length).map((i) => [i.id, comparedLive(i)]));
  if (!adjusted.size || !live.managed) return live;
  return { ...live, managed: live.managed.map((o) => adjusted.get(o.id) ?? o) };
}
