import type { CatalogReader } from '../catalog-reader.js';
import { qualified } from '../../sql/ident.js';
import { DATA_NOTE_TABLES } from '../platform-scope.js';
import type { SnapshotDataNote } from '../snapshot-types.js';

/**
 * Row counts of platform tables whose rows a fresh environment usually needs (storage buckets,
 * cron jobs, webhooks, vault secret names). Every such table that exists gets a note: one the
 * role may not read (no SELECT) or whose rows row-level security may hide from it is marked
 * `unreadable`, so what could not be seen is said rather than silently missing.
 */
export async function loadDataNotes(client: CatalogReader): Promise<SnapshotDataNote[]> {
  const r = await client.query<{ schema: string; table: string; role: string; readable: boolean; rls: boolean }>(
    `SELECT n.nspname AS schema, c.relname AS table, current_user::text AS role,
            has_table_privilege(c.oid, 'SELECT') AS readable,
            c.relrowsecurity AND NOT (u.rolsuper OR u.rolbypassrls)
              AND (c.relforcerowsecurity OR NOT pg_has_role(c.relowner, 'USAGE')) AS rls
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_roles u ON u.rolname = current_user
      WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))
        AND c.relkind IN ('r', 'p')`,
    [DATA_NOTE_TABLES.map((t) => t.schema), DATA_NOTE_TABLES.map((t) => t.table)],
  );
  const notes: SnapshotDataNote[] = [];
  for (const t of r.rows) {
    const table = `${t.schema}.${t.table}`;
    if (!t.readable) {
      notes.push({ table, rows: 0, unreadable: { role: t.role, reason: 'no-select' } });
      continue;
    }
    const c = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(t.schema, t.table)}`);
    notes.push({ table, rows: Number(c.rows[0]!.n), ...(t.rls ? { unreadable: { role: t.role, reason: 'rls' as const } } : {}) });
  }
  return notes.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
}
