import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freshPlatformDatabase } from '../support/baseline-proof.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { generateBaseline } from '../../src/baseline/generate-baseline.js';
import { applyBaseline } from '../../src/baseline/apply-baseline.js';
import { runBaseline } from '../../src/baseline/run-baseline.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { isSquashbaseError } from '../../src/errors.js';
import { inject } from 'vitest';

/**
 * Privileges reproduce exactly whatever the target's defaults are (supabase/cli #4862, #5930,
 * #4068); the guard stops an environment that is behind the squash; data is carried or named;
 * the command writes the file and never prints the password.
 */
let live: TestDatabase;
const dbs: TestDatabase[] = [];
let sql: string;
let work: string;

async function fresh(label: string): Promise<TestDatabase> {
  const db = await freshPlatformDatabase(label);
  dbs.push(db);
  return db;
}

async function can(db: TestDatabase, role: string, table: string, priv: string): Promise<boolean> {
  const r = await db.query<{ ok: boolean }>('SELECT has_table_privilege($1, $2, $3) AS ok', [role, table, priv]);
  return r.rows[0]!.ok;
}

beforeAll(async () => {
  live = await createTestDatabase('bl_grants_live');
  await bootstrapPlatform(live.target, { major: inject('serverMajor') });
  await live.query(`
    CREATE TABLE public.open_t (id int PRIMARY KEY);                 -- gets ALL for the API roles from the defaults
    CREATE TABLE public.secrets (id int PRIMARY KEY, v text);
    REVOKE ALL ON public.secrets FROM anon;                          -- live keeps it from anon
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.secrets FROM authenticated;
    -- then the project switches to auto_expose_new_tables = false (cloud default since 2026-05)
    ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public REVOKE ALL ON TABLES FROM anon, authenticated, service_role;
    CREATE TABLE public.closed_t (id int);
    GRANT SELECT ON public.closed_t TO authenticated;
    CREATE FUNCTION public.private_fn() RETURNS int LANGUAGE sql AS 'select 1';
    REVOKE EXECUTE ON FUNCTION public.private_fn() FROM PUBLIC, anon;
    INSERT INTO storage.buckets (id, name, public) VALUES ('avatars', 'avatars', true), ('o''brien', 'docs "quoted"', false);
    CREATE TABLE public.countries (id serial PRIMARY KEY, code text UNIQUE NOT NULL, label text GENERATED ALWAYS AS (upper(code)) STORED);
    INSERT INTO public.countries (code) VALUES ('de'), ('fr'), ('it');
  `);
  sql = generateBaseline(await inspectDatabase(live.target), { version: '20990101000000', consolidates: ['20240101000000', '20240102000000'], source: live.target.display }).sql;
  work = await mkdtemp(join(tmpdir(), 'sb-baseline-cli-'));
  await mkdir(join(work, 'supabase', 'migrations'), { recursive: true });
  await writeFile(join(work, 'supabase', 'migrations', '20240101000000_init.sql'), 'select 1;\n');
});

