import type { CatalogReader } from '../catalog-reader.js';
import { qualified } from '../../sql/ident.js';
import { DATA_NOTE_TABLES } from '../platform-scope.js';
import type { SnapshotDataNote } from '../snapshot-types.js';

/**
 * Row counts of platform tables whose rows a fresh environment usually needs (storage buckets,
 * cron jobs, webhooks, vault secret names). Only tables that exist and that we may read.
 */
export async function loadDataNotes(client: CatalogReader): Promise<SnapshotDataNote[]> {
  const r = await client.query<{ schema: string; table: string }>(
    `SELECT n.nspname AS schema, c.relname AS table
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))
        AND c.relkind IN ('r', 'p') AND has_table_privilege(c.oid, 'SELECT')`,
    [DATA_NOTE_TABLES.map((t) => t.schema), DATA_NOTE_TABLES.map((t) => t.table)],
  );
  const notes: SnapshotDataNote[] = [];
  for (const t of r.rows) {
    const c = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(t.schema, t.table)}`);
    notes.push({ table: `${t.schema}.${t.table}`, rows: Number(c.rows[0]!.n) });
  }
  return notes.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
}
