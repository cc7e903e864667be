import { loadModule, parseSync, scanSync } from 'libpg-query';
import type { Client } from '../../db/client.js';
import { qualified } from '../../sql/ident.js';
import { adaptPreinstalledExtensionSchema } from './extension-schema-adapter.js';

/**
 * Statements a stand-in cannot take as written. CREATE EXTENSION of a once-preinstalled platform
 * extension into its own missing schema: see extension-schema-adapter.ts. And pgvector index options:
 * `CREATE INDEX … USING ivfflat (…) WITH (lists = 100)` (straight from Supabase's docs) or
 * `USING hnsw … WITH (m = 16, ef_construction = 64)` fail on the vector stand-in, whose access
 * methods are backed by the hash index machinery ("unrecognized parameter"). The adapter runs
 * the statement without its WITH clause, then stores the options in pg_class.reloptions (a
 * catalog write; the shadow connects as a superuser), so the index's definition reads exactly
 * as on live: pg_get_indexdef shows `WITH (lists='100')`. PostgreSQL re-reads reloptions
 * without validating them, so the index stays usable.
 *
 * Used by the replay loop (src/shadow/replay-core.ts) for every statement:
 *   const adapted = await adaptStatementForStandIns(client, stmt.text);
 *   await client.query(adapted?.text ?? stmt.text);
 *   if (adapted) await adapted.after(client);   // adapted.note says what was emulated
 */
export interface AdaptedStatement {
  text: string;
  note: string;
  after(client: Client): Promise<void>;
}

let loaded = false;
async function loadParser(): Promise<void> {
  if (!loaded) {
    await loadModule();
    loaded = true;
  }
}

interface DefElem {
  DefElem: { defname: string; arg?: Record<string, Record<string, unknown>>; location: number };
}

/** False when the statement certainly needs no adaptation (one regex test, no database round trip). */
export function mayNeedStandInAdaptation(text: string): boolean {
  return /\bcreate\s+extension\b/i.test(text) || (/\b(hnsw|ivfflat)\b/i.test(text) && /\bwith\s*\(/i.test(text));
}

/** Returns undefined when the statement needs no adaptation (the common case: one regex test). */
export async function adaptStatementForStandIns(client: Client, text: string): Promise<AdaptedStatement | undefined> {
  if (!mayNeedStandInAdaptation(text)) return undefined;
  if (/\bcreate\s+extension\b/i.test(text)) {
    await loadParser();
    return adaptPreinstalledExtensionSchema(client, text);
  }
  await loadParser();
  let stmt: Record<string, unknown> | undefined;
  try {
    const parsed = parseSync(text) as unknown as { stmts: { stmt: Record<string, unknown> }[] };
    if (parsed.stmts.length !== 1) return undefined;
    stmt = parsed.stmts[0]!.stmt;
  } catch {
    return undefined; // let the server report the syntax error
  }
  const index = stmt['IndexStmt'] as
    | { accessMethod?: string; options?: DefElem[]; idxname?: string; relation?: { schemaname?: string; relname: string }; if_not_exists?: boolean }
    | undefined;
  if (!index || !index.options?.length || !index.relation || !['hnsw', 'ivfflat'].includes(index.accessMethod ?? '')) return undefined;
  // Only for the hash-backed stand-in access method; a real pgvector takes the options itself.
  const am = await client.query(
    `SELECT 1 FROM pg_catalog.pg_am a JOIN pg_catalog.pg_proc p ON p.oid = a.amhandler WHERE a.amname = $1 AND p.prosrc = 'hashhandler'`,
    [index.accessMethod],
  );
  if (!am.rowCount) return undefined;

  // Cut "WITH ( … )" out using scanner tokens (UTF-8 byte offsets).
  const bytes = Buffer.from(text, 'utf8');
  const tokens = scanSync(text).tokens;
  const first = index.options[0]!.DefElem.location;
  const j = tokens.findIndex((t) => t.start === first);
  if (j < 2 || tokens[j - 1]!.text !== '(' || tokens[j - 2]!.text.toLowerCase() !== 'with') return undefined;
  let depth = 0;
  let close = -1;
  for (let k = j - 1; k < tokens.length; k++) {
    if (tokens[k]!.text === '(') depth++;
    else if (tokens[k]!.text === ')' && --depth === 0) {
      close = k;
      break;
    }
  }
  if (close < 0) return undefined;
  const stripped = Buffer.concat([bytes.subarray(0, tokens[j - 2]!.start), bytes.subarray(tokens[close]!.end)]).toString('utf8');
  const reloptions = index.options.map((o) => `${o.DefElem.defname}=${optionValue(o.DefElem.arg)}`);
  const table = qualified(index.relation.schemaname ?? null, index.relation.relname);
  const idxname = index.idxname;
  return {
    text: stripped,
    note: `${index.accessMethod} index options (${reloptions.join(', ')}) recorded in the catalog: the vector stand-in's index does not use them`,
    async after(c: Client) {
      const found = await c.query<{ oid: string; reloptions: string[] | null }>(
        `SELECT i.indexrelid::text AS oid, x.reloptions FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid
         WHERE i.indrelid = pg_catalog.to_regclass($1) AND ($2::text IS NULL OR x.relname = $2) ORDER BY i.indexrelid DESC LIMIT 1`,
        [table, idxname ?? null],
      );
      const row = found.rows[0];
      if (!row || row.reloptions) return; // IF NOT EXISTS hit an existing index
      await c.query('UPDATE pg_catalog.pg_class SET reloptions = $2::text[] WHERE oid = $1::oid', [row.oid, reloptions]);
    },
  };
}

function optionValue(arg: Record<string, Record<string, unknown>> | undefined): string {
  if (!arg) return 'true';
  const [kind, v] = Object.entries(arg)[0] ?? [];
  if (kind === 'Integer') return String(v?.['ival'] ?? 0);
  if (kind === 'Float') return String(v?.['fval'] ?? '0');
  if (kind === 'String') return String(v?.['sval'] ?? '');
  if (kind === 'Boolean') return String(v?.['boolval'] ?? false);
  if (kind === 'TypeName') return String(((v?.['names'] as { String: { sval: string } }[] | undefined) ?? []).map((n) => n.String.sval).pop() ?? '');
  return '';
}