afterAll(async () => {
  await live?.drop();
  for (const db of dbs) await db.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('privileges', () => {
  it('a table live keeps from anon stays closed on a target whose defaults grant ALL', async () => {
    const db = await fresh('bl_grants_all');
    // the bundled platform's defaults grant ALL on new public tables to anon/authenticated/service_role
    await applyBaseline(sql, db.target);
    expect(await can(db, 'anon', 'public.secrets', 'SELECT')).toBe(false);
    expect(await can(db, 'authenticated', 'public.secrets', 'SELECT')).toBe(true);
    expect(await can(db, 'authenticated', 'public.secrets', 'INSERT')).toBe(false);
    expect(await can(db, 'anon', 'public.open_t', 'SELECT')).toBe(true);
    expect(await can(db, 'anon', 'public.closed_t', 'SELECT')).toBe(false);
    expect(await can(db, 'authenticated', 'public.closed_t', 'SELECT')).toBe(true);
    expect(await can(db, 'authenticated', 'public.closed_t', 'UPDATE')).toBe(false);
    const fn = await db.query<{ ok: boolean }>("SELECT has_function_privilege('anon', 'public.private_fn()', 'EXECUTE') AS ok");
    expect(fn.rows[0]!.ok).toBe(false);
    // default privileges are live's now: a table created after the baseline is not exposed
    await db.query('CREATE TABLE public.after_baseline (id int)');
    expect(await can(db, 'anon', 'public.after_baseline', 'SELECT')).toBe(false);
  });

  it('is exact on a target whose defaults were already revoked (new cloud projects)', async () => {
    const db = await fresh('bl_grants_none');
    await db.query('ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public REVOKE ALL ON TABLES FROM anon, authenticated, service_role');
    await applyBaseline(sql, db.target);
    expect(await can(db, 'anon', 'public.open_t', 'SELECT')).toBe(true);
    expect(await can(db, 'anon', 'public.secrets', 'SELECT')).toBe(false);
    expect(await can(db, 'authenticated', 'public.closed_t', 'SELECT')).toBe(true);
    const acl = async (d: TestDatabase) =>
      (await d.query(`SELECT defaclobjtype, defaclacl::text AS acl FROM pg_default_acl a JOIN pg_namespace n ON n.oid = a.defaclnamespace
                       WHERE a.defaclrole = 'postgres'::regrole AND n.nspname = 'public' ORDER BY 1`)).rows;
    expect(await acl(db)).toEqual(await acl(live));
  });
});

describe('guard', () => {
  it('aborts with a clear message when the history has a consolidated version but not the baseline', async () => {
    const db = await fresh('bl_guard_behind');
    await db.query(`CREATE SCHEMA supabase_migrations;
      CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY, statements text[], name text);
      INSERT INTO supabase_migrations.schema_migrations (version, name) VALUES ('20240101000000', 'init')`);
    const err = await applyBaseline(sql, db.target).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'BASELINE_FAILED')).toBe(true);
    expect((err as Error).message).toContain('behind the squash');
    expect((err as Error).message).toContain('20990101000000');
    const t = await db.query("SELECT to_regclass('public.secrets') IS NULL AS absent");
    expect(t.rows[0]!.absent).toBe(true);
  });

  it('lets a database with an unrelated or empty history through', async () => {
    const db = await fresh('bl_guard_ok');
    await db.query(`CREATE SCHEMA supabase_migrations;
      CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY, statements text[], name text);
      INSERT INTO supabase_migrations.schema_migrations (version, name) VALUES ('20200101000000', 'older_unrelated')`);
    await applyBaseline(sql, db.target);
    const t = await db.query("SELECT to_regclass('public.secrets') IS NOT NULL AS present");
    expect(t.rows[0]!.present).toBe(true);
  });
});

describe('apply failures', () => {
  it('name the line and the object whose statement failed, and roll everything back', async () => {
    const db = await fresh('bl_apply_fail');
    await db.query('CREATE TABLE public.secrets (x int)'); // collides with the baseline's table
    const err = await applyBaseline(sql, db.target).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'BASELINE_FAILED')).toBe(true);
    expect((err as Error).message).toMatch(/at line \d+ \(table:"public"\."secrets"\)/);
    expect((err as { details?: Record<string, unknown> }).details?.['sqlstate']).toBe('42P07');
    const t = await db.query("SELECT to_regclass('public.open_t') IS NULL AS absent");
    expect(t.rows[0]!.absent).toBe(true);
  });
});

