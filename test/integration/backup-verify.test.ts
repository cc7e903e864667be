import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm, writeFile, copyFile, mkdir, readdir, stat, open } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useTestDatabase } from '../support/test-database.js';
import { runBackup, type BackupResult } from '../../src/safety/backup.js';
import { verifyBackup } from '../../src/safety/backup-verify.js';
import { findPgTool, installHint, parseToolVersion, supportsRestrictKey } from '../../src/safety/pg-tools.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { describeWithPgDump } from '../support/pg-dump-required.js';

const SEED = `
CREATE TABLE public.customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text UNIQUE, note text);
CREATE TABLE public."Odd ""name"" table" (id serial PRIMARY KEY, customer_id bigint REFERENCES public.customers(id), body text);
CREATE TABLE public.events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX ON public.events (at);
CREATE VIEW public.customer_emails AS SELECT email FROM public.customers;
CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER touch BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch();
ALTER TABLE public.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON public.customers USING (true);
INSERT INTO public.customers (email, note) SELECT 'u' || g || '@x.test', repeat('é', g % 50) || E'\\n line' FROM generate_series(1, 500) g;
INSERT INTO public."Odd ""name"" table" (customer_id, body) SELECT (g % 500) + 1, 'b' || g FROM generate_series(1, 300) g;
INSERT INTO public.events SELECT g, date '2024-01-01' + (g % 300) FROM generate_series(1, 200) g;
CREATE SCHEMA supabase_migrations;
CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY, statements text[], name text, created_by text);
INSERT INTO supabase_migrations.schema_migrations VALUES
  ('20240101000000', ARRAY['create table a (id int)', 'select 1'], 'init', 'me'),
  ('20240202000000', ARRAY[E'insert into x values (''it''''s'')'], 'seed', NULL);
`;

async function rehashManifest(dir: string): Promise<void> {
  const p = path.join(dir, 'manifest.json');
  const m = JSON.parse(await readFile(p, 'utf8')) as { files: { name: string; bytes: number; sha256: string }[] };
  for (const f of m.files) {
    const buf = await readFile(path.join(dir, f.name));
    f.bytes = buf.length;
    f.sha256 = createHash('sha256').update(buf).digest('hex');
  }
  await writeFile(p, JSON.stringify(m));
}

async function copyDir(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const f of await readdir(from)) await copyFile(path.join(from, f), path.join(to, f));
}

