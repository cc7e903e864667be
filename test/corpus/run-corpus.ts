/**
 * The real-history regression run: `npm run corpus -- --dir <data> [--only a,b] [--out DIR]`.
 *
 * For each history in <data> (built by ../shared/corpus/rebuild.sh; nothing of it is committed):
 *   1. a live database from ../shared/live-platform on a server of its own, the history pushed
 *      with the real Supabase CLI (`supabase db push --db-url`), as a real project records it;
 *   2. `squashbase parity` on the untouched project must pass (exit 0);
 *   3. `squashbase baseline` applied to a fresh live-platform database must be
 *      `pg_dump --schema-only`-equal to live (the suite's normaliser);
 *   4. `squashbase consolidate --apply` on a copy must leave the real CLI's `migration list` in
 *      sync and `db push --dry-run` with nothing to push.
 * For a history the CLI cannot push, squashbase's replay must stop on the same file.
 * For every history, `squashbase replay` without --db-url (the bundled model alone) is compared
 * with the CLI's push onto the live platform: it must apply the same files and stop where the CLI
 * stops, or differ only because the live platform keeps a legacy object the model's release does
 * not have — computed: the failing statement names a platform object the live platform has and
 * the fact sheet lacks, and the CLI, pushing onto a live platform without that object, stops on
 * the same file with the same SQLSTATE.
 * Prints a table (history, files, each check, times) and writes summary.json into --out.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLivePlatformServer, type LiveDatabase, type LivePlatformServer } from '../support/live-platform.js';
import { makeGitProject, pgDumpSchemaOf, psqlFiles, squashbase, supabase, type ProcessResult } from '../support/processes.js';
import { maskSecretOptions, normalizePgDump } from '../support/pg-dump-normalize.js';
import { createTwoFilesPatch } from 'diff';
import { withClient } from '../../src/db/client.js';
import { parseDbUrl } from '../../src/db/connection.js';
import { splitSql } from '../../src/migrations/split.js';
import { ident } from '../../src/sql/ident.js';
import { loadPlatformFacts } from '../../src/shadow/platform-facts/load-facts.js';
import { readPlatformCatalog } from '../../src/shadow/platform-facts/read-catalog.js';
import { catalogHas, describeNamedObject, namedPlatformObjects, type NamedPlatformObject } from '../../src/shadow/platform-facts/model-gap.js';
import type { PlatformCatalog, PlatformFacts } from '../../src/shadow/platform-facts/facts-types.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_CORPUS = resolve(REPO, '..', 'shared', 'corpus');

interface Args {
  dir: string;
  only?: string[];
  out: string;
  corpus: string;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    process.stdout.write('usage: npm run corpus -- --dir <data> [--only name,name] [--out DIR] [--corpus ../shared/corpus] [--keep]\n');
    process.exit(0);
  }
  const dir = get('--dir');
  if (!dir) {
    process.stderr.write('corpus: --dir <data> is required (the folder ../shared/corpus/rebuild.sh wrote)\n');
    process.exit(2);
  }
  return {
    dir: resolve(dir),
    only: get('--only')?.split(','),
    out: resolve(get('--out') ?? join(tmpdir(), 'squashbase-corpus-results')),
    corpus: resolve(get('--corpus') ?? DEFAULT_CORPUS),
    keep: argv.includes('--keep'),
  };
}

type Proc = ProcessResult;

type Verdict = 'pass' | 'FAIL' | 'n/a';

interface HistoryResult {
  history: string;
  files: number;
  pushable: boolean;
  push: { ok: boolean; ms: number; failedFile?: string; error?: string };
  psqlReplayMs?: number;
  parity: Verdict;
  parityMs?: number;
  parityExit?: number;
  parityDetail?: string;
  baselinePgDump: Verdict;
  baselineMs?: number;
  baselineDetail?: string;
  consolidate: Verdict;
  consolidateMs?: number;
  consolidateDetail?: string;
  /** Not pushable: does squashbase stop on the CLI's file? */
  sameFailure?: Verdict;
  sameFailureDetail?: string;
  /** `squashbase replay` on the bundled model alone (no --db-url), next to the CLI's push onto the live platform. */
  bundled?: BundledResult;
}

/** Where a run stops: nothing (every file applied), a file and its SQLSTATE, or squashbase's refusal up front. */
interface Stop {
  file?: string;
  sqlstate?: string;
  code?: string;
  message?: string;
}

