import type { CatalogReader } from '../catalog-reader.js';
import { catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type OperatorObject } from '../snapshot-types.js';
import { ROUTINE_IDENTITY, routineId } from './functions.js';

const PG_OPERATOR = '2617';

interface OperatorRow {
  oid: string;
  nsp_oid: string;
  schema: string;
  name: string;
  owner: string;
  left: string | null;
  right: string;
  fn_text: string;
  fn_schema: string;
  fn_name: string;
  fn_signature: string;
  commutator: string | null;
  negator: string | null;
  restrict: string | null;
  join: string | null;
  hashes: boolean;
  merges: boolean;
}

const OPERATOR_REF = (oidExpr: string) =>
  `(SELECT 'OPERATOR(' || quote_ident(cn.nspname) || '.' || co.oprname || ')' FROM pg_operator co JOIN pg_namespace cn ON cn.oid = co.oprnamespace WHERE co.oid = ${oidExpr})`;

/** User operators (exported so inspect can issue it ahead of time). Shell operators (no function yet) are skipped. */
export const OPERATORS_SQL = `SELECT o.oid::text AS oid, o.oprnamespace::text AS nsp_oid, n.nspname AS schema, o.oprname AS name,
            pg_get_userbyid(o.oprowner) AS owner,
            CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END AS left, format_type(o.oprright, NULL) AS right,
            o.oprcode::regprocedure::text AS fn_text, ${ROUTINE_IDENTITY('p', 'fn')},
            CASE WHEN o.oprcom <> 0 THEN ${OPERATOR_REF('o.oprcom')} END AS commutator,
            CASE WHEN o.oprnegate <> 0 THEN ${OPERATOR_REF('o.oprnegate')} END AS negator,
            CASE WHEN o.oprrest <> 0 THEN o.oprrest::regproc::text END AS restrict,
            CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::regproc::text END AS join,
            o.oprcanhash AS hashes, o.oprcanmerge AS merges
       FROM pg_operator o
       JOIN pg_namespace n ON n.oid = o.oprnamespace
       JOIN pg_proc p ON p.oid = o.oprcode
       JOIN pg_namespace fn ON fn.oid = p.pronamespace
      WHERE o.oprnamespace = ANY($1::oid[])`;

/** CREATE OPERATOR with its function, operand types, commutator, negator, estimators, HASHES / MERGES. */
export async function loadOperators(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<OperatorRow>(OPERATORS_SQL, [state.userNamespaceOids()]);
  for (const row of r.rows) {
    if (state.isExtensionMember(PG_OPERATOR, row.oid)) continue;
    const signature = `${row.left ?? 'NONE'}, ${row.right}`;
    const functionId = routineId(row.fn_schema, row.fn_name, row.fn_signature);
    const obj: OperatorObject = {
      kind: 'operator',
      id: objectId('operator', [row.schema, row.name], signature),
      schema: row.schema,
      name: row.name,
      signature,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props: {
        left: row.left,
        right: row.right,
        function: row.fn_text,
        functionId,
        commutator: row.commutator,
        negator: row.negator,
        restrict: row.restrict,
        join: row.join,
        hashes: row.hashes,
        merges: row.merges,
      },
    };
    state.add(obj, catalogKey(PG_OPERATOR, row.oid));
    state.addSchemaEdge(obj.id, row.nsp_oid);
    state.addEdge(obj.id, functionId);
  }
}