describeWithPgDump('backup', () => {
  const db = useTestDatabase('backup');
  let tmp: string;
  let result: BackupResult;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'sb-backup-'));
    const platform = await readFile(new URL('../../templates/platform/supabase-15.sql', import.meta.url), 'utf8');
    await db.get().query(platform);
    // The hostile fixture: odd identifiers, range types (internal constructor functions), extensions.
    await db.get().query(await readFile(new URL('../fixtures/hostile/schema.sql', import.meta.url), 'utf8'));
    await db.get().query(SEED);
    result = await runBackup({ target: db.get().target, outDir: path.join(tmp, 'b1') });
  });
  afterAll(async () => {
    if (!process.env["SB_KEEP"]) await rm(tmp, { recursive: true, force: true });
  });

  it('writes dumps, history and manifest, and verifies them', async () => {
    const failed = result.verification.checks.filter((c) => c.status !== 'pass');
    expect(failed).toEqual([]);
    expect(result.verification.ok).toBe(true);
    const names = result.manifest.files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['full.dump', 'schema.sql', 'data.dump', 'history.json', 'snapshot.json']));
    expect(result.manifest.snapshotCounts?.find((k) => k.kind === 'table')?.count).toBeGreaterThanOrEqual(4);
    expect(result.manifest.warnings).toEqual([]);
    for (const f of result.manifest.files) expect(f.bytes).toBeGreaterThan(0);
    const rows = Object.fromEntries(result.manifest.rowCounts.map((r) => [`${r.schema}.${r.table}`, r.rows]));
    expect(rows['public.customers']).toBe(500);
    expect(rows['public.Odd "name" table']).toBe(300);
    expect(rows['public.events_2024']).toBe(200);
    expect(result.manifest.objectCounts.table).toBeGreaterThanOrEqual(5);
    expect(result.manifest.consistentSnapshot).toBe(true);
    const history = JSON.parse(await readFile(path.join(result.dir, 'history.json'), 'utf8')) as { rows: Record<string, unknown>[] };
    expect(history.rows).toHaveLength(2);
    expect(history.rows[0]).toEqual({ version: '20240101000000', statements: ['create table a (id int)', 'select 1'], name: 'init', created_by: 'me' });
    expect(history.rows[1]!['created_by']).toBeNull();
    const schemaSql = await readFile(path.join(result.dir, 'schema.sql'), 'utf8');
    expect(schemaSql).toContain('CREATE TABLE public.customers');
    if (schemaSql.includes('\\restrict')) expect(schemaSql).toContain('\\restrict squashbase');
    expect((await stat(result.dir)).mode & 0o077).toBe(0);
    // Every file private, pg_dump's output too (it creates files with the umask's 0644).
    const modes = Object.fromEntries(await Promise.all(result.manifest.files.map(async (f) => [f.name, (await stat(path.join(result.dir, f.name))).mode & 0o777] as const)));
    expect(Object.values(modes).every((m) => m === 0o600), JSON.stringify(modes)).toBe(true);
  });

  it('fails verification for a truncated full dump', async () => {
    const dir = path.join(tmp, 'truncated');
    await copyDir(result.dir, dir);
    const f = path.join(dir, 'full.dump');
    const size = (await stat(f)).size;
    const fh = await open(f, 'r+');
    await fh.truncate(Math.floor(size * 0.7));
    await fh.close();
    const v = await verifyBackup(dir);
    expect(v.ok).toBe(false);
    expect(v.checks.find((c) => c.id === 'file:full.dump')?.status).toBe('fail');
    // Even with the manifest re-hashed to match, reading the archive to the end fails.
    await rehashManifest(dir);
    const v2 = await verifyBackup(dir);
    expect(v2.checks.find((c) => c.id === 'file:full.dump')?.status).toBe('pass');
    expect(v2.ok).toBe(false);
    const readable = v2.checks.filter((c) => c.id === 'toc:full.dump' || c.id === 'data:full.dump');
    expect(readable.some((c) => c.status === 'fail')).toBe(true);
  });

  it.each([
    ['table of contents', 0.5],
    ['compressed data', 0.85],
  ])('fails verification for flipped bytes in the data dump (%s), even with a re-hashed manifest', async (label, at) => {
    const dir = path.join(tmp, `flipped-${at}`);
    await copyDir(result.dir, dir);
    const f = path.join(dir, 'data.dump');
    const buf = await readFile(f);
    for (let i = Math.floor(buf.length * at); i < Math.floor(buf.length * at) + 64; i++) buf[i] = buf[i]! ^ 0xff;
    await writeFile(f, buf);
    const v = await verifyBackup(dir);
    expect(v.checks.find((c) => c.id === 'file:data.dump')?.status).toBe('fail');
    await rehashManifest(dir);
    const v2 = await verifyBackup(dir);
    expect(v2.ok, label).toBe(false);
    const failing = v2.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing.some((id) => /^(toc|data|sequences):data\.dump$/.test(id))).toBe(true);
  });

  it('flags an emptied file and a manifest with wrong row counts', async () => {
    const dir = path.join(tmp, 'emptied');
    await copyDir(result.dir, dir);
    await writeFile(path.join(dir, 'history.json'), '');
    const v = await verifyBackup(dir);
    expect(v.checks.find((c) => c.id === 'file:history.json')?.message).toMatch(/empty/);
    const dir2 = path.join(tmp, 'wrongcounts');
    await copyDir(result.dir, dir2);
    const p = path.join(dir2, 'manifest.json');
    const m = JSON.parse(await readFile(p, 'utf8')) as { rowCounts: { table: string; rows: number }[] };
    m.rowCounts.find((r) => r.table === 'customers')!.rows = 499;
    await writeFile(p, JSON.stringify(m));
    const v2 = await verifyBackup(dir2);
    expect(v2.checks.find((c) => c.id === 'data:full.dump')?.message).toMatch(/"public"\."customers": 499 → 500/);
  });

  it('CLI: backup --json exits 0, refuses a non-empty directory, --verify exits 50 on a corrupted backup', async () => {
    const out = memoryOutput();
    const dir = path.join(tmp, 'cli');
    const code = await runCli(['backup', '--db-url', db.get().url, '--out', dir, '--json'], out, { cwd: tmp, env: {} });
    expect(code).toBe(0);
    const parsed = JSON.parse(out.stdout.join('')) as { ok: boolean; manifest: { files: unknown[] } };
    expect(parsed.ok).toBe(true);
    expect(out.stdout.join('')).not.toContain(String(db.get().target.config.password));
    const again = memoryOutput();
    expect(await runCli(['backup', '--db-url', db.get().url, '--out', dir], again, { cwd: tmp, env: {} })).toBe(10);
    await writeFile(path.join(dir, 'schema.sql'), (await readFile(path.join(dir, 'schema.sql'), 'utf8')).slice(0, 200));
    const ver = memoryOutput();
    expect(await runCli(['backup', '--verify', dir], ver, { cwd: tmp, env: {} })).toBe(50);
    expect(ver.stdout.join('\n')).toMatch(/FAIL .*schema\.sql/);
  });

  it('says exactly what to install when no pg_dump fits the server', async () => {
    const none = await findPgTool('pg_dump', 99);
    expect(none.tool).toBeNull();
    expect(none.found.length).toBeGreaterThan(0);
    expect(installHint(99)).toMatch(/apt-get install postgresql-client-99/);
    expect(parseToolVersion('pg_dump (PostgreSQL) 17.6 (Ubuntu 17.6-1)')).toEqual({ version: '17.6 (Ubuntu 17.6-1)', major: 17 });
    expect([supportsRestrictKey('15.13'), supportsRestrictKey('15.14'), supportsRestrictKey('17.6'), supportsRestrictKey('18.0'), supportsRestrictKey('12.22')]).toEqual([false, true, true, true, false]);
  });
});
