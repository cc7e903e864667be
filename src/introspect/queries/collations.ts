import type { CatalogReader } from '../catalog-reader.js';
import { catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type CollationObject, type CollationProps } from '../snapshot-types.js';

const PG_COLLATION = '3456';

/** pg_collation's columns differ by major (colliculocale 15–16, colllocale 17+, collicurules 16+): read as JSON. */
interface CollationRow {
  oid: string;
  nsp_oid: string;
  schema: string;
  owner: string;
  c: {
    collname: string;
    collprovider: string;
    collisdeterministic: boolean;
    collcollate?: string | null;
    collctype?: string | null;
    colliculocale?: string | null;
    colllocale?: string | null;
    collicurules?: string | null;
  };
}

/** User collations (exported so inspect can issue it ahead of time). */
export const COLLATIONS_SQL = `SELECT co.oid::text AS oid, co.collnamespace::text AS nsp_oid, n.nspname AS schema,
            pg_get_userbyid(co.collowner) AS owner, to_jsonb(co) - 'oid' AS c
       FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace
      WHERE co.collnamespace = ANY($1::oid[])`;

/** CREATE COLLATION: provider, locale(s), deterministic, ICU rules. */
export async function loadCollations(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<CollationRow>(COLLATIONS_SQL, [state.userNamespaceOids()]);
  for (const row of r.rows) {
    if (state.isExtensionMember(PG_COLLATION, row.oid)) continue;
    const c = row.c;
    const provider = (['c', 'i', 'b'].includes(c.collprovider) ? c.collprovider : 'c') as CollationProps['provider'];
    const obj: CollationObject = {
      kind: 'collation',
      id: objectId('collation', [row.schema, c.collname]),
      schema: row.schema,
      name: c.collname,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: {
        provider,
        deterministic: c.collisdeterministic,
        lcCollate: c.collcollate ?? null,
        lcCtype: c.collctype ?? null,
        locale: c.colllocale ?? c.colliculocale ?? null,
        rules: c.collicurules ?? null,
      },
    };
    state.add(obj, catalogKey(PG_COLLATION, row.oid));
    state.addSchemaEdge(obj.id, row.nsp_oid);
  }
}
