import { KIND_ORDER, type SnapshotObject } from '../introspect/snapshot-types.js';
import { isPlatformRole } from '../introspect/platform-scope.js';
import { IGNORED_PROPS, changedFields, comparableText } from '../parity/normalize.js';
import { describeFields } from '../parity/describe-object.js';
import type { DeltaChange, DeltaItem, DeltaOrigin, PlatformDelta, PristineSource } from './delta-types.js';

export interface DeltaInputs {
  /** Managed-schema objects of the pristine platform. */
  pristine: SnapshotObject[];
  /** Managed-schema objects of live. */
  live: SnapshotObject[];
  /** Managed-schema objects of the replayed history on the same pristine platform; null when it did not replay. */
  history: SnapshotObject[] | null;
  source: PristineSource;
}

/**
 * Compare live's managed schemas with the pristine platform and say, per difference, whose
 * doing it is (DeltaOrigin). Pure and deterministic.
 */
export function computePlatformDelta(inputs: DeltaInputs): PlatformDelta {
  const p = byId(inputs.pristine);
  const l = byId(inputs.live);
  const h = inputs.history ? byId(inputs.history) : null;
  const raw: Omit<DeltaItem, 'origin' | 'reason'>[] = [];
  for (const id of [...new Set([...p.keys(), ...l.keys()])].sort(cmp)) {
    const before = p.get(id) ?? null;
    const after = l.get(id) ?? null;
    if (same(before, after)) continue;
    const change: DeltaChange = !before ? 'added' : !after ? 'removed' : 'changed';
    const base = (after ?? before) as SnapshotObject;
    raw.push({ id, kind: base.kind, change, changedFields: before && after ? changedFields(before, after) : [], live: after, pristine: before });
  }
  const items: DeltaItem[] = [];
  const origins = new Map<string, DeltaOrigin>();
  const added = new Set(raw.filter((i) => i.change === 'added').map((i) => i.id));
  // Parents first (tables before their columns, functions before triggers), so children can inherit.
  for (const item of raw.sort((a, b) => rank(a) - rank(b) || cmp(a.id, b.id))) {
    const split = h && item.change === 'changed' ? splitFields(item, h.get(item.id) ?? null) : null;
    const { origin, reason } = split ? split.verdict : originOf(item, h, origins, added);
    origins.set(item.id, origin);
    const full: DeltaItem = { ...item, origin, reason };
    if (split && split.versionFields.length && origin !== 'version') {
      full.changedFields = item.changedFields.filter((f) => !split.versionFields.includes(f));
      full.versionFields = split.versionFields;
    }
    const limit = limitOf(full);
    if (limit && origin !== 'version') full.limit = limit;
    items.push(full);
  }
  // A removed table's columns go with it: the table carries the limit, once.
  const removedTables = new Set(items.filter((i) => i.change === 'removed' && i.kind === 'table').map((i) => i.id));
  for (const i of items) if (i.kind === 'column' && i.pristine?.parent && removedTables.has(i.pristine.parent)) delete i.limit;
  items.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || cmp(a.id, b.id));
  return { pristine: inputs.source, historyCompared: h !== null, items };
}

/**
 * A changed platform object, field by field: a field the history sets as live has it is the
 * history's, a field the history leaves at the pristine value is another release's (a comment
 * or grant a newer platform added), anything else was changed on live by hand.
 */
function splitFields(item: Omit<DeltaItem, 'origin' | 'reason'>, replayed: SnapshotObject | null): { verdict: { origin: DeltaOrigin; reason: string }; versionFields: string[] } | null {
  const live = item.live;
  const pristine = item.pristine;
  if (!live || !pristine || !replayed || replayed.kind !== live.kind) return null;
  const l = describeFields(live, { omitProps: IGNORED_PROPS[live.kind] ?? [] });
  const p = describeFields(pristine, { omitProps: IGNORED_PROPS[live.kind] ?? [] });
  const h = describeFields(replayed, { omitProps: IGNORED_PROPS[live.kind] ?? [] });
  const history: string[] = [];
  const version: string[] = [];
  const byHand: string[] = [];
  for (const f of item.changedFields) {
    if (h.get(f) === l.get(f)) history.push(f);
    else if (h.get(f) === p.get(f)) version.push(f);
    else byHand.push(f);
  }
  // Fields the history changed that live does not have changed the same way.
  const historyOnly = [...h.keys()].filter((f) => h.get(f) !== p.get(f) && h.get(f) !== l.get(f) && !item.changedFields.includes(f));
  if (byHand.length || historyOnly.length) return { verdict: { origin: 'live-only', reason: `live differs from what the migrations make (${[...byHand, ...historyOnly].join(', ')})` }, versionFields: version };
  if (history.length) {
    const note = version.length ? `; ${version.join(', ')} differ as on another platform release (not compared)` : '';
    return { verdict: { origin: 'history', reason: `the replayed migrations make it so${note}` }, versionFields: version };
  }
  return { verdict: { origin: 'version', reason: 'the migrations leave it as the pristine platform has it; live runs another platform release' }, versionFields: version };
}

