import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { discoverMigrations } from '../../src/migrations/discover.js';
import { replayMigrations, formatReplayError, historyParams, progressPrinter, type ReplayProgressEvent } from '../../src/shadow/replay.js';
import { STATEMENT_PROGRESS_STEP } from '../../src/shadow/replay-core.js';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/histories/${name}`, import.meta.url));

describe('replayMigrations: failures, CONCURRENTLY, continue-on-error', () => {
  const dbs: TestDatabase[] = [];
  const fresh = async (label: string) => {
    const db = await createTestDatabase(label);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  let broken: Awaited<ReturnType<typeof discoverMigrations>>;
  beforeAll(async () => {
    broken = await discoverMigrations(fixture('broken'));
  });

  it('stops at a failing file with file:line:column, SQLSTATE and a caret; the file is rolled back', async () => {
    const db = await fresh('replay_broken');
    const events: ReplayProgressEvent['type'][] = [];
    const r = await replayMigrations(broken.files, db.target, { onProgress: (e) => events.push(e.type) });
    expect(r.ok).toBe(false);
    expect(r.files.map((f) => f.status)).toEqual(['applied', 'failed', 'skipped']);
    const e = r.files[1]!.error!;
    expect(e).toMatchObject({ file: '20240102000000_summary_view.sql', line: 5, column: 22, sqlstate: '42703', statementIndex: 2 });
    expect(e.message).toBe('column "titel" does not exist');
    expect(e.caret).toBe('  select id, /* ✨ */ titel from public.notes;\n                     ^');
    expect(formatReplayError(e)).toContain('20240102000000_summary_view.sql:5:22: ERROR 42703: column "titel" does not exist');
    // The whole file is one transaction: the table before the failing statement is gone too.
    const t = await db.query("select to_regclass('public.tags') as t, to_regclass('public.notes') as n");
    expect(t.rows[0]).toEqual({ t: null, n: 'notes' });
    const h = await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by 1');
    expect(h.rows.map((x) => x.version)).toEqual(['20240101000000']);
    expect(events[0]).toBe('start');
    expect(events.at(-1)).toBe('done');
    expect(events.filter((x) => x === 'file-done')).toHaveLength(2);
  });

  it('continue-on-error records the failure and applies the rest (\\restrict lines ignored)', async () => {
    const db = await fresh('replay_continue');
    const r = await replayMigrations(broken.files, db.target, { continueOnError: true });
    expect(r.ok).toBe(false);
    expect(r.files.map((f) => f.status)).toEqual(['applied', 'failed', 'applied']);
    expect(r.files[2]!.metaCommands).toEqual(['\\restrict S0meRandomKey', '\\unrestrict S0meRandomKey']);
    const t = await db.query("select to_regclass('public.after_the_break') as a");
    expect(t.rows[0]!.a).toBe('after_the_break');
  });

  it('records history rows exactly as the CLI computes them (version, name, statements)', async () => {
    const db = await fresh('replay_history');
    await replayMigrations(broken.files.slice(0, 1), db.target);
    const h = await db.query<{ version: string; name: string; statements: string[] }>('select version, name, statements from supabase_migrations.schema_migrations');
    expect(h.rows).toEqual([{ version: '20240101000000', name: 'init', statements: historyParams(broken.files[0]!)[2] }]);
    expect(h.rows[0]!.statements).toHaveLength(1);
  });

  it('runs CREATE/DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and VACUUM between transactional statements', async () => {
    const db = await fresh('replay_concurrently');
    const set = await discoverMigrations(fixture('concurrently'));
    const r = await replayMigrations(set.files, db.target);
    expect(r.ok, r.files.map((f) => (f.error ? formatReplayError(f.error) : '')).join('\n')).toBe(true);
    expect(r.files[1]!.nonTransactional).toEqual(['CREATE INDEX CONCURRENTLY (line 3)', 'DROP INDEX CONCURRENTLY (line 5)']);
    expect(r.files[2]!.nonTransactional).toEqual(['REINDEX CONCURRENTLY (line 1)', 'VACUUM (line 2)']);
    const idx = await db.query<{ indexname: string; valid: boolean }>(
      "select c.relname as indexname, i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'public.events'::regclass order by 1",
    );
    expect(idx.rows).toEqual([
      { indexname: 'events_kind_idx', valid: true },
      { indexname: 'events_pkey', valid: true },
    ]);
    const c = await db.query("select obj_description('public.events_kind_idx'::regclass) as c");
    expect(c.rows[0]!.c).toBe('built concurrently');
    const h = await db.query('select count(*)::int as n from supabase_migrations.schema_migrations');
    expect(h.rows[0]!.n).toBe(3);
  });

  it('a failure after a non-transactional statement is flagged partial', async () => {
    const db = await fresh('replay_partial');
    const file = (await discoverMigrations(fixture('concurrently'))).files[0]!;
    const sql = 'create table public.p (a int);\ncreate index concurrently p_a on public.p (a);\ninsert into public.p values (1/0);';
    const bad = { ...file, fileName: '20240109000000_partial.sql', version: '20240109000000', sql, bytes: Buffer.from(sql) };
    const r = await replayMigrations([bad], db.target);
    const e = r.files[0]!.error!;
    expect(e).toMatchObject({ sqlstate: '22012', line: 3, partial: true });
    expect(formatReplayError(e)).toContain('already committed');
  });

  it('a syntax error is reported with line and column before anything runs (42601)', async () => {
    const db = await fresh('replay_syntax');
    const file = broken.files[0]!;
    const sql = 'create table public.s (a int);\n  create tabel public.t (a int);\n';
    const bad = { ...file, fileName: '20240110000000_syntax.sql', version: '20240110000000', sql, bytes: Buffer.from(sql) };
    const r = await replayMigrations([bad], db.target);
    expect(r.files[0]!.error).toMatchObject({ file: '20240110000000_syntax.sql', sqlstate: '42601', line: 2, column: 10 });
    expect(r.files[0]!.error!.caret).toBe('  create tabel public.t (a int);\n         ^');
    const t = await db.query("select to_regclass('public.s') as s");
    expect(t.rows[0]!.s).toBeNull();
  });

  it('an error without a position points at the start of the failing statement', async () => {
    const db = await fresh('replay_nopos');
    const file = broken.files[0]!;
    const sql = 'create table public.d (a int);\n\n   create table public.d (a int);\n';
    const bad = { ...file, fileName: '20240111000000_dup.sql', version: '20240111000000', sql, bytes: Buffer.from(sql) };
    const r = await replayMigrations([bad], db.target);
    expect(r.files[0]!.error).toMatchObject({ sqlstate: '42P07', line: 3, column: 4, statementIndex: 2 });
  });

  it("a file's own BEGIN/COMMIT works; a failure after its COMMIT is flagged partial", async () => {
    const db = await fresh('replay_txn');
    const base = broken.files[0]!;
    const mk = (version: string, sql: string) => ({ ...base, fileName: `${version}_txn.sql`, version, sql, bytes: Buffer.from(sql) });
    const r = await replayMigrations(
      [mk('20240112000000', 'begin;\ncreate table public.u (a int);\ncommit;\ncreate table public.v (a int);\n'), mk('20240113000000', 'begin;\ncreate table public.w (a int);\ncommit;\nselect 1/0;\n')],
      db.target,
      { continueOnError: true },
    );
    expect(r.files.map((f) => f.status)).toEqual(['applied', 'failed']);
    expect(r.files[1]!.error).toMatchObject({ sqlstate: '22012', line: 4, partial: true });
    const t = await db.query("select to_regclass('public.u') as u, to_regclass('public.v') as v, to_regclass('public.w') as w");
    expect(t.rows[0]).toEqual({ u: 'u', v: 'v', w: 'w' });
  });

  it('COPY … FROM stdin with inline data fails with a hint instead of hanging', async () => {
    const db = await fresh('replay_copy');
    const sql = 'create table public.c (a int);\ncopy public.c (a) from stdin;\n1\n2\n\\.\n';
    const bad = { ...broken.files[0]!, fileName: '20240114000000_copy.sql', version: '20240114000000', sql, bytes: Buffer.from(sql) };
    const r = await replayMigrations([bad], db.target);
    expect(r.files[0]!.error).toMatchObject({ sqlstate: '42601', line: 3 });
    expect(r.files[0]!.error!.hint).toMatch(/psql feature/);
  });
  it('a long file reports statements done / total while it runs', async () => {
    const db = await fresh('replay_long');
    const dir = await mkdtemp(path.join(tmpdir(), 'squashbase-long-'));
    try {
      const lines = ['create table public.seed (id int primary key);'];
      for (let i = 1; i <= 4500; i++) lines.push(`insert into public.seed values (${i});`);
      await mkdir(path.join(dir, 'supabase', 'migrations'), { recursive: true });
      await writeFile(path.join(dir, 'supabase', 'migrations', '20240101000000_seed.sql'), lines.join('\n'));
      const { files } = await discoverMigrations(dir);
      const events: ReplayProgressEvent[] = [];
      const printed: string[] = [];
      const printer = progressPrinter((l) => printed.push(l), false);
      const r = await replayMigrations(files, db.target, {
        onProgress: (e) => {
          events.push(e);
          printer(e);
        },
      });
      expect(r.ok).toBe(true);
      const inside = events.flatMap((e) => (e.type === 'statements' ? [[e.done, e.statements]] : []));
      expect(inside).toEqual([
        [STATEMENT_PROGRESS_STEP, 4501],
        [2 * STATEMENT_PROGRESS_STEP, 4501],
      ]);
      expect(printed).toEqual(['[1/1] 20240101000000_seed.sql: 2000/4501 statements', '[1/1] 20240101000000_seed.sql: 4000/4501 statements', expect.stringMatching(/^\[1\/1\] applied 20240101000000_seed\.sql/)]);
      expect((await db.query('select count(*)::int as n from public.seed')).rows[0]).toEqual({ n: 4500 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('batched statements: a failure deep inside a batch is pinned to its statement, the file rolled back', async () => {
    const db = await fresh('replay_batch_fail');
    const dir = await mkdtemp(path.join(tmpdir(), 'squashbase-batch-'));
    try {
      const lines = ['create table public.b (id int primary key) -- a comment before the semicolon\n;'];
      for (let i = 1; i <= 1200; i++) lines.push(`insert into public.b values (${i === 900 ? 1 : i});`);
      await mkdir(path.join(dir, 'supabase', 'migrations'), { recursive: true });
      await writeFile(path.join(dir, 'supabase', 'migrations', '20240101000000_b.sql'), lines.join('\n'));
      const { files } = await discoverMigrations(dir);
      const r = await replayMigrations(files, db.target);
      expect(r.files[0]!.status).toBe('failed');
      expect(r.files[0]!.error).toMatchObject({ sqlstate: '23505', line: 902, column: 1, statementIndex: 901 });
      expect(r.files[0]!.error!.partial).toBeUndefined();
      expect((await db.query("select to_regclass('public.b') as t")).rows[0]).toEqual({ t: null });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
