import type { Snapshot } from '../introspect/snapshot-types.js';
import { unreadableDataMessage } from '../introspect/data-readability.js';
import { ident, literal, literalOrNull, qualified } from '../sql/ident.js';

/** Rows read (read-only) from live for --include-data, as text values. */
export interface DataSection {
  schema: string;
  table: string;
  /** Inserted columns, in order (generated columns left out by the reader). */
  columns: string[];
  /** Each row's values as text (NULL as null), in `columns` order; already sorted by the reader. */
  rows: (string | null)[][];
  /** A GENERATED ALWAYS identity column is among the columns. */
  overridingSystemValue?: boolean;
  /** Columns fed by a sequence (serial / identity, ascending): advanced past the carried rows. Set by the generator. */
  sequenceColumns?: string[];
}

/** schema.table label as users type it in --include-data. */
export function dataLabel(d: { schema: string; table: string }): string {
  return `${d.schema}.${d.table}`;
}

/**
 * INSERT … ON CONFLICT DO NOTHING per row (values as untyped literals, cast by the column);
 * cron.job as cron.schedule() calls, because pg_cron owns that table.
 */
export function renderDataSection(d: DataSection): string[] {
  if (d.schema === 'cron' && d.table === 'job') return renderCronJobs(d);
  const target = `${qualified(d.schema, d.table)} (${d.columns.map(ident).join(', ')})`;
  const overriding = d.overridingSystemValue ? ' OVERRIDING SYSTEM VALUE' : '';
  const inserts = d.rows.map((row) => `INSERT INTO ${target}${overriding}\nVALUES (${row.map(literalOrNull).join(', ')})\nON CONFLICT DO NOTHING;`);
  // Rows carried with their ids would otherwise collide with the next nextval().
  const table = qualified(d.schema, d.table);
  const setvals = d.rows.length
    ? (d.sequenceColumns ?? [])
        .filter((c) => d.columns.includes(c))
        .map(
          (c) =>
            `SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(${literal(table)}, ${literal(c)}), s.m)\n` +
            `FROM (SELECT max(${ident(c)}) AS m FROM ${table}) s WHERE s.m IS NOT NULL;`,
        )
    : [];
  return [...inserts, ...setvals];
}

function renderCronJobs(d: DataSection): string[] {
  const col = (name: string) => d.columns.indexOf(name);
  const [iName, iSchedule, iCommand] = [col('jobname'), col('schedule'), col('command')];
  if (iSchedule < 0 || iCommand < 0) throw new Error('cron.job rows need schedule and command columns');
  return d.rows.map((row) => {
    const name = iName >= 0 ? row[iName] : null;
    const args = [row[iSchedule] ?? null, row[iCommand] ?? null].map(literalOrNull);
    return name != null ? `SELECT cron.schedule(${literalOrNull(name)}, ${args.join(', ')});` : `SELECT cron.schedule(${args.join(', ')});`;
  });
}

/**
 * Warnings for platform data live has that the baseline leaves out (never silently lost), and
 * for platform data tables the inspecting role could not read in full.
 * `carriedAsConfig`: rows per table the configuration section carries (buckets, jobs, queues,
 * secret names); only rows beyond those are reported.
 */
export function omittedDataWarnings(snapshot: Snapshot, included: DataSection[], carriedAsConfig: ReadonlyMap<string, number> = new Map()): string[] {
  const have = new Set(included.map(dataLabel));
  const out: string[] = [];
  for (const note of [...snapshot.data].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0))) {
    // Rows the inspecting role could not see cannot be counted, carried or reported as left out.
    const unreadable = unreadableDataMessage(note);
    if (unreadable) out.push(unreadable);
    const left = note.rows - (carriedAsConfig.get(note.table) ?? 0);
    if (left <= 0 || have.has(note.table)) continue;
    if (note.table === 'vault.secrets') {
      out.push(`vault.secrets has ${left} secret${left === 1 ? '' : 's'} without a name, not carried (a baseline carries secrets by name only).`);
      continue;
    }
    out.push(`${note.table} has ${left} row${left === 1 ? '' : 's'} not included; pass --include-data ${note.table}`);
  }
  return out;
}
