import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { useTestDatabase } from '../support/test-database.js';
import { startEmbeddedCluster } from '../../src/shadow/embedded-cluster.js';
import { withDatabase } from '../../src/db/connection.js';
import { ident } from '../../src/sql/ident.js';
import { bundledModelSql } from '../../src/shadow/platform-bootstrap.js';

const template = (major: number) => bundledModelSql(major);

describe('bundled Supabase platform model', () => {
  const db = useTestDatabase('platform');
  it('applies to a fresh database, twice on the same cluster (roles are idempotent)', async () => {
    await db.get().query(await template(15));
    const r = await db.get().query<{ n: string }>("select count(*) as n from pg_tables where schemaname in ('auth','storage')");
    expect(Number(r.rows[0]!.n)).toBeGreaterThanOrEqual(9);
    const owner = await db.get().query<{ o: string }>("select tableowner as o from pg_tables where schemaname='auth' and tablename='users'");
    expect(owner.rows[0]!.o).toBe('supabase_auth_admin');
  });

  it('applies to four databases at once on a cluster that has none of the roles yet', async () => {
    // Roles and memberships are cluster-wide: concurrent CREATE ROLE / GRANT of the same name
    // collide (23505/42710) unless the model tolerates it. Parallel test files and shadows do this.
    const cluster = await startEmbeddedCluster({ major: 15 });
    try {
      const sql = await template(15);
      const names = ['p1', 'p2', 'p3', 'p4'];
      const admin = new pg.Client(cluster.target.config);
      await admin.connect();
      for (const n of names) await admin.query(`CREATE DATABASE ${ident(n)}`);
      await admin.end();
      await Promise.all(
        names.map(async (n) => {
          const c = new pg.Client(withDatabase(cluster.target, n).config);
          await c.connect();
          try {
            await c.query(sql);
          } finally {
            await c.end();
          }
        }),
      );
      const c = new pg.Client(withDatabase(cluster.target, 'p4').config);
      await c.connect();
      const members = await c.query<{ n: number }>(
        "select count(*)::int as n from pg_auth_members am join pg_roles r on r.oid = am.roleid join pg_roles m on m.oid = am.member where m.rolname = 'authenticator' and r.rolname in ('anon','authenticated','service_role')",
      );
      await c.end();
      expect(members.rows[0]!.n).toBe(3);
    } finally {
      await cluster.stop();
    }
  });
});
