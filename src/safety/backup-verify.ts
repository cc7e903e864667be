/**
 * `verifyBackup(dir)`: is this backup directory whole and restorable? Callable on its own
 * (e.g. before consolidate records anything, or months later).
 *
 * Checks, each pass/warn/fail:
 * - manifest.json readable, known format;
 * - every listed file exists, is non-empty, has the recorded size and sha256;
 * - custom dumps: `pg_restore --list` reads the TOC; the full dump's object counts per kind
 *   equal the manifest's catalog counts; the whole archive decompresses (`pg_restore -f -`)
 *   and its COPY blocks hold exactly the manifest's row counts (catches a truncated or
 *   bit-flipped dump even when the manifest was regenerated);
 * - schema.sql ends with pg_dump's completion trailer; JSON files parse; history row count;
 * - with a target: the live row counts still equal the manifest (warn when they moved on).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConnectionTarget } from '../db/connection.js';
import { withClient, withReadOnlySnapshot } from '../db/client.js';
import { BACKUP_MANIFEST_FORMAT, MANIFEST_FILE, hashFile, type BackupManifest } from './backup-manifest.js';
import { readDumpRows } from './dump-rows.js';
import { COUNTED_KINDS, parseTocList, tocDescCounts, tocObjectCounts } from './object-counts.js';
import { findPgTool, installHint, runTool } from './pg-tools.js';
import { countRows, listTables, tableKey } from './row-counts.js';
import type { CheckStatus } from './check-types.js';

export interface VerifyCheck {
  id: string;
  status: CheckStatus;
  message: string;
}

export interface BackupVerification {
  ok: boolean;
  dir: string;
  checks: VerifyCheck[];
}

export interface VerifyOptions {
  /** Re-count rows on this database and compare with the manifest. */
  target?: ConnectionTarget;
  env?: NodeJS.ProcessEnv;
}

