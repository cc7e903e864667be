import { expect } from 'vitest';
import { inject } from 'vitest';
import type { Snapshot, SnapshotObject } from '../../src/introspect/snapshot-types.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { identitySequenceGrantLines, normalizePgDump, pgDumpCanDump, pgDumpMajor, pgDumpSchema } from './pg-dump-normalize.js';

/** A fresh, platform-bootstrapped database (the environment a baseline is pushed to). */
export async function freshPlatformDatabase(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  await bootstrapPlatform(db.target, { major: inject('serverMajor') });
  return db;
}

/** Object-by-object difference of two snapshots, for readable failures. */
export function snapshotDifferences(a: Snapshot, b: Snapshot): string[] {
  const am = new Map(a.objects.map((o) => [o.id, o]));
  const bm = new Map(b.objects.map((o) => [o.id, o]));
  const out: string[] = [];
  for (const [id, o] of am) {
    const other = bm.get(id);
    if (!other) out.push(`missing in baseline-built: ${id}`);
    else if (canonicalJson(o) !== canonicalJson(other)) out.push(`differs: ${id}\n  live:     ${short(o)}\n  baseline: ${short(other)}`);
  }
  for (const id of bm.keys()) if (!am.has(id)) out.push(`extra in baseline-built: ${id}`);
  return out;
}

function short(o: SnapshotObject): string {
  return JSON.stringify({ owner: o.owner, comment: o.comment, dependsOn: o.dependsOn, props: o.props }).slice(0, 1500);
}

/** Assert snapshot(live) = snapshot(baseline-built), object by object. */
export async function expectSameSchema(live: Snapshot, built: TestDatabase): Promise<Snapshot> {
  const b = await inspectDatabase(built.target);
  expect(snapshotDifferences(live, b)).toEqual([]);
  expect(canonicalJson(b.objects)).toBe(canonicalJson(live.objects));
  return b;
}

/**
 * Assert `pg_dump --schema-only` of live and of the baseline-built database agree after
 * normalisation; returns the normalised baseline-built dump (null when no pg_dump can dump this
 * server major — pg_dump must be at least the server's, research/supabase-platform.md §15.7).
 * Known gap: privileges on identity columns' implicit sequences are not in the snapshot, so they
 * follow the (pinned) default privileges; only those GRANT/REVOKE lines are set aside.
 */
export async function expectSamePgDump(live: TestDatabase, built: TestDatabase, snapshot: Snapshot): Promise<string | null> {
  if (!(await pgDumpCanDump(inject('serverMajor')))) {
    expect(inject('serverMajor')).toBeGreaterThan(await pgDumpMajor());
    return null;
  }
  const [a, b] = await Promise.all([pgDumpSchema(live.target), pgDumpSchema(built.target)]);
  const gaps = identitySequenceGrantLines(snapshot);
  expect(normalizePgDump(b, gaps)).toBe(normalizePgDump(a, gaps));
  return normalizePgDump(b);
}
