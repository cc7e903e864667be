// npm run bench:parity — `squashbase parity` (the CLI process, embedded shadow) next to a plain
// replay of the same files with psql, on the example project and a synthetic 300-file history.
//
// The live is a database of one embedded PostgreSQL with squashbase's bundled platform model
// and the history applied as `supabase db push` would (history rows recorded). Per round:
//   - parity: `node dist/cli/main.js parity --db-url <live> --workdir <project> --json`, wall
//     time of the whole process (inspect live, replay the history, generate and apply the
//     baseline, inspect three times, compare, pg_dump second opinion, write reports);
//   - psql per file: `psql -X -v ON_ERROR_STOP=1 -1 -f <file>` per file into a fresh database
//     that has the platform model (applied before the clock starts); without -1 for a file with
//     CREATE INDEX CONCURRENTLY;
//   - one psql: `psql -f a -f b …` for the whole history, the floor for "just send the SQL".
// The example project runs twice: with live on the same machine, and with live behind a proxy
// that adds BENCH_RTT_MS (default 20) of round trip, as a hosted project is (production reads
// are then what parity waits for; the psql references replay locally in both).
// Median of BENCH_ROUNDS (default 3). Not a timed test: it prints, it does not assert.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { admin } from './admin-sql.js';
import { startEmbeddedCluster } from '../../dist/shadow/embedded-cluster.js';
import { withDatabase, libpqEnv, toUrl } from '../../dist/db/connection.js';
import { discoverMigrations } from '../../dist/migrations/discover.js';
import { replayMigrations } from '../../dist/shadow/replay.js';
import { bootstrapPlatform } from '../../dist/shadow/platform-bootstrap.js';
import { generate } from './synthetic-history.js';
import { startDelayProxy } from './delay-proxy.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FILES = Number(process.env.BENCH_FILES ?? 300);
const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 20);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const CLI = join(ROOT, 'dist', 'cli', 'main.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function run(cmd, args, env) {
  return new Promise((resolvePromise, reject) => {
    const p = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => resolvePromise({ code, out, err }));
  });
}

let dbCounter = 0;
async function platformDatabase(cluster, label) {
  const name = `bench_${label.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}_${++dbCounter}`;
  await admin(cluster.target, `create database ${name} template template0`);
  const target = withDatabase(cluster.target, name);
  await bootstrapPlatform(target, { major: 15 });
  return target;
}

async function benchHistory(cluster, label, project, rttMs = 0) {
  const set = await discoverMigrations(project);
  const local = await platformDatabase(cluster, `${label}_live`);
  const pushed = await replayMigrations(set.files, local, { recordHistory: true });
  if (!pushed.ok) throw new Error(`${label}: the history does not apply to the live: ${JSON.stringify(pushed.files.find((f) => f.error)?.error)}`);
  const proxy = rttMs > 0 ? await startDelayProxy(local.config, rttMs / 2) : undefined;
  const live = proxy ? { ...local, config: { ...local.config, port: proxy.port } } : local;
  try {
    await rounds(cluster, label, project, set, live);
  } finally {
    await proxy?.close();
  }
}

async function rounds(cluster, label, project, set, live) {
  const parity = [];
  const perFile = [];
  const once = [];
  for (let round = 0; round < ROUNDS; round++) {
    const reportDir = await mkdtemp(join(tmpdir(), 'sb-bench-parity-report-'));
    const t0 = performance.now();
    const r = await run(process.execPath, [CLI, 'parity', '--db-url', toUrl(live), '--workdir', project, '--report-dir', reportDir, '--json'], process.env);
    parity.push(performance.now() - t0);
    await rm(reportDir, { recursive: true, force: true });
    let status = '?';
    try {
      status = JSON.parse(r.out).verdict.status;
    } catch {
      status = `exit ${r.code}: ${r.err.slice(-300)}`;
    }
    if (status !== 'pass') console.log(`  (round ${round + 1}: parity verdict ${status})`);

    const a = await platformDatabase(cluster, `${label}_psql`);
    const envA = { ...process.env, ...libpqEnv(a) };
    const t1 = performance.now();
    for (const f of set.files) {
      // A file with CREATE INDEX CONCURRENTLY cannot run in one transaction (-1), in psql or in the CLI.
      const single = /\bconcurrently\b/i.test(f.sql) ? [] : ['-1'];
      const p = await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...single, '-f', f.path], envA);
      if (p.code !== 0) throw new Error(`psql failed on ${f.fileName}: ${p.err}`);
    }
    perFile.push(performance.now() - t1);

    const b = await platformDatabase(cluster, `${label}_psql1`);
    const envB = { ...process.env, ...libpqEnv(b) };
    const t2 = performance.now();
    const p = await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...set.files.flatMap((f) => ['-f', f.path])], envB);
    if (p.code !== 0) throw new Error(`psql failed: ${p.err}`);
    once.push(performance.now() - t2);
    console.log(`${label} round ${round + 1}: parity ${parity.at(-1).toFixed(0)} ms, psql -1 -f per file ${perFile.at(-1).toFixed(0)} ms, one psql ${once.at(-1).toFixed(0)} ms`);
  }
  const m = { parity: median(parity), perFile: median(perFile), once: median(once) };
  console.log(`\n${label} (${set.files.length} files), median of ${ROUNDS}:`);
  console.log(`  squashbase parity (CLI process):          ${m.parity.toFixed(0)} ms`);
  console.log(`  psql -1 -f, one process per file:         ${m.perFile.toFixed(0)} ms   ratio ${(m.parity / m.perFile).toFixed(2)} (goal <= 1.0 for 20+ files)`);
  console.log(`  psql -f … -f …, one process:              ${m.once.toFixed(0)} ms   ratio ${(m.parity / m.once).toFixed(2)}\n`);
}

const work = await mkdtemp(join(tmpdir(), 'sb-bench-parity-'));
const cluster = await startEmbeddedCluster({ major: 15 });
try {
  const example = join(work, 'example');
  await cp(join(ROOT, 'supabase'), join(example, 'supabase'), { recursive: true });
  await benchHistory(cluster, 'example project', example);
  await benchHistory(cluster, `example project, live at ${RTT_MS} ms round trip`, example, RTT_MS);
  const synthetic = join(work, 'synthetic');
  await generate(synthetic, FILES);
  await benchHistory(cluster, `synthetic ${FILES}-file history`, synthetic);
} finally {
  await cluster.stop();
  await rm(work, { recursive: true, force: true });
}
