import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { useTestDatabase, type TestDatabase } from '../support/test-database.js';
import { withClient } from '../../src/db/client.js';
import { readHistory } from '../../src/history/read-history.js';
import { exportHistory } from '../../src/history/export-history.js';
import { recordBaseline, planRecord } from '../../src/history/record-baseline.js';
import { restoreHistory } from '../../src/history/restore-history.js';
import { ADVISORY_LOCK_KEY } from '../../src/history/advisory-lock.js';
import { CREATE_MIGRATION_TABLE_SQL } from '../../src/migrations/cli-history.js';
import { parseDbUrl } from '../../src/db/connection.js';
import { renderSqlSteps } from '../../src/history/sql-plan.js';
import { isSquashbaseError } from '../../src/errors.js';

const db = useTestDatabase('history_record');

async function reset(d: TestDatabase, shape: 'full' | 'version-only' | 'statements' | 'extra' | 'missing'): Promise<void> {
  await d.query('DROP SCHEMA IF EXISTS supabase_migrations CASCADE');
  if (shape === 'missing') return;
  await d.query('CREATE SCHEMA supabase_migrations');
  const cols = shape === 'version-only' ? '' : shape === 'statements' ? ', statements text[]' : shape === 'extra' ? ', statements text[], name text, created_by text, rollback text[], inserted_at timestamptz DEFAULT now()' : ', statements text[], name text';
  await d.query(`CREATE TABLE supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY${cols})`);
  for (const [v, n] of [['20240101000000', 'init'], ['20240102000000', 'two'], ['20240103000000', 'three']] as const) {
    if (shape === 'version-only') await d.query('INSERT INTO supabase_migrations.schema_migrations(version) VALUES ($1)', [v]);
    else if (shape === 'statements') await d.query('INSERT INTO supabase_migrations.schema_migrations(version, statements) VALUES ($1, $2)', [v, [`create table t${n}()`]]);
    else if (shape === 'extra') await d.query("INSERT INTO supabase_migrations.schema_migrations(version, name, statements, created_by, rollback, inserted_at) VALUES ($1, $2, $3, 'dashboard', ARRAY['drop x'], '2024-05-01T10:00:00.123456Z')", [v, n, [`create table t${n}()`, "select 'a;b'"]]);
    else await d.query('INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES ($1, $2, $3)', [v, n, [`create table t${n}()`]]);
  }
}

const baseline = { version: '20240103000000', name: 'baseline', statements: ['create table a (id int)', 'create table b (id int)'] };
const replaced = ['20240101000000', '20240102000000', '20240103000000'];

async function current(d: TestDatabase) {
  return withClient(d.target, (c) => readHistory(c));
}

