import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { useTestDatabase, serverTarget } from '../support/test-database.js';
import { ident, literal } from '../../src/sql/ident.js';
import { compareDataChecks, runCheckData, saveDataCheck, loadDataCheck } from '../../src/safety/check-data.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';

const SEED = `
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY);
INSERT INTO auth.users VALUES ('00000000-0000-0000-0000-000000000001');
CREATE TABLE public.profiles (id uuid PRIMARY KEY REFERENCES auth.users(id), handle text);
INSERT INTO public.profiles VALUES ('00000000-0000-0000-0000-000000000001', 'a');
CREATE TABLE public.orgs (id int PRIMARY KEY, slug text);
INSERT INTO public.orgs SELECT g, 'org' || g FROM generate_series(1, 20) g;
INSERT INTO public.orgs VALUES (21, 'org3'), (22, 'org3'), (23, 'org5');
CREATE TABLE public.members (org_id int, user_ref int, role text);
INSERT INTO public.members SELECT (g % 20) + 1, g, 'm' FROM generate_series(1, 100) g;
-- an orphan, then a NOT VALID foreign key that tolerates it
INSERT INTO public.members VALUES (999, 1000, 'ghost'), (NULL, 1001, 'nobody');
ALTER TABLE public.members ADD CONSTRAINT members_org_fk FOREIGN KEY (org_id) REFERENCES public.orgs(id) NOT VALID;
-- an orphan slipped in with triggers disabled (session_replication_role = replica)
CREATE TABLE public.invites (id int PRIMARY KEY, org_id int REFERENCES public.orgs(id));
INSERT INTO public.invites VALUES (1, 1);
SET session_replication_role = replica;
INSERT INTO public.invites VALUES (2, 4242);
RESET session_replication_role;
CREATE TABLE "odd schema"."we""ird" (k text);
-- a foreign key whose equality lives outside pg_catalog (citext): case-insensitive matching
CREATE SCHEMA ext;
CREATE EXTENSION citext WITH SCHEMA ext;
CREATE TABLE public.tags (name ext.citext PRIMARY KEY);
INSERT INTO public.tags VALUES ('foo');
CREATE TABLE public.tagged (tag ext.citext);
INSERT INTO public.tagged VALUES ('FOO'), ('bar');
ALTER TABLE public.tagged ADD CONSTRAINT tagged_tag_fk FOREIGN KEY (tag) REFERENCES public.tags(name) NOT VALID;
`;

