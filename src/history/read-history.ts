import { createHash } from 'node:crypto';
import type { Client } from '../db/client.js';
import { SquashbaseError, isPgError } from '../errors.js';
import { canonicalJson } from '../util/canonical-json.js';
import { HISTORY_QUALIFIED, readHistoryShape, type HistoryShape } from './history-shape.js';

/** One row of schema_migrations with every column, as JSON (text[] → string[], NULL → null). */
export type HistoryRow = Record<string, unknown>;

export interface HistoryState {
  shape: HistoryShape;
  /** Every row, every column, ordered by version as text (C collation, like the CLI). */
  rows: HistoryRow[];
  /** `version` of each row, same order. */
  versions: string[];
  /** sha256 over the canonical JSON of the column list and the rows (see historyHash). */
  sha256: string;
}

/**
 * Reads the whole history table: its shape, then every row with every column through
 * `to_jsonb(t)`, so columns squashbase does not know about survive an export and a restore
 * (F8, I4). A missing table reads as empty, as it does for `supabase migration list`.
 * Integer columns beyond 2^53 would lose precision in JSON; no known history table has one.
 */
export async function readHistory(client: Client): Promise<HistoryState> {
  try {
    return await readHistoryRows(client);
  } catch (err) {
    // A role without rights on the history table is the user's to fix (exit 11), not a bug.
    if (!isPgError(err) || err.code !== '42501') throw err;
    throw new SquashbaseError('PERMISSION_DENIED', `The database role cannot read the migration history: ${err.message}.`, {
      hint: 'Run as the owner: GRANT USAGE ON SCHEMA supabase_migrations TO <role>; GRANT SELECT, INSERT, DELETE ON supabase_migrations.schema_migrations TO <role>; (or connect as postgres). `squashbase preflight` lists what is missing.',
      cause: err,
      details: { sqlstate: err.code },
    });
  }
}

async function readHistoryRows(client: Client): Promise<HistoryState> {
  const shape = await readHistoryShape(client);
  if (!shape.tableExists) return { shape, rows: [], versions: [], sha256: historyHash(shape, []) };
  const hasVersion = shape.columns.some((c) => c.name === 'version');
  const order = hasVersion ? 't.version COLLATE "C"' : 'pg_catalog.to_jsonb(t)::text COLLATE "C"';
  const res = await client.query<{ row: HistoryRow }>(
    `SELECT pg_catalog.to_jsonb(t) AS row FROM ${HISTORY_QUALIFIED} t ORDER BY ${order}`,
  );
  const rows = res.rows.map((r) => r.row);
  return { shape, rows, versions: rows.map((r) => String(r['version'] ?? '')), sha256: historyHash(shape, rows) };
}

/**
 * The hash the write transaction re-checks (S2, I4): sha256 of canonical JSON of
 * `{columns: [{name, type}], rows}`. A changed row, an added or removed row, or a changed
 * column set all change it.
 */
export function historyHash(shape: HistoryShape, rows: HistoryRow[]): string {
  const columns = shape.columns.map((c) => ({ name: c.name, type: c.type }));
  return createHash('sha256').update(canonicalJson({ columns, rows })).digest('hex');
}

/** sha256 of a statements array as the CLI stores it (canonical JSON of the array). */
export function statementsHash(statements: readonly string[] | null | undefined): string {
  return createHash('sha256').update(canonicalJson(statements ?? null)).digest('hex');
}
