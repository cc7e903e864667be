// npm run bench:inspect — `squashbase inspect` vs `pg_dump --schema-only` on the same database.
//
// Builds the synthetic schema (test/bench/synthetic-schema.js: 1,000 tables × 5 columns with a
// primary key, 2 indexes, 1 foreign key and 1 RLS policy each; 300 functions; 200 triggers) on
// top of the bundled Supabase platform model, in a fresh embedded PostgreSQL server. Then, per
// round, runs `node dist/cli/main.js inspect --out <file>` and `pg_dump --schema-only -f <file>`
// as child processes (password via PGPASSWORD, never argv), measuring wall time, CPU time and peak
// RSS (GNU time when installed). Prints medians of BENCH_ROUNDS (default 5), the ratios, and the
// load average before and after (the machine may be shared: only side-by-side figures compare).
// Goal (issue 14): the CLI process <= 0.8x pg_dump's wall time, peak RSS <= 200 MB.
// BENCH_OTHER_CLI=/path/to/another/dist/cli/main.js runs a second build in the same rounds (e.g.
// an older commit's worktree), so a change is measured side by side, not against old figures.
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
const OTHER = process.env.BENCH_OTHER_CLI;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const GOAL_RATIO = 0.8;
const GOAL_RSS_MB = 200;

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Run a command; wall time and CPU time (user + system) in ms, peak RSS in KB (GNU time's %M, else the preload's report). */
function run(cmd, args, env, rssFile) {
  return new Promise((resolve, reject) => {
    const argv = TIME ? ['-f', 'SBMAXRSS=%M SBCPU=%U+%S', cmd, ...args] : args;
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
      const c = /SBCPU=([\d.]+)\+([\d.]+)/.exec(stderr);
      resolve({ ms, rssKb, cpuMs: c ? (Number(c[1]) + Number(c[2])) * 1000 : NaN });
    });
  });
}

const load = () => `${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`;

async function main() {
  console.log(`load average before: ${load()}`);
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
    const otherArgs = OTHER ? ['--import', preload, OTHER, 'inspect', '--json', '--out', join(dir, 'other.json')] : null;
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

    // Warm-up, then alternate the tools round by round.
    await run(process.execPath, inspectArgs, inspectEnv, rssFile);
    if (otherArgs) await run(process.execPath, otherArgs, inspectEnv, rssFile);
    await run('pg_dump', dumpArgs, dumpEnv);
    const ins = [];
    const other = [];
    const dump = [];
    for (let i = 0; i < ROUNDS; i++) {
      ins.push(await run(process.execPath, inspectArgs, inspectEnv, rssFile));
      if (otherArgs) other.push(await run(process.execPath, otherArgs, inspectEnv, rssFile));
      dump.push(await run('pg_dump', dumpArgs, dumpEnv));
    }
    const insMs = median(ins.map((r) => r.ms));
    const dumpMs = median(dump.map((r) => r.ms));
    const rssMb = (rs) => median(rs.map((r) => r.rssKb ?? NaN)) / 1024;
    const cpuMs = (rs) => median(rs.map((r) => r.cpuMs));
    const insRss = rssMb(ins);
    const dumpRss = TIME ? rssMb(dump) : NaN;
    const snapshotMb = (await readFile(join(dir, 'snapshot.json'))).length / 1024 / 1024;
    const fmt = (n) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
    const mb = (n) => (Number.isFinite(n) ? `${n.toFixed(1)} MB` : 'n/a');
    console.log(`snapshot: ${objects} objects, ${snapshotMb.toFixed(1)} MB canonical JSON`);
    console.log(`rounds: ${ROUNDS} (medians; CPU = user + system of the process itself)`);
    console.log(`  squashbase inspect (CLI process)   wall ${fmt(insMs)} ms   CPU ${fmt(cpuMs(ins))} ms   peak RSS ${mb(insRss)}`);
    if (OTHER) console.log(`  other build (BENCH_OTHER_CLI)      wall ${fmt(median(other.map((r) => r.ms)))} ms   CPU ${fmt(cpuMs(other))} ms   peak RSS ${mb(rssMb(other))}`);
    console.log(`  inspectDatabase() in-process       wall ${fmt(median(libMs))} ms`);
    console.log(`  pg_dump --schema-only              wall ${fmt(dumpMs)} ms   CPU ${fmt(TIME ? cpuMs(dump) : NaN)} ms   peak RSS ${mb(dumpRss)}`);
    const best = (rs) => Math.min(...rs.map((r) => r.ms));
    console.log(`  best of ${ROUNDS}: inspect ${fmt(best(ins))} ms${OTHER ? ` · other ${fmt(best(other))} ms` : ''} · in-process ${fmt(Math.min(...libMs))} ms · pg_dump ${fmt(best(dump))} ms`);
    console.log(`load average after: ${load()}`);
    console.log(`ratio inspect/pg_dump (wall): ${(insMs / dumpMs).toFixed(2)}  (goal <= ${GOAL_RATIO.toFixed(2)})`);
    if (OTHER) console.log(`ratio other/pg_dump (wall): ${(median(other.map((r) => r.ms)) / dumpMs).toFixed(2)}`);
    console.log(`ratio in-process/pg_dump (wall): ${(median(libMs) / dumpMs).toFixed(2)}`);
    console.log(`inspect peak RSS: ${mb(insRss)} (goal <= ${GOAL_RSS_MB} MB)`);
    if (OTHER) {
      const same = (await readFile(join(dir, 'snapshot.json'))).equals(await readFile(join(dir, 'other.json')));
      console.log(`snapshots of this build and the other: ${same ? 'byte-identical' : 'DIFFERENT'}`);
    }
  } finally {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
