// npm run bench:baseline — `squashbase baseline` vs `pg_dump --schema-only` + `psql -f` restore.
//
// Builds the synthetic schema (test/bench/synthetic-schema.js: 1,000 tables × 5 columns with a
// primary key, 2 indexes, 1 foreign key and 1 RLS policy each; 300 functions; 200 triggers) on
// top of the bundled Supabase platform model in a fresh embedded PostgreSQL 15 server. Per round:
//   generation  inspectDatabase() + generateBaseline() in-process, and the CLI process
//               (`node dist/cli/main.js baseline --stdout`), against
//   pg_dump     `pg_dump --schema-only -f dump.sql` of the same database;
//   apply       applyBaseline() (one transaction, as `supabase db push`) on a fresh
//               platform-bootstrapped database, against
//   restore     `psql -X -q -v ON_ERROR_STOP=1 -f dump.sql` into a fresh empty database.
// Passwords travel in PGPASSWORD / SUPABASE_DB_URL env, never argv. Prints medians of
// BENCH_ROUNDS (default 3) and the ratios.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startEmbeddedCluster } from '../../dist/shadow/embedded-cluster.js';
import { withDatabase, libpqEnv, toUrl } from '../../dist/db/connection.js';
import { inspectDatabase } from '../../dist/introspect/inspect.js';
import { generateBaseline } from '../../dist/baseline/generate-baseline.js';
import { applyBaseline } from '../../dist/baseline/apply-baseline.js';
import { syntheticSchemaSql } from './synthetic-schema.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TABLES = Number(process.env.BENCH_TABLES ?? 1000);
const MAIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const PLATFORM = new URL('../../templates/platform/supabase-15.sql', import.meta.url);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function run(cmd, args, env, cwd) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-2000)}`));
      resolve(performance.now() - t0);
    });
  });
}

async function sql(target, text) {
  const c = new pg.Client(target.config);
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'sb-bench-baseline-'));
  const cluster = await startEmbeddedCluster({ major: 15 });
  const platform = await readFile(PLATFORM, 'utf8');
  let n = 0;
  const freshDb = async (withPlatform) => {
    const name = `bench_fresh_${n++}`;
    await sql(cluster.target, `CREATE DATABASE ${name}`);
    const t = withDatabase(cluster.target, name);
    if (withPlatform) await sql(t, platform);
    return t;
  };
  try {
    await sql(cluster.target, 'CREATE DATABASE bench_live');
    const live = withDatabase(cluster.target, 'bench_live');
    const t0 = performance.now();
    await sql(live, platform);
    await sql(live, syntheticSchemaSql({ tables: TABLES, functions: 300, triggers: 200 }));
    await sql(live, 'ANALYZE');
    console.log(`synthetic schema: ${TABLES} tables, 300 functions, 200 triggers (built in ${Math.round(performance.now() - t0)} ms)`);

    const opts = { version: '20990101000000', consolidates: [], source: live.display, runId: 'bench', generatedAt: 'bench' };
    const dumpFile = join(dir, 'dump.sql');
    const dumpEnv = { PATH: process.env.PATH ?? '', ...libpqEnv(live) };
    const cliEnv = { PATH: process.env.PATH ?? '', SUPABASE_DB_URL: toUrl(live) };

    // Warm-up (catalog caches, JIT of our code), then alternate the tools round by round.
    let baseline = generateBaseline(await inspectDatabase(live), opts);
    await run('pg_dump', ['--schema-only', '--no-password', '-f', dumpFile], dumpEnv);
    const gen = [];
    const cli = [];
    const dump = [];
    const apply = [];
    const restore = [];
    for (let i = 0; i < ROUNDS; i++) {
      let s = performance.now();
      baseline = generateBaseline(await inspectDatabase(live), opts);
      gen.push(performance.now() - s);
      cli.push(await run(process.execPath, [MAIN, 'baseline', '--stdout', '--workdir', dir, '--version', '20990101000000'], cliEnv, dir));
      dump.push(await run('pg_dump', ['--schema-only', '--no-password', '-f', dumpFile], dumpEnv));

      const a = await freshDb(true);
      s = performance.now();
      await applyBaseline(baseline.sql, a);
      apply.push(performance.now() - s);

      const r = await freshDb(false);
      restore.push(await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--no-password', '-f', dumpFile], { PATH: process.env.PATH ?? '', ...libpqEnv(r) }));
    }
    const m = { gen: median(gen), cli: median(cli), dump: median(dump), apply: median(apply), restore: median(restore) };
    const fmt = (x) => `${Math.round(x)} ms`.padStart(9);
    const bytes = Buffer.byteLength(baseline.sql);
    const dumpBytes = (await readFile(dumpFile)).length;
    console.log(`baseline: ${(bytes / 1024).toFixed(0)} KB, ${baseline.counts.reduce((a, c) => a + c.count, 0)} objects; pg_dump: ${(dumpBytes / 1024).toFixed(0)} KB`);
    console.log(`rounds: ${ROUNDS} (medians)`);
    console.log(`  generation  inspect + generate (in-process)   ${fmt(m.gen)}`);
    console.log(`  generation  squashbase baseline (CLI process) ${fmt(m.cli)}`);
    console.log(`  pg_dump --schema-only                        ${fmt(m.dump)}`);
    console.log(`  apply       baseline (one transaction)        ${fmt(m.apply)}`);
    console.log(`  restore     psql -f dump.sql                  ${fmt(m.restore)}`);
    console.log(`ratio generation/pg_dump (in-process): ${(m.gen / m.dump).toFixed(2)}`);
    console.log(`ratio generation/pg_dump (CLI):        ${(m.cli / m.dump).toFixed(2)}`);
    console.log(`ratio apply/restore:                   ${(m.apply / m.restore).toFixed(2)}`);
    console.log(`ratio (generation + apply)/(pg_dump + restore): ${((m.gen + m.apply) / (m.dump + m.restore)).toFixed(2)}`);
  } finally {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
