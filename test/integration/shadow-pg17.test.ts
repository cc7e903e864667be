import { capturePlatform } from '../../src/shadow/clone/platform-capture.js';
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { withShadow } from '../../src/shadow/shadow.js';
import { withClient } from '../../src/db/client.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';

describe('embedded PG17 shadow with the bundled PG17 platform model', () => {
  it('bootstraps the PG17 model (no pgjwt by default) and replays extension-using DDL', async () => {
    const t0 = Date.now();
    let dir = '';
    await withShadow({ provider: 'embedded', major: 17 }, async (shadow) => {
      const startMs = Date.now() - t0;
      dir = shadow.dir!;
      expect(shadow.major).toBe(17);
      expect(shadow.serverVersion).toMatch(/^17\./);
      const db = await shadow.createDatabase('pg17');
      console.log(`embedded PG17 shadow: start ${startMs} ms, bootstrap ${db.bootstrapMs} ms`);
      expect(db.platform).toBe('bundled');
      expect(db.standIns.map((s) => s.extension).sort()).toEqual(['pg_graphql', 'pg_net', 'supabase_vault']);
      expect(db.available).toContain('pgjwt');
      await withClient(db.target, async (c) => {
        const roles = await c.query<{ rolname: string }>("select rolname from pg_roles where rolname in ('supabase_etl_admin', 'supabase_superuser', 'supabase_auth_admin') order by 1");
        expect(roles.rows.map((r) => r.rolname)).toEqual(['supabase_auth_admin', 'supabase_etl_admin', 'supabase_superuser']);
        expect((await c.query("select 1 from pg_extension where extname = 'pgjwt'")).rowCount).toBe(0);
        await c.query('create extension vector with schema extensions');
        await c.query('create extension pg_cron');
        await c.query('create extension pgjwt with schema extensions');
        await c.query('create table public.items (id bigint primary key, embedding extensions.vector(768))');
        await c.query('create index on public.items using hnsw (embedding extensions.vector_l2_ops)');
        const typmod = await c.query<{ m: number }>("select atttypmod as m from pg_attribute where attrelid = 'public.items'::regclass and attname = 'embedding'");
        expect(typmod.rows[0]!.m).toBe(768);
        const job = await c.query<{ id: string }>("select cron.schedule('*/5 * * * *', 'select 1') as id");
        expect(Number(job.rows[0]!.id)).toBeGreaterThan(0);
        const trig = await c.query("select 1 from pg_tables where schemaname = 'auth' and tablename = 'users'");
        expect(trig.rowCount).toBe(1);
        await c.query('alter default privileges for role postgres in schema public revoke all on tables from anon');
      });

      // A PG17 "live" with this machine's pg_dump 15: no fitting pg_dump, so the clone overlays
      // live's roles/default privileges/extensions onto the bundled PG17 model, and says so.
      const { findPgTool } = await import('../../src/safety/pg-tools.js');
      const hasPgDump17 = (await findPgTool('pg_dump', 17)).tool !== null;
      const clone = await shadow.createDatabase('pg17clone', { platform: false });
      const warnings: string[] = [];
      const r = await bootstrapPlatform(clone.target, { major: 17, live: await capturePlatform(db.target, { dumpSchemas: true }), onWarning: (m) => warnings.push(m) });
      const acl = async (t: typeof db.target) =>
        withClient(t, async (c) => (await c.query<{ x: string }>(
          "select format('%s %s %s %s', pg_get_userbyid(defaclrole), coalesce(defaclnamespace::regnamespace::text, '-'), defaclobjtype, defaclacl) as x from pg_default_acl order by 1")).rows.map((x) => x.x));
      expect(await acl(clone.target)).toEqual(await acl(db.target));
      if (hasPgDump17) {
        expect(r.source).toBe('live');
      } else {
        expect(r.source).toBe('bundled');
        expect(r.liveOverlay).toContain('default privileges');
        expect(warnings.join('\n')).toMatch(/No pg_dump\/pg_restore 17\+ was found/);
      }
    });
    expect(existsSync(dir)).toBe(false);
  });
});
