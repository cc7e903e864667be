import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runParity, type RunParityOptions } from '../../src/parity/run-parity.js';
import type { ParityStages } from '../../src/parity/stages.js';
import { parseDbUrl } from '../../src/db/connection.js';
import { SquashbaseError } from '../../src/errors.js';
import type { Snapshot, SnapshotObject } from '../../src/introspect/snapshot-types.js';
import type { MigrationSet } from '../../src/migrations/discover.js';
import type { ReplayResult } from '../../src/shadow/replay.js';
import type { Shadow } from '../../src/shadow/shadow.js';
import { publicTable } from '../support/snapshot-builders.js';

/** runParity's orchestration with stub stages: verdicts for failed stages, cleanup, report files. */
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const live = parseDbUrl('postgresql://postgres:s3cret-pw@db.example.com:5432/postgres', 'test');

function snap(names: string[]): Snapshot {
  const objects: SnapshotObject[] = names.map((name) => publicTable(name));
  return {
    format: 'squashbase.snapshot',
    formatVersion: 3,
    census: [],
    notModelled: [],
    server: { version: '15.18', versionNum: 150018, major: 15 },
    database: 'postgres',
    platform: { supabase: true, schemas: [], extensions: [] },
    data: [],
    objects,
  };
}

const set: MigrationSet = {
  dir: '/project/supabase/migrations',
  files: [
    { version: '1', name: 'a', fileName: '1_a.sql', path: '/project/supabase/migrations/1_a.sql', bytes: Buffer.from('x'), sha256: 'f'.repeat(64), sql: 'x', bom: false },
  ],
  skipped: [],
  warnings: ['mixed version lengths'],
};

function stubs(over: Partial<ParityStages> & { replayResult?: ReplayResult } = {}) {
  const dropped: string[] = [];
  const created: string[] = [];
  const stages: Partial<ParityStages> = {
    inspect: async (t) => (t.config.database === 'history' ? snap(['a', 'b']) : snap(['a'])),
    discover: async () => set,
    replay: async () => over.replayResult ?? { ok: true, files: [{ version: '1', fileName: '1_a.sql', sha256: 'f'.repeat(64), status: 'applied', statements: 1, durationMs: 1 }] },
    generate: async () => ({ sql: 'select 1;', fileName: '2_baseline.sql', warnings: ['storage.buckets has 2 rows'] }),
    apply: async () => undefined,
    // The stub targets are not databases: nothing is captured from them, and no pg_dump second
    // opinion here (integration tests run both).
    captureSources: async () => ({ warnings: [] }),
    pgDump: async () => ({ compare: async () => ({ status: 'not_available', note: 'stubbed', tool: null, scope: null, differingLines: 0, diff: '' }), settle: async () => undefined }),
    withShadow: (async (_options: unknown, fn: (s: Shadow) => Promise<unknown>) => {
      const shadow: Shadow = {
        provider: 'embedded',
        major: 15,
        serverVersion: '15.18',
        description: 'stub embedded shadow',
        warnings: [],
        admin: live,
        async createDatabase(label: string) {
          created.push(label);
          return {
            name: label,
            target: { ...live, config: { ...live.config, database: label } },
            standIns: [],
            available: [],
            platform: 'bundled',
            warnings: [],
            bootstrapMs: 0,
            pooled: false,
            currentStandIns: async () => [{ extension: 'pg_net', source: 'bundled', objects: 3, installed: true, mode: 'extension', version: 'stub', emulation: 'stubbed' }],
            drop: async () => {
              dropped.push(label);
            },
          };
        },
      };
      return fn(shadow);
    }) as ParityStages['withShadow'],
    ...over,
  };
  return { stages, dropped, created };
}

async function run(stages: Partial<ParityStages>, extra: Partial<RunParityOptions> = {}) {
  return runParity({ target: live, workdir: '/project', shadow: { provider: 'embedded' }, stages, ...extra });
}