function originOf(item: Omit<DeltaItem, 'origin' | 'reason'>, h: Map<string, SnapshotObject> | null, known: Map<string, DeltaOrigin>, added: Set<string>): { origin: DeltaOrigin; reason: string } {
  if (h) {
    const replayed = h.get(item.id) ?? null;
    if (same(replayed, item.live)) return { origin: 'history', reason: 'the replayed migrations make it so' };
    if (!same(replayed, item.pristine)) return { origin: 'live-only', reason: 'the migrations change it too, but live differs from what they make' };
  }
  // Only an object the pristine platform lacks can be told apart by its owner: a platform
  // object changed or missing on live, untouched by the history, is another release's.
  const owner = item.change === 'added' ? ownerOf(item, known, added) : { user: false, reason: '' };
  if (owner.user) return { origin: 'live-only', reason: owner.reason };
  return {
    origin: 'version',
    reason: h ? 'the migrations leave it as the pristine platform has it; live runs another platform release' : 'owned by the platform (the history did not replay, so origins rest on ownership)',
  };
}

/** Whether the object is the user's by ownership: its own owner, or its parent's / function's origin. */
function ownerOf(item: Omit<DeltaItem, 'origin' | 'reason'>, known: Map<string, DeltaOrigin>, added: Set<string>): { user: boolean; reason: string } {
  const o = (item.live ?? item.pristine) as SnapshotObject;
  if (o.owner !== undefined) {
    return isPlatformRole(o.owner) ? { user: false, reason: '' } : { user: true, reason: `owned by ${o.owner}, not by a platform role, and not made by the migrations` };
  }
  const related = [o.parent, o.kind === 'grant' ? o.props.target : undefined, o.kind === 'trigger' ? o.props.function : undefined].filter((x): x is string => Boolean(x));
  for (const r of related) {
    // Only a new object's parts are its creator's: a grant on a platform function is not.
    const origin = added.has(r) ? known.get(r) : undefined;
    if (origin && origin !== 'version') return { user: true, reason: `belongs to ${r}, a change of the user's` };
  }
  return { user: false, reason: '' };
}

/** What the baseline cannot reproduce safely. */
function limitOf(item: DeltaItem): string | undefined {
  if (item.change === 'removed' && (item.kind === 'table' || item.kind === 'column')) {
    return `the baseline drops ${item.kind === 'table' ? 'this platform table' : 'this platform column'} (IF EXISTS), but a platform upgrade may create it again; its data is gone on the target`;
  }
  if (item.change === 'changed' && !CHANGEABLE[item.kind]?.(item)) {
    return `squashbase cannot reproduce this change of ${item.changedFields.join(', ') || 'the object'} on a platform ${item.kind}`;
  }
  return undefined;
}

/** Changes render-delta.ts reproduces. */
const CHANGEABLE: Partial<Record<SnapshotObject['kind'], (i: DeltaItem) => boolean>> = {
  function: () => true,
  trigger: () => true,
  index: () => true,
  policy: () => true,
  view: () => true,
  constraint: () => true,
  grant: () => true,
  column: (i) => i.changedFields.every((f) => ['default', 'notNull', 'comment', 'type'].includes(f)),
  table: (i) => i.changedFields.every((f) => ['owner', 'rlsEnabled', 'rlsForced', 'comment'].includes(f)),
  sequence: (i) => i.changedFields.every((f) => ['owner', 'comment'].includes(f)),
};

/** Parents before children: the order origins are decided in. */
function rank(i: { kind: SnapshotObject['kind'] }): number {
  switch (i.kind) {
    case 'grant':
      return 3;
    case 'trigger':
      return 2;
    case 'column':
    case 'constraint':
    case 'index':
    case 'policy':
      return 1;
    default:
      return 0;
  }
}

function same(a: SnapshotObject | null | undefined, b: SnapshotObject | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.kind === b.kind && comparableText(a) === comparableText(b);
}

function byId(objects: SnapshotObject[]): Map<string, SnapshotObject> {
  return new Map(objects.map((o) => [o.id, o]));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
