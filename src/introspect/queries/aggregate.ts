import { literal, qualified } from '../../sql/ident.js';

/** pg_aggregate columns as loaded by loadFunctions (regproc/format_type text, schema-qualified). */
export interface AggregateRow {
  agg_arguments: string | null;
  agg_kind: 'n' | 'o' | 'h' | null;
  agg_sfunc: string | null;
  agg_stype: string | null;
  agg_sspace: number | null;
  agg_finalfunc: string | null;
  agg_finalextra: boolean | null;
  agg_finalmodify: string | null;
  agg_combinefunc: string | null;
  agg_serialfunc: string | null;
  agg_deserialfunc: string | null;
  agg_msfunc: string | null;
  agg_minvfunc: string | null;
  agg_mstype: string | null;
  agg_msspace: number | null;
  agg_mfinalfunc: string | null;
  agg_mfinalextra: boolean | null;
  agg_mfinalmodify: string | null;
  agg_initcond: string | null;
  agg_minitcond: string | null;
  agg_sortop: string | null;
}

const MODIFY: Record<string, string> = { r: 'READ_ONLY', s: 'SHAREABLE', w: 'READ_WRITE' };

/**
 * A CREATE AGGREGATE statement assembled from pg_aggregate (pg_get_functiondef refuses
 * aggregates). Options at their defaults are left out, like pg_dump does.
 */
export function aggregateDefinition(schema: string, name: string, a: AggregateRow, parallel: string | undefined): string {
  const opts: string[] = [];
  if (a.agg_sfunc) opts.push(`SFUNC = ${a.agg_sfunc}`);
  if (a.agg_stype) opts.push(`STYPE = ${a.agg_stype}`);
  if (a.agg_sspace) opts.push(`SSPACE = ${a.agg_sspace}`);
  if (a.agg_finalfunc) {
    opts.push(`FINALFUNC = ${a.agg_finalfunc}`);
    if (a.agg_finalextra) opts.push('FINALFUNC_EXTRA');
    // Default is READ_ONLY for normal aggregates and READ_WRITE for ordered-set ones.
    const dflt = a.agg_kind === 'n' ? 'r' : 'w';
    if (a.agg_finalmodify && a.agg_finalmodify !== dflt) opts.push(`FINALFUNC_MODIFY = ${MODIFY[a.agg_finalmodify] ?? a.agg_finalmodify}`);
  }
  if (a.agg_combinefunc) opts.push(`COMBINEFUNC = ${a.agg_combinefunc}`);
  if (a.agg_serialfunc) opts.push(`SERIALFUNC = ${a.agg_serialfunc}`);
  if (a.agg_deserialfunc) opts.push(`DESERIALFUNC = ${a.agg_deserialfunc}`);
  if (a.agg_initcond != null) opts.push(`INITCOND = ${literal(a.agg_initcond)}`);
  if (a.agg_msfunc) {
    opts.push(`MSFUNC = ${a.agg_msfunc}`);
    if (a.agg_minvfunc) opts.push(`MINVFUNC = ${a.agg_minvfunc}`);
    if (a.agg_mstype) opts.push(`MSTYPE = ${a.agg_mstype}`);
    if (a.agg_msspace) opts.push(`MSSPACE = ${a.agg_msspace}`);
    if (a.agg_mfinalfunc) {
      opts.push(`MFINALFUNC = ${a.agg_mfinalfunc}`);
      if (a.agg_mfinalextra) opts.push('MFINALFUNC_EXTRA');
      const dflt = a.agg_kind === 'n' ? 'r' : 'w';
      if (a.agg_mfinalmodify && a.agg_mfinalmodify !== dflt) opts.push(`MFINALFUNC_MODIFY = ${MODIFY[a.agg_mfinalmodify] ?? a.agg_mfinalmodify}`);
    }
    if (a.agg_minitcond != null) opts.push(`MINITCOND = ${literal(a.agg_minitcond)}`);
  }
  if (a.agg_sortop) opts.push(`SORTOP = ${a.agg_sortop}`);
  if (a.agg_kind === 'h') opts.push('HYPOTHETICAL');
  if (parallel && parallel !== 'unsafe') opts.push(`PARALLEL = ${parallel.toUpperCase()}`);
  const args = a.agg_arguments && a.agg_arguments.length > 0 ? a.agg_arguments : '*';
  return `CREATE AGGREGATE ${qualified(schema, name)}(${args}) (\n    ${opts.join(',\n    ')}\n);`;
}
