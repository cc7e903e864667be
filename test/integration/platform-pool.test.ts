import { afterAll, beforeAll, describe, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { libpqEnv } from '../../src/db/connection.js';
import { withClient } from '../../src/db/client.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { withShadow, type ShadowDatabase } from '../../src/shadow/shadow.js';
import { POOL_DB_PREFIX } from '../../src/shadow/platform-pool.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { itWithPgDump, pgDumpPath } from '../support/pg-dump-required.js';

const run = promisify(execFile);

/**
 * The embedded shadow applies the bundled platform model once, in its cached initdb template,
 * and keeps two databases made there (parity's history and baseline) to rename into shadow
 * databases. The oracle for "the same as a bootstrap" is a bootstrap: a cluster with the cache
 * off, compared by pg_dump (which squashbase did not write) and by the catalog itself.
 */
describe('the platform pool: a pooled shadow database is exactly a bootstrapped one', () => {
  let cache: string;
  const saved = { xdg: process.env['XDG_CACHE_HOME'], off: process.env['SQUASHBASE_INITDB_CACHE'] };
  beforeAll(async () => {
    cache = await mkdtemp(path.join(tmpdir(), 'squashbase-test-pool-cache-'));
    process.env['XDG_CACHE_HOME'] = cache; // a pool made by this test's code, not an older one
  });
  afterAll(async () => {
    for (const [name, value] of [['XDG_CACHE_HOME', saved.xdg], ['SQUASHBASE_INITDB_CACHE', saved.off]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(cache, { recursive: true, force: true });
  });

  /** Everything a bootstrap leaves: the schema (pg_dump and the snapshot), the database's settings, the roles, the stand-ins. */
  async function describeDatabase(db: ShadowDatabase) {
    const { stdout: dump } = await run(pgDumpPath ?? 'pg_dump', ['--schema-only', '--no-password'], { env: { ...process.env, ...libpqEnv(db.target) }, maxBuffer: 256 * 1024 * 1024 });
    const { database: _name, ...snapshot } = await inspectDatabase(db.target);
    const catalog = await withClient(db.target, async (c) => ({
      settings: (await c.query(
        `SELECT coalesce(r.rolname, '') AS role, s.setconfig FROM pg_catalog.pg_db_role_setting s
         LEFT JOIN pg_catalog.pg_roles r ON r.oid = s.setrole
         WHERE s.setdatabase = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) ORDER BY 1`,
      )).rows,
      roles: (await c.query(
        `SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconfig,
                ARRAY(SELECT g.rolname FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY 1) AS member_of
         FROM pg_catalog.pg_roles r WHERE rolname !~ '^pg_' ORDER BY rolname`,
      )).rows,
      datacl: (await c.query(`SELECT datacl::text AS acl FROM pg_catalog.pg_database WHERE datname = current_database()`)).rows,
    }));
    // pg_dump 15.14+ fences its output with a random \restrict key per run.
    return { dump: dump.replace(/^\\(un)?restrict \S+$/gm, ''), snapshot: canonicalJson(snapshot), catalog, standIns: db.standIns, available: db.available, platform: db.platform, warnings: db.warnings };
  }

  itWithPgDump('two databases come from the pool, the third is bootstrapped, and all equal a cluster without the cache', async () => {
    delete process.env['SQUASHBASE_INITDB_CACHE'];
    const pooledRun = await withShadow({ provider: 'embedded', major: 15, platformBase: 'pristine' }, async (shadow) => {
      const a = await shadow.createDatabase('a');
      const b = await shadow.createDatabase('b');
      const c = await shadow.createDatabase('c');
      const left = await withClient(shadow.admin, async (cl) => (await cl.query<{ n: string }>(`SELECT count(*) AS n FROM pg_catalog.pg_database WHERE starts_with(datname, $1)`, [POOL_DB_PREFIX])).rows[0]?.n);
      return { flags: [a.pooled, b.pooled, c.pooled], left, a: await describeDatabase(a), c: await describeDatabase(c) };
    });
    expect(pooledRun.flags).toEqual([true, true, false]);
    expect(pooledRun.left).toBe('0');
    // One template in the cache, holding the pool.
    expect((await readdir(path.join(cache, 'squashbase', 'initdb'))).length).toBe(1);

    process.env['SQUASHBASE_INITDB_CACHE'] = '0';
    const fresh = await withShadow({ provider: 'embedded', major: 15, platformBase: 'pristine' }, async (shadow) => {
      const d = await shadow.createDatabase('d');
      expect(d.pooled).toBe(false);
      return describeDatabase(d);
    });
    expect(fresh.platform).toBe('bundled');
    expect(fresh.standIns.length).toBeGreaterThan(3);
    expect(fresh.dump).toContain('CREATE TABLE auth.users');
    for (const side of [pooledRun.a, pooledRun.c]) {
      expect(side.dump).toBe(fresh.dump);
      expect(side.snapshot).toBe(fresh.snapshot);
      expect(side.catalog).toEqual(fresh.catalog);
      expect(side.standIns).toEqual(fresh.standIns);
      expect(side.available).toEqual(fresh.available);
      expect(side.warnings).toEqual(fresh.warnings);
    }
  }, 240_000);
});