describe('history record and restore', () => {
  it('reads each shape and exports every column', async () => {
    const d = db.get();
    await reset(d, 'missing');
    expect((await current(d)).shape.kind).toBe('missing');
    await reset(d, 'version-only');
    expect((await current(d)).shape.kind).toBe('version-only');
    await reset(d, 'statements');
    expect((await current(d)).shape.kind).toBe('statements');
    await reset(d, 'extra');
    const h = await current(d);
    expect(h.shape.kind).toBe('extended');
    expect(h.shape.extraColumns).toEqual(['created_by', 'rollback', 'inserted_at']);
    expect(h.rows[0]).toMatchObject({ version: '20240101000000', created_by: 'dashboard', rollback: ['drop x'] });
    expect(h.versions).toEqual(replaced);
  });

  it('records the baseline in one transaction, is idempotent, and restores the rows exactly', async () => {
    const d = db.get();
    await reset(d, 'extra');
    const exp = await withClient(d.target, (c) => exportHistory(c));
    const r = await recordBaseline({ target: d.target, baseline, replacedVersions: replaced, expectedExportHash: exp.sha256 });
    expect(r.status).toBe('recorded');
    const after = await d.query('SELECT version, name, statements FROM supabase_migrations.schema_migrations');
    expect(after.rows).toEqual([{ version: baseline.version, name: 'baseline', statements: baseline.statements }]);
    // Same baseline again: success, no change.
    const again = await recordBaseline({ target: d.target, baseline, replacedVersions: replaced, expectedExportHash: exp.sha256 });
    expect(again.status).toBe('already-recorded');
    // A different baseline is refused.
    await expect(recordBaseline({ target: d.target, baseline: { ...baseline, statements: ['x'] }, replacedVersions: replaced, expectedExportHash: exp.sha256 })).rejects.toMatchObject({ code: 'HISTORY_CHANGED' });
    const res = await restoreHistory({ target: d.target, exported: exp, baseline, replacedVersions: replaced });
    expect(res.status).toBe('restored');
    expect((await current(d)).sha256).toBe(exp.sha256);
    const raw = await d.query("SELECT inserted_at = '2024-05-01T10:00:00.123456Z'::timestamptz AS same FROM supabase_migrations.schema_migrations");
    expect(raw.rows.every((x) => x.same === true)).toBe(true);
    expect((await restoreHistory({ target: d.target, exported: exp, baseline, replacedVersions: replaced })).status).toBe('already-restored');
  });

  it('refuses when the history changed after the export (HISTORY_CHANGED) and writes nothing', async () => {
    const d = db.get();
    await reset(d, 'full');
    const exp = await withClient(d.target, (c) => exportHistory(c));
    await d.query("INSERT INTO supabase_migrations.schema_migrations(version, name) VALUES ('20240104000000', 'sneaky')");
    await expect(recordBaseline({ target: d.target, baseline, replacedVersions: replaced, expectedExportHash: exp.sha256 })).rejects.toMatchObject({ code: 'HISTORY_CHANGED' });
    expect((await current(d)).versions).toHaveLength(4);
  });

  it('rolls back when verification inside the transaction fails', async () => {
    const d = db.get();
    await reset(d, 'full');
    const exp = await withClient(d.target, (c) => exportHistory(c));
    await expect(
      recordBaseline({
        target: d.target, baseline, replacedVersions: replaced, expectedExportHash: exp.sha256,
        beforeVerify: async (c) => { await c.query("UPDATE supabase_migrations.schema_migrations SET name = 'tampered'"); },
      }),
    ).rejects.toMatchObject({ code: 'HISTORY_CHANGED' });
    expect((await current(d)).sha256).toBe(exp.sha256);
  });

  it('names the holder when another session holds the advisory lock (LOCKED)', async () => {
    const d = db.get();
    await reset(d, 'full');
    const exp = await withClient(d.target, (c) => exportHistory(c));
    const holder = new pg.Client({ ...d.target.config, application_name: 'other-squashbase' });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1, $2)', [...ADVISORY_LOCK_KEY]);
      const err = await recordBaseline({ target: d.target, baseline, replacedVersions: replaced, expectedExportHash: exp.sha256, lockWaitMs: 300 }).catch((e: unknown) => e);
      expect(isSquashbaseError(err, 'LOCKED')).toBe(true);
      expect((err as Error).message).toContain('other-squashbase');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect((await current(d)).sha256).toBe(exp.sha256);
  });

  it('handles a missing table only with consent, with the CLI DDL', async () => {
    const d = db.get();
    await reset(d, 'missing');
    const exp = await withClient(d.target, (c) => exportHistory(c));
    await expect(recordBaseline({ target: d.target, baseline, replacedVersions: [], expectedExportHash: exp.sha256 })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const r = await recordBaseline({ target: d.target, baseline, replacedVersions: [], expectedExportHash: exp.sha256, createHistoryTable: true });
    expect(r.plan.shapeAction).toBe('created-table');
    expect((await current(d)).shape.kind).toBe('full');
    // What the CLI's own DDL would do to it now is a no-op.
    await d.query(CREATE_MIGRATION_TABLE_SQL);
  });

  it('older shapes: writes only existing columns, or adds the CLI columns with consent', async () => {
    const d = db.get();
    await reset(d, 'version-only');
    let exp = await withClient(d.target, (c) => exportHistory(c));
    const r1 = await recordBaseline({ target: d.target, baseline, replacedVersions: replaced, expectedExportHash: exp.sha256 });
    expect(r1.plan.shapeAction).toBe('wrote-existing-columns');
    expect((await current(d)).rows).toEqual([{ version: baseline.version }]);
    await reset(d, 'statements');
    exp = await withClient(d.target, (c) => exportHistory(c));
    const r2 = await recordBaseline({ target: d.target, baseline, replacedVersions: replaced, expectedExportHash: exp.sha256, applyIfOlderShape: true });
    expect(r2.plan.shapeAction).toBe('added-columns');
    expect((await current(d)).rows).toEqual([{ version: baseline.version, name: 'baseline', statements: baseline.statements }]);
  });

  it('refuses a transaction-mode pooler and never drops the table', async () => {
    const d = db.get();
    const pooled = parseDbUrl('postgresql://postgres.ref:secret@aws-0-eu.pooler.supabase.com:6543/postgres');
    await expect(recordBaseline({ target: pooled, baseline, replacedVersions: [], expectedExportHash: 'x' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await reset(d, 'full');
    const shape = (await current(d)).shape;
    const sql = renderSqlSteps(planRecord(shape, { baseline, replacedVersions: replaced }).steps);
    expect(sql).not.toMatch(/\b(DROP|TRUNCATE)\b/i);
    expect(sql).toContain('pg_try_advisory_xact_lock');
    expect(sql).toContain('SET LOCAL lock_timeout');
  });
});
