import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Client } from '../db/client.js';
import { SquashbaseError } from '../errors.js';
import { canonicalJson } from '../util/canonical-json.js';
import { writeFileAtomic } from '../util/fs-atomic.js';
import { HISTORY_QUALIFIED, type HistoryShape } from './history-shape.js';
import { historyHash, readHistory, type HistoryRow } from './read-history.js';

export const HISTORY_EXPORT_FORMAT = 'squashbase.history-export';
export const HISTORY_EXPORT_VERSION = 1;

/**
 * Every row and every column of supabase_migrations.schema_migrations, taken before anything is
 * written (I4). `sha256` is the history hash the write transaction compares against; the file
 * written by writeHistoryExport also carries the sha256 of its own bytes in the manifest.
 */
export interface HistoryExport {
  format: typeof HISTORY_EXPORT_FORMAT;
  formatVersion: typeof HISTORY_EXPORT_VERSION;
  table: string;
  shape: HistoryShape;
  rowCount: number;
  rows: HistoryRow[];
  /** historyHash(shape, rows). */
  sha256: string;
}

/** Reads the history and packages it as an export (read-only). */
export async function exportHistory(client: Client): Promise<HistoryExport> {
  const state = await readHistory(client);
  return toExport(state.shape, state.rows);
}

export function toExport(shape: HistoryShape, rows: HistoryRow[]): HistoryExport {
  return {
    format: HISTORY_EXPORT_FORMAT,
    formatVersion: HISTORY_EXPORT_VERSION,
    table: HISTORY_QUALIFIED,
    shape,
    rowCount: rows.length,
    rows,
    sha256: historyHash(shape, rows),
  };
}

/** Writes the export as canonical JSON, atomically; returns the sha256 of the file bytes. */
export async function writeHistoryExport(path: string, exp: HistoryExport): Promise<{ path: string; fileSha256: string }> {
  const text = canonicalJson(exp);
  await writeFileAtomic(path, text);
  return { path, fileSha256: createHash('sha256').update(text).digest('hex') };
}

/** Reads an export back and re-checks its row hash, so a tampered export is never restored. */
export async function readHistoryExport(path: string): Promise<HistoryExport> {
  let parsed: HistoryExport;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8')) as HistoryExport;
  } catch (err) {
    throw new SquashbaseError('IO_FAILED', `Could not read the history export ${path}.`, { cause: err });
  }
  if (parsed.format !== HISTORY_EXPORT_FORMAT) {
    throw new SquashbaseError('PRECONDITION_FAILED', `${path} is not a squashbase history export.`);
  }
  const again = historyHash(parsed.shape, parsed.rows);
  if (again !== parsed.sha256) {
    throw new SquashbaseError('PRECONDITION_FAILED', `The history export ${path} does not match its own hash (edited or damaged).`, {
      details: { expected: parsed.sha256, actual: again },
    });
  }
  return parsed;
}
