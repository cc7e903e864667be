import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject, REPO_ROOT, type LiveProject } from '../support/live-project.js';
import type { TestDatabase } from '../support/test-database.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { runBaseline } from '../../src/baseline/run-baseline.js';
import type { Snapshot } from '../../src/introspect/snapshot-types.js';
import { expectSameSchema, expectSamePgDump, freshPlatformDatabase } from '../support/baseline-proof.js';
import { itWithPgDump } from '../support/pg-dump-required.js';
import { supabase } from '../support/processes.js';

/**
 * The example history (supabase/migrations, 16 files) pushed like `supabase db push` is "live".
 * Its baseline, pushed by the REAL Supabase CLI to a fresh platform-bootstrapped database, builds
 * the same snapshot and the same pg_dump; regenerating gives the same bytes.
 */
let live: LiveProject;
let fresh: TestDatabase;
let snapshot: Snapshot;
let work: string;

beforeAll(async () => {
  live = await createLiveProject({ label: 'bl_example_live', workdir: REPO_ROOT });
  snapshot = await inspectDatabase(live.target);
  fresh = await freshPlatformDatabase('bl_example_fresh');
  work = await mkdtemp(join(tmpdir(), 'sb-baseline-'));
  await mkdir(join(work, 'supabase', 'migrations'), { recursive: true });
});

afterAll(async () => {
  await live?.drop();
  await fresh?.drop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('baseline of the example project', () => {
  it('consolidates every existing version, with a default version after all of them', async () => {
    const r = await runBaseline({ target: live.target, workdir: REPO_ROOT, write: false, now: new Date('2020-01-01T00:00:00Z') });
    const versions = live.migrations.files.map((f) => f.version);
    expect(r.consolidates).toEqual(versions);
    expect(BigInt(r.baseline.version)).toBeGreaterThan(BigInt(versions[versions.length - 1]!));
    expect(r.written).toBe(false);
    expect(r.baseline.sql).toContain('-- Attachments to platform objects');
    expect(r.baseline.sql).toMatch(/CREATE TRIGGER \S+ AFTER INSERT ON auth\.users/);
  });

  it('applies through the real Supabase CLI (`supabase db push`) and builds the same schema', async () => {
    const r = await runBaseline({ target: live.target, workdir: work, write: true });
    expect(r.written).toBe(true);
    expect(await readdir(join(work, 'supabase', 'migrations'))).toEqual([r.baseline.fileName]);
    const push = await supabase(['db', 'push', '--db-url', fresh.url, '--yes'], work);
    expect(push.code, push.stderr + push.stdout).toBe(0);
    const history = await fresh.query<{ version: string; name: string }>('SELECT version, name FROM supabase_migrations.schema_migrations');
    expect(history.rows).toEqual([{ version: r.baseline.version, name: 'baseline' }]);
    await expectSameSchema(snapshot, fresh);
  });

  itWithPgDump('pg_dump --schema-only of live and of the baseline-built database agree after normalisation', async () => {
    await expectSamePgDump(live, fresh, snapshot);
  });

  it('re-running baseline on the same database gives the same bytes (apart from run id and time)', async () => {
    const opts = { target: live.target, workdir: REPO_ROOT, write: false, version: '20990101000000' } as const;
    const [a, b] = [await runBaseline(opts), await runBaseline(opts)];
    const strip = (s: string) => s.replace(/^-- (Run id|Generated at):.*$/gm, '');
    expect(strip(b.baseline.sql)).toBe(strip(a.baseline.sql));
    expect(a.baseline.fingerprint).toBe(b.baseline.fingerprint);
    const file = await readFile(join(work, 'supabase', 'migrations', (await readdir(join(work, 'supabase', 'migrations')))[0]!), 'utf8');
    expect(file).toContain(`sha256:${a.baseline.fingerprint}`);
  });
});
