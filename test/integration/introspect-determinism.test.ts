import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, serverTarget, useTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyHostileFixture } from '../fixtures/hostile/apply.js';
import { inspectDatabase, type InspectProgress } from '../../src/introspect/inspect.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { isSquashbaseError } from '../../src/errors.js';
import type { Snapshot } from '../../src/introspect/snapshot-types.js';

/** The same schema gives a byte-identical snapshot: twice in a row, and in another database whose OIDs differ. */
describe('inspect: determinism and retries', () => {
  const a = useTestDatabase('introspect_det_a');
  let b: TestDatabase | undefined;

  beforeAll(async () => {
    await applyHostileFixture(a.get());
    b = await createTestDatabase('introspect_det_b');
    // Shift every OID the fixture will get: create and drop unrelated objects first.
    await b.query(`
      CREATE SCHEMA scratch;
      CREATE TYPE scratch.e AS ENUM ('a');
      CREATE FUNCTION scratch.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
      DO $$ BEGIN FOR i IN 1..40 LOOP EXECUTE format('CREATE TABLE scratch.t%s (id serial PRIMARY KEY, v text)', i); END LOOP; END $$;
      DROP SCHEMA scratch CASCADE;`);
    await applyHostileFixture(b);
  });

  afterAll(async () => {
    await b?.drop();
  });

  const withoutDatabase = (s: Snapshot) => canonicalJson({ ...s, database: '<db>' });

  it('two inspects of the same database are byte-identical', async () => {
    const first = canonicalJson(await inspectDatabase(a.get().target));
    const second = canonicalJson(await inspectDatabase(a.get().target));
    expect(second).toBe(first);
  });

  it('a second database built from the same SQL (different OIDs) gives the same snapshot', async () => {
    const oids = await Promise.all(
      [a.get(), b!].map(async (db) => (await db.query<{ oid: string }>("SELECT 'app.accounts'::regclass::oid::text AS oid")).rows[0]!.oid),
    );
    expect(oids[0]).not.toBe(oids[1]);
    const sa = await inspectDatabase(a.get().target);
    const sb = await inspectDatabase(b!.target);
    expect(sb.database).not.toBe(sa.database);
    expect(withoutDatabase(sb)).toBe(withoutDatabase(sa));
  });

  it('creating and dropping unrelated objects leaves the snapshot unchanged; a real change shows', async () => {
    const before = canonicalJson(await inspectDatabase(a.get().target));
    await a.get().query('CREATE TABLE public.tmp_unrelated (id int); DROP TABLE public.tmp_unrelated;');
    expect(canonicalJson(await inspectDatabase(a.get().target))).toBe(before);
    await a.get().query("COMMENT ON TABLE public.foo IS 'changed'");
    const after = canonicalJson(await inspectDatabase(a.get().target));
    expect(after).not.toBe(before);
    await a.get().query('COMMENT ON TABLE public.foo IS NULL');
  });

  async function terminateInspectBackends(database: string): Promise<number> {
    const c = new pg.Client(serverTarget().config);
    await c.connect();
    try {
      const r = await c.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND application_name LIKE 'squashbase/%/inspect' AND pid <> pg_backend_pid()`,
        [database],
      );
      return r.rowCount ?? 0;
    } finally {
      await c.end();
    }
  }

  it('a connection killed mid-inspect is retried and the result is the same', async () => {
    const expected = canonicalJson(await inspectDatabase(a.get().target));
    const events: InspectProgress[] = [];
    let killed = 0;
    const snap = await inspectDatabase(a.get().target, {
      retryDelayMs: 10,
      onProgress: async (e) => {
        events.push(e);
        if (e.attempt === 1 && e.step === 'tables and columns') killed = await terminateInspectBackends(a.get().name);
      },
    });
    expect(killed).toBe(1);
    expect(events.some((e) => e.attempt === 2)).toBe(true);
    expect(canonicalJson(snap)).toBe(expected);
  });

  it('when every attempt is interrupted it fails with INTROSPECTION_FAILED', async () => {
    const err = await inspectDatabase(a.get().target, {
      maxAttempts: 2,
      retryDelayMs: 10,
      onProgress: async (e) => {
        if (e.step === 'functions') await terminateInspectBackends(a.get().name);
      },
    }).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'INTROSPECTION_FAILED')).toBe(true);
    expect((err as Error).message).toContain('2 attempts');
  });

  it('DDL committed while inspecting is detected (catalog fingerprint) and the run is retried', async () => {
    let ddl = 0;
    const snap = await inspectDatabase(a.get().target, {
      retryDelayMs: 10,
      onProgress: async (e) => {
        if (e.attempt === 1 && e.step === 'functions') {
          ddl++;
          await a.get().query("COMMENT ON TABLE public.foo IS 'changed mid-inspect'");
        }
      },
    });
    expect(ddl).toBe(1);
    expect(snap.objects.find((o) => o.id === 'table:"public"."foo"')?.comment).toBe('changed mid-inspect');
    await a.get().query('COMMENT ON TABLE public.foo IS NULL');

    let n = 0;
    const err = await inspectDatabase(a.get().target, {
      maxAttempts: 2,
      retryDelayMs: 10,
      onProgress: async (e) => {
        if (e.step === 'grants') await a.get().query(`COMMENT ON TABLE public.foo IS 'churn ${++n}'`);
      },
    }).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'INTROSPECTION_FAILED')).toBe(true);
    expect((err as Error).message).toMatch(/2 attempts.*schema changed/);
    await a.get().query('COMMENT ON TABLE public.foo IS NULL');
  });

  it('ordinary activity (TRUNCATE, temp tables, ANALYZE, VACUUM) does not look like DDL', async () => {
    const attempts = new Set<number>();
    await inspectDatabase(a.get().target, {
      retryDelayMs: 10,
      onProgress: async (e) => {
        attempts.add(e.attempt);
        if (e.attempt === 1 && e.step === 'functions') {
          await a.get().query('TRUNCATE public.foo');
          await a.get().query('CREATE TEMP TABLE scratch_tmp (id serial PRIMARY KEY, v text); INSERT INTO scratch_tmp (v) VALUES (1)');
          await a.get().query('ANALYZE public.foo');
          await a.get().query('VACUUM public.foo');
        }
      },
    });
    expect([...attempts]).toEqual([1]);
  });
});
