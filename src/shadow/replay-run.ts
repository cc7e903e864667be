import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ConnectionTarget } from '../db/connection.js';
import { SquashbaseError } from '../errors.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import { discoverMigrations, type MigrationFile, type MigrationSet } from '../migrations/discover.js';
import { splitSql } from '../migrations/split.js';
import { canonicalJson } from '../util/canonical-json.js';
import { writeFileAtomic } from '../util/fs-atomic.js';
import { replayMigrations, type ReplayProgressEvent, type ReplayResult } from './replay-core.js';
import type { ShadowOptions, ShadowRequest, StandIn } from './shadow.js';

export interface RunReplayOptions {
  /** Project root holding supabase/migrations (default: process.cwd()). */
  workdir?: string;
  /** Which shadow to use; `major` defaults to live's major, else config.toml's, else 15. */
  shadow: ShadowRequest;
  /** The live project: its platform is cloned into the shadow and its major is used. */
  live?: ConnectionTarget;
  /** Write the replayed database's snapshot (inspect format) here. */
  out?: string;
  continueOnError?: boolean;
  onProgress?: (event: ReplayProgressEvent) => void;
  /** Called once the migrations are known (for warnings about skipped files). */
  onDiscovered?: (set: MigrationSet) => void;
}

export interface RunReplayResult {
  replay: ReplayResult;
  migrations: { dir: string; files: number; skipped: MigrationSet['skipped']; warnings: string[] };
  /** Snapshot of the replayed database, when `out` was given and the replay succeeded (or continueOnError). */
  snapshot?: Snapshot;
  outPath?: string;
  /** Why `out` was not written (the replay failed without continueOnError). */
  outSkipped?: string;
  /** Every emulated extension the shadow used; never hidden. */
  standIns: StandIn[];
  shadow: {
    provider: string;
    major: number;
    serverVersion: string;
    /** Redacted description of the shadow server. */
    description: string;
    /** Where the platform model came from: cloned from live, bundled, the image's own. */
    platform: string;
    allowVersionMismatch: boolean;
    versionMismatch?: { live: number; shadow: number };
    warnings: string[];
  };
}

/**
 * `squashbase replay`: discover the history, start a shadow that looks like the Supabase
 * project, replay file by file, optionally snapshot the result. The shadow database is
 * dropped (and an embedded server stopped) whatever happens.
 */
export async function runReplay(options: RunReplayOptions): Promise<RunReplayResult> {
  const workdir = resolve(options.workdir ?? process.cwd());
  const set = await discoverMigrations(workdir);
  options.onDiscovered?.(set);
  if (set.files.length === 0) {
    throw new SquashbaseError('MIGRATIONS_INVALID', `No migration files found in ${set.dir}.`, {
      hint: 'Run squashbase in your project root (the folder holding supabase/), or pass --workdir DIR.',
      details: { dir: set.dir, skipped: set.skipped },
    });
  }
  // Live's platform is read once, before the shadow starts; the shadow gets the data, not the URL.
  const { captureShadowSources, sourceOptions } = await import('./clone/platform-capture.js');
  const guess = options.shadow.major ?? (await configMajor(workdir)) ?? 15;
  const sources = options.live ? await captureShadowSources(options.live, { platformBase: options.shadow.platformBase ?? 'live', major: guess }) : undefined;
  const liveMajorNum = sources?.live ? Math.floor(sources.live.platform.versionNum / 10000) : options.live ? await liveMajor(options.live) : undefined;
  const major = options.shadow.major ?? liveMajorNum ?? guess;
  // Loaded lazily: the shadow and introspection stages pull in servers and catalog queries.
  const { withShadow } = await import('./shadow.js');
  // A replay has no pristine platform to compare with: only live's (or the model) is used.
  const { pristine: _unused, ...request } = options.shadow;
  const shadowOptions: ShadowOptions = {
    ...request,
    major,
    ...sourceOptions(sources),
  };
  const captureWarnings = sources?.warnings ?? [];
  for (const w of captureWarnings) options.shadow.onWarning?.(w);

  return withShadow(shadowOptions, async (shadow) => {
    const db = await shadow.createDatabase('replay', { platform: true });
    try {
      const replayOpts: Parameters<typeof replayMigrations>[2] = { recordHistory: true };
      if (options.continueOnError) replayOpts.continueOnError = true;
      if (options.onProgress) replayOpts.onProgress = options.onProgress;
      const replay = await replayMigrations(set.files, db.target, replayOpts);
      if (db.platform === 'bundled') await hintModelGaps(replay, set.files, shadow.major);
      const result: RunReplayResult = {
        replay,
        migrations: { dir: set.dir, files: set.files.length, skipped: set.skipped, warnings: set.warnings },
        // Migrations may CREATE EXTENSION more stand-ins than the bootstrap installed: list them all.
        standIns: await db.currentStandIns(),
        shadow: {
          provider: shadow.provider,
          major: shadow.major,
          serverVersion: shadow.serverVersion,
          description: shadow.description,
          platform: db.platform,
          allowVersionMismatch: Boolean(options.shadow.allowVersionMismatch),
          ...(shadow.versionMismatch ? { versionMismatch: shadow.versionMismatch } : {}),
          warnings: [...captureWarnings, ...shadow.warnings, ...db.warnings],
        },
      };
      if (options.out && (replay.ok || options.continueOnError)) {
        const { inspectDatabase } = await import('../introspect/inspect.js');
        result.snapshot = await inspectDatabase(db.target);
        result.outPath = resolve(options.out);
        await writeFileAtomic(result.outPath, canonicalJson(result.snapshot));
      } else if (options.out) {
        result.outSkipped = `No snapshot written to ${options.out}: the replay failed (use --continue-on-error to snapshot what did apply).`;
      }
      return result;
    } finally {
      await db.drop();
    }
  });
}

/**
 * A statement that failed on the bundled model because it names a platform object the model's
 * release does not have (a legacy table an older GoTrue created and a later one dropped) gets a
 * hint naming the model's release and pointing at a live clone.
 */
async function hintModelGaps(replay: ReplayResult, files: MigrationFile[], major: number): Promise<void> {
  const failed = replay.files.filter((f) => f.status === 'failed' && f.error);
  if (!failed.length) return;
  const { loadPlatformFacts } = await import('./platform-facts/load-facts.js');
  const { modelGapHint } = await import('./platform-facts/model-gap.js');
  const facts = await loadPlatformFacts(major);
  for (const r of failed) {
    const error = r.error!;
    const file = files.find((f) => f.fileName === r.fileName);
    let statement = '';
    if (file && error.statementIndex > 0) {
      try {
        statement = splitSql(file.sql, file.fileName).statements[error.statementIndex - 1]?.text ?? '';
      } catch {
        /* the parser rejected the file: the message alone */
      }
    }
    const hint = modelGapHint(error, statement, facts);
    if (hint) error.hint = error.hint ? `${error.hint}\n${hint}` : hint;
  }
}

async function liveMajor(live: ConnectionTarget): Promise<number> {
  const { withClient, serverVersionNum } = await import('../db/client.js');
  return withClient(live, async (c) => Math.floor((await serverVersionNum(c)) / 10000));
}

/** `[db] major_version` from supabase/config.toml, the CLI's own record of the project's major. */
export async function configMajor(workdir: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(join(workdir, 'supabase', 'config.toml'), 'utf8');
  } catch {
    return undefined;
  }
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      continue;
    }
    const m = /^major_version\s*=\s*(\d+)$/.exec(line);
    if (m && section === 'db') return Number(m[1]);
  }
  return undefined;
}
