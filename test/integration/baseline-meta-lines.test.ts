import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { generateBaseline } from '../../src/baseline/generate-baseline.js';
import { applyBaseline } from '../../src/baseline/apply-baseline.js';
import type { Snapshot } from '../../src/introspect/snapshot-types.js';
import { expectSameSchema, freshPlatformDatabase } from '../support/baseline-proof.js';

/**
 * B003/B004/B007 on a real server: names, comments, defaults and function bodies whose text has a
 * line starting with a backslash (a psql meta-command such as \! would run a shell). The baseline
 * has no such line, and still builds exactly the same objects.
 */
let live: TestDatabase;
let fresh: TestDatabase;
let snapshot: Snapshot;
let sql: string;

beforeAll(async () => {
  live = await createTestDatabase('bl_meta_live');
  await bootstrapPlatform(live.target, { major: inject('serverMajor') });
  await live.query(`
    CREATE TABLE public."evil
\\! touch /tmp/sb-pwned" ("col
\\q" text DEFAULT 'x
\\! echo default');
    COMMENT ON TABLE public."evil
\\! touch /tmp/sb-pwned" IS 'line one
\\! rm -rf /
\\restrict abc';
    CREATE FUNCTION public.f() RETURNS text LANGUAGE plpgsql AS $body$
BEGIN
  RETURN 'a
\\! not a command';
END
$body$;
  `);
  snapshot = await inspectDatabase(live.target);
  sql = generateBaseline(snapshot, { version: '20990101000000', consolidates: [], source: live.target.display }).sql;
  fresh = await freshPlatformDatabase('bl_meta_fresh');
});

afterAll(async () => {
  await live?.drop();
  await fresh?.drop();
});

describe('no psql meta-command lines', () => {
  it('has no line starting with a backslash', () => {
    expect(sql).toContain('U&"evil\\000A');
    expect(sql).not.toMatch(/(^|[\r\n])\\/);
  });

  it('builds exactly the same objects', async () => {
    await applyBaseline(sql, fresh.target);
    await expectSameSchema(snapshot, fresh);
    const r = await fresh.query<{ v: string }>('SELECT public.f() AS v');
    expect(r.rows[0]!.v).toBe('a\n\\! not a command');
  });
});
