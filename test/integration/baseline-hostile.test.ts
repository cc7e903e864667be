import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { hostileSql } from '../fixtures/hostile/apply.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { generateBaseline } from '../../src/baseline/generate-baseline.js';
import { applyBaseline } from '../../src/baseline/apply-baseline.js';
import type { Snapshot } from '../../src/introspect/snapshot-types.js';
import { expectSameSchema, expectSamePgDump, freshPlatformDatabase, snapshotDifferences } from '../support/baseline-proof.js';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/live-project.js';
import { itWithPgDump } from '../support/pg-dump-required.js';

function supabasePush(url: string, workdir: string): Promise<{ code: number; out: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DO_NOT_TRACK: '1', SUPABASE_TELEMETRY_DISABLED: '1' };
  delete env['SUPABASE_DB_URL'];
  delete env['DATABASE_URL'];
  const bin = join(REPO_ROOT, 'node_modules', '.bin', 'supabase');
  return new Promise((resolve) => {
    execFile(bin, ['db', 'push', '--db-url', url, '--yes', '--workdir', workdir], { cwd: workdir, env, timeout: 120_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? 1 : 0, out: String(stdout) + String(stderr) });
    });
  });
}

/**
 * B008 round trip on the hostile every-kind fixture: live (platform + fixture) → snapshot →
 * baseline → applied to a fresh platform-bootstrapped database → same snapshot, same pg_dump.
 */
describe('baseline round trip: hostile fixture', () => {
  let live: TestDatabase;
  let fresh: TestDatabase;
  let snapshot: Snapshot;
  let sql: string;

  beforeAll(async () => {
    live = await createTestDatabase('bl_hostile_live');
    await bootstrapPlatform(live.target, { major: inject('serverMajor') });
    await live.query(await hostileSql());
    snapshot = await inspectDatabase(live.target);
    sql = generateBaseline(snapshot, { version: '20990101000000', consolidates: ['20240101000000'], source: live.target.display }).sql;
    fresh = await freshPlatformDatabase('bl_hostile_fresh');
  });
  afterAll(async () => {
    await live?.drop();
    await fresh?.drop();
  });

  it('applies to a fresh platform database and builds the same snapshot', async () => {
    await applyBaseline(sql, fresh.target);
    await expectSameSchema(snapshot, fresh);
  });

  itWithPgDump('pg_dump --schema-only of both agrees after normalisation', async () => {
    const built = await expectSamePgDump(live, fresh, snapshot);
    if (built !== null) expect(built).toContain('CREATE TABLE');
  });

  it('regenerating from the baseline-built database gives the same bytes', async () => {
    const again = await inspectDatabase(fresh.target);
    expect(snapshotDifferences(snapshot, again)).toEqual([]);
    const strip = (s: string) => s.replace(/^-- (Run id|Generated at|Source):.*$/gm, '');
    const opts = { version: '20990101000000', consolidates: ['20240101000000'], source: 'x' };
    expect(strip(generateBaseline(again, opts).sql)).toBe(strip(generateBaseline(snapshot, opts).sql));
  });

  it('the same baseline applies through the real Supabase CLI (statement splitting of hostile text)', async () => {
    const db = await freshPlatformDatabase('bl_hostile_cli');
    const work = await mkdtemp(join(tmpdir(), 'sb-baseline-hostile-'));
    try {
      await mkdir(join(work, 'supabase', 'migrations'), { recursive: true });
      await writeFile(join(work, 'supabase', 'migrations', '20990101000000_baseline.sql'), sql);
      const push = await supabasePush(db.url, work);
      expect(push.code, push.out).toBe(0);
      await expectSameSchema(snapshot, db);
    } finally {
      await db.drop();
      await rm(work, { recursive: true, force: true });
    }
  });

  it('creates event triggers after every other DDL statement', () => {
    expect(sql.indexOf('CREATE EVENT TRIGGER')).toBeGreaterThan(sql.indexOf('-- Privileges'));
    expect(sql.indexOf('CREATE EVENT TRIGGER')).toBeGreaterThan(sql.lastIndexOf('CREATE POLICY'));
  });

  it('never has a line starting with a backslash', () => {
    expect(sql).not.toMatch(/(^|\n)\\/);
  });
});
