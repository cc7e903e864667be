import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type CompositeTypeObject, type DomainObject, type EnumObject, type RangeTypeObject } from '../snapshot-types.js';

/** Qualified collation name, e.g. pg_catalog."C", from a collation oid expression. */
export const COLLATION_NAME = (oidExpr: string) =>
  `(SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
      FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = ${oidExpr})`;

interface TypeRow {
  oid: string;
  nsp_oid: string;
  schema: string;
  name: string;
  owner: string;
  typtype: string;
  labels: string[] | null;
  base_type: string | null;
  not_null: boolean;
  default_expr: string | null;
  collation: string | null;
  domain_constraints: { oid: string; name: string; definition: string; validated: boolean }[] | null;
  attributes: { name: string; type: string; collation: string | null }[] | null;
  relid: string | null;
  subtype: string | null;
  subtype_opclass: string | null;
  canonical: string | null;
  subtype_diff: string | null;
  multirange: string | null;
  multirange_oid: string | null;
  range_collation: string | null;
}

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const TYPES_SQL = `SELECT t.oid::text AS oid, t.typnamespace::text AS nsp_oid, n.nspname AS schema, t.typname AS name,
            pg_get_userbyid(t.typowner) AS owner, t.typtype::text AS typtype,
            CASE WHEN t.typtype = 'e' THEN
              ARRAY(SELECT en.enumlabel::text FROM pg_enum en WHERE en.enumtypid = t.oid ORDER BY en.enumsortorder) END AS labels,
            CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base_type,
            t.typnotnull AS not_null,
            CASE WHEN t.typtype = 'd' THEN coalesce(pg_get_expr(t.typdefaultbin, 0), t.typdefault) END AS default_expr,
            CASE WHEN t.typtype = 'd' AND t.typcollation <> 0
                  AND t.typcollation IS DISTINCT FROM (SELECT bt.typcollation FROM pg_type bt WHERE bt.oid = t.typbasetype)
                 THEN ${COLLATION_NAME('t.typcollation')} END AS collation,
            CASE WHEN t.typtype = 'd' THEN
              (SELECT json_agg(json_build_object('oid', co.oid::text, 'name', co.conname,
                        'definition', pg_get_constraintdef(co.oid, true), 'validated', co.convalidated) ORDER BY co.conname)
                 FROM pg_constraint co WHERE co.contypid = t.oid AND co.contype = 'c') END AS domain_constraints,
            CASE WHEN t.typtype = 'c' THEN
              (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod),
                        'collation', CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation
                                          THEN ${COLLATION_NAME('a.attcollation')} END) ORDER BY a.attnum)
                 FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
                WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END AS attributes,
            CASE WHEN t.typtype = 'c' THEN t.typrelid::text END AS relid,
            format_type(rg.rngsubtype, NULL) AS subtype,
            CASE WHEN rg.rngsubopc IS NOT NULL AND NOT oc.opcdefault
                 THEN quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) END AS subtype_opclass,
            CASE WHEN rg.rngcanonical <> 0 THEN rg.rngcanonical::regproc::text END AS canonical,
            CASE WHEN rg.rngsubdiff <> 0 THEN rg.rngsubdiff::regproc::text END AS subtype_diff,
            CASE WHEN rg.rngmultitypid IS NOT NULL THEN format_type(rg.rngmultitypid, NULL) END AS multirange,
            rg.rngmultitypid::text AS multirange_oid,
            CASE WHEN rg.rngcollation <> 0
                  AND rg.rngcollation IS DISTINCT FROM (SELECT st.typcollation FROM pg_type st WHERE st.oid = rg.rngsubtype)
                 THEN ${COLLATION_NAME('rg.rngcollation')} END AS range_collation
       FROM pg_type t
       JOIN pg_namespace n ON n.oid = t.typnamespace
       LEFT JOIN pg_range rg ON rg.rngtypid = t.oid
       LEFT JOIN pg_opclass oc ON oc.oid = rg.rngsubopc
       LEFT JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace
      WHERE t.typnamespace = ANY($1::oid[])
        AND (t.typtype IN ('e', 'd', 'r')
             OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))`;

/** Enums, domains, standalone composite types and range types: one query. */
export async function loadTypes(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<TypeRow>(
    TYPES_SQL,
    [state.userNamespaceOids()],
  );
  for (const row of r.rows) {
    if (state.isExtensionMember(CATALOG.pg_type, row.oid)) continue;
    const key = catalogKey(CATALOG.pg_type, row.oid);
    const base = { schema: row.schema, name: row.name, scope: 'user' as const, owner: row.owner, dependsOn: [] };
    let id: string;
    if (row.typtype === 'e') {
      const obj: EnumObject = { kind: 'enum', id: objectId('enum', [row.schema, row.name]), ...base, props: { labels: row.labels ?? [] } };
      state.add(obj, key);
      id = obj.id;
    } else if (row.typtype === 'd') {
      const obj: DomainObject = {
        kind: 'domain',
        id: objectId('domain', [row.schema, row.name]),
        ...base,
        props: {
          baseType: row.base_type ?? '',
          notNull: row.not_null,
          default: row.default_expr,
          collation: row.collation,
          constraints: (row.domain_constraints ?? []).map((c) => ({ name: c.name, definition: c.definition, validated: c.validated })),
        },
      };
      state.add(obj, key);
      id = obj.id;
      // Domain constraints are part of the domain: their dependencies and comments are the domain's.
      for (const c of row.domain_constraints ?? []) {
        state.alias.set(catalogKey(CATALOG.pg_constraint, c.oid), id);
        state.domainConstraints.set(catalogKey(CATALOG.pg_constraint, c.oid), { domainId: id, name: c.name });
      }
    } else if (row.typtype === 'c') {
      const obj: CompositeTypeObject = {
        kind: 'composite_type',
        id: objectId('composite_type', [row.schema, row.name]),
        ...base,
        props: { attributes: row.attributes ?? [] },
      };
      state.add(obj, key);
      id = obj.id;
      // The composite's pg_class row and its attributes (which carry the type dependencies).
      if (row.relid) state.alias.set(catalogKey(CATALOG.pg_class, row.relid), id);
    } else {
      const obj: RangeTypeObject = {
        kind: 'range_type',
        id: objectId('range_type', [row.schema, row.name]),
        ...base,
        props: {
          subtype: row.subtype ?? '',
          subtypeOpclass: row.subtype_opclass,
          collation: row.range_collation,
          canonical: row.canonical,
          subtypeDiff: row.subtype_diff,
          multirangeName: row.multirange,
        },
      };
      state.add(obj, key);
      id = obj.id;
      if (row.multirange_oid) state.alias.set(catalogKey(CATALOG.pg_type, row.multirange_oid), id);
    }
    state.addSchemaEdge(id, row.nsp_oid);
  }
}