describe('check-data', () => {
  const db = useTestDatabase('checkdata');
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'sb-checkdata-'));
    await db.get().query('CREATE SCHEMA "odd schema"');
    await db.get().query(SEED);
    // A failed CREATE UNIQUE INDEX CONCURRENTLY leaves an INVALID unique index behind.
    await db.get().query('CREATE UNIQUE INDEX CONCURRENTLY orgs_slug_key ON public.orgs (slug)').catch(() => undefined);
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('counts rows per user table, skipping managed schemas', async () => {
    const c = await runCheckData({ target: db.get().target });
    const rows = Object.fromEntries(c.rowCounts.map((r) => [`${r.schema}.${r.table}`, r.rows]));
    expect(rows['public.orgs']).toBe(23);
    expect(rows['public.members']).toBe(102);
    expect(rows['odd schema.we"ird']).toBe(0);
    expect(rows['auth.users']).toBeUndefined();
  });

  it('finds orphaned rows behind a NOT VALID foreign key and a disabled-trigger insert', async () => {
    const c = await runCheckData({ target: db.get().target });
    const members = c.foreignKeys.find((f) => f.constraint === 'members_org_fk')!;
    expect(members.validated).toBe(false);
    expect(members.orphans).toBe(1); // the NULL org_id row is not a violation (MATCH SIMPLE)
    expect(members.sample).toEqual([{ org_id: '999' }]);
    const invites = c.foreignKeys.find((f) => f.table === 'invites')!;
    expect(invites.validated).toBe(true);
    expect(invites.orphans).toBe(1);
    const profiles = c.foreignKeys.find((f) => f.table === 'profiles')!;
    expect(profiles.refSchema).toBe('auth');
    expect(profiles.orphans).toBe(0);
    const tagged = c.foreignKeys.find((f) => f.constraint === 'tagged_tag_fk')!;
    expect(tagged.orphans).toBe(1); // 'FOO' matches 'foo' under citext equality; 'bar' does not
    expect(tagged.sample).toEqual([{ tag: 'bar' }]);
    expect(c.summary.fkViolated).toBe(3);
  });

  it('finds duplicates under an invalid unique index, and none under valid ones', async () => {
    const c = await runCheckData({ target: db.get().target });
    const slug = c.uniqueKeys.find((u) => u.index === 'orgs_slug_key')!;
    expect(slug.valid).toBe(false);
    expect(slug.duplicateGroups).toBe(2);
    expect(slug.sample[0]).toEqual({ slug: 'org3', copies: 3 });
    expect(c.uniqueKeys.find((u) => u.index === 'orgs_pkey')!.duplicateGroups).toBe(0);
    const capped = await runCheckData({ target: db.get().target, rowCap: 10 });
    expect(capped.uniqueKeys.find((u) => u.index === 'orgs_slug_key')!.skipped).toMatch(/row cap/);
  });

  it('compare detects a changed count; save/compare through the CLI exits 0 then 50', async () => {
    const file = path.join(tmp, 'before.json');
    const out = memoryOutput();
    expect(await runCli(['check-data', '--db-url', db.get().url, '--save', file], out, { env: {}, cwd: tmp })).toBe(0);
    expect(out.stdout.join('\n')).toMatch(/ORPHANS "public"\."members" members_org_fk \(NOT VALID\)/);
    const before = await loadDataCheck(file);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(before);

    const same = memoryOutput();
    expect(await runCli(['check-data', '--db-url', db.get().url, '--compare', file], same, { env: {}, cwd: tmp })).toBe(0);
    expect(same.stdout.join('\n')).toMatch(/No change/);

    await db.get().query("INSERT INTO public.orgs VALUES (24, 'org24')");
    const changed = memoryOutput();
    expect(await runCli(['check-data', '--db-url', db.get().url, '--compare', file, '--json'], changed, { env: {}, cwd: tmp })).toBe(50);
    const json = JSON.parse(changed.stdout.join('')) as { comparison: { changes: unknown[] } };
    expect(json.comparison.changes).toEqual([{ what: 'rows', subject: '"public"."orgs"', before: 23, after: 24 }]);
    expect(changed.stdout.join('')).not.toContain(String(db.get().target.config.password));

    const after = await runCheckData({ target: db.get().target });
    await saveDataCheck(after, path.join(tmp, 'after.json'));
    const cmp = compareDataChecks(before, await loadDataCheck(path.join(tmp, 'after.json')));
    expect(cmp.changed).toBe(true);
    await db.get().query('DELETE FROM public.orgs WHERE id = 24');
    expect(compareDataChecks(before, await runCheckData({ target: db.get().target })).changed).toBe(false);
  });

  it('runs read-only and --fail-on-problems exits 50', async () => {
    const out = memoryOutput();
    expect(await runCli(['check-data', '--db-url', db.get().url, '--fail-on-problems'], out, { env: {}, cwd: tmp })).toBe(50);
    expect(await runCli(['check-data', '--db-url', db.get().url, '--save', 'a', '--compare', 'b'], memoryOutput(), { env: {}, cwd: tmp })).toBe(2);
  });

  it('refuses to report RLS-filtered counts: a role subject to RLS gets PERMISSION_DENIED (exit 11), not a wrong number', async () => {
    const role = `sb_cd_${randomBytes(3).toString('hex')}`;
    const pw = `pw-${randomBytes(6).toString('hex')}`;
    await db.get().query(`CREATE ROLE ${ident(role)} LOGIN PASSWORD ${literal(pw)}`);
    try {
      await db.get().query(`CREATE TABLE public.secret_rows (id int); INSERT INTO public.secret_rows VALUES (1), (2);
        ALTER TABLE public.secret_rows ENABLE ROW LEVEL SECURITY; CREATE POLICY none ON public.secret_rows USING (false);
        GRANT USAGE ON SCHEMA public, "odd schema" TO ${ident(role)}; GRANT SELECT ON ALL TABLES IN SCHEMA public, "odd schema" TO ${ident(role)}`);
      const s = serverTarget().config;
      const url = `postgresql://${role}:${pw}@${s.host}:${s.port}/${db.get().name}`;
      const out = memoryOutput();
      expect(await runCli(['check-data', '--db-url', url, '--json'], out, { env: {}, cwd: tmp })).toBe(11);
      expect(out.stdout.join('')).toMatch(/secret_rows/);
      expect(out.stdout.join('')).not.toContain(pw);
    } finally {
      await db.get().query(`DROP TABLE IF EXISTS public.secret_rows; DROP OWNED BY ${ident(role)}`);
      const c = new pg.Client(serverTarget().config);
      await c.connect();
      await c.query(`DROP ROLE IF EXISTS ${ident(role)}`);
      await c.end();
    }
  });
});
