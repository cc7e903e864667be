import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { libpqEnv, type ConnectionTarget } from '../../src/db/connection.js';
import type { Snapshot } from '../../src/introspect/snapshot-types.js';

const run = promisify(execFile);

/** PostgreSQL 15 client from Debian (pg_dump must be at least the server major). */
export const PG_DUMP = process.env['SQUASHBASE_PG_DUMP'] ?? '/usr/bin/pg_dump';

/** Major version of PG_DUMP (pg_dump refuses servers of a newer major). */
export async function pgDumpMajor(): Promise<number> {
  const { stdout } = await run(PG_DUMP, ['--version']);
  const m = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^0-9]*/, ''));
  return m ? Number(m[1]) : 0;
}

/**
 * Can pg_dump dump a server of this major? The default test server (15) always can; with
 * SQUASHBASE_TEST_PG_MAJOR=17 and Debian's pg_dump 15 the comparison is not possible.
 */
export async function pgDumpCanDump(serverMajor: number): Promise<boolean> {
  return (await pgDumpMajor()) >= serverMajor;
}

/** `pg_dump --schema-only` of a database (password via PGPASSWORD, never argv), without supabase_migrations. */
export async function pgDumpSchema(target: ConnectionTarget): Promise<string> {
  const { stdout } = await run(PG_DUMP, ['--schema-only', '--no-password', '--exclude-schema=supabase_migrations'], {
    env: libpqEnv(target),
    maxBuffer: 512 * 1024 * 1024,
  });
  return stdout;
}

/**
 * Normalise a schema dump for comparison: drop \restrict/\unrestrict (random keys per run), the
 * version and TOC comments, SET / set_config lines and blank lines, then sort the statements,
 * because pg_dump breaks ties between equal-priority objects by OID, which differs between a
 * database built by history and one built by the baseline.
 */
export function normalizePgDump(dump: string, ignore?: RegExp): string {
  const kept = dump
    .split('\n')
    .filter((l) => !ignore || !ignore.test(l))
    .filter((l) => !/^\\(restrict|unrestrict)\b/.test(l))
    .filter((l) => !/^--/.test(l))
    .filter((l) => !/^SET /.test(l))
    .filter((l) => !/^SELECT pg_catalog\.set_config\(/.test(l))
    .map(sortUnorderedLists)
    .join('\n');
  // Statements end with ';' at the end of a line outside function bodies; pg_dump puts a blank
  // line between TOC entries, which is the split we use.
  const blocks = kept
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  return blocks.sort().join('\n\n') + '\n';
}

/**
 * Lists whose order the catalog does not keep in a meaningful way (reloptions, event trigger
 * tags; the snapshot stores them sorted): sort their items so order alone never differs.
 */
function sortUnorderedLists(line: string): string {
  const sortItems = (items: string) => items.split(', ').sort().join(', ');
  if (/^(WITH \(|CREATE (MATERIALIZED )?VIEW )/.test(line)) line = line.replace(/WITH \(([^()]*)\)/, (_m, items: string) => `WITH (${sortItems(items)})`);
  return line.replace(/WHEN TAG IN \(([^()]*)\)/, (_m, items: string) => `WHEN TAG IN (${sortItems(items)})`);
}

/**
 * GRANT/REVOKE lines on identity columns' implicit sequences (the snapshot has no grants for
 * them — a documented gap), as one pattern matching pg_dump's rendering of their names.
 */
export function identitySequenceGrantLines(snapshot: Snapshot): RegExp | undefined {
  const names: string[] = [];
  for (const o of snapshot.objects) {
    if (o.kind !== 'column' || !o.props.identity || !o.schema) continue;
    names.push(`${dumpIdent(o.schema)}.${dumpIdent(o.props.identity.sequenceName)}`);
  }
  if (!names.length) return undefined;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(GRANT|REVOKE) .* ON SEQUENCE (${names.map(esc).join('|')}) (TO|FROM) `);
}

/** pg_dump quotes only names that need it (lower-case letters, digits, _ and not starting with a digit). */
function dumpIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : '"' + name.replace(/"/g, '""') + '"';
}
