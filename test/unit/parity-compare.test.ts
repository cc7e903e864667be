import { describe, expect, it } from 'vitest';
import { compareSnapshots, differencesOf, kindLine } from '../../src/parity/compare.js';
import { describeObject } from '../../src/parity/describe-object.js';
import { boundedDiff, DIFF_TOO_LARGE } from '../../src/parity/object-diff.js';
import { objectId, grantId, type Snapshot, type SnapshotObject } from '../../src/introspect/snapshot-types.js';
import { publicTable, snapshotOf } from '../support/snapshot-builders.js';

const snap = (objects: SnapshotObject[]): Snapshot => snapshotOf(objects);

const table = (name: string, rls = true): SnapshotObject => publicTable(name, { rlsEnabled: rls }, [objectId('schema', ['public'])]);

const column = (tbl: string, name: string, position: number, type = 'text'): SnapshotObject => ({
  kind: 'column',
  id: objectId('column', ['public', tbl, name]),
  schema: 'public',
  name,
  parent: objectId('table', ['public', tbl]),
  scope: 'user',
  dependsOn: [],
  props: { position, type, notNull: false, default: null, identity: null, generated: null, collation: null, isLocal: true, statistics: null, storage: null },
});

const fn = (body: string): SnapshotObject => ({
  kind: 'function',
  id: objectId('function', ['public', 'f'], ''),
  schema: 'public',
  name: 'f',
  signature: '',
  scope: 'user',
  owner: 'postgres',
  dependsOn: [],
  props: {
    routineKind: 'function',
    identityArguments: '',
    returns: 'integer',
    definition: `CREATE OR REPLACE FUNCTION public.f()\n RETURNS integer\n LANGUAGE sql\nAS $function$${body}$function$\n`,
    language: 'sql',
    volatility: 'volatile',
    securityDefiner: false,
    strict: false,
    leakproof: false,
    parallel: 'unsafe',
    config: [],
  },
});

const grant = (tbl: string, grantee: string, privileges: string[]): SnapshotObject => {
  const target = objectId('table', ['public', tbl]);
  return {
    kind: 'grant',
    id: grantId(target, grantee),
    schema: 'public',
    name: tbl,
    parent: target,
    scope: 'user',
    dependsOn: [target],
    props: { targetType: 'TABLE', target, grantee, privileges, grantable: [] },
  };
};

describe('compareSnapshots', () => {
  it('reports full parity for identical snapshots, with per-kind counts', () => {
    const objs = [table('a'), table('b'), column('a', 'id', 1), fn('select 1')];
    const c = compareSnapshots(snap(objs), snap(structuredClone(objs)), { referenceLabel: 'live', candidateLabel: 'baseline' });
    expect(c.identical).toBe(true);
    expect(differencesOf(c)).toEqual([]);
    expect(c.totals).toEqual({ only_in_reference: 0, only_in_candidate: 0, changed: 0, equal: 4 });
    expect(kindLine(c)).toBe('Tables 2/2 · Columns 1/1 · Functions 1/1');
    expect(c.counts[0]).toEqual({ kind: 'table', label: 'Tables', reference: 2, candidate: 2, matched: 2 });
  });

  it('assigns only_in_reference, only_in_candidate and changed, with a unified diff', () => {
    const ref = snap([table('a'), table('only_live'), fn('select 1'), grant('a', 'anon', ['SELECT'])]);
    const cand = snap([table('a'), table('only_hist'), fn('select 2'), grant('a', 'anon', ['INSERT', 'SELECT'])]);
    const c = compareSnapshots(ref, cand, { referenceLabel: 'live', candidateLabel: 'history' });
    expect(c.identical).toBe(false);
    const byId = new Map(c.objects.map((o) => [o.id, o]));
    expect(byId.get('table:"public"."only_live"')?.status).toBe('only_in_reference');
    expect(byId.get('table:"public"."only_hist"')?.status).toBe('only_in_candidate');
    expect(byId.get('table:"public"."a"')?.status).toBe('equal');
    const f = byId.get('function:"public"."f"()');
    expect(f?.status).toBe('changed');
    expect(f?.changedFields).toEqual(['definition']);
    expect(f?.diff).toContain('--- live');
    expect(f?.diff).toContain('+++ history');
    expect(f?.diff).toContain('-  AS $function$select 1$function$');
    expect(f?.diff).toContain('+  AS $function$select 2$function$');
    const g = byId.get('grant:table:"public"."a"->"anon"');
    expect(g?.status).toBe('changed');
    expect(g?.changedFields).toEqual(['privileges']);
    expect(c.totals).toEqual({ only_in_reference: 1, only_in_candidate: 1, changed: 2, equal: 1 });
    const tables = c.counts.find((k) => k.kind === 'table');
    expect(tables).toEqual({ kind: 'table', label: 'Tables', reference: 2, candidate: 2, matched: 1 });
  });

  it('ignores dependsOn (derived data)', () => {
    const a = table('a');
    const b = { ...table('a'), dependsOn: ['schema:"other"'] } as SnapshotObject;
    expect(compareSnapshots(snap([a]), snap([b])).identical).toBe(true);
  });

  it('treats a column position difference as a warning, not a failure', () => {
    const ref = snap([column('a', 'x', 1), column('a', 'y', 2)]);
    const cand = snap([column('a', 'x', 2), column('a', 'y', 1)]);
    const c = compareSnapshots(ref, cand, { referenceLabel: 'live', candidateLabel: 'baseline' });
    expect(c.identical).toBe(true);
    expect(c.warnings.map((w) => w.code)).toEqual(['column_order', 'column_order']);
    expect(c.warnings[0]?.message).toContain('position 1 in live but 2 in baseline');
    // …but a real change next to a position change is still a change, and the diff shows both.
    const c2 = compareSnapshots(snap([column('a', 'x', 1)]), snap([column('a', 'x', 2, 'integer')]));
    expect(c2.identical).toBe(false);
    expect(c2.objects[0]?.changedFields).toEqual(['type']);
  });

  it('is deterministic and sorted by kind order, then id', () => {
    const ref = snap([fn('select 1'), table('b'), table('a'), column('a', 'id', 1)]);
    const c1 = compareSnapshots(ref, snap([]));
    const c2 = compareSnapshots(ref, snap([]));
    expect(JSON.stringify(c1)).toBe(JSON.stringify(c2));
    expect(c1.objects.map((o) => o.kind)).toEqual(['table', 'table', 'column', 'function']);
    expect(c1.objects[0]?.text).toContain('id: table:"public"."a"');
  });
});