describe('runParity orchestration', () => {
  it('reports drift, writes the requested formats, and drops both shadow databases', async () => {
    const s = stubs();
    const reportDir = await mkdtemp(join(tmpdir(), 'squashbase-parity-unit-'));
    dirs.push(reportDir);
    const events: string[] = [];
    const { report, reportPaths } = await run(s.stages, { reportDir, formats: ['json', 'md'], onProgress: (e) => events.push(e.stage) });
    expect(report.verdict).toMatchObject({ status: 'drift', exitCode: 22 });
    expect(report.drift?.objects.filter((o) => o.status !== 'equal').map((o) => `${o.status} ${o.id}`)).toEqual(['only_in_candidate table:"public"."b"']);
    expect(report.migrations).toEqual({ dir: 'supabase/migrations', files: [{ version: '1', name: 'a', fileName: '1_a.sql', sha256: 'f'.repeat(64), bytes: 1 }], skipped: [] });
    expect(report.standIns).toEqual([
      { database: 'history', extension: 'pg_net', source: 'bundled', objects: 3 },
      { database: 'baseline', extension: 'pg_net', source: 'bundled', objects: 3 },
    ]);
    expect(report.warnings.map((w) => `${w.source}: ${w.message}`)).toEqual(['migrations: mixed version lengths', 'baseline: storage.buckets has 2 rows']);
    expect(report.target).toBe('postgresql://postgres:***@db.example.com:5432/postgres');
    expect(report.baseline).toMatchObject({ source: 'generated', fileName: '2_baseline.sql', applied: true });
    expect(s.created.sort()).toEqual(['baseline', 'history']);
    expect(s.dropped.sort()).toEqual(['baseline', 'history']);
    expect(reportPaths).toEqual([join(reportDir, 'report.md'), join(reportDir, 'report.json')]);
    expect((await readdir(reportDir)).sort()).toEqual(['report.json', 'report.md']);
    expect(await readFile(join(reportDir, 'report.json'), 'utf8')).not.toContain('s3cret-pw');
    expect(events[0]).toBe('inspect-live');
    expect(events).toContain('write');
  });

  it('a failed history replay is a verdict (20), drift not checked', async () => {
    const s = stubs({
      replayResult: {
        ok: false,
        files: [
          {
            version: '1',
            fileName: '1_a.sql',
            sha256: 'f'.repeat(64),
            status: 'failed',
            statements: 1,
            durationMs: 1,
            error: { file: '1_a.sql', line: 3, column: 5, sqlstate: '42P07', message: 'relation "a" already exists', caret: 'create table a\n    ^', statementIndex: 1 },
          },
        ],
      },
      inspect: async () => snap(['a']),
    });
    const { report } = await run(s.stages);
    expect(report.verdict).toMatchObject({ status: 'replay_failed', exitCode: 20, fidelity: 'identical', drift: 'not_checked' });
    expect(report.drift).toBeNull();
    expect(report.replay?.files[0]?.error).toMatchObject({ line: 3, column: 5, sqlstate: '42P07' });
    expect(s.dropped.sort()).toEqual(['baseline', 'history']);
  });

  it('a baseline that does not apply is a verdict (23); other errors propagate after cleanup', async () => {
    const failing = stubs({
      apply: async () => {
        throw new SquashbaseError('BASELINE_FAILED', 'The baseline failed at line 4: syntax error');
      },
    });
    const { report } = await run(failing.stages);
    expect(report.verdict).toMatchObject({ status: 'baseline_failed', exitCode: 23, fidelity: 'not_checked' });
    expect(report.baseline).toMatchObject({ applied: false, error: 'The baseline failed at line 4: syntax error' });
    expect(report.fidelity).toBeNull();

    const broken = stubs({
      apply: async () => {
        throw new SquashbaseError('CONNECTION_FAILED', 'connection lost');
      },
    });
    await expect(run(broken.stages)).rejects.toThrow('connection lost');
    expect(broken.dropped.sort()).toEqual(['baseline', 'history']);
  });

  it('reads --baseline FILE instead of generating, and fails clearly when it is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'squashbase-parity-unit-'));
    dirs.push(dir);
    const s = stubs({
      generate: async () => {
        throw new Error('must not generate');
      },
    });
    await expect(run(s.stages, { baselineFile: join(dir, 'nope.sql') })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('uses a given live snapshot and baseline SQL (consolidate) without inspecting live or generating', async () => {
    const inspected: string[] = [];
    const s = stubs({
      inspect: async (t) => {
        inspected.push(t.config.database);
        return snap(['a']);
      },
      generate: async () => {
        throw new Error('must not generate');
      },
    });
    const events: string[] = [];
    const { report } = await run(s.stages, {
      liveSnapshot: snap(['a']),
      baselineSql: { sql: 'create table a();', fileName: '9_baseline.sql' },
      onProgress: (e) => events.push(e.stage),
    });
    // The baseline database twice: before the baseline (the pristine platform) and after.
    expect(inspected.sort()).toEqual(['baseline', 'baseline', 'history']);
    expect(events).not.toContain('inspect-live');
    expect(report.verdict.status).toBe('pass');
    expect(report.baseline).toMatchObject({ source: 'file', fileName: '9_baseline.sql', bytes: 17 });
  });

  it('starts the shadow as soon as live reports its major, while live is still being inspected', async () => {
    const order: string[] = [];
    let finishInspect: () => void = () => undefined;
    const inspectDone = new Promise<void>((r) => (finishInspect = r));
    const base = stubs();
    const s = stubs({
      inspect: async (t, options) => {
        if (t.config.database !== 'postgres') return snap(['a']);
        options?.onServerVersion?.(170004);
        order.push('live: version read');
        await inspectDone;
        order.push('live: snapshot complete');
        return { ...snap(['a']), server: { version: '17.4', versionNum: 170004, major: 17 } };
      },
      withShadow: (async (options: { major: number }, fn: (s: Shadow) => Promise<unknown>) => {
        order.push(`shadow started for PostgreSQL ${options.major}`);
        finishInspect();
        return base.stages.withShadow?.(options as never, fn as never);
      }) as ParityStages['withShadow'],
    });
    const { report } = await run(s.stages);
    expect(order).toEqual(['live: version read', 'shadow started for PostgreSQL 17', 'live: snapshot complete']);
    expect(report.verdict.status).toBe('pass');
  });

  it('an unreadable live starts no shadow, and its error comes first even when the migrations are broken too', async () => {
    let started = false;
    const s = stubs({
      inspect: async () => {
        throw new SquashbaseError('CONNECTION_FAILED', 'Could not connect to live');
      },
      discover: async () => {
        throw new SquashbaseError('MIGRATIONS_INVALID', 'two files share a version');
      },
      withShadow: (async () => {
        started = true;
        throw new Error('must not start a shadow');
      }) as ParityStages['withShadow'],
    });
    await expect(run(s.stages)).rejects.toMatchObject({ code: 'CONNECTION_FAILED' });
    expect(started).toBe(false);
  });
});
