import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, serverTarget, type TestDatabase } from '../support/test-database.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { generateBaseline } from '../../src/baseline/generate-baseline.js';
import { applyBaseline } from '../../src/baseline/apply-baseline.js';
import type { Snapshot } from '../../src/introspect/snapshot-types.js';
import { expectSameSchema, freshPlatformDatabase } from '../support/baseline-proof.js';

/**
 * Objects owned by a custom role (not the `postgres` that runs the baseline): ALTER … OWNER TO,
 * the owner's implicit rights carried over to the new owner, serial sequences OWNED BY a column of
 * a table with the same owner, that role's own default privileges, and a warning naming the role.
 */
const ROLE = `sb_owner_${randomBytes(3).toString('hex')}`;
let live: TestDatabase;
let fresh: TestDatabase;
let snapshot: Snapshot;
let result: ReturnType<typeof generateBaseline>;

async function server(sql: string): Promise<void> {
  const c = new pg.Client(serverTarget().config);
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  await server(`CREATE ROLE ${ROLE} NOLOGIN; GRANT ${ROLE} TO postgres`);
  live = await createTestDatabase('bl_owner_live');
  await bootstrapPlatform(live.target, { major: inject('serverMajor') });
  await live.query(`
    GRANT CREATE ON SCHEMA public TO ${ROLE};
    CREATE SCHEMA billing AUTHORIZATION ${ROLE};
    ALTER DEFAULT PRIVILEGES FOR ROLE ${ROLE} IN SCHEMA billing GRANT SELECT ON TABLES TO authenticated;
    SET ROLE ${ROLE};
    CREATE TABLE billing.invoices (id serial PRIMARY KEY, total numeric NOT NULL DEFAULT 0);
    CREATE FUNCTION billing.total_of(i int) RETURNS numeric LANGUAGE sql STABLE SECURITY DEFINER SET search_path = '' AS 'select total from billing.invoices where id = i';
    CREATE VIEW billing.big AS SELECT id FROM billing.invoices WHERE total > 100;
    RESET ROLE;
    CREATE TABLE public.mine (id int);
    ALTER TABLE public.mine OWNER TO ${ROLE};
    REVOKE ALL ON public.mine FROM anon;
    GRANT SELECT ON billing.big TO anon;
    REVOKE EXECUTE ON FUNCTION billing.total_of(int) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION billing.total_of(int) TO service_role;
  `);
  snapshot = await inspectDatabase(live.target);
  result = generateBaseline(snapshot, { version: '20990101000000', consolidates: [], source: live.target.display });
  fresh = await freshPlatformDatabase('bl_owner_fresh');
});

afterAll(async () => {
  await live?.drop();
  await fresh?.drop();
  await server(`DROP ROLE IF EXISTS ${ROLE}`).catch(() => undefined);
});

describe('baseline with objects owned by a custom role', () => {
  it('changes owners and names the role in a warning', () => {
    expect(result.sql).toContain(`ALTER TABLE "billing"."invoices" OWNER TO "${ROLE}";`);
    expect(result.sql).toContain(`ALTER SCHEMA "billing" OWNER TO "${ROLE}";`);
    expect(result.sql).toContain(`ALTER DEFAULT PRIVILEGES FOR ROLE "${ROLE}" IN SCHEMA "billing" GRANT SELECT ON TABLES TO "authenticated";`);
    expect(result.warnings.join('\n')).toContain(`Custom roles must exist on the target before the baseline runs`);
    expect(result.warnings.join('\n')).toContain(ROLE);
  });

  it('builds the same snapshot (owners, ACLs, defaults) on a fresh platform database', async () => {
    await applyBaseline(result.sql, fresh.target);
    await expectSameSchema(snapshot, fresh);
  });
});