describe('describeObject', () => {
  it('renders stable key: value lines and multi-line blocks, without dependsOn', () => {
    const text = describeObject(fn('select 1'));
    expect(text.split('\n')[0]).toBe('id: function:"public"."f"()');
    expect(text).toContain('definition: |\n  CREATE OR REPLACE FUNCTION public.f()\n   RETURNS integer');
    expect(text).toContain('config: []');
    expect(text).toContain('owner: postgres');
    expect(text).not.toContain('dependsOn');
    const g = describeObject(grant('a', 'anon', ['INSERT', 'SELECT']));
    expect(g).toContain('privileges: ["INSERT","SELECT"]');
  });

  it('quotes strings that would read as another type', () => {
    const t = { ...table('a'), comment: 'null' } as SnapshotObject;
    expect(describeObject(t)).toContain('comment: "null"');
  });
});

describe('boundedDiff', () => {
  it('falls back when the edit distance exceeds the bound', () => {
    const a = Array.from({ length: 400 }, (_, i) => `line a ${i}`).join('\n');
    const b = Array.from({ length: 400 }, (_, i) => `line b ${i}`).join('\n');
    const d = boundedDiff(a, b, { referenceLabel: 'l', candidateLabel: 'c', maxEditLength: 50 });
    expect(d).toEqual({ text: DIFF_TOO_LARGE, truncated: true });
    const ok = boundedDiff('x\ny\n', 'x\nz\n', { referenceLabel: 'l', candidateLabel: 'c' });
    expect(ok.truncated).toBe(false);
    expect(ok.text).toBe('--- l\n+++ c\n@@ -1,2 +1,2 @@\n x\n-y\n+z\n');
  });

  it('falls back when the diff text is too long', () => {
    const a = 'a\n'.repeat(10) + 'x'.repeat(5000) + '\n';
    const b = 'a\n'.repeat(10) + 'y'.repeat(5000) + '\n';
    expect(boundedDiff(a, b, { referenceLabel: 'l', candidateLabel: 'c', maxChars: 1000 }).truncated).toBe(true);
  });

  it('bounds a changed object diff inside compareSnapshots', () => {
    const big = (p: string) => fn(Array.from({ length: 300 }, (_, i) => `${p}${i}`).join('\n'));
    const c = compareSnapshots(snap([big('a')]), snap([big('b')]), { maxEditLength: 20 });
    expect(c.objects[0]?.status).toBe('changed');
    expect(c.objects[0]?.diff).toBe(DIFF_TOO_LARGE);
    expect(c.objects[0]?.diffTruncated).toBe(true);
  });
});
