// npm run bench:replay — squashbase replay vs `psql -f` (per file, and one process) on the same server.
//
// A deterministic 300-file synthetic history (tables, indexes, functions, triggers, policies,
// enums, views, comments, grants, a little data) is applied to a fresh database of one embedded
// PostgreSQL server twice per round: by replayMigrations (discover + parse + apply + history
// rows, as `squashbase replay` does) and by `psql -X -q -v ON_ERROR_STOP=1 -1 -f <file>` for each
// file (password via PGPASSWORD, never argv). Median of 3 rounds; goal: ratio <= 1.1.
// Then one large file (issue 13: a 5 MB seed of ~38k INSERTs, which used to take minutes because
// positions were rescanned per statement): replayMigrations vs `psql -1 -f` of the same file.
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { admin } from './admin-sql.js';
import { startEmbeddedCluster } from '../../dist/shadow/embedded-cluster.js';
import { withDatabase, libpqEnv } from '../../dist/db/connection.js';
import { discoverMigrations } from '../../dist/migrations/discover.js';
import { replayMigrations } from '../../dist/shadow/replay.js';
import { generate } from './synthetic-history.js';

const FILES = Number(process.env.BENCH_FILES ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LARGE_INSERTS = Number(process.env.BENCH_LARGE_INSERTS ?? 38_633);

function psqlFile(env, file) {
  return psqlRun(env, ['-1', '-f', file], file);
}

// One psql process for the whole history (`-f a -f b …`): no per-file process start-up, but
// also no per-file transaction — the floor for "just send the SQL".
function psqlAll(env, files) {
  return psqlRun(env, files.flatMap((f) => ['-f', f]), 'the history');
}

function psqlRun(env, args, what) {
  return new Promise((resolve, reject) => {
    const p = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`psql failed on ${what}: ${err}`))));
  });
}

// ~128 bytes per INSERT: 38,633 of them make the 5 MB file of the issue.
function largeFileSql(n) {
  const lines = ['create table public.large_seed (id int primary key, name text not null, payload jsonb not null);'];
  for (let i = 1; i <= n; i++) {
    lines.push(`insert into public.large_seed (id, name, payload) values (${i}, 'seed row ${i} with some padding text', '{"k": ${i}, "tag": "value-${i % 97}"}');`);
  }
  return lines.join('\n') + '\n';
}

async function benchLargeFile(cluster, work) {
  const dir = join(work, 'large');
  const mig = join(dir, 'supabase', 'migrations');
  await mkdir(mig, { recursive: true });
  const sql = largeFileSql(LARGE_INSERTS);
  await writeFile(join(mig, '20240101000000_large_seed.sql'), sql);
  await admin(cluster.target, 'create database bench_large_sb');
  await admin(cluster.target, 'create database bench_large_psql');
  const t0 = performance.now();
  const set = await discoverMigrations(dir);
  const r = await replayMigrations(set.files, withDatabase(cluster.target, 'bench_large_sb'));
  if (!r.ok) throw new Error('squashbase replay of the large file failed: ' + JSON.stringify(r.files.find((f) => f.error)?.error));
  const tSb = performance.now() - t0;
  const t1 = performance.now();
  await psqlFile(libpqEnv(cluster.target, 'bench_large_psql'), set.files[0].path);
  const tPs = performance.now() - t1;
  console.log(`\none file of ${LARGE_INSERTS} INSERTs (${(Buffer.byteLength(sql) / 1e6).toFixed(1)} MB):`);
  console.log(`  squashbase replayMigrations: ${tSb.toFixed(0)} ms`);
  console.log(`  psql -X -v ON_ERROR_STOP=1 -1 -f: ${tPs.toFixed(0)} ms`);
  console.log(`  ratio squashbase / psql: ${(tSb / tPs).toFixed(2)}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const work = await mkdtemp(join(tmpdir(), 'sb-bench-replay-'));
const cluster = await startEmbeddedCluster({ major: 15 });
try {
  await generate(work, FILES);
  const sb = [];
  const ps = [];
  const ps1 = [];
  for (let round = 0; round < ROUNDS; round++) {
    const a = `bench_sb_${round}`;
    const b = `bench_psql_${round}`;
    const c = `bench_psql1_${round}`;
    await admin(cluster.target, `create database ${a}`);
    await admin(cluster.target, `create database ${b}`);
    await admin(cluster.target, `create database ${c}`);

    // Alternate the order so neither side always runs on a warmer cache.
    const runSb = async () => {
      const t0 = performance.now();
      const set = await discoverMigrations(work);
      const r = await replayMigrations(set.files, withDatabase(cluster.target, a));
      if (!r.ok) throw new Error('squashbase replay failed: ' + JSON.stringify(r.files.find((f) => f.error)?.error));
      sb.push(performance.now() - t0);
    };
    const runPsql = async () => {
      const set = await discoverMigrations(work); // listing only; psql reads the files itself
      const env = libpqEnv(cluster.target, b);
      const t0 = performance.now();
      for (const f of set.files) await psqlFile(env, f.path);
      ps.push(performance.now() - t0);
    };
    const runPsqlOnce = async () => {
      const set = await discoverMigrations(work);
      const env = libpqEnv(cluster.target, c);
      const t0 = performance.now();
      await psqlAll(env, set.files.map((f) => f.path));
      ps1.push(performance.now() - t0);
    };
    if (round % 2 === 0) {
      await runSb();
      await runPsql();
      await runPsqlOnce();
    } else {
      await runPsqlOnce();
      await runPsql();
      await runSb();
    }
    console.log(`round ${round + 1}: squashbase ${sb.at(-1).toFixed(0)} ms, psql -f per file ${ps.at(-1).toFixed(0)} ms, one psql ${ps1.at(-1).toFixed(0)} ms`);
  }
  const mSb = median(sb);
  const mPs = median(ps);
  console.log(`\nreplay of ${FILES} files, median of ${ROUNDS}:`);
  console.log(`  squashbase replayMigrations (discover + parse + apply + history rows): ${mSb.toFixed(0)} ms`);
  console.log(`  psql -X -v ON_ERROR_STOP=1 -1 -f, one process per file:              ${mPs.toFixed(0)} ms`);
  console.log(`  psql -X -v ON_ERROR_STOP=1 -f … -f …, one process, no per-file txn:  ${median(ps1).toFixed(0)} ms`);
  console.log(`  ratio squashbase / psql per file: ${(mSb / mPs).toFixed(2)} (goal <= 1.10) ${mSb / mPs <= 1.1 ? 'OK' : 'ABOVE GOAL'}`);
  console.log(`  ratio squashbase / one psql:      ${(mSb / median(ps1)).toFixed(2)}`);
  await benchLargeFile(cluster, work);
} finally {
  await cluster.stop();
  await rm(work, { recursive: true, force: true });
}
