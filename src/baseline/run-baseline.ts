import { resolve, relative } from 'node:path';
import { access } from 'node:fs/promises';
import type { ConnectionTarget } from '../db/connection.js';
import { SquashbaseError } from '../errors.js';
import { inspectDatabase } from '../introspect/inspect.js';
import { discoverMigrations, migrationsDir } from '../migrations/discover.js';
import { writeFileAtomic } from '../util/fs-atomic.js';
import { VERSION } from '../version.js';
import { generateBaseline, type BaselineResult } from './generate-baseline.js';
import { parseIncludeData, readDataSections } from './read-data.js';
import { defaultBaselineVersion, validateVersion } from './version.js';
import { readPlatformDelta, type ReadDeltaOptions } from '../platform-delta/read-delta.js';

export interface RunBaselineOptions {
  /** The live database (read-only: inspected, data rows read for --include-data). */
  target: ConnectionTarget;
  /** Project root holding supabase/migrations. */
  workdir: string;
  /** Write here instead of supabase/migrations/<version>_<name>.sql. */
  out?: string;
  version?: string;
  name?: string;
  /** --include-data list: "storage.buckets,cron.job,public.countries". */
  includeData?: string | string[];
  /** false: leave the configuration rows (buckets, cron jobs, queues, secret names) out (--no-config-data). */
  configData?: boolean;
  /** The baseline refuses to finish while a vault secret holds its placeholder (--require-secrets). */
  requireSecrets?: boolean;
  /**
   * false: no platform delta (--no-platform-delta): the baseline leaves the project's changes to
   * managed schemas out (a warning names each). Else a shadow measures it (readPlatformDelta).
   */
  platformDelta?: boolean;
  /** Shadow for the platform delta (default embedded); `pristine` = --pristine-url. */
  shadow?: ReadDeltaOptions['shadow'];
  /** false: generate only (plan / --stdout). */
  write: boolean;
  /** Clock for the default version and header (tests). */
  now?: Date;
  runId?: string;
  onProgress?: (message: string) => void;
}

export interface BaselineRunResult {
  baseline: BaselineResult;
  /** Absolute path of the file (written or to be written). */
  path: string;
  written: boolean;
  /** Versions of the existing migration files the baseline consolidates. */
  consolidates: string[];
  /** Migration discovery warnings (skipped files, version lengths). */
  migrationWarnings: string[];
  /** Rows carried per --include-data table. */
  data: { table: string; rows: number }[];
}

/**
 * Inspect live (read-only), discover the existing migrations, render the baseline and — unless
 * `write` is false — write it atomically into the migrations folder (or --out). Never changes
 * the database and never overwrites an existing file.
 */
export async function runBaseline(options: RunBaselineOptions): Promise<BaselineRunResult> {
  const progress = options.onProgress ?? (() => undefined);
  const set = await discoverMigrations(options.workdir);
  const consolidates = set.files.map((f) => f.version);
  const now = options.now ?? new Date();
  const version = options.version !== undefined ? validateVersion(options.version) : defaultBaselineVersion(consolidates, now);
  if (consolidates.includes(version)) {
    throw new SquashbaseError('USAGE', `A migration with version ${version} already exists in ${set.dir}.`, {
      hint: 'Pick a version greater than every existing one, or leave --version out.',
    });
  }
  const older = consolidates.filter((v) => BigInt(v) >= BigInt(version));
  const versionWarnings = older.length
    ? [`Version ${version} is not after every existing migration (${older.join(', ')}); \`supabase db push\` will refuse it without --include-all.`]
    : [];
  progress(`Inspecting ${options.target.display} (read-only) …`);
  const snapshot = await inspectDatabase(options.target);
  const list = Array.isArray(options.includeData) ? options.includeData.join(',') : options.includeData;
  const tables = parseIncludeData(list);
  if (tables.length) progress(`Reading rows of ${tables.map((t) => `${t.schema}.${t.table}`).join(', ')} (read-only) …`);
  const includeData = await readDataSections(options.target, tables);
  // Measured even with --no-platform-delta: the warnings name what is left out.
  const platformDelta = await readPlatformDelta({ live: snapshot, target: options.target, set, shadow: options.shadow ?? { provider: 'embedded' }, onProgress: progress });
  const baseline = generateBaseline(snapshot, {
    ...(platformDelta ? { platformDelta, carryPlatformDelta: options.platformDelta !== false } : {}),
    version,
    name: options.name ?? 'baseline',
    consolidates,
    source: options.target.display,
    toolVersion: VERSION,
    includeData,
    ...(options.configData === false ? { configData: false } : {}),
    ...(options.requireSecrets ? { requireSecrets: true } : {}),
    ...(options.runId ? { runId: options.runId } : {}),
    generatedAt: now.toISOString(),
  });
  const path = options.out ? resolve(options.workdir, options.out) : resolve(migrationsDir(options.workdir), baseline.fileName);
  let written = false;
  if (options.write) {
    if (await exists(path)) {
      throw new SquashbaseError('PRECONDITION_FAILED', `${relative(process.cwd(), path) || path} already exists; squashbase never overwrites a migration.`, {
        hint: 'Remove it, or choose another --version / --name / --out.',
      });
    }
    try {
      await writeFileAtomic(path, baseline.sql);
    } catch (err) {
      throw new SquashbaseError('IO_FAILED', `Could not write the baseline to ${path}.`, { hint: 'Check that the directory is writable.', cause: err });
    }
    written = true;
  }
  return {
    baseline,
    path,
    written,
    consolidates,
    migrationWarnings: [...versionWarnings, ...set.warnings, ...set.skipped.map((s) => `Skipped ${s.fileName}: ${s.reason}`)],
    data: includeData.map((d) => ({ table: `${d.schema}.${d.table}`, rows: d.rows.length })),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
