import { describe, expect, it } from 'vitest';
import { classifyShape, missingCliColumns, type HistoryColumn } from '../../src/history/history-shape.js';
import { classifyPooler } from '../../src/history/pooler.js';
import { planRecord } from '../../src/history/record-baseline.js';
import { renderSqlSteps } from '../../src/history/sql-plan.js';
import { parseDbUrl } from '../../src/db/connection.js';

const col = (name: string, type: string, extra: Partial<HistoryColumn> = {}): HistoryColumn => ({ name, type, notNull: name === 'version', hasDefault: false, generated: false, ...extra });
const FULL = [col('version', 'text'), col('statements', 'text[]'), col('name', 'text')];
const baseline = { version: '20240103000000', name: 'baseline', statements: ['create table a ()'] };

describe('history table shapes (F8)', () => {
  it('classifies every CLI shape', () => {
    expect(classifyShape(false, []).kind).toBe('missing');
    expect(classifyShape(true, [col('version', 'text')]).kind).toBe('version-only');
    expect(classifyShape(true, FULL.slice(0, 2)).kind).toBe('statements');
    expect(classifyShape(true, FULL).kind).toBe('full');
    const ext = classifyShape(true, [...FULL, col('created_by', 'text')]);
    expect(ext.kind).toBe('extended');
    expect(ext.extraColumns).toEqual(['created_by']);
    expect(ext.unsupported).toBeUndefined();
    expect(missingCliColumns(classifyShape(true, [col('version', 'text')]))).toEqual(['statements', 'name']);
  });

  it('marks unsafe shapes unsupported: NOT NULL extras without default, wrong types, no version', () => {
    expect(classifyShape(true, [...FULL, col('idempotency_key', 'text', { notNull: true })]).unsupported).toContain('idempotency_key');
    expect(classifyShape(true, [col('version', 'bigint'), col('statements', 'text[]'), col('name', 'text')]).unsupported).toContain('version');
    expect(classifyShape(true, [col('id', 'integer')]).unsupported).toContain('no `version` column');
    expect(() => planRecord(classifyShape(true, [col('version', 'bigint')]), { baseline, replacedVersions: [] })).toThrow(/cannot write safely/);
  });

  it('plans the CLI statements, never DROP/TRUNCATE, with the older-shape choice reported', () => {
    const full = renderSqlSteps(planRecord(classifyShape(true, FULL), { baseline, replacedVersions: ['1', '2'] }).steps);
    expect(full).toContain('INSERT INTO supabase_migrations.schema_migrations(version, name, statements) VALUES($1, $2, $3);');
    expect(full).toContain('DELETE FROM supabase_migrations.schema_migrations WHERE version = ANY($1);');
    expect(full).not.toMatch(/\b(DROP|TRUNCATE)\b/);
    const older = planRecord(classifyShape(true, [col('version', 'text')]), { baseline, replacedVersions: [] });
    expect(older.shapeAction).toBe('wrote-existing-columns');
    expect(older.columns).toEqual(['version']);
    const upgraded = planRecord(classifyShape(true, [col('version', 'text')]), { baseline, replacedVersions: [], applyIfOlderShape: true });
    expect(upgraded.shapeAction).toBe('added-columns');
    expect(renderSqlSteps(upgraded.steps)).toContain('ADD COLUMN IF NOT EXISTS statements text[]');
    expect(() => planRecord(classifyShape(false, []), { baseline, replacedVersions: [] })).toThrow(/does not exist/);
    expect(planRecord(classifyShape(false, []), { baseline, replacedVersions: [], createHistoryTable: true }).shapeAction).toBe('created-table');
  });

  it('summarises long parameters by sha256 only when asked', () => {
    const big = { ...baseline, statements: Array.from({ length: 200 }, (_, i) => `create table t${i} ()`) };
    const steps = planRecord(classifyShape(true, FULL), { baseline: big, replacedVersions: [] }).steps;
    expect(renderSqlSteps(steps)).toContain('create table t199 ()');
    expect(renderSqlSteps(steps, { maxParamChars: 100 })).toMatch(/<200 items, \d+ characters of JSON, sha256 [0-9a-f]{64}/);
  });
});

describe('pooler detection (S6)', () => {
  it('refuses port 6543 and pgbouncer=true, accepts the session pooler and direct connections', () => {
    expect(classifyPooler(parseDbUrl('postgresql://postgres.abc:pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres')).mode).toBe('transaction-pooler');
    expect(classifyPooler(parseDbUrl('postgresql://u:pw@db.example.com:5432/postgres?pgbouncer=true')).mode).toBe('transaction-pooler');
    expect(classifyPooler(parseDbUrl('postgresql://postgres.abc:pw@aws-0-eu-central-1.pooler.supabase.com:5432/postgres')).mode).toBe('session-pooler');
    expect(classifyPooler(parseDbUrl('postgresql://postgres:pw@db.abc.supabase.co:5432/postgres')).mode).toBe('direct');
  });
});
