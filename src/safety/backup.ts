/**
 * `squashbase backup`: everything needed to put a project back the way it was, taken before
 * anything is touched, and verified before we call it a backup.
 *
 * - full.dump (pg_dump -Fc, nothing stripped), schema.sql (plain, fixed --restrict-key so the
 *   text is deterministic), data.dump (-Fc --data-only) — when a pg_dump of at least the
 *   server's major exists;
 * - snapshot.json (the squashbase model) and history.json (every column of every
 *   supabase_migrations.schema_migrations row) — always;
 * - manifest.json: files with sizes and sha256, object counts per kind, exact row counts.
 *
 * Counts, history and every dump read ONE exported snapshot (pg_export_snapshot + --snapshot),
 * so the manifest describes exactly what the dumps contain even while the database is written.
 * Read-only on the database; writes only inside the new output directory (mode 0700).
 */
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConnectionTarget } from '../db/connection.js';
import { libpqEnv } from '../db/connection.js';
import { withClient, type Client } from '../db/client.js';
import { SquashbaseError } from '../errors.js';
import { canonicalJson } from '../util/canonical-json.js';
import { VERSION } from '../version.js';
import {
  BACKUP_MANIFEST_FORMAT,
  BACKUP_MANIFEST_VERSION,
  MANIFEST_FILE,
  hashFile,
  type BackupFileEntry,
  type BackupFileKind,
  type BackupManifest,
} from './backup-manifest.js';
import { verifyBackup, type BackupVerification } from './backup-verify.js';
import { catalogObjectCounts, parseTocList, tocDescCounts } from './object-counts.js';
import { findPgTool, installHint, runTool, type PgTool } from './pg-tools.js';
import { countRows, listTables } from './row-counts.js';
import { readHistory } from '../history/read-history.js';
import { loadInspect } from './stage-modules.js';

export interface BackupOptions {
  target: ConnectionTarget;
  /** Output directory; must not exist or be empty. Default: ./squashbase-backups/<UTC stamp>. */
  outDir?: string;
  /** Base for the default outDir. */
  cwd?: string;
  /** 'required' (default): no fitting pg_dump is an error. 'optional': snapshot + history only, with a warning. */
  dumps?: 'required' | 'optional';
  /** Schemas to leave out of the dumps (e.g. ones the role cannot read). */
  excludeSchemas?: string[];
  env?: NodeJS.ProcessEnv;
  onProgress?: (message: string) => void;
  /** Fixed timestamp for tests/determinism. */
  now?: Date;
}

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
  verification: BackupVerification;
  durationMs: number;
}

/** The fixed psql \restrict key: deterministic schema.sql text (F10). */
export const RESTRICT_KEY = 'squashbase';

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