interface BundledResult {
  ms: number;
  exit: number;
  stop: Stop;
  cli: Stop;
  /**
   * pass: stops where the CLI stops (or applies every file as it does); legacy: differs only
   * because the live platform keeps `legacy`, which the fact sheet lacks (proven by `cliWithout`);
   * FAIL: any other difference.
   */
  verdict: 'pass' | 'legacy' | 'FAIL';
  /** Platform objects the failing statement names that the live platform has and the fact sheet lacks. */
  legacy?: string[];
  /** The CLI's push onto a live platform without those objects. */
  cliWithout?: Stop;
  detail?: string;
}

async function readPushable(corpus: string): Promise<Set<string>> {
  const text = await readFile(join(corpus, 'pushable.txt'), 'utf8');
  return new Set(text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

/** The file the CLI names when a push fails ("Applying migration X.sql..." before the error). */
function failingFile(out: string): string | undefined {
  const applied = [...out.matchAll(/Applying migration ([^\s]+\.sql)/g)].map((m) => m[1]);
  return applied.at(-1);
}

/** A baseline's secrets (foreign server keys, mapping passwords) given placeholders the documented way: PGOPTIONS. */
async function secretOptions(baselineFile: string): Promise<NodeJS.ProcessEnv> {
  const settings = [...new Set([...(await readFile(baselineFile, 'utf8')).matchAll(/current_setting\('(squashbase\.secret_[a-z0-9_]+)', true\)/g)].map((m) => m[1]))];
  return settings.length ? { PGOPTIONS: settings.map((s) => `-c ${s}=corpus-placeholder`).join(' ') } : {};
}

/**
 * Secret option values (a foreign server's api_key, a mapping's password) never travel: the
 * baseline reads them from settings the environment provides, and the run provides a
 * placeholder. Their values are masked on both sides; that the option exists is still compared.
 */
function short(p: Proc, max = 1500): string {
  return (p.stderr + '\n' + p.stdout).replace(/\s+$/, '').slice(-max);
}

/** The live platform's own catalog (a fresh live-platform database) and the PG15 fact sheet, read once per run. */
interface PlatformPair {
  facts: PlatformFacts;
  live: PlatformCatalog;
}

async function readPlatformPair(server: LivePlatformServer): Promise<PlatformPair> {
  const fresh = await server.createLiveDatabase('catalog');
  try {
    const live = await withClient(parseDbUrl(fresh.url, 'corpus'), (c) => readPlatformCatalog(c));
    return { facts: await loadPlatformFacts(server.major), live };
  } finally {
    await fresh.drop();
  }
}

/** The CLI's stop: the last "Applying migration" file and its SQLSTATE, when the push failed. */
function cliStop(push: Proc): Stop {
  if (push.code === 0) return {};
  const out = push.stdout + push.stderr;
  const stop: Stop = {};
  const file = failingFile(out);
  if (file) stop.file = file;
  const state = /\(SQLSTATE (\w{5})\)/.exec(out)?.[1];
  if (state) stop.sqlstate = state;
  const message = /^ERROR: (.*?)(?: \(SQLSTATE \w{5}\))?$/m.exec(out)?.[1];
  if (message) stop.message = message;
  return stop;
}

interface ReplayJson {
  ok?: boolean;
  error?: { code?: string; message?: string };
  replay?: { files: { fileName: string; status: string; error?: { sqlstate: string; message: string; statementIndex: number } }[] };
}

function replayStop(replay: Proc): { stop: Stop; statementIndex?: number } {
  let j: ReplayJson;
  try {
    j = JSON.parse(replay.stdout) as ReplayJson;
  } catch {
    return { stop: { code: `exit ${replay.code}`, message: short(replay, 300) } };
  }
  if (j.error) return { stop: { ...(j.error.code ? { code: j.error.code } : {}), ...(j.error.message ? { message: j.error.message } : {}) } };
  const failed = j.replay?.files.find((f) => f.status === 'failed');
  if (!failed?.error) return { stop: {} };
  return { stop: { file: failed.fileName, sqlstate: failed.error.sqlstate, message: failed.error.message }, statementIndex: failed.error.statementIndex };
}

/** Same stop: both apply every file, or the same file with the same SQLSTATE (duplicate versions: the CLI's 23505, squashbase's refusal). */
function sameStop(cli: Stop, ours: Stop): boolean {
  if (!cli.file && !cli.sqlstate && !ours.file && !ours.code) return true;
  if (cli.sqlstate === '23505' && ours.code === 'MIGRATIONS_INVALID') return true;
  return !!cli.file && cli.file === ours.file && cli.sqlstate === ours.sqlstate;
}

const renderStop = (s: Stop) => (s.file ? `${s.file} (${s.sqlstate ?? '?'})` : s.code ? `refused: ${s.code}` : s.sqlstate ? `? (${s.sqlstate})` : 'all applied');

/** DROP statements that take a legacy object off a live platform, as the service's own migration that dropped it does. */
function dropStatement(o: NamedPlatformObject, live: PlatformCatalog): string {
  const q = `${ident(o.schema)}.${ident(o.name)}`;
  switch (o.kind) {
    case 'relation': {
      const kind = live.tables.find((t) => t.schema === o.schema && t.name === o.name)?.kind;
      return `DROP ${kind === 'v' ? 'VIEW' : kind === 'm' ? 'MATERIALIZED VIEW' : kind === 'S' ? 'SEQUENCE' : 'TABLE'} IF EXISTS ${q}`;
    }
    case 'column':
      return `ALTER TABLE ${q} DROP COLUMN IF EXISTS ${ident(o.column!)}`;
    case 'function':
      return live.functions.filter((f) => f.schema === o.schema && f.name === o.name).map((f) => `DROP FUNCTION IF EXISTS ${q}(${f.args})`).join(';\n');
    case 'type':
      return `DROP TYPE IF EXISTS ${q}`;
  }
}

/**
 * The bundled-model replay next to the CLI's push. When they stop differently, the difference
 * is put down to the live platform only if the statement the replay stops on names platform
 * objects the live platform has and the fact sheet lacks, and the CLI, pushing onto a live
 * platform without them, stops on the very same file with the same SQLSTATE.
 */
async function compareBundled(replay: Proc, push: Proc, work: string, files: string[], db: (label: string) => Promise<LiveDatabase>, platform: PlatformPair): Promise<BundledResult> {
  const { stop, statementIndex } = replayStop(replay);
  const cli = cliStop(push);
  const res: BundledResult = { ms: replay.ms, exit: replay.code, stop, cli, verdict: sameStop(cli, stop) ? 'pass' : 'FAIL' };
  if (res.verdict === 'pass') return res;
  res.detail = `cli: ${renderStop(cli)}; bundled model: ${renderStop(stop)}${stop.message ? `: ${stop.message}` : ''}`;
  if (!stop.file || !stop.sqlstate || !stop.message || !files.includes(stop.file)) return res;
  let statement = '';
  try {
    const sql = await readFile(join(work, 'supabase', 'migrations', stop.file), 'utf8');
    statement = statementIndex ? (splitSql(sql, stop.file).statements[statementIndex - 1]?.text ?? '') : '';
  } catch {
    /* the message alone */
  }
  const legacy = namedPlatformObjects({ sqlstate: stop.sqlstate, message: stop.message }, statement).filter((o) => catalogHas(platform.live, o) && !catalogHas(platform.facts, o));
  if (!legacy.length) return res;
  res.legacy = legacy.map(describeNamedObject);
  const without = await db('without');
  try {
    await without.query(legacy.map((o) => dropStatement(o, platform.live)).join(';\n'));
  } catch (err) {
    res.detail += `; could not drop ${res.legacy.join(', ')} from a live platform: ${(err as Error).message}`;
    return res;
  }
  const project = await makeGitProject(join(work, 'supabase', 'migrations'), 'without');
  try {
    const again = await supabase(['db', 'push', '--db-url', without.url, '--yes', '--include-all'], project);
    res.cliWithout = cliStop(again);
  } finally {
    await rm(project, { recursive: true, force: true });
  }
  if (sameStop(res.cliWithout, stop)) {
    res.verdict = 'legacy';
    res.detail = `the live platform keeps ${res.legacy.join(', ')}, which a fresh project at ${platform.facts.release.label} does not have; ` +
      `the CLI pushing onto a live platform without it stops on the same file: ${renderStop(res.cliWithout)}`;
  } else {
    res.detail += `; the CLI onto a live platform without ${res.legacy.join(', ')}: ${renderStop(res.cliWithout)}`;
  }
  return res;
}

async function runHistory(server: LivePlatformServer, name: string, args: Args, pushable: boolean, platform: PlatformPair): Promise<HistoryResult> {
  const src = join(args.dir, name);
  const files = (await readdir(join(src, 'migrations'))).filter((f) => f.endsWith('.sql')).sort();
  const res: HistoryResult = { history: name, files: files.length, pushable, push: { ok: false, ms: 0 }, parity: 'n/a', baselinePgDump: 'n/a', consolidate: 'n/a' };
  const outDir = join(args.out, name);
  await rm(outDir, { recursive: true, force: true }); // a rerun starts from nothing
  await mkdir(outDir, { recursive: true });
  const work = await makeGitProject(join(src, 'migrations'), name);
  const dbs: LiveDatabase[] = [];
  const db = async (label: string) => {
    const d = await server.createLiveDatabase(label);
    dbs.push(d);
    return d;
  };
  try {
    const live = await db('corpus');
    const push = await supabase(['db', 'push', '--db-url', live.url, '--yes', '--include-all'], work);
    res.push = { ok: push.code === 0, ms: push.ms };
    await writeFile(join(outDir, 'push.log'), push.stdout + '\n--- stderr ---\n' + push.stderr);
    // The bundled model alone (no --db-url), for every history: where does it stop, next to the CLI?
    const replay = await squashbase(['replay', '--workdir', work, '--json'], work);
    await writeFile(join(outDir, 'replay.json'), replay.stdout + '\n--- stderr ---\n' + replay.stderr);
    res.bundled = await compareBundled(replay, push, work, files, db, platform);
    if (push.code !== 0) {
      res.push.failedFile = failingFile(push.stdout + push.stderr);
      res.push.error = short(push, 400);
      // squashbase must stop on the same file with a clear error.
      const named = /"file"\s*:\s*"([^"]+)"/.exec(replay.stdout)?.[1] ?? '';
      const sameFile = replay.code !== 0 && !!res.push.failedFile && (named.endsWith(res.push.failedFile) || replay.stdout.includes(res.push.failedFile));
      // The same cause: the CLI's SQLSTATE, or (duplicate versions) squashbase's refusal up front.
      const cliState = /\(SQLSTATE (\w{5})\)/.exec(push.stdout + push.stderr)?.[1];
      const ourState = /"sqlstate"\s*:\s*"(\w{5})"/.exec(replay.stdout)?.[1];
      const ourCode = /"code"\s*:\s*"([A-Z_]+)"/.exec(replay.stdout)?.[1];
      const sameCause = cliState === ourState || (cliState === '23505' && ourCode === 'MIGRATIONS_INVALID');
      res.sameFailure = sameFile && sameCause ? 'pass' : 'FAIL';
      res.sameFailureDetail = `cli: ${res.push.failedFile ?? '?'} (SQLSTATE ${cliState ?? '?'}); squashbase exit ${replay.code}: ${named || short(replay, 300)} (${ourState ?? ourCode ?? '?'})`;
      return res;
    }

    // The plain-psql reference: the same files into a fresh live-platform database, one process.
    const ref = await db('psqlref');
    const psqlRun = await psqlFiles(ref.url, files.map((f) => join(work, 'supabase', 'migrations', f)), work);
    res.psqlReplayMs = psqlRun.ms;

    // A fresh live-platform database: the pristine platform of live's release (--pristine-url),
    // as a user would point squashbase at a fresh project, so platform changes are measured
    // against the platform the history was written for.
    const pristine = await db('pristine');

    // 2. parity on the untouched project.
    const reportDir = join(outDir, 'parity');
    const parity = await squashbase(['parity', '--db-url', live.url, '--pristine-url', pristine.url, '--workdir', work, '--report-dir', reportDir, '--json'], work);
    res.parityMs = parity.ms;
    res.parityExit = parity.code;
    res.parity = parity.code === 0 ? 'pass' : 'FAIL';
    await writeFile(join(outDir, 'parity.json'), parity.stdout + '\n--- stderr ---\n' + parity.stderr);
    if (parity.code !== 0) res.parityDetail = summarizeParity(parity);

    // 3. baseline → fresh live-platform database → pg_dump equal to live.
    const baselineFile = join(outDir, 'baseline.sql');
    const baseline = await squashbase(['baseline', '--db-url', live.url, '--pristine-url', pristine.url, '--workdir', work, '--out', baselineFile, '--json'], work);
    res.baselineMs = baseline.ms;
    if (baseline.code !== 0) {
      res.baselinePgDump = 'FAIL';
      res.baselineDetail = `baseline exit ${baseline.code}: ${short(baseline, 600)}`;
    } else {
      const built = await db('built');
      const apply = await psqlFiles(built.url, [baselineFile], work, await secretOptions(baselineFile));
      if (apply.code !== 0) {
        res.baselinePgDump = 'FAIL';
        res.baselineDetail = `baseline does not apply: ${short(apply, 600)}`;
      } else {
        const [a, b] = await Promise.all([pgDumpSchemaOf(live.url), pgDumpSchemaOf(built.url)]);
        const na = normalizePgDump(maskSecretOptions(a));
        const nb = normalizePgDump(maskSecretOptions(b));
        if (na === nb) res.baselinePgDump = 'pass';
        else {
          res.baselinePgDump = 'FAIL';
          const patch = createTwoFilesPatch('live', 'baseline-built', na, nb, '', '', { context: 2 });
          await writeFile(join(outDir, 'pgdump.diff'), patch);
          const changed = patch.split('\n').filter((l) => /^[+-][^+-]/.test(l)).length;
          res.baselineDetail = `pg_dump differs by ${changed} lines (see ${join(outDir, 'pgdump.diff')})`;
        }
      }
    }

    // 4. consolidate --apply on a copy, then the real CLI's view of it.
    // --allow-unmodelled: this step checks the CLI's view of the recorded history; objects squashbase
    // does not model are the parity report's and step 3's business (and are named in the manifest).
    const cons = await squashbase(['consolidate', '--db-url', live.url, '--pristine-url', pristine.url, '--workdir', work, '--apply', '--yes', '--allow-unmodelled', '--accept-platform-delta', '--json'], work);
    res.consolidateMs = cons.ms;
    await writeFile(join(outDir, 'consolidate.json'), cons.stdout + '\n--- stderr ---\n' + cons.stderr);
    if (cons.code !== 0) {
      res.consolidate = 'FAIL';
      res.consolidateDetail = `consolidate exit ${cons.code}: ${summarizeError(cons)}`;
    } else {
      const list = await supabase(['migration', 'list', '--db-url', live.url, '--output-format', 'json'], work);
      const dry = await supabase(['db', 'push', '--db-url', live.url, '--dry-run'], work);
      const rows = list.code === 0 ? (JSON.parse(list.stdout) as { migrations: { local: string; remote: string }[] }).migrations : [];
      const inSync = list.code === 0 && rows.length === 1 && rows.every((m) => m.local && m.local === m.remote);
      const nothing = dry.code === 0 && /up to date|no new migrations|nothing to push/i.test(dry.stdout + dry.stderr);
      res.consolidate = inSync && nothing ? 'pass' : 'FAIL';
      if (!(inSync && nothing)) res.consolidateDetail = `migration list ${JSON.stringify(rows)} ${short(list, 200)}; push --dry-run: ${short(dry, 300)}`;
    }
    return res;
  } finally {
    if (!args.keep) {
      for (const d of dbs) await d.drop().catch(() => undefined);
      await rm(work, { recursive: true, force: true });
    }
  }
}

