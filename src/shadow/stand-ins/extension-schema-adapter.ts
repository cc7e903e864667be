import { parseSync } from 'libpg-query';
import type { Client } from '../../db/client.js';
import { ident } from '../../sql/ident.js';
import { isPlatformExtension } from '../../introspect/platform-scope.js';
import { standInDefinition } from './catalog.js';
import type { AdaptedStatement } from './statement-adapter.js';

/**
 * `CREATE EXTENSION IF NOT EXISTS pgsodium WITH SCHEMA pgsodium` — the first lines of many
 * pg_dump-made histories — assume the platform had preinstalled the extension (pgsodium on
 * images before 15.8.1.060, pg_graphql before 2026-04): PostgreSQL refuses WITH SCHEMA for a
 * schema that does not exist. For a platform extension whose stand-in names that schema in its
 * control file, the statement runs without the clause, so the extension creates its own schema
 * as on those projects. Reported like every adaptation.
 */
export async function adaptPreinstalledExtensionSchema(client: Client, text: string): Promise<AdaptedStatement | undefined> {
  if (!/\bcreate\s+extension\b/i.test(text) || !/\bschema\b/i.test(text)) return undefined;
  let ext: { extname: string; if_not_exists?: boolean; options?: { DefElem: { defname: string; arg?: { String?: { sval: string } } } }[] } | undefined;
  try {
    const parsed = parseSync(text) as unknown as { stmts: { stmt: Record<string, unknown> }[] };
    if (parsed.stmts.length !== 1) return undefined;
    ext = parsed.stmts[0]!.stmt['CreateExtensionStmt'] as typeof ext;
  } catch {
    return undefined;
  }
  if (!ext || !isPlatformExtension(ext.extname)) return undefined;
  const options = ext.options ?? [];
  const schema = options.find((o) => o.DefElem.defname === 'schema')?.DefElem.arg?.String?.sval;
  if (!schema || options.some((o) => o.DefElem.defname !== 'schema')) return undefined;
  if (standInDefinition(ext.extname)?.controlSchema !== schema) return undefined;
  const exists = await client.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema]);
  if (exists.rowCount) return undefined;
  return {
    text: `CREATE EXTENSION ${ext.if_not_exists ? 'IF NOT EXISTS ' : ''}${ident(ext.extname)}`,
    note: `CREATE EXTENSION ${ext.extname} ran without WITH SCHEMA ${schema}: the extension creates that schema itself, as on projects that had it preinstalled`,
    async after() {},
  };
}
