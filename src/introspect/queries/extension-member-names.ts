import type { Client } from '../../db/client.js';

/** A function, relation or type that belongs to an extension. */
export interface ExtensionMemberName {
  extension: string;
  schema: string;
  name: string;
}

/**
 * schema.name of every function, relation and type that belongs to one of these extensions:
 * pg_dump's second opinion leaves their grants out when the shadow emulates the extension.
 */
export async function readExtensionMemberNames(c: Client, extensions: readonly string[]): Promise<ExtensionMemberName[]> {
  if (extensions.length === 0) return [];
  return (
    await c.query<ExtensionMemberName>(
      `SELECT DISTINCT e.extname AS extension, n.nspname AS schema, x.name
           FROM pg_catalog.pg_depend d
           JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
           JOIN LATERAL (
             SELECT p.proname AS name, p.pronamespace AS nsp FROM pg_catalog.pg_proc p WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND p.oid = d.objid
             UNION ALL SELECT r.relname, r.relnamespace FROM pg_catalog.pg_class r WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND r.oid = d.objid
             UNION ALL SELECT t.typname, t.typnamespace FROM pg_catalog.pg_type t WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND t.oid = d.objid
           ) x ON true
           JOIN pg_catalog.pg_namespace n ON n.oid = x.nsp
          WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype = 'e' AND e.extname = ANY($1::text[])`,
      [extensions],
    )
  ).rows;
}
