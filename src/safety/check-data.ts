/**
 * `squashbase check-data`: a record of the data that consolidation must not change — exact row
 * counts per user table, rows that break a foreign key, duplicate keys under unique indexes —
 * taken in ONE read-only transaction. `consolidate` saves one before and one after its run and
 * compares them, so its report can prove no row changed.
 */
import { readFile } from 'node:fs/promises';
import type { ConnectionTarget } from '../db/connection.js';
import { withClient, withReadOnlySnapshot } from '../db/client.js';
import { SquashbaseError } from '../errors.js';
import { canonicalJson } from '../util/canonical-json.js';
import { writeFileAtomic } from '../util/fs-atomic.js';
import { VERSION } from '../version.js';
import { checkForeignKeys, checkUniqueKeys, type ForeignKeyCheck, type UniqueCheck } from './data-integrity.js';
import { countRows, listTables, tableKey, type TableRowCount } from './row-counts.js';
import { excludedSchemas } from './scope.js';

export const DATA_CHECK_FORMAT = 'squashbase.data-check';
export const DATA_CHECK_VERSION = 1;

export interface DataCheck {
  format: typeof DATA_CHECK_FORMAT;
  formatVersion: number;
  tool: string;
  takenAt: string;
  target: string;
  serverVersion: string;
  rowCounts: TableRowCount[];
  foreignKeys: ForeignKeyCheck[];
  uniqueKeys: UniqueCheck[];
  /** Tables checked for duplicates only up to this many rows. */
  rowCap: number;
  summary: { tables: number; rows: number; orphanRows: number; fkViolated: number; duplicateGroups: number; uniqueViolated: number; uniqueSkipped: number };
}

export interface CheckDataOptions {
  target: ConnectionTarget;
  /** Skip the duplicate scan on tables with more rows than this (default 1,000,000). */
  rowCap?: number;
  now?: Date;
}

export const DEFAULT_ROW_CAP = 1_000_000;

/** Take a data check. Read-only. */
export async function runCheckData(options: CheckDataOptions): Promise<DataCheck> {
  const rowCap = options.rowCap ?? DEFAULT_ROW_CAP;
  const excluded = await excludedSchemas();
  return withClient(
    options.target,
    (client) =>
      withReadOnlySnapshot(client, async () => {
        const serverVersion = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
        const rowCounts = await countRows(client, await listTables(client, 'user'));
        const foreignKeys = await checkForeignKeys(client, excluded);
        const uniqueKeys = await checkUniqueKeys(client, excluded, new Map(rowCounts.map((r) => [tableKey(r), r.rows])), rowCap);
        return {
          format: DATA_CHECK_FORMAT,
          formatVersion: DATA_CHECK_VERSION,
          tool: `squashbase ${VERSION}`,
          takenAt: (options.now ?? new Date()).toISOString(),
          target: options.target.display,
          serverVersion,
          rowCounts,
          foreignKeys,
          uniqueKeys,
          rowCap,
          summary: {
            tables: rowCounts.length,
            rows: rowCounts.reduce((a, r) => a + r.rows, 0),
            orphanRows: foreignKeys.reduce((a, f) => a + f.orphans, 0),
            fkViolated: foreignKeys.filter((f) => f.orphans > 0).length,
            duplicateGroups: uniqueKeys.reduce((a, u) => a + u.duplicateGroups, 0),
            uniqueViolated: uniqueKeys.filter((u) => u.duplicateGroups > 0).length,
            uniqueSkipped: uniqueKeys.filter((u) => u.skipped).length,
          },
        } satisfies DataCheck;
      }),
    { applicationName: `squashbase/${VERSION}/check-data` },
  );
}

/** Write a data check as canonical JSON (atomic). */
export async function saveDataCheck(check: DataCheck, file: string): Promise<void> {
  await writeFileAtomic(file, canonicalJson(check));
}

/** Read a saved data check; throws USAGE for a file that is not one. */
export async function loadDataCheck(file: string): Promise<DataCheck> {
  let value: DataCheck;
  try {
    value = JSON.parse(await readFile(file, 'utf8')) as DataCheck;
  } catch (err) {
    throw new SquashbaseError('USAGE', `Cannot read the data check ${file}.`, { cause: err, hint: 'Pass a file written by `squashbase check-data --save`.' });
  }
  if (value.format !== DATA_CHECK_FORMAT) {
    throw new SquashbaseError('USAGE', `${file} is not a squashbase data check.`, { hint: 'Pass a file written by `squashbase check-data --save`.' });
  }
  return value;
}

export interface DataChange {
  /** 'rows' | 'orphans' | 'duplicates' */
  what: 'rows' | 'orphans' | 'duplicates';
  /** Table key, or table key + constraint/index. */
  subject: string;
  before: number | null;
  after: number | null;
}

export interface DataComparison {
  changed: boolean;
  changes: DataChange[];
  before: { takenAt: string; target: string };
  after: { takenAt: string; target: string };
}

function diffMaps(what: DataChange['what'], a: Map<string, number>, b: Map<string, number>): DataChange[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: DataChange[] = [];
  for (const k of keys) {
    const x = a.get(k) ?? null;
    const y = b.get(k) ?? null;
    if (x !== y) out.push({ what, subject: k, before: x, after: y });
  }
  return out;
}

/** What changed between two data checks (pure). */
export function compareDataChecks(before: DataCheck, after: DataCheck): DataComparison {
  const rows = (c: DataCheck) => new Map(c.rowCounts.map((r) => [tableKey(r), r.rows]));
  const fk = (c: DataCheck) => new Map(c.foreignKeys.map((f) => [`${tableKey(f)} ${f.constraint}`, f.orphans]));
  const uq = (c: DataCheck) => new Map(c.uniqueKeys.filter((u) => !u.skipped).map((u) => [`${tableKey(u)} ${u.index}`, u.duplicateGroups]));
  const changes = [...diffMaps('rows', rows(before), rows(after)), ...diffMaps('orphans', fk(before), fk(after)), ...diffMaps('duplicates', uq(before), uq(after))];
  return {
    changed: changes.length > 0,
    changes,
    before: { takenAt: before.takenAt, target: before.target },
    after: { takenAt: after.takenAt, target: after.target },
  };
}