/** Verify a backup directory. Never throws for a bad backup: the result says what is wrong. */
export async function verifyBackup(dir: string, options: VerifyOptions = {}): Promise<BackupVerification> {
  const checks: VerifyCheck[] = [];
  const add = (id: string, status: CheckStatus, message: string) => checks.push({ id, status, message });
  const done = () => ({ ok: !checks.some((c) => c.status === 'fail'), dir, checks });

  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
    if (manifest.format !== BACKUP_MANIFEST_FORMAT) throw new Error(`unknown format ${String(manifest.format)}`);
    add('manifest', 'pass', `manifest.json (version ${manifest.manifestVersion}, ${manifest.files.length} files)`);
  } catch (err) {
    add('manifest', 'fail', `manifest.json unreadable: ${err instanceof Error ? err.message : String(err)}`);
    return done();
  }

  const intact = new Set<string>();
  for (const f of manifest.files) {
    const p = path.join(dir, f.name);
    try {
      const h = await hashFile(p);
      if (h.bytes === 0) add(`file:${f.name}`, 'fail', `${f.name} is empty`);
      else if (h.bytes !== f.bytes) add(`file:${f.name}`, 'fail', `${f.name} is ${h.bytes} bytes, manifest says ${f.bytes}`);
      else if (h.sha256 !== f.sha256) add(`file:${f.name}`, 'fail', `${f.name} sha256 ${h.sha256.slice(0, 12)}… differs from manifest ${f.sha256.slice(0, 12)}…`);
      else {
        add(`file:${f.name}`, 'pass', `${f.name}: ${h.bytes} bytes, sha256 matches`);
        intact.add(f.name);
      }
    } catch (err) {
      add(`file:${f.name}`, 'fail', `${f.name} missing or unreadable (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
  }

  const customs = manifest.files.filter((f) => f.format === 'custom');
  if (customs.length > 0) {
    const major = manifest.pgDump?.major ?? manifest.server.major;
    const restore = await findPgTool('pg_restore', major, options.env);
    if (!restore.tool) {
      add('pg_restore', 'fail', `No pg_restore ${major}+ to read the dumps. ${installHint(major)}`);
    } else {
      for (const f of customs) await verifyCustomDump(restore.tool.path, dir, f.name, f.kind === 'full-dump', manifest, add);
    }
  }

  const schemaSql = manifest.files.find((f) => f.kind === 'schema-dump');
  if (schemaSql) {
    try {
      const text = await readFile(path.join(dir, schemaSql.name), 'utf8');
      if (text.slice(-400).includes("-- PostgreSQL database dump complete")) add('schema-sql', 'pass', `${schemaSql.name} is complete`);
      else add('schema-sql', 'fail', `${schemaSql.name} lacks pg_dump's completion trailer (truncated?)`);
    } catch {
      add('schema-sql', 'fail', `${schemaSql.name} unreadable`);
    }
  }

  for (const f of manifest.files.filter((x) => x.format === 'json')) {
    try {
      const value = JSON.parse(await readFile(path.join(dir, f.name), 'utf8')) as { rows?: unknown[] };
      if (f.kind === 'history' && (value.rows?.length ?? -1) !== manifest.history.rows) {
        add(`json:${f.name}`, 'fail', `${f.name} holds ${value.rows?.length ?? 0} rows, manifest says ${manifest.history.rows}`);
      } else add(`json:${f.name}`, 'pass', `${f.name} parses`);
    } catch (err) {
      add(`json:${f.name}`, 'fail', `${f.name} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  if (options.target) {
    try {
      const live = await withClient(options.target, (c) =>
        withReadOnlySnapshot(c, async () => countRows(c, (await listTables(c, 'all')).filter((t) => !manifest.excludedSchemas.includes(t.schema)))),
      );
      const diffs = diffCounts(
        Object.fromEntries(manifest.rowCounts.map((r) => [tableKey(r), r.rows])),
        Object.fromEntries(live.map((r) => [tableKey(r), r.rows])),
      );
      if (diffs.length === 0) add('live-counts', 'pass', `row counts of ${live.length} tables match the database`);
      else add('live-counts', 'warn', `the database changed since the backup: ${diffs.slice(0, 10).join('; ')}${diffs.length > 10 ? ` (+${diffs.length - 10} more)` : ''}`);
    } catch (err) {
      add('live-counts', 'warn', `could not re-count rows on the database: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return done();
}

async function verifyCustomDump(
  pgRestore: string,
  dir: string,
  name: string,
  full: boolean,
  manifest: BackupManifest,
  add: (id: string, status: CheckStatus, message: string) => void,
): Promise<void> {
  const file = path.join(dir, name);
  const list = await runTool(pgRestore, ['--list', file]);
  if (list.code !== 0) {
    add(`toc:${name}`, 'fail', `pg_restore --list cannot read ${name}: ${list.stderr.trim()}`);
    return;
  }
  const toc = parseTocList(list.stdout);
  const recorded = manifest.files.find((f) => f.name === name)?.toc;
  const byDesc = tocDescCounts(toc);
  const tocDiffs = recorded ? diffCounts(recorded, byDesc) : [];
  if (tocDiffs.length > 0) add(`toc:${name}`, 'fail', `${name} table of contents differs from the one recorded at backup time: ${tocDiffs.join('; ')}`);
  else add(`toc:${name}`, 'pass', `pg_restore --list reads ${name} (${toc.length} entries${recorded ? ', as recorded' : ''})`);
  const seqSets = byDesc['SEQUENCE SET'] ?? 0;
  // Extension config sequences (pg_extension_config_dump) add SEQUENCE SET entries of their own,
  // so only fewer than the database's own sequences is a loss.
  if (seqSets < manifest.objectCounts.sequence) {
    add(`sequences:${name}`, 'fail', `${name} sets ${seqSets} sequence values, the database has ${manifest.objectCounts.sequence} sequences`);
  }
  if (full) {
    const counts = tocObjectCounts(toc);
    const bad = COUNTED_KINDS.filter((k) => counts[k] !== manifest.objectCounts[k]).map((k) => `${k}: dump ${counts[k]} ≠ database ${manifest.objectCounts[k]}`);
    if (bad.length === 0) add(`objects:${name}`, 'pass', `object counts per kind match (${COUNTED_KINDS.map((k) => `${k} ${counts[k]}`).join(', ')})`);
    else add(`objects:${name}`, 'fail', `object counts differ: ${bad.join('; ')}`);
  }
  const read = await readDumpRows(pgRestore, file);
  if (!read.ok) {
    add(`data:${name}`, 'fail', `${name} does not read to the end: ${read.error ?? ''}`);
    return;
  }
  const expected = Object.fromEntries(manifest.rowCounts.map((r) => [tableKey(r), r.rows]));
  // Extension config tables (pg_extension_config_dump) may carry rows too; only counted tables are compared.
  const found = Object.fromEntries(Object.entries(read.rows).filter(([k]) => k in expected));
  const diffs = diffCounts(expected, found);
  if (diffs.length === 0) add(`data:${name}`, 'pass', `${name} reads to the end; rows of ${manifest.rowCounts.length} tables match the manifest`);
  else add(`data:${name}`, 'fail', `${name} rows differ from the manifest: ${diffs.slice(0, 10).join('; ')}`);
}

/** "table: before → after" for every key whose count differs (missing counts as absent). */
export function diffCounts(before: Record<string, number>, after: Record<string, number>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const out: string[] = [];
  for (const k of keys) {
    const a = before[k];
    const b = after[k];
    if (a !== b) out.push(`${k}: ${a ?? 'absent'} → ${b ?? 'absent'}`);
  }
  return out;
}
