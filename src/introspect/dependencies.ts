import type { CatalogReader } from './catalog-reader.js';
import { CATALOG, type InspectState } from './inspect-state.js';

interface DependRow {
  /** catalog key of the dependent: classid:objid:objsubid */
  dep: string;
  /** catalog key of the referenced object */
  ref: string;
  deptype: 'n' | 'a' | 'i';
}

/**
 * pg_depend rows between user-range objects (exported so inspect can issue it ahead of time).
 * Keys are built by the server in catalogKey() form: three columns per row instead of seven.
 */
export const DEPENDENCIES_SQL = `SELECT d.classid::text || ':' || d.objid::text || ':' || d.objsubid::text AS dep,
            d.refclassid::text || ':' || d.refobjid::text || ':' || d.refobjsubid::text AS ref,
            d.deptype::text AS deptype
       FROM pg_depend d
      WHERE d.deptype IN ('n', 'a', 'i') AND d.objid >= 16384 AND d.refobjid >= 16384`;

const ATTRDEF = CATALOG.pg_attrdef + ':';
const CLASS = CATALOG.pg_class + ':';

/**
 * Translate pg_depend into snapshot edges (plus the structural edges the loaders added).
 *
 * A catalog row that is not itself a snapshot object stands for one: an array type for its
 * element type, a row type for its table, a _RETURN rule for its view, a column default
 * (pg_attrdef) for its column, a constraint's index for the constraint, an identity sequence
 * for its column. Internal ('i') dependencies and the pg_attrdef auto dependency give those
 * aliases; references to members of a user extension become the extension. Platform objects
 * and objects of platform extensions resolve to nothing and are dropped.
 */
export async function loadDependencies(client: CatalogReader, state: InspectState): Promise<void> {
  const r = await client.query<DependRow>(DEPENDENCIES_SQL);

  // 1. Aliases: rows whose dependent is not a snapshot object but stands for its referent.
  for (const row of r.rows) {
    if (state.exact.has(row.dep) || state.alias.has(row.dep)) continue;
    if (row.deptype === 'i' || (row.deptype === 'a' && row.dep.startsWith(ATTRDEF))) state.alias.set(row.dep, row.ref);
  }

  // 2. Edges.
  for (const row of r.rows) {
    const from = resolve(state, row.dep, false);
    if (!from) continue;
    const to = resolve(state, row.ref, true);
    if (!to || to === from) continue;
    // OWNED BY: the sequence does not need its column first (the column default needs the sequence).
    if (row.deptype === 'a' && row.ref.startsWith(CLASS) && !row.ref.endsWith(':0') && state.objects.get(from)?.kind === 'sequence') continue;
    state.addEdge(from, to);
  }
}

/** The snapshot id a catalog row stands for, or undefined (platform, extension, not modelled). */
function resolve(state: InspectState, start: string, isReference: boolean): string | undefined {
  let key = start;
  for (let hops = 0; hops < 8; hops++) {
    const exact = state.exact.get(key);
    if (exact) return exact;
    const alias = state.alias.get(key);
    if (alias === undefined) break;
    if (state.objects.has(alias)) return alias; // an alias straight to a snapshot id
    key = alias; // an alias to another catalog row
  }
  // A sub-object (a view column, a composite attribute) that is not modelled: its parent.
  // Keys are classid:objid:subid; sliced rather than split, as most rows end up here.
  const lastColon = key.lastIndexOf(':');
  if (!key.endsWith(':0')) {
    const parent = resolve(state, key.slice(0, lastColon) + ':0', isReference);
    if (parent) return parent;
  }
  if (isReference) {
    const ext = state.extensionMembers.get(key.slice(0, lastColon));
    if (ext) return state.userExtensionIds.get(ext);
  }
  return undefined;
}
