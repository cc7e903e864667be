/**
 * With a database, O002 (trigger function no migration attaches) is checked against live:
 * a trigger that exists only in production (made in the dashboard) is the classic
 * handle_new_user case — the baseline keeps it, but say so.
 */
import type { Client } from '../db/client.js';
import { qualified } from '../sql/ident.js';
import type { Finding } from './types.js';

/** Adds what live knows to O002 findings (in place), on a client already in a read-only snapshot. */
export async function enrichWithLiveTriggers(c: Client, findings: Finding[]): Promise<void> {
  const o2 = findings.filter((f) => f.rule === 'O002' && f.object);
  if (o2.length === 0) return;
  const rows = (
    await c.query<{ fschema: string; fname: string; trig: string; tschema: string; tname: string }>(
      `SELECT pn.nspname AS fschema, p.proname AS fname, t.tgname AS trig, tn.nspname AS tschema, tc.relname AS tname
         FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
         JOIN pg_catalog.pg_class tc ON tc.oid = t.tgrelid JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
        WHERE NOT t.tgisinternal ORDER BY 1, 2, 3`,
    )
  ).rows;
  for (const f of o2) {
    const live = rows.filter((r) => `${qualified(r.fschema, r.fname)}()` === f.object).map((r) => `${r.trig} on ${qualified(r.tschema, r.tname)}`);
    if (live.length > 0) {
      f.message += ` Live has ${live.join(', ')} calling it — created outside the migrations (drift): the baseline keeps it, but environments built from the old history never had it.`;
    } else {
      f.message += ' Live has no trigger calling it either: it looks like dead code.';
      f.severity = 'info';
    }
  }
}
