/**
 * The backup manifest: what a backup directory holds and what it must match. Written last, so
 * a directory without manifest.json is an unfinished backup.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ObjectCounts } from './object-counts.js';
import type { TableRowCount } from './row-counts.js';

export const BACKUP_MANIFEST_FORMAT = 'squashbase.backup';
export const BACKUP_MANIFEST_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

export type BackupFileKind = 'full-dump' | 'schema-dump' | 'data-dump' | 'snapshot' | 'history';

export interface BackupFileEntry {
  name: string;
  kind: BackupFileKind;
  /** 'custom' (pg_restore), 'plain' (psql), 'json' */
  format: 'custom' | 'plain' | 'json';
  bytes: number;
  sha256: string;
  /** Custom dumps: TOC entries per kind (pg_restore --list) when written; verification re-reads and compares. */
  toc?: Record<string, number>;
}

export interface BackupManifest {
  format: typeof BACKUP_MANIFEST_FORMAT;
  manifestVersion: number;
  hashAlgorithm: 'sha256';
  tool: { name: 'squashbase'; version: string };
  createdAt: string;
  /** Redacted connection display. */
  target: string;
  server: { version: string; versionNum: number; major: number };
  pgDump: { path: string; version: string; major: number } | null;
  /** Exported snapshot shared by the counts and every dump (null when the server refused one). */
  consistentSnapshot: boolean;
  files: BackupFileEntry[];
  /** Catalog counts per kind (pg_dump's scope: all non-system schemas, no extension members). */
  objectCounts: ObjectCounts;
  /** Snapshot summary per kind (user scope), when the snapshot was taken. */
  snapshotCounts: { kind: string; label: string; count: number }[] | null;
  /** Exact rows per ordinary table (all non-system schemas). */
  rowCounts: TableRowCount[];
  history: { table: string; exists: boolean; rows: number };
  excludedSchemas: string[];
  warnings: string[];
}

/** sha256 (hex) and size of a file, streamed. */
export async function hashFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const { size } = await stat(file);
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(file)
      .on('data', (b) => hash.update(b))
      .on('end', () => resolve())
      .on('error', reject);
  });
  return { bytes: size, sha256: hash.digest('hex') };
}
