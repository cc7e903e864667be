import { capturePlatform, captureShadowSources } from '../../src/shadow/clone/platform-capture.js';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { useTestDatabase, type TestDatabase } from '../support/test-database.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';
import { generateStandInFromLive } from '../../src/shadow/stand-ins/from-live.js';
import { withClient } from '../../src/db/client.js';
import { parseDbUrl } from '../../src/db/connection.js';

/** The platform as seen through the catalog: what the clone must reproduce. */
async function platformFingerprint(db: TestDatabase): Promise<Record<string, string[]>> {
  const q = async (sql: string) => (await db.query<{ x: string }>(sql)).rows.map((r) => r.x);
  const managed = `('auth','storage','realtime','graphql_public','supabase_functions','pgbouncer','extensions')`;
  return {
    tables: await q(`select format('%I.%I %s owner=%s rls=%s', n.nspname, c.relname, c.relkind, pg_get_userbyid(c.relowner), c.relrowsecurity) as x
      from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ${managed} and c.relkind in ('r','p','v','S')
      and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e') order by 1`),
    columns: await q(`select format('%I.%I.%I %s', n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)) as x
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('auth','storage','realtime') and c.relkind in ('r','p') and a.attnum > 0 and not a.attisdropped order by 1`),
    functions: await q(`select format('%s owner=%s secdef=%s', p.oid::regprocedure, pg_get_userbyid(p.proowner), p.prosecdef) as x
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ${managed}
      and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e') order by 1`),
    // Effective privileges: a NULL ACL is the owner's built-in one (pg_dump, which the clone
    // uses, cannot tell a NULL ACL from an explicit owner-only one, and neither can a grant check).
    grants: await q(`select format('%I.%I %s', n.nspname, c.relname, coalesce(c.relacl, acldefault(case when c.relkind = 'S' then 's' else 'r' end::"char", c.relowner))) as x from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ${managed} and c.relkind in ('r','p','S') order by 1`),
    defaultAcls: await q(`select format('%s %s %s %s', pg_get_userbyid(defaclrole), coalesce(n.nspname, '-'), defaclobjtype, defaclacl) as x
      from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace order by 1`),
    extensions: await q(`select format('%s %s %s', extname, extnamespace::regnamespace, extversion) as x from pg_extension order by 1`),
    publications: await q(`select format('%s ins=%s upd=%s del=%s trunc=%s', pubname, pubinsert, pubupdate, pubdelete, pubtruncate) as x from pg_publication order by 1`),
    eventTriggers: await q(`select format('%s %s %s %s', evtname, evtevent, evtfoid::regproc, pg_get_userbyid(evtowner)) as x from pg_event_trigger order by 1`),
    schemas: await q(`select format('%s owner=%s acl=%s', nspname, pg_get_userbyid(nspowner), nspacl) as x from pg_namespace where nspname in ${managed} order by 1`),
  };
}