async function prepareDir(dir: string): Promise<void> {
  try {
    const entries = await readdir(dir);
    if (entries.length > 0) {
      throw new SquashbaseError('PRECONDITION_FAILED', `Backup directory ${dir} is not empty.`, {
        hint: 'Choose a new directory with --out; backups are never written over existing files.',
      });
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

/**
 * The history table for history.json: every row with every column, read by the history
 * stage's own reader (to_jsonb rows, as `history export` and the restore use them).
 */
async function readHistoryForBackup(client: Client): Promise<{ exists: boolean; columns: { name: string; type: string }[]; rows: unknown[] }> {
  const h = await readHistory(client);
  return { exists: h.shape.tableExists, columns: h.shape.columns.map(({ name, type }) => ({ name, type })), rows: h.rows };
}

async function dump(tool: PgTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const r = await runTool(tool.path, ['--no-password', ...args], { env });
  if (r.code !== 0) {
    throw new SquashbaseError('IO_FAILED', `pg_dump failed (${args.find((a) => a.startsWith('--file='))?.slice(7) ?? ''}): ${r.stderr.trim()}`, {
      hint: 'Read the pg_dump message above. Permission errors on a managed schema can be skipped with --exclude-schema <name>.',
    });
  }
}

/** Take, write and verify a backup. Returns the manifest and the verification result. */
export async function runBackup(options: BackupOptions): Promise<BackupResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const dir = path.resolve(options.cwd ?? process.cwd(), options.outDir ?? path.join('squashbase-backups', stamp(now)));
  const progress = options.onProgress ?? (() => undefined);
  const exclude = [...new Set(options.excludeSchemas ?? [])].sort();
  const warnings: string[] = [];
  await prepareDir(dir);

  const files: { name: string; kind: BackupFileKind; format: BackupFileEntry['format'] }[] = [];
  let snapshotCounts: BackupManifest['snapshotCounts'] = null;
  let snapshotDone = false;
  /** The squashbase snapshot: always taken (with or without pg_dump). */
  const snapshotTask = async (): Promise<void> => {
    snapshotDone = true;
    const inspect = await loadInspect();
    if (!inspect) {
      warnings.push('The introspect stage is not available in this build; snapshot.json was not written.');
      return;
    }
    const snapshot = await inspect.inspectDatabase(options.target);
    await writeFile(path.join(dir, 'snapshot.json'), canonicalJson(snapshot), { mode: 0o600 });
    files.push({ name: 'snapshot.json', kind: 'snapshot', format: 'json' });
    snapshotCounts = inspect.summarizeSnapshot ? inspect.summarizeSnapshot(snapshot) : null;
  };
  const base = await withClient(
    options.target,
    async (client) => {
      const v = await client.query<{ num: string; ver: string }>(
        "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS ver",
      );
      const versionNum = Number(v.rows[0]!.num);
      const server = { version: v.rows[0]!.ver, versionNum, major: Math.floor(versionNum / 10000) };
      const dumpTool = await findPgTool('pg_dump', server.major, options.env);
      if (!dumpTool.tool) {
        const have = dumpTool.found.map((t) => `pg_dump ${t.version} (${t.path})`).join(', ') || 'no pg_dump at all';
        const msg = `No pg_dump of major ${server.major} or newer found (server is ${server.version}; found: ${have}).`;
        if ((options.dumps ?? 'required') === 'required') {
          throw new SquashbaseError('PRECONDITION_FAILED', msg, { hint: installHint(server.major) });
        }
        warnings.push(`${msg} Only the snapshot and history rows were saved. ${installHint(server.major)}`);
      }

      // pg_export_snapshot cannot run in a subtransaction, so a refusal restarts the transaction.
      let snapshotId: string | null = null;
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        snapshotId = (await client.query<{ s: string }>('SELECT pg_catalog.pg_export_snapshot() AS s')).rows[0]!.s;
      } catch {
        await client.query('ROLLBACK');
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        warnings.push('The server refused pg_export_snapshot(); dumps and counts were taken from separate snapshots.');
      }
      try {
        await client.query('SET LOCAL search_path = pg_catalog');
        progress('counting rows');
        const tables = await listTables(client, 'all');
        const rowCounts = await countRows(client, tables.filter((t) => !exclude.includes(t.schema)));
        const objectCounts = await catalogObjectCounts(client, exclude);
        const history = await readHistoryForBackup(client);

        if (dumpTool.tool) {
          const env = libpqEnv(options.target);
          const common = [...(snapshotId ? [`--snapshot=${snapshotId}`] : []), ...exclude.map((s) => `--exclude-schema=${s}`)];
          const schemaArgs = ['--schema-only', '--format=plain', `--file=${path.join(dir, 'schema.sql')}`, ...common];
          if (dumpTool.tool.supportsRestrictKey) schemaArgs.push(`--restrict-key=${RESTRICT_KEY}`);
          progress(`dumping with pg_dump ${dumpTool.tool.version}; introspecting`);
          // pg_dump creates its file with the umask's mode (0644): a dump of production holds data
          // and role names, so the files exist 0600 before pg_dump opens (and keeps) them.
          for (const name of ['full.dump', 'schema.sql', 'data.dump']) await writeFile(path.join(dir, name), '', { mode: 0o600, flag: 'wx' });
          // Three children at once, each one read-only connection on the same exported snapshot;
          // the snapshot (its own read-only transaction) is taken meanwhile.
          await Promise.all([
            dump(dumpTool.tool, ['--format=custom', `--file=${path.join(dir, 'full.dump')}`, ...common], env),
            dump(dumpTool.tool, schemaArgs, env),
            dump(dumpTool.tool, ['--data-only', '--format=custom', `--file=${path.join(dir, 'data.dump')}`, ...common], env),
            snapshotTask(),
          ]);
          for (const name of ['full.dump', 'schema.sql', 'data.dump']) await chmod(path.join(dir, name), 0o600);
          files.push(
            { name: 'full.dump', kind: 'full-dump', format: 'custom' },
            { name: 'schema.sql', kind: 'schema-dump', format: 'plain' },
            { name: 'data.dump', kind: 'data-dump', format: 'custom' },
          );
        }
        await client.query('COMMIT');
        return { server, tool: dumpTool.tool, snapshotId, rowCounts, objectCounts, history };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    { applicationName: `squashbase/${VERSION}/backup` },
  );

  await writeFile(
    path.join(dir, 'history.json'),
    canonicalJson({ table: 'supabase_migrations.schema_migrations', exists: base.history.exists, columns: base.history.columns, rows: base.history.rows }),
    { mode: 0o600 },
  );
  files.push({ name: 'history.json', kind: 'history', format: 'json' });
  if (!base.history.exists) warnings.push('supabase_migrations.schema_migrations does not exist; history.json records that.');

  if (!snapshotDone) await snapshotTask();

  const entries: BackupFileEntry[] = [];
  const restore = files.some((f) => f.format === 'custom') && base.tool ? (await findPgTool('pg_restore', base.tool.major, options.env)).tool : null;
  for (const f of files.sort((a, b) => a.name.localeCompare(b.name))) {
    const entry: BackupFileEntry = { ...f, ...(await hashFile(path.join(dir, f.name))) };
    if (f.format === 'custom' && restore) {
      const list = await runTool(restore.path, ['--list', path.join(dir, f.name)]);
      if (list.code === 0) entry.toc = tocDescCounts(parseTocList(list.stdout));
      else warnings.push(`pg_restore --list could not read the fresh ${f.name}: ${list.stderr.trim()}`);
    }
    entries.push(entry);
  }
  const manifest: BackupManifest = {
    format: BACKUP_MANIFEST_FORMAT,
    manifestVersion: BACKUP_MANIFEST_VERSION,
    hashAlgorithm: 'sha256',
    tool: { name: 'squashbase', version: VERSION },
    createdAt: now.toISOString(),
    target: options.target.display,
    server: base.server,
    pgDump: base.tool ? { path: base.tool.path, version: base.tool.version, major: base.tool.major } : null,
    consistentSnapshot: base.snapshotId !== null,
    files: entries,
    objectCounts: base.objectCounts,
    snapshotCounts,
    rowCounts: base.rowCounts,
    history: { table: 'supabase_migrations.schema_migrations', exists: base.history.exists, rows: base.history.rows.length },
    excludedSchemas: exclude,
    warnings,
  };
  await writeFile(path.join(dir, MANIFEST_FILE), canonicalJson(manifest), { mode: 0o600 });
  progress('verifying');
  const verification = await verifyBackup(dir, { target: options.target, env: options.env });
  return { dir, manifest, verification, durationMs: Date.now() - started };
}
