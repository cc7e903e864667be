import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { readMigrationBytes } from './read-migration-file.js';
import { join, resolve } from 'node:path';
import { SquashbaseError } from '../errors.js';
import { findInvalidUtf8, lineAtByte } from './utf8.js';

/** One migration file, read the way the Supabase CLI reads it. */
export interface MigrationFile {
  /** Digits before the first `_` (kept as text: the CLI compares versions as strings). */
  version: string;
  /** Everything after the first `_`, without `.sql` (may be empty, may contain `_`). */
  name: string;
  fileName: string;
  /** Absolute path. */
  path: string;
  /** Raw bytes as on disk. */
  bytes: Buffer;
  /** sha256 of the raw bytes, lowercase hex. */
  sha256: string;
  /** The text, strictly decoded as UTF-8, with a leading byte-order mark removed. */
  sql: string;
  /** True when the file started with a UTF-8 byte-order mark. */
  bom: boolean;
}

export interface MigrationSet {
  /** Absolute path of `<workdir>/supabase/migrations`. */
  dir: string;
  /** Ordered by version. */
  files: MigrationFile[];
  /** Entries the CLI would skip too (wrong name pattern, not .sql, …), each with why. */
  skipped: { fileName: string; reason: string }[];
  /** Things a user should know (mixed version lengths, BOMs, missing directory). */
  warnings: string[];
}

/** The Supabase CLI's pattern (pkg/migration/file.go): name is everything after the first `_`. */
export const MIGRATION_FILE_PATTERN = /^([0-9]+)_(.*)\.sql$/;

/** `<workdir>/supabase/migrations`, absolute. */
export function migrationsDir(workdir: string): string {
  return resolve(workdir, 'supabase', 'migrations');
}

/**
 * Lists `<workdir>/supabase/migrations` exactly as the Supabase CLI does: only files directly in
 * the folder whose names match `<digits>_<name>.sql`; subdirectories are ignored (archives may
 * live there); other files are skipped with a reason. Ordered by version as text — which equals
 * numeric order only when all versions have the same length, so differing lengths are warned
 * about (supabase/cli PR #6038). Duplicate versions are an error, as they are for the CLI.
 */
export async function discoverMigrations(workdir: string): Promise<MigrationSet> {
  return discoverMigrationsIn(migrationsDir(workdir));
}

/** Same as discoverMigrations, for an explicit migrations folder. */
export async function discoverMigrationsIn(dir: string): Promise<MigrationSet> {
  const abs = resolve(dir);
  const set: MigrationSet = { dir: abs, files: [], skipped: [], warnings: [] };
  let entries: string[];
  try {
    entries = (await readdir(abs)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      set.warnings.push(`${abs} does not exist: no migrations found.`);
      return set;
    }
    throw new SquashbaseError('IO_FAILED', `Could not list ${abs}: ${(err as Error).message}`, { cause: err });
  }

  const byVersion = new Map<string, string>();
  const matched: { fileName: string; version: string; name: string; path: string }[] = [];
  for (const fileName of entries) {
    const path = join(abs, fileName);
    const st = await stat(path).catch(() => undefined);
    if (st?.isDirectory()) continue;
    const m = MIGRATION_FILE_PATTERN.exec(fileName);
    if (!m) {
      set.skipped.push({ fileName, reason: skipReason(fileName) });
      continue;
    }
    if (!st?.isFile()) {
      set.skipped.push({ fileName, reason: 'not a regular file' });
      continue;
    }
    const version = m[1]!;
    const previous = byVersion.get(version);
    if (previous !== undefined) {
      throw new SquashbaseError('MIGRATIONS_INVALID', `Two migration files share version ${version}: ${previous} and ${fileName}.`, {
        hint: 'The Supabase CLI refuses duplicate versions too. Rename one of them to a new, unique timestamp.',
        details: { version, files: [previous, fileName] },
      });
    }
    byVersion.set(version, fileName);
    matched.push({ fileName, version, name: m[2]!, path });
  }

  matched.sort((a, b) => compareVersions(a.version, b.version));
  const lengths = new Set(matched.map((f) => f.version.length));
  if (lengths.size > 1) {
    set.warnings.push(
      `Migration versions have different lengths (${[...lengths].sort((a, b) => a - b).join(', ')} digits). ` +
        'The Supabase CLI and the history table compare versions as text, so e.g. "10" sorts before "9"; files are ordered as the CLI orders them.',
    );
  }

  for (const f of matched) {
    const bytes = await readMigrationBytes(f.path, f.fileName);
    const file = decodeMigration(f, bytes);
    if (file.bom) {
      set.warnings.push(
        `${f.fileName} starts with a UTF-8 byte-order mark. squashbase ignores it; \`supabase db push\` sends it to the server, which rejects it as a syntax error.`,
      );
    }
    set.files.push(file);
  }
  return set;
}

/** Text comparison, byte by byte, as Go's string compare and SQL's `ORDER BY version` (C collation) do. */
export function compareVersions(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function skipReason(fileName: string): string {
  if (fileName.startsWith('.')) return 'hidden file';
  if (!fileName.endsWith('.sql')) return 'not a .sql file (the CLI only reads <digits>_<name>.sql)';
  return 'name does not match <digits>_<name>.sql (the Supabase CLI skips it too)';
}

/** Builds a MigrationFile from raw bytes: sha256 of the bytes, strict UTF-8 decode. */
export function decodeMigration(
  f: { fileName: string; version: string; name: string; path: string },
  bytes: Buffer,
): MigrationFile {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const bad = findInvalidUtf8(bytes);
  if (bad >= 0) {
    const at = lineAtByte(bytes, bad);
    throw new SquashbaseError(
      'MIGRATIONS_INVALID',
      `${f.fileName} is not valid UTF-8: invalid byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte offset ${bad} (line ${at.line}).`,
      {
        hint: 'Postgres and the Supabase CLI expect UTF-8. Re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`).',
        details: { file: f.fileName, byteOffset: bad, line: at.line },
      },
    );
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const sql = bytes.toString('utf8', bom ? 3 : 0);
  return { ...f, bytes, sha256, sql, bom };
}
