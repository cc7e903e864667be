import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { discoverMigrations, discoverMigrationsIn, type MigrationSet } from '../../src/migrations/discover.js';
import { replayMigrations, formatReplayError } from '../../src/shadow/replay.js';
import type { ConnectionTarget } from '../../src/db/connection.js';
import { bootstrapPlatform } from '../../src/shadow/platform-bootstrap.js';

export interface LiveProjectOptions {
  /** Database name label (sbtest_<label>_<random>). */
  label: string;
  /** A project root holding supabase/migrations (e.g. the repo root for the example project). */
  workdir?: string;
  /** Or a migrations folder directly. */
  migrationsDir?: string;
  /** Bootstrap the Supabase platform first (roles, auth/storage/realtime, stand-ins). Default true. */
  platform?: boolean;
}

export interface LiveProject extends TestDatabase {
  /** The migration files that were pushed, in order. */
  migrations: MigrationSet;
}

/** The repo root (holds the example project's supabase/ folder). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fresh test database that looks like a Supabase project after `supabase db push` of a
 * history: platform bootstrapped, every file applied as db push does (RESET ALL, the file's
 * statements and its history row in one transaction) and its row in
 * supabase_migrations.schema_migrations. Throws with file:line:column when a file fails.
 * Signature is stable: baseline, parity and consolidate tests depend on it.
 */
export async function createLiveProject(options: LiveProjectOptions): Promise<LiveProject> {
  const { label, platform = true } = options;
  if (!options.workdir && !options.migrationsDir) throw new Error('createLiveProject: give workdir or migrationsDir');
  const migrations = options.migrationsDir ? await discoverMigrationsIn(options.migrationsDir) : await discoverMigrations(options.workdir!);
  const db = await createTestDatabase(label);
  try {
    if (platform) await bootstrap(db.target);
    const result = await replayMigrations(migrations.files, db.target, { recordHistory: true });
    if (!result.ok) {
      const failed = result.files.find((f) => f.status === 'failed');
      throw new Error(`createLiveProject(${label}): push failed\n${failed?.error ? formatReplayError(failed.error) : ''}`);
    }
  } catch (err) {
    await db.drop().catch(() => undefined);
    throw err;
  }
  return { ...db, migrations };
}

async function bootstrap(target: ConnectionTarget): Promise<void> {
  // The same bootstrap a shadow gets: roles, auth/storage/realtime, default privileges, stand-ins.
  await bootstrapPlatform(target, { major: inject('serverMajor') });
}
