import { KIND_LABELS, KIND_ORDER, type ObjectKind, type Snapshot, type SnapshotObject } from '../introspect/snapshot-types.js';
import { describeObject } from './describe-object.js';
import { changedFields, comparableText } from './normalize.js';
import { boundedDiff } from './object-diff.js';
import type { CompareOptions, Comparison, ComparisonWarning, KindCount, ObjectComparison, ObjectStatus } from './types.js';

/**
 * Compare two snapshots object by object, keyed by identity (`id`).
 *
 * Pure and deterministic: the result depends only on the two object lists (server version,
 * database name and platform facts are not compared — they are expected to differ between
 * production and a shadow and are reported elsewhere).
 *
 * @example
 *   const fidelity = compareSnapshots(live, baseline, { referenceLabel: 'live', candidateLabel: 'baseline' });
 *   if (!fidelity.identical) …
 */
export function compareSnapshots(reference: Snapshot, candidate: Snapshot, options: CompareOptions = {}): Comparison {
  const referenceLabel = options.referenceLabel ?? 'reference';
  const candidateLabel = options.candidateLabel ?? 'candidate';
  const refById = indexById(reference.objects);
  const candById = indexById(candidate.objects);
  const ids = [...new Set([...refById.keys(), ...candById.keys()])];

  const objects: ObjectComparison[] = [];
  const warnings: ComparisonWarning[] = [];
  for (const id of ids) {
    const r = refById.get(id);
    const c = candById.get(id);
    const base = (r ?? c) as SnapshotObject;
    const entry: ObjectComparison = {
      id,
      kind: base.kind,
      schema: base.schema,
      name: base.name,
      parent: base.parent ?? null,
      status: 'equal',
    };
    if (r && !c) {
      entry.status = 'only_in_reference';
      entry.text = describeObject(r);
    } else if (c && !r) {
      entry.status = 'only_in_candidate';
      entry.text = describeObject(c);
    } else if (r && c) {
      if (r.kind !== c.kind || comparableText(r) !== comparableText(c)) {
        entry.status = 'changed';
        entry.changedFields = r.kind === c.kind ? changedFields(r, c) : ['kind'];
        const d = boundedDiff(describeObject(r), describeObject(c), {
          referenceLabel,
          candidateLabel,
          ...(options.maxEditLength !== undefined ? { maxEditLength: options.maxEditLength } : {}),
          ...(options.diffTimeoutMs !== undefined ? { timeoutMs: options.diffTimeoutMs } : {}),
          ...(options.maxDiffChars !== undefined ? { maxChars: options.maxDiffChars } : {}),
        });
        entry.diff = d.text;
        if (d.truncated) entry.diffTruncated = true;
      }
      warnings.push(...ignoredDifferences(r, c, referenceLabel, candidateLabel));
    }
    objects.push(entry);
  }
  objects.sort(byKindThenId);
  warnings.sort((a, b) => cmp(a.id, b.id) || cmp(a.code, b.code));

  const totals: Record<ObjectStatus, number> = { only_in_reference: 0, only_in_candidate: 0, changed: 0, equal: 0 };
  for (const o of objects) totals[o.status]++;
  return {
    referenceLabel,
    candidateLabel,
    identical: totals.only_in_reference + totals.only_in_candidate + totals.changed === 0,
    counts: countByKind(reference, candidate, objects),
    objects,
    warnings,
    totals,
  };
}

/** Differences parity tolerates (normalize.ts IGNORED_PROPS), surfaced as warnings. */
function ignoredDifferences(r: SnapshotObject, c: SnapshotObject, refLabel: string, candLabel: string): ComparisonWarning[] {
  if (r.kind === 'column' && c.kind === 'column' && r.props.position !== c.props.position) {
    return [
      {
        code: 'column_order',
        id: r.id,
        message: `Column ${r.id.slice('column:'.length)} is at position ${r.props.position} in ${refLabel} but ${c.props.position} in ${candLabel}.`,
      },
    ];
  }
  if (r.kind === 'extension' && c.kind === 'extension' && r.props.version !== c.props.version) {
    return [
      {
        code: 'extension_version',
        id: r.id,
        message: `Extension ${r.name} is version ${r.props.version} in ${refLabel} but ${c.props.version} in ${candLabel}.`,
      },
    ];
  }
  return [];
}

function indexById(objects: SnapshotObject[]): Map<string, SnapshotObject> {
  const m = new Map<string, SnapshotObject>();
  for (const o of objects) m.set(o.id, o);
  return m;
}

/** Per-kind counts in KIND_ORDER; kinds absent from both sides are left out. */
function countByKind(reference: Snapshot, candidate: Snapshot, objects: ObjectComparison[]): KindCount[] {
  const counts = new Map<ObjectKind, KindCount>();
  const get = (kind: ObjectKind): KindCount => {
    let k = counts.get(kind);
    if (!k) {
      k = { kind, label: KIND_LABELS[kind] ?? kind, reference: 0, candidate: 0, matched: 0 };
      counts.set(kind, k);
    }
    return k;
  };
  for (const o of reference.objects) get(o.kind).reference++;
  for (const o of candidate.objects) get(o.kind).candidate++;
  for (const o of objects) if (o.status === 'equal') get(o.kind).matched++;
  return KIND_ORDER.filter((k) => counts.has(k)).map((k) => counts.get(k) as KindCount);
}

const KIND_RANK = new Map(KIND_ORDER.map((k, i) => [k, i]));

function byKindThenId(a: ObjectComparison, b: ObjectComparison): number {
  return (KIND_RANK.get(a.kind) ?? 999) - (KIND_RANK.get(b.kind) ?? 999) || cmp(a.id, b.id);
}

/** Code-unit order, not locale order: the same on every machine. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Only the differences (not `equal`), in the comparison's order. */
export function differencesOf(c: Comparison): ObjectComparison[] {
  return c.objects.filter((o) => o.status !== 'equal');
}

/** "Tables 7/7 · Indexes 16/16 · …" — matched/reference per kind. */
export function kindLine(c: Comparison): string {
  return c.counts.map((k) => `${k.label} ${k.matched}/${k.reference}`).join(' · ');
}
