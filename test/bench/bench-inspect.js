// npm run bench:inspect — `squashbase inspect` vs `pg_dump --schema-only` on the same database.
//
// Builds the synthetic schema (test/bench/synthetic-schema.js: 1,000 tables × 5 columns with a
// primary key, 2 indexes, 1 foreign key and 1 RLS policy each; 300 functions; 200 triggers) on
// top of the bundled Supabase platform model, in a fresh embedded PostgreSQL server. Then, per
// round, runs `node dist/cli/main.js inspect --out <file>` and `pg_dump --schema-only -f <file>`
// as child processes (password via PGPASSWORD, never argv), measuring wall time and peak RSS.
// Prints medians of BENCH_ROUNDS (default 5) and the ratios. Goal: time ratio <= 1.0 and
// inspect peak RSS <= 300 MB.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startEmbeddedCluster } from '../../dist/shadow/embedded-cluster.js';
import { withDatabase, libpqEnv, toUrl } from '../../dist/db/connection.js';
import { inspectDatabase } from '../../dist/introspect/inspect.js';
import { syntheticSchemaSql } from './synthetic-schema.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TABLES = Number(process.env.BENCH_TABLES ?? 1000);
const MAIN = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const PLATFORM = new URL('../../templates/platform/supabase-15.sql', import.meta.url);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Run a command; wall time in ms and peak RSS in KB (GNU time's %M, else the preload's report). */
function run(cmd, args, env, rssFile) {
  return new Promise((resolve, reject) => {
    const argv = TIME ? ['-f', 'SBMAXRSS=%M', cmd, ...args] : args;
    const t0 = performance.now();
    const child = spawn(TIME ?? cmd, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', async (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-2000)}`));
      let rssKb = null;
      const m = /SBMAXRSS=(\d+)/.exec(stderr);
      if (m) rssKb = Number(m[1]);
      else if (rssFile && existsSync(rssFile)) rssKb = Number(await readFile(rssFile, 'utf8'));
      resolve({ ms, rssKb });
    });
  });
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'sb-bench-inspect-'));
  const cluster = await startEmbeddedCluster({ major: 15 });
  try {
    const admin = new pg.Client(cluster.target.config);
    await admin.connect();
    await admin.query('CREATE DATABASE bench_inspect');
    await admin.end();
    const target = withDatabase(cluster.target, 'bench_inspect');
    const c = new pg.Client(target.config);
    await c.connect();
    const t0 = performance.now();
    await c.query(await readFile(PLATFORM, 'utf8'));
    await c.query(syntheticSchemaSql({ tables: TABLES, functions: 300, triggers: 200 }));
    await c.query('ANALYZE');
    await c.end();
    console.log(`synthetic schema: ${TABLES} tables, 300 functions, 200 triggers (built in ${Math.round(performance.now() - t0)} ms)`);

    // Preload that reports the inspect process's own peak RSS when GNU time is missing.
    const preload = join(dir, 'rss-preload.mjs');
    const rssFile = join(dir, 'rss.txt');
    await writeFile(
      preload,
      "import { writeFileSync } from 'node:fs';\n" +
        'process.on(\'exit\', () => writeFileSync(process.env.SB_RSS_FILE, String(process.resourceUsage().maxRSS)));\n',
    );
    const inspectEnv = { PATH: process.env.PATH ?? '', SUPABASE_DB_URL: toUrl(target), SB_RSS_FILE: rssFile };
    const inspectArgs = ['--import', preload, MAIN, 'inspect', '--json', '--out', join(dir, 'snapshot.json')];
    const dumpEnv = { PATH: process.env.PATH ?? '', ...libpqEnv(target) };
    const dumpArgs = ['--schema-only', '--no-password', '-f', join(dir, 'dump.sql')];

    // In-process figure too (no Node start-up): what the library costs.
    const snap = await inspectDatabase(target);
    const objects = snap.objects.length;
    const libMs = [];
    for (let i = 0; i < ROUNDS; i++) {
      const s = performance.now();
      await inspectDatabase(target);
      libMs.push(performance.now() - s);
    }

    // Warm-up, then alternate the two tools round by round.
    await run(process.execPath, inspectArgs, inspectEnv, rssFile);
    await run('pg_dump', dumpArgs, dumpEnv);
    const ins = [];
    const dump = [];
    for (let i = 0; i < ROUNDS; i++) {
      ins.push(await run(process.execPath, inspectArgs, inspectEnv, rssFile));
      dump.push(await run('pg_dump', dumpArgs, dumpEnv));
    }
    const insMs = median(ins.map((r) => r.ms));
    const dumpMs = median(dump.map((r) => r.ms));
    const insRss = median(ins.map((r) => r.rssKb ?? NaN)) / 1024;
    const dumpRss = TIME ? median(dump.map((r) => r.rssKb ?? NaN)) / 1024 : NaN;
    const snapshotMb = (await readFile(join(dir, 'snapshot.json'))).length / 1024 / 1024;
    const fmt = (n) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
    console.log(`snapshot: ${objects} objects, ${snapshotMb.toFixed(1)} MB canonical JSON`);
    console.log(`rounds: ${ROUNDS} (medians)`);
    console.log(`  squashbase inspect (CLI process)   wall ${fmt(insMs)} ms   peak RSS ${insRss.toFixed(1)} MB`);
    console.log(`  inspectDatabase() in-process       wall ${fmt(median(libMs))} ms`);
    console.log(`  pg_dump --schema-only              wall ${fmt(dumpMs)} ms   peak RSS ${Number.isFinite(dumpRss) ? dumpRss.toFixed(1) : 'n/a'} MB`);
    const best = (rs) => Math.min(...rs.map((r) => r.ms));
    console.log(`  best of ${ROUNDS}: inspect ${fmt(best(ins))} ms · in-process ${fmt(Math.min(...libMs))} ms · pg_dump ${fmt(best(dump))} ms`);
    console.log(`load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
    console.log(`ratio inspect/pg_dump (wall): ${(insMs / dumpMs).toFixed(2)}  (goal <= 1.00)`);
    console.log(`ratio in-process/pg_dump (wall): ${(median(libMs) / dumpMs).toFixed(2)}`);
    console.log(`inspect peak RSS: ${insRss.toFixed(1)} MB (goal <= 300 MB)`);
  } finally {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
