// Timings for the safety toolkit: backup (+verify), check-data, preflight, lint — on the hostile
// fixture and on the example project (16-file history), against an embedded PostgreSQL 15.
// Baseline for ratios: a bare `pg_dump -Fc` of the same database.
// Run: npm run build && node test/bench/bench-safety.js [runs]
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedCluster } from '../../dist/shadow/embedded-cluster.js';
import { bootstrapPlatform } from '../../dist/shadow/platform-bootstrap.js';
import { replayMigrations } from '../../dist/shadow/replay.js';
import { discoverMigrations } from '../../dist/migrations/discover.js';
import { withDatabase, libpqEnv } from '../../dist/db/connection.js';
import { runBackup } from '../../dist/safety/backup.js';
import { verifyBackup } from '../../dist/safety/backup-verify.js';
import { runCheckData } from '../../dist/safety/check-data.js';
import { runPreflight } from '../../dist/safety/preflight.js';
import { runLint } from '../../dist/lint/lint.js';
import { findPgTool } from '../../dist/safety/pg-tools.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn) {
  const out = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return median(out);
}

const cluster = await startEmbeddedCluster({ major: 15 });
const tmp = await mkdtemp(path.join(tmpdir(), 'sb-bench-safety-'));
try {
  const admin = new pg.Client(cluster.target.config);
  await admin.connect();
  const dbs = {};
  for (const name of ['bench_hostile', 'bench_example']) {
    await admin.query(`CREATE DATABASE ${name}`);
    dbs[name] = withDatabase(cluster.target, name);
    await bootstrapPlatform(dbs[name], { major: 15 });
  }
  await admin.end();
  const hostile = new pg.Client(dbs.bench_hostile.config);
  await hostile.connect();
  await hostile.query(await readFile(path.join(ROOT, 'test/fixtures/hostile/schema.sql'), 'utf8'));
  await hostile.end();
  const set = await discoverMigrations(ROOT);
  const pushed = await replayMigrations(set.files, dbs.bench_example, { recordHistory: true });
  if (!pushed.ok) throw new Error('example project did not push');

  const pgDumpBin = (await findPgTool('pg_dump', 15)).tool.path; // the same binary backup uses
  const rows = [];
  for (const [label, target] of [['hostile fixture', dbs.bench_hostile], ['example project', dbs.bench_example]]) {
    const pgDump = await time(async (i) => {
      const r = spawnSync(pgDumpBin, ['-Fc', `--file=${path.join(tmp, `${label}-${i}.dump`)}`], { env: libpqEnv(target) });
      if (r.status !== 0) throw new Error(String(r.stderr));
    });
    let last;
    const backup = await time(async (i) => {
      last = await runBackup({ target, outDir: path.join(tmp, `${label.replace(' ', '-')}-b${i}`) });
      if (!last.verification.ok) throw new Error('backup verification failed: ' + JSON.stringify(last.verification.checks.filter((c) => c.status !== 'pass'), null, 1));
    });
    const verify = await time(() => verifyBackup(last.dir));
    const checkData = await time(() => runCheckData({ target }));
    const preflight = await time(() => runPreflight({ target, workdir: ROOT }));
    rows.push({ label, pgDump, backup, verify, checkData, preflight, files: last.manifest.files.length, tables: last.manifest.rowCounts.length });
  }
  const lint = await time(() => runLint({ workdir: ROOT }));
  const lintLive = await time(() => runLint({ workdir: ROOT, target: dbs.bench_example }));

  console.log(`safety toolkit timings, median of ${RUNS} runs (embedded PostgreSQL 15, ${spawnSync(pgDumpBin, ['--version']).stdout.toString().trim()} at ${pgDumpBin})`);
  for (const r of rows) {
    console.log(`\n${r.label} (${r.tables} tables):`);
    console.log(`  pg_dump -Fc alone          ${r.pgDump.toFixed(0).padStart(6)} ms`);
    console.log(`  backup (3 dumps + snapshot + history + verify) ${r.backup.toFixed(0).padStart(6)} ms  (${(r.backup / r.pgDump).toFixed(1)}× pg_dump -Fc)`);
    console.log(`  verifyBackup               ${r.verify.toFixed(0).padStart(6)} ms`);
    console.log(`  check-data                 ${r.checkData.toFixed(0).padStart(6)} ms`);
    console.log(`  preflight                  ${r.preflight.toFixed(0).padStart(6)} ms`);
  }
  console.log(`\nlint, example project (16 files): ${lint.toFixed(0)} ms files only, ${lintLive.toFixed(0)} ms with live security lints`);
} finally {
  await rm(tmp, { recursive: true, force: true });
  await cluster.stop();
}
