/**
 * Read a whole custom-format dump through `pg_restore -f -` and count the rows of every COPY
 * block. This proves two things the manifest hash alone cannot: the archive decompresses to the
 * end (a truncated or bit-flipped data block makes pg_restore fail), and it holds exactly the
 * rows counted in the database when the backup was taken.
 */
import { StringDecoder } from 'node:string_decoder';
import { runTool } from './pg-tools.js';
import { qualified, readQualifiedName } from '../sql/ident.js';

export interface DumpReadResult {
  ok: boolean;
  /** Redacted stderr when pg_restore failed. */
  error?: string;
  /** tableKey → rows */
  rows: Record<string, number>;
}

/** Parse `schema.table` as pg_dump prints it (fmtId: quoted when needed, "" escapes). */
export function parseDumpQualifiedName(text: string): { schema: string; table: string; rest: string } | null {
  const name = readQualifiedName(text, 0, /[^\s."(]+/);
  if (!name || name.parts.length !== 2) return null;
  return { schema: name.parts[0]!, table: name.parts[1]!, rest: text.slice(name.end) };
}

/** Stream the dump as SQL and count COPY rows per table. */
export async function readDumpRows(pgRestore: string, file: string): Promise<DumpReadResult> {
  const rows: Record<string, number> = {};
  let current: string | null = null;
  let carry = '';
  const decoder = new StringDecoder('utf8');
  const onLine = (line: string) => {
    if (current !== null) {
      if (line === '\\.') current = null;
      else rows[current] = (rows[current] ?? 0) + 1;
      return;
    }
    if (line.startsWith('COPY ') && line.endsWith('FROM stdin;')) {
      const q = parseDumpQualifiedName(line.slice(5));
      if (q) {
        current = qualified(q.schema, q.table);
        rows[current] = rows[current] ?? 0;
      }
    }
  };
  const r = await runTool(pgRestore, ['--data-only', '--file=-', file], {
    onStdout: (chunk) => {
      const text = carry + decoder.write(chunk);
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    },
  });
  carry += decoder.end();
  if (carry) onLine(carry);
  if (r.code !== 0) return { ok: false, error: r.stderr.trim() || `pg_restore exited with ${r.code ?? r.signal}`, rows };
  return { ok: true, rows };
}
