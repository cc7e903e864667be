/**
 * A hand-built report with hostile catalog text, shared by the renderer unit tests and the
 * headless-Chromium HTML test. Not a test file itself.
 */
import { buildParityReport } from '../../src/parity/build-report.js';
import { objectId, grantId, type Snapshot, type SnapshotObject } from '../../src/introspect/snapshot-types.js';
import type { ParityReport } from '../../src/parity/report-model.js';
import { publicTable, snapshotOf } from '../support/snapshot-builders.js';

export const HOSTILE = `<script>alert("x")</script>'"&|\`\`\``;

const snap = (objects: SnapshotObject[]): Snapshot => snapshotOf(objects);

const table = (name: string): SnapshotObject => publicTable(name);

function policy(tbl: string, name: string, using: string): SnapshotObject {
  return {
    kind: 'policy',
    id: objectId('policy', ['public', tbl, name]),
    schema: 'public',
    name,
    parent: objectId('table', ['public', tbl]),
    scope: 'user',
    dependsOn: [],
    props: { table: objectId('table', ['public', tbl]), command: 'SELECT', permissive: true, roles: ['authenticated'], using, withCheck: null },
  };
}

function fn(body: string): SnapshotObject {
  return {
    kind: 'function',
    id: objectId('function', ['public', HOSTILE], ''),
    schema: 'public',
    name: HOSTILE,
    signature: '',
    scope: 'user',
    owner: 'postgres',
    dependsOn: [],
    props: {
      routineKind: 'function',
      identityArguments: '',
      returns: 'integer',
      definition: `CREATE OR REPLACE FUNCTION public."${HOSTILE}"()\n RETURNS integer\n LANGUAGE sql\nAS $function$${body}$function$\n`,
      language: 'sql',
      volatility: 'volatile',
      securityDefiner: false,
      strict: false,
      leakproof: false,
      parallel: 'unsafe',
      config: [],
    },
  };
}

function grant(tbl: string, grantee: string, privileges: string[]): SnapshotObject {
  const target = objectId('table', ['public', tbl]);
  return {
    kind: 'grant',
    id: grantId(target, grantee),
    schema: 'public',
    name: tbl,
    parent: target,
    scope: 'user',
    dependsOn: [],
    props: { targetType: 'TABLE', target, grantee, privileges, grantable: [] },
  };
}

/** live: 3 tables (one hostile), policies, a function; history lacks a policy, has another body and an extra grant. */
export function sampleReport(options: { drift?: boolean; allowDrift?: boolean } = {}): ParityReport {
  const drift = options.drift ?? true;
  const liveObjects = [
    table('todos'),
    table('profiles'),
    table(HOSTILE),
    policy('todos', 'owner can read', 'auth.uid() = user_id'),
    policy('profiles', HOSTILE, `name <> '</script>'`),
    fn('select 1'),
  ];
  const live = snap(liveObjects);
  const baseline = snap(structuredClone(liveObjects));
  const history = drift
    ? snap([table('todos'), table('profiles'), table(HOSTILE), policy('todos', 'owner can read', 'auth.uid() = user_id'), fn('select 2 -- </pre><b>x</b>'), grant('todos', 'anon', ['SELECT'])])
    : snap(structuredClone(liveObjects));
  return buildParityReport({
    runId: 'run-0001',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:05.000Z',
    durationMs: 5000,
    target: 'postgresql://postgres:***@db.example.supabase.co:5432/postgres',
    live,
    history,
    baseline,
    shadow: { provider: 'embedded', version: '15.18', major: 15 },
    versionMismatchAllowed: false,
    migrations: {
      dir: 'supabase/migrations',
      files: [
        { version: '20240101000000', name: 'init', fileName: '20240101000000_init.sql', sha256: 'a'.repeat(64), bytes: 120 },
        { version: '20240102000000', name: HOSTILE, fileName: `20240102000000_${HOSTILE}.sql`, sha256: 'b'.repeat(64), bytes: 80 },
      ],
      skipped: [{ fileName: 'README.md', reason: 'not a .sql file' }],
    },
    replay: {
      ok: true,
      files: [
        { version: '20240101000000', fileName: '20240101000000_init.sql', sha256: 'a'.repeat(64), status: 'applied', statements: 12, durationMs: 40 },
        { version: '20240102000000', fileName: `20240102000000_${HOSTILE}.sql`, sha256: 'b'.repeat(64), status: 'applied', statements: 3, durationMs: 9 },
      ],
    },
    baselineInfo: { source: 'generated', fileName: '20260101000000_baseline.sql', sha256: 'c'.repeat(64), bytes: 4000, applied: true, error: null },
    standIns: [{ database: 'history', extension: 'pg_graphql', source: 'bundled', objects: 2 }],
    warnings: [{ source: 'migrations', message: `file ${HOSTILE} has a BOM` }],
    allowDrift: options.allowDrift ?? false,
  });
}