describe('clone the platform from live', () => {
  const live = useTestDatabase('shadow_clone_live');
  const shadow = useTestDatabase('shadow_clone_shadow');

  it('reproduces a live platform built from the bundled model plus customised default privileges', async () => {
    const major = inject('serverMajor');
    await bootstrapPlatform(live.get().target, { major });
    // A project that turned off auto-exposure, plus user objects attached to the platform.
    await live.get().query(`
      alter default privileges for role postgres in schema public revoke select, insert, update, delete on tables from anon, authenticated;
      alter default privileges for role postgres revoke execute on functions from public;
      create table public.profiles (id uuid primary key references auth.users (id));
      create function public.handle_new_user() returns trigger language plpgsql security definer as $$ begin insert into public.profiles (id) values (new.id); return new; end $$;
      create trigger on_auth_user_created after insert on auth.users for each row execute function public.handle_new_user();
      create policy "own files" on storage.objects for select using (auth.uid() = owner);
      alter publication supabase_realtime add table public.profiles;
    `);
    const warnings: string[] = [];
    const started = Date.now();
    const result = await bootstrapPlatform(shadow.get().target, { major, live: await capturePlatform(live.get().target, { dumpSchemas: true }), onWarning: (m) => warnings.push(m) });
    console.log(`clone from live: ${Date.now() - started} ms`);
    expect(warnings).toEqual([]);
    expect(result.source).toBe('live');
    expect(result.standIns.map((s) => `${s.extension}:${s.source}`).sort()).toEqual(
      (major >= 17 ? ['pg_graphql', 'pg_net', 'supabase_vault'] : ['pg_graphql', 'pg_net', 'pgjwt', 'supabase_vault']).map((e) => `${e}:bundled`),
    );

    const l = await platformFingerprint(live.get());
    const s = await platformFingerprint(shadow.get());
    for (const key of Object.keys(l)) expect.soft(s[key], key).toEqual(l[key]);
    expect(l['defaultAcls']!.some((x) => x.startsWith('postgres - f'))).toBe(true); // the customised global entry exists…
    expect(s['defaultAcls']).toEqual(l['defaultAcls']); // …and was reproduced exactly

    // User attachments stay out: replayed migrations create them.
    const trig = await shadow.get().query("select 1 from pg_trigger where tgname = 'on_auth_user_created'");
    expect(trig.rowCount).toBe(0);
    const pol = await shadow.get().query("select 1 from pg_policies where policyname = 'own files'");
    expect(pol.rowCount).toBe(0);
    const pubTables = await shadow.get().query("select 1 from pg_publication_tables where pubname = 'supabase_realtime'");
    expect(pubTables.rowCount).toBe(0);
    expect((await shadow.get().query("select 1 from pg_tables where schemaname = 'public'")).rowCount).toBe(0);

    // The shadow accepts the history's platform attachments.
    await shadow.get().query(`
      create table public.profiles (id uuid primary key references auth.users (id));
      create function public.handle_new_user() returns trigger language plpgsql security definer as $$ begin return new; end $$;
      create trigger on_auth_user_created after insert on auth.users for each row execute function public.handle_new_user();
      create policy "own files" on storage.objects for select using (auth.uid() = owner);
      alter publication supabase_realtime add table public.profiles;
      create extension if not exists pg_cron;
    `);
  });

  it('overlay mode (no fitting pg_dump, or cloneSchemas: false): bundled schemas, live roles and default privileges', async () => {
    const major = inject('serverMajor');
    const fresh = useTestDatabaseLater();
    const db = await fresh();
    try {
      // live (built by the first test) has pg_graphql; pretend this project turned it off.
      await live.get().query('drop extension if exists pg_graphql cascade');
      const warnings: string[] = [];
      const result = await bootstrapPlatform(db.target, { major, live: await capturePlatform(live.get().target, { dumpSchemas: false }), cloneSchemas: false, onWarning: (m) => warnings.push(m) });
      expect(warnings).toEqual([]);
      expect(result.source).toBe('bundled');
      expect(result.liveOverlay).toContain('default privileges');
      expect(result.standIns.map((x) => x.extension)).not.toContain('pg_graphql');
      const l = await platformFingerprint(live.get());
      const s = await platformFingerprint(db);
      expect(s['defaultAcls']).toEqual(l['defaultAcls']);
      expect(s['extensions']).toEqual(l['extensions']);
      expect(s['publications']).toEqual(l['publications']);
      expect((await db.query("select 1 from pg_tables where schemaname = 'auth' and tablename = 'users'")).rowCount).toBe(1);
    } finally {
      await db.drop();
    }
  });

  it('falls back to the bundled model with a warning when live cannot be read', async () => {
    const fresh = useTestDatabaseLater();
    const db = await fresh();
    try {
      const warnings: string[] = [];
      const badLive = parseDbUrl('postgresql://nobody:wrong@127.0.0.1:1/none', 'test');
      // Live is read before any shadow starts; what cannot be read leaves the bundled model.
      const sources = await captureShadowSources(badLive, { platformBase: 'live', major: inject('serverMajor') });
      warnings.push(...sources.warnings);
      expect(sources.live).toBeUndefined();
      expect(sources.liveAddress).toEqual({ host: '127.0.0.1', port: 1, database: 'none' });
      const result = await bootstrapPlatform(db.target, { major: inject('serverMajor'), ...(sources.live ? { live: sources.live } : {}), onWarning: (m) => warnings.push(m) });
      expect(result.source).toBe('bundled');
      expect(warnings.length).toBe(1);
      expect(warnings[0]).toMatch(/Cloning the platform from the live project failed .*bundled PG1[57] model/);
      expect(warnings[0]).not.toContain('wrong');
      expect((await db.query("select 1 from pg_tables where schemaname = 'auth' and tablename = 'users'")).rowCount).toBe(1);
    } finally {
      await db.drop();
    }
  });

  it('generates a stand-in from live extension members: same signatures, stub bodies', async () => {
    const gen = await generateStandInFromLive(live.get().target, 'pg_net');
    expect(gen.version).toBeTruthy();
    expect(gen.objects).toBeGreaterThan(5);
    expect(gen.script).toContain('CREATE SCHEMA "net";');
    expect(gen.script).toMatch(/CREATE FUNCTION "net"\."http_post"\(url text, body jsonb DEFAULT '\{\}'::jsonb/);
    expect(gen.script).toContain('CREATE TABLE "net"."http_request_queue"');
    // The generated script is valid SQL on a fresh database.
    const fresh = useTestDatabaseLater();
    const db = await fresh();
    try {
      await withClient(db.target, async (c) => {
        await c.query(gen.script);
        const r = await c.query("select p.oid::regprocedure::text as f from pg_proc p where p.pronamespace = 'net'::regnamespace and p.proname = 'http_get'");
        expect(r.rows[0]!.f).toBe('net.http_get(text,jsonb,jsonb,integer)');
        await expect(c.query("select net.http_get('http://x')")).rejects.toThrow(/stand-in for pg_net/);
      });
    } finally {
      await db.drop();
    }
  });
});

function useTestDatabaseLater(): () => Promise<TestDatabase> {
  return async () => (await import('../support/test-database.js')).createTestDatabase('shadow_clone_extra');
}
