import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFile, mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useTestDatabase } from '../support/test-database.js';
import { runSecurityLints } from '../../src/lint/security-lints.js';
import { runLint } from '../../src/lint/lint.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { Finding } from '../../src/lint/types.js';

const SEED = `
CREATE TABLE public.notes (id bigint PRIMARY KEY, owner uuid REFERENCES auth.users(id), body text);
GRANT SELECT ON public.notes TO anon, authenticated;
CREATE POLICY own_notes ON public.notes USING (owner = auth.uid());
CREATE FUNCTION public.add(a int, b int) RETURNS int LANGUAGE sql AS $$ select a + b $$;
CREATE FUNCTION public.safe_add(a int, b int) RETURNS int LANGUAGE sql SET search_path = '' AS $$ select a + b $$;
CREATE VIEW public.note_bodies AS SELECT id, body FROM public.notes;
GRANT SELECT ON public.note_bodies TO anon, authenticated;
CREATE VIEW public.user_emails AS SELECT id, email FROM auth.users;
GRANT SELECT ON public.user_emails TO anon, authenticated;
CREATE TABLE private_stuff (id int);
`;

const FIX = `
ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
ALTER FUNCTION public.add(int, int) SET search_path = '';
ALTER VIEW public.note_bodies SET (security_invoker = on);
DROP VIEW public.user_emails;
CREATE INDEX ON public.notes (owner);
REVOKE ALL ON public.private_stuff FROM anon, authenticated;
`;

const codes = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.object ?? ''}`).sort();

describe('security lints on live', () => {
  const db = useTestDatabase('lintsec');
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'sb-lintsec-'));
    await mkdir(path.join(tmp, 'supabase', 'migrations'), { recursive: true });
    const platform = await readFile(new URL('../../templates/platform/supabase-15.sql', import.meta.url), 'utf8');
    await db.get().query(platform);
    await db.get().query(SEED);
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('fire on RLS off in public, policies without RLS, mutable search_path, definer views, auth.users exposure, unindexed FKs', async () => {
    const f = await runSecurityLints(db.get().target);
    const c = codes(f);
    expect(c).toContain('S0013 "public"."notes"');
    expect(c).toContain('S0007 "public"."notes"');
    // exposed through the platform's default privileges for anon/authenticated in public
    expect(c).toContain('S0013 "public"."private_stuff"');
    expect(c).toContain('S0011 "public"."add"(a integer, b integer)');
    expect(c).not.toContain('S0011 "public"."safe_add"(a integer, b integer)');
    expect(c).toContain('S0010 "public"."note_bodies"');
    expect(c).toContain('S0002 "public"."user_emails"');
    expect(c).toContain('S0001 "public"."notes" notes_owner_fkey');
    // platform schemas (auth, storage, …) are never linted
    expect(f.every((x) => !/"(auth|storage|realtime)"/.test(x.object ?? ''))).toBe(true);
    expect(f.every((x) => x.file === null && x.line === null)).toBe(true);
    const s13 = f.find((x) => x.rule === 'S0013')!;
    expect(s13.severity).toBe('error');
    expect(s13.hint).toMatch(/ENABLE ROW LEVEL SECURITY/);
  });

  it('the CLI exits 50 with --db-url, and stays quiet once fixed', async () => {
    const out = memoryOutput();
    expect(await runCli(['lint', '--workdir', tmp, '--db-url', db.get().url, '--json'], out, { env: {}, cwd: tmp })).toBe(50);
    expect(out.stdout.join('')).not.toContain(String(db.get().target.config.password));
    // Without --db-url, the environment's database URL is NOT used: files only.
    const filesOnly = memoryOutput();
    expect(await runCli(['lint', '--workdir', tmp], filesOnly, { env: { SUPABASE_DB_URL: db.get().url }, cwd: tmp })).toBe(0);

    await db.get().query(FIX);
    const after = await runSecurityLints(db.get().target);
    // private_stuff keeps RLS off, but once anon/authenticated cannot read it, it is not exposed.
    expect(codes(after)).toEqual([]);
    const ok = memoryOutput();
    expect(await runCli(['lint', '--workdir', tmp, '--db-url', db.get().url], ok, { env: {}, cwd: tmp })).toBe(0);
  });

  it('a config suppression with a reason silences a live finding by object', async () => {
    await db.get().query('CREATE FUNCTION public.legacy() RETURNS int LANGUAGE sql AS $$ select 1 $$');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(tmp, 'squashbase.lint.json'), JSON.stringify({ ignore: [{ rule: 'S0011', object: '"public"."legacy"()', reason: 'pure SQL, no lookups' }] }));
    const r = await runLint({ workdir: tmp, target: db.get().target });
    const s11 = r.findings.find((x) => x.rule === 'S0011')!;
    expect(s11.suppressed).toEqual({ reason: 'pure SQL, no lookups', source: 'config' });
    expect(r.ok).toBe(true);
  });

  it('C011 flags an invalid index on live; O002 says when the trigger exists only on live', async () => {
    const work = path.join(tmp, 'hnu');
    const { writeFile } = await import('node:fs/promises');
    await mkdir(path.join(work, 'supabase', 'migrations'), { recursive: true });
    const fn = "create function public.handle_new_user() returns trigger language plpgsql set search_path = '' as $$ begin return new; end $$;\n";
    await writeFile(path.join(work, 'supabase', 'migrations', '20240101000000_handle_new_user.sql'), fn);
    await db.get().query(fn);
    await db.get().query('create trigger on_auth_user_created after insert on auth.users for each row execute function public.handle_new_user()');
    await db.get().query('create table public.dupes (k int); insert into public.dupes values (1), (1)');
    await db.get().query('create unique index concurrently dupes_k on public.dupes (k)').catch(() => undefined);
    const r = await runLint({ workdir: work, target: db.get().target });
    const c11 = r.findings.find((f) => f.rule === 'C011')!;
    expect(c11).toMatchObject({ object: '"public"."dupes_k"', severity: 'warn' });
    expect(c11.message).toMatch(/INVALID/);
    const o2 = r.findings.find((f) => f.rule === 'O002')!;
    expect(o2).toMatchObject({ file: '20240101000000_handle_new_user.sql', line: 1 });
    expect(o2.message).toMatch(/Live has on_auth_user_created on "auth"\."users"/);
    const filesOnly = await runLint({ workdir: work });
    expect(filesOnly.findings.find((f) => f.rule === 'O002')!.message).not.toMatch(/Live has/);
  });
});
