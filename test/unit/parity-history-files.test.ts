import { describe, expect, it } from 'vitest';
import { historyFiles, isSquashbaseBaseline } from '../../src/parity/history-files.js';
import type { MigrationFile, MigrationSet } from '../../src/migrations/discover.js';

const file = (version: string, name: string, sql: string): MigrationFile => ({
  version,
  name,
  fileName: `${version}_${name}.sql`,
  path: `/p/supabase/migrations/${version}_${name}.sql`,
  bytes: Buffer.from(sql),
  sha256: 'x',
  sql,
  bom: false,
});

const BASELINE = '-- ====\n-- squashbase baseline 3_baseline\n-- One consolidated migration\ncreate table a();\n';

const set = (files: MigrationFile[]): MigrationSet => ({ dir: '/p/supabase/migrations', files, skipped: [], warnings: [] });

describe('historyFiles', () => {
  it('recognises a squashbase baseline by its header', () => {
    expect(isSquashbaseBaseline(BASELINE)).toBe(true);
    expect(isSquashbaseBaseline('create table a();\n-- squashbase baseline in a comment far below'.padStart(600, ' '))).toBe(false);
  });

  it('leaves out a baseline that sits after the files it replaces', () => {
    const r = historyFiles(set([file('1', 'a', 'create table a();'), file('2', 'b', 'alter table a add x int;'), file('3', 'baseline', BASELINE)]));
    expect(r.set.files.map((f) => f.version)).toEqual(['1', '2']);
    expect(r.excluded).toEqual([{ fileName: '3_baseline.sql', reason: expect.stringContaining('replaces the 2 files before it') }]);
    expect(r.set.skipped.map((s) => s.fileName)).toEqual(['3_baseline.sql']);
  });

  it('keeps a baseline that is the first file (after consolidation it is the history)', () => {
    const r = historyFiles(set([file('3', 'baseline', BASELINE), file('4', 'next', 'create table b();')]));
    expect(r.set.files.map((f) => f.version)).toEqual(['3', '4']);
    expect(r.excluded).toEqual([]);
  });

  it('leaves out the --baseline file when it sits in the migrations folder', () => {
    const r = historyFiles(set([file('1', 'a', 'create table a();'), file('2', 'hand_made', 'create table a();')]), '/p/supabase/migrations/2_hand_made.sql');
    expect(r.set.files.map((f) => f.version)).toEqual(['1']);
    expect(r.excluded[0]?.reason).toContain('the baseline under check');
  });
});