describe('data', () => {
  it('buckets are configuration: carried by default; --no-config-data warns and names each one left out', async () => {
    // Issue 15 changed the default: storage.buckets rows travel in the configuration section
    // unless the user opts out, and then every bucket is named.
    const r = await runBaseline({ target: live.target, workdir: work, write: false });
    expect(r.baseline.warnings.filter((w) => w.includes('storage.buckets'))).toEqual([]);
    expect(r.baseline.sql).toContain("'avatars'");
    const without = await runBaseline({ target: live.target, workdir: work, write: false, configData: false });
    expect(without.baseline.warnings).toEqual(expect.arrayContaining(['storage bucket avatars left out (--no-config-data); a fresh environment will not have it.']));
    expect(without.baseline.warnings.filter((w) => /^storage bucket .* left out/.test(w))).toHaveLength(2);
    expect(without.baseline.sql).not.toContain("'avatars'");
  });

  it('with --include-data the rows reach a fresh environment', async () => {
    const r = await runBaseline({ target: live.target, workdir: work, write: false, includeData: 'storage.buckets,public.countries' });
    expect(r.data).toEqual([
      { table: 'storage.buckets', rows: 2 },
      { table: 'public.countries', rows: 3 },
    ]);
    const db = await fresh('bl_data');
    await applyBaseline(r.baseline.sql, db.target);
    const rows = await db.query('SELECT id, name, public FROM storage.buckets ORDER BY id');
    expect(rows.rows).toEqual([
      { id: 'avatars', name: 'avatars', public: true },
      { id: "o'brien", name: 'docs "quoted"', public: false },
    ]);
    // ids carried, generated column recomputed, the serial advanced past them
    const countries = await db.query('SELECT id, code, label FROM public.countries ORDER BY id');
    expect(countries.rows).toEqual([
      { id: 1, code: 'de', label: 'DE' },
      { id: 2, code: 'fr', label: 'FR' },
      { id: 3, code: 'it', label: 'IT' },
    ]);
    const next = await db.query("INSERT INTO public.countries (code) VALUES ('es') RETURNING id");
    expect(next.rows[0]!.id).toBe(4);
  });
});

describe('squashbase baseline (CLI, in-process)', () => {
  it('writes supabase/migrations/<version>_baseline.sql and prints the plan without the password', async () => {
    const out = memoryOutput();
    const code = await runCli(['baseline', '--db-url', live.url, '--workdir', work, '--version', '20990101000000'], out, { env: {}, cwd: work });
    const text = out.stdout.join('\n') + out.stderr.join('\n');
    expect(code, text).toBe(0);
    expect((await readdir(join(work, 'supabase', 'migrations'))).sort()).toEqual(['20240101000000_init.sql', '20990101000000_baseline.sql']);
    expect(text).toContain('Wrote supabase/migrations/20990101000000_baseline.sql');
    expect(text).toContain('Storage buckets      2');
    expect(text).not.toContain(String(live.target.config.password));
    const file = await readFile(join(work, 'supabase', 'migrations', '20990101000000_baseline.sql'), 'utf8');
    expect(file).toContain("ARRAY['20240101000000']::text[]");
    expect(file).not.toContain(String(live.target.config.password));
  });

  it('--stdout prints the SQL and writes nothing; --json gives the plan', async () => {
    const out = memoryOutput();
    expect(await runCli(['baseline', '--db-url', live.url, '--workdir', work, '--stdout', '--name', 'squash'], out, { env: {}, cwd: work })).toBe(0);
    expect(out.stdout.join('')).toContain('CREATE TABLE "public"."secrets"');
    expect(await readdir(join(work, 'supabase', 'migrations'))).toHaveLength(2);
    const j = memoryOutput();
    expect(await runCli(['baseline', '--db-url', live.url, '--workdir', work, '--json', '--out', 'x/b.sql'], j, { env: {}, cwd: work })).toBe(0);
    const plan = JSON.parse(j.stdout.join('')) as { path: string; written: boolean; consolidates: string[]; warnings: string[] };
    expect(plan.path).toBe(join(work, 'x', 'b.sql'));
    expect(plan.written).toBe(true);
    expect(plan.consolidates).toEqual(['20240101000000', '20990101000000']);
  });

  it('refuses to overwrite an existing file (exit 10)', async () => {
    const out = memoryOutput();
    expect(await runCli(['baseline', '--db-url', live.url, '--workdir', work, '--out', 'x/b.sql'], out, { env: {}, cwd: work })).toBe(10);
    expect(out.stderr.join('\n')).toContain('never overwrites');
  });
});
