import type { CatalogReader } from '../catalog-reader.js';
import { CATALOG, catalogKey, type InspectState } from '../inspect-state.js';
import { objectId, type FunctionObject, type FunctionProps } from '../snapshot-types.js';
import { aggregateDefinition, type AggregateRow } from './aggregate.js';
import { sortStrings } from './common.js';

/** SQL expression list giving a routine's identity: schema, name and input argument types. */
export const ROUTINE_IDENTITY = (p: string, n: string) =>
  `${n}.nspname AS fn_schema, ${p}.proname AS fn_name, oidvectortypes(${p}.proargtypes) AS fn_signature`;

/** id of a routine (or the platform label of one) from ROUTINE_IDENTITY columns. */
export function routineId(schema: string, name: string, signature: string): string {
  return objectId('function', [schema, name], signature);
}

interface FunctionRow extends AggregateRow {
  oid: string;
  nsp_oid: string;
  fn_schema: string;
  fn_name: string;
  fn_signature: string;
  prokind: 'f' | 'p' | 'a' | 'w';
  identity_args: string;
  returns: string | null;
  definition: string | null;
  language: string;
  volatility: 'i' | 's' | 'v';
  security_definer: boolean;
  strict: boolean;
  leakproof: boolean;
  parallel: 's' | 'r' | 'u';
  config: string[];
  owner: string;
}

const KIND: Record<string, FunctionProps['routineKind']> = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' };
const VOLATILITY: Record<string, FunctionProps['volatility']> = { i: 'immutable', s: 'stable', v: 'volatile' };
const PARALLEL: Record<string, FunctionProps['parallel']> = { s: 'safe', r: 'restricted', u: 'unsafe' };

/** Catalog query of this loader (exported so inspect can issue it ahead of time). */
export const FUNCTIONS_SQL = `SELECT p.oid::text AS oid, p.pronamespace::text AS nsp_oid, ${ROUTINE_IDENTITY('p', 'n')},
            p.prokind::text AS prokind, pg_get_function_identity_arguments(p.oid) AS identity_args,
            CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END AS returns,
            CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS definition,
            l.lanname AS language, p.provolatile::text AS volatility, p.prosecdef AS security_definer,
            p.proisstrict AS strict, p.proleakproof AS leakproof, p.proparallel::text AS parallel,
            coalesce(p.proconfig, '{}') AS config, pg_get_userbyid(p.proowner) AS owner,
            CASE WHEN p.prokind = 'a' THEN pg_get_function_arguments(p.oid) END AS agg_arguments,
            ag.aggkind::text AS agg_kind,
            CASE WHEN ag.aggtransfn <> 0 THEN ag.aggtransfn::regproc::text END AS agg_sfunc,
            format_type(ag.aggtranstype, NULL) AS agg_stype,
            ag.aggtransspace AS agg_sspace,
            CASE WHEN ag.aggfinalfn <> 0 THEN ag.aggfinalfn::regproc::text END AS agg_finalfunc,
            ag.aggfinalextra AS agg_finalextra, ag.aggfinalmodify::text AS agg_finalmodify,
            CASE WHEN ag.aggcombinefn <> 0 THEN ag.aggcombinefn::regproc::text END AS agg_combinefunc,
            CASE WHEN ag.aggserialfn <> 0 THEN ag.aggserialfn::regproc::text END AS agg_serialfunc,
            CASE WHEN ag.aggdeserialfn <> 0 THEN ag.aggdeserialfn::regproc::text END AS agg_deserialfunc,
            CASE WHEN ag.aggmtransfn <> 0 THEN ag.aggmtransfn::regproc::text END AS agg_msfunc,
            CASE WHEN ag.aggminvtransfn <> 0 THEN ag.aggminvtransfn::regproc::text END AS agg_minvfunc,
            CASE WHEN ag.aggmtranstype <> 0 THEN format_type(ag.aggmtranstype, NULL) END AS agg_mstype,
            ag.aggmtransspace AS agg_msspace,
            CASE WHEN ag.aggmfinalfn <> 0 THEN ag.aggmfinalfn::regproc::text END AS agg_mfinalfunc,
            ag.aggmfinalextra AS agg_mfinalextra, ag.aggmfinalmodify::text AS agg_mfinalmodify,
            ag.agginitval AS agg_initcond, ag.aggminitval AS agg_minitcond,
            CASE WHEN ag.aggsortop <> 0 THEN
              (SELECT 'OPERATOR(' || quote_ident(opn.nspname) || '.' || o.oprname || ')'
                 FROM pg_operator o JOIN pg_namespace opn ON opn.oid = o.oprnamespace WHERE o.oid = ag.aggsortop) END AS agg_sortop
       FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace
       JOIN pg_language l ON l.oid = p.prolang
       LEFT JOIN pg_aggregate ag ON ag.aggfnoid = p.oid
      WHERE p.pronamespace = ANY($1::oid[])
        AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'i')`;

/**
 * Functions, procedures, aggregates and window functions in user schemas. Not here: extension
 * members and routines PostgreSQL made for another object (internal dependency: a range type's
 * constructor functions), which come back with that object.
 */
export async function loadFunctions(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<FunctionRow>(
    FUNCTIONS_SQL,
    [state.userNamespaceOids()],
  );
  for (const row of r.rows) {
    if (state.isExtensionMember(CATALOG.pg_proc, row.oid)) continue;
    const kind = KIND[row.prokind] ?? 'function';
    const props: FunctionProps = {
      routineKind: kind,
      identityArguments: row.identity_args,
      returns: kind === 'procedure' ? null : row.returns,
      definition: kind === 'aggregate' ? null : row.definition,
      language: row.language,
      volatility: VOLATILITY[row.volatility] ?? 'volatile',
      securityDefiner: row.security_definer,
      strict: row.strict,
      leakproof: row.leakproof,
      parallel: PARALLEL[row.parallel] ?? 'unsafe',
      config: sortStrings(row.config),
    };
    if (kind === 'aggregate') props.aggregateDefinition = aggregateDefinition(row.fn_schema, row.fn_name, row, PARALLEL[row.parallel]);
    const obj: FunctionObject = {
      kind: 'function',
      id: routineId(row.fn_schema, row.fn_name, row.fn_signature),
      schema: row.fn_schema,
      name: row.fn_name,
      signature: row.fn_signature,
      scope: 'user',
      owner: row.owner,
      dependsOn: [],
      props,
    };
    state.add(obj, catalogKey(CATALOG.pg_proc, row.oid));
    state.addSchemaEdge(obj.id, row.nsp_oid);
  }
}