function summarizeError(p: Proc): string {
  try {
    const j = JSON.parse(p.stdout) as { error?: { code?: string; message?: string } };
    if (j.error) return `${j.error.code}: ${j.error.message}`.slice(0, 600);
  } catch {
    /* not JSON */
  }
  return short(p, 600);
}

function summarizeParity(p: Proc): string {
  try {
    const j = JSON.parse(p.stdout) as { error?: { code?: string; message?: string }; report?: { differences?: unknown[] }; verdict?: unknown };
    if (j.error) return `${j.error.code}: ${j.error.message}`.slice(0, 800);
  } catch {
    /* not JSON */
  }
  return short(p, 800);
}

function table(results: HistoryResult[]): string {
  const head = ['history', 'files', 'push', 'bundled model', 'parity', 'baseline=pg_dump', 'consolidate', 'parity ms', 'psql -f ms', 'ratio'];
  const bundled = (b?: BundledResult) => {
    if (!b) return 'n/a';
    if (b.verdict === 'pass') return b.stop.file || b.stop.code ? `same stop: ${renderStop(b.stop)}` : 'all applied';
    if (b.verdict === 'legacy') return `stops at ${renderStop(b.stop)}: live platform's legacy ${b.legacy!.join(', ')}; CLI without it: ${renderStop(b.cliWithout!)}`;
    return `DIFFERS: ${renderStop(b.stop)} vs CLI ${renderStop(b.cli)}`;
  };
  const rows = results.map((r) => [
    r.history,
    String(r.files),
    r.push.ok ? `ok ${r.push.ms}ms` : `fails at ${r.push.failedFile ?? '?'}`,
    bundled(r.bundled),
    r.push.ok ? r.parity : `same failure: ${r.sameFailure ?? 'n/a'}`,
    r.baselinePgDump,
    r.consolidate,
    r.parityMs !== undefined ? String(r.parityMs) : '',
    r.psqlReplayMs !== undefined ? String(r.psqlReplayMs) : '',
    r.parityMs !== undefined && r.psqlReplayMs ? (r.parityMs / r.psqlReplayMs).toFixed(2) : '',
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const pushable = await readPushable(args.corpus);
  const names = (await readdir(args.dir)).filter((n) => existsSync(join(args.dir, n, 'migrations'))).sort().filter((n) => !args.only || args.only.includes(n));
  if (!names.length) throw new Error(`no histories under ${args.dir}`);
  await mkdir(args.out, { recursive: true });
  const server = await startLivePlatformServer();
  const results: HistoryResult[] = [];
  const started = Date.now();
  try {
    const platform = await readPlatformPair(server);
    for (const name of names) {
      process.stderr.write(`corpus: ${name} …\n`);
      const t = Date.now();
      let r: HistoryResult;
      try {
        r = await runHistory(server, name, args, pushable.has(name), platform);
      } catch (err) {
        r = { history: name, files: 0, pushable: pushable.has(name), push: { ok: false, ms: 0, error: (err as Error).message }, parity: 'FAIL', baselinePgDump: 'FAIL', consolidate: 'FAIL', parityDetail: (err as Error).message };
      }
      results.push(r);
      const problems = [r.parityDetail, r.baselineDetail, r.consolidateDetail, r.sameFailure === 'FAIL' ? r.sameFailureDetail : undefined,
        r.bundled?.detail ? `bundled model (${r.bundled.verdict}): ${r.bundled.detail}` : undefined].filter(Boolean);
      process.stderr.write(`corpus: ${name}: ${Date.now() - t} ms${problems.length ? '\n  ' + problems.join('\n  ') : ''}\n`);
    }
  } finally {
    await server.stop();
  }
  // Right: a pushed history passes every check; one the CLI cannot push (and pushable.txt does
  // not list) fails in squashbase on the CLI's file with the CLI's cause.
  // The bundled model is right when it stops where the CLI does, or differs only by a legacy
  // object of the live platform (named, and proven by the CLI's push without it).
  const bundledRight = (r: HistoryResult) => r.bundled?.verdict === 'pass' || r.bundled?.verdict === 'legacy';
  const right = results.filter((r) => bundledRight(r) && (r.push.ok ? r.parity === 'pass' && r.baselinePgDump === 'pass' && r.consolidate === 'pass' : !r.pushable && r.sameFailure === 'pass'));
  await writeFile(join(args.out, 'summary.json'), JSON.stringify({ results, right: right.length, total: results.length, ms: Date.now() - started }, null, 2) + '\n');
  process.stdout.write(table(results) + '\n\n');
  const same = results.filter((r) => r.bundled?.verdict === 'pass').length;
  const legacy = results.filter((r) => r.bundled?.verdict === 'legacy');
  process.stdout.write(`bundled model alone: stops where the CLI does on the live platform for ${same} of ${results.length}` +
    `${legacy.length ? `; differs only by the live platform's legacy objects for ${legacy.map((r) => `${r.history} (${r.bundled!.legacy!.join(', ')})`).join(', ')}` : ''}\n`);
  process.stdout.write(`right on ${right.length} of ${results.length} histories in ${Math.round((Date.now() - started) / 1000)} s; details in ${args.out}\n`);
  process.exitCode = right.length === results.length ? 0 : 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`corpus: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
