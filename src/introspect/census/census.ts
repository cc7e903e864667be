import type { CatalogReader } from '../catalog-reader.js';
import { isPlatformPublication, isPlatformRole } from '../platform-scope.js';
import { catalogKey, type InspectState } from '../inspect-state.js';
import type { CensusCount, NotModelledObject } from '../snapshot-types.js';
import { CENSUS_DESCRIBE_SQL, CENSUS_GLOBAL_SQL, CENSUS_NAMESPACED_SQL } from './census-queries.js';
import { notModelledReason } from './not-modelled-reasons.js';

interface CensusRow {
  classid: string;
  oid: string;
  catalog: string;
  kind: string;
  nsp: string | null;
  owner?: string | null;
  name?: string | null;
  part_of?: string | null;
  identity?: string | null;
}

export { CENSUS_GLOBAL_SQL, CENSUS_NAMESPACED_SQL };

/**
 * The census (DESIGN.md "No blind spots"): every user-scope row of every catalog that can hold
 * a user object, in the snapshot's own transaction and scope rules (user namespaces, no
 * extension members, no platform owners, no supabase_realtime publications). A row is modelled
 * when it is a snapshot object or stands for one (array types, row types, _RETURN rules,
 * constraint indexes, internal triggers: the aliases loadDependencies set); every other row is
 * named in `state.census.notModelled` with its pg_describe_object() identity and a reason.
 * Runs after every loader, so it sees everything they registered.
 */
export async function loadCensus(client: CatalogReader, state: InspectState): Promise<void> {
  const nsOids = state.userNamespaceOids();
  const namespaced = await client.query<CensusRow>(CENSUS_NAMESPACED_SQL, [nsOids]);
  const global = await client.query<CensusRow>(CENSUS_GLOBAL_SQL);

  const counts = new Map<string, CensusCount>();
  const missing: CensusRow[] = [];
  for (const row of [...namespaced.rows, ...global.rows]) {
    if (!inScope(row, state)) continue;
    // A row with an internal dependency (array type, row type, _RETURN rule, constraint index)
    // comes with the object it depends on: modelled with it, or named through it.
    const implied = impliedBy(state, catalogKey(row.classid, row.oid));
    if (implied === 'platform' || implied === 'unmodelled') continue;
    const key = `${row.catalog}\u0000${row.kind}`;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { catalog: row.catalog, kind: row.kind, total: 0, modelled: 0 }));
    c.total++;
    if (isModelled(row, state)) c.modelled++;
    else missing.push(row);
  }

  const undescribed = missing.filter((r) => r.identity == null);
  const described = new Map<string, string>();
  if (undescribed.length > 0) {
    const d = await client.query<{ key: string; identity: string | null }>(CENSUS_DESCRIBE_SQL, [
      undescribed.map((r) => r.classid),
      undescribed.map((r) => r.oid),
    ]);
    for (const r of d.rows) if (r.identity != null) described.set(r.key, r.identity);
  }
  const notModelled: NotModelledObject[] = missing.map((r) => ({
    catalog: r.catalog,
    kind: r.kind,
    identity: r.identity ?? described.get(`${r.classid}:${r.oid}`) ?? `${r.kind} ${r.name ?? r.oid}`,
    reason: notModelledReason(r.catalog, r.kind),
  }));
  state.census.counts = [...counts.values()].sort((a, b) => cmp(a.catalog, b.catalog) || cmp(a.kind, b.kind));
  state.census.notModelled = notModelled.sort((a, b) => cmp(a.catalog, b.catalog) || cmp(a.identity, b.identity) || cmp(a.kind, b.kind));
}

function inScope(row: CensusRow, state: InspectState): boolean {
  if (row.nsp != null && !state.isUserNamespace(row.nsp)) return false;
  if (row.owner != null && isPlatformRole(row.owner)) return false;
  if (row.catalog === 'pg_init_privs') {
    // Only a user extension's members: platform extensions' privileges are the platform's.
    const ext = state.extensionMembers.get(`${row.classid}:${row.oid}`);
    return ext !== undefined && state.userExtensionIds.has(ext);
  }
  if (row.catalog === 'pg_seclabel') return row.nsp != null && !state.isExtensionMember(row.classid, row.oid);
  if (state.isExtensionMember(row.classid, row.oid)) return false;
  if (row.catalog === 'pg_publication' && row.name != null && isPlatformPublication(row.name)) return false;
  if (row.catalog === 'pg_publication_namespace' && row.name != null && isPlatformPublication(row.name)) return false;
  if (row.catalog === 'pg_user_mapping' && row.part_of != null) {
    const [c, o] = row.part_of.split(':');
    if (state.isExtensionMember(c!, o!)) return false;
  }
  return true;
}

function isModelled(row: CensusRow, state: InspectState): boolean {
  if (row.identity != null) return false; // keyless rows (labels, changed privileges, large objects)
  // Default privileges become one snapshot object per grantee (loadDefaultPrivileges takes every in-scope row).
  if (row.catalog === 'pg_default_acl') return true;
  if (standsForObject(state, catalogKey(row.classid, row.oid))) return true;
  return row.part_of != null && standsForObject(state, row.part_of);
}

/**
 * For a row that only exists because of another (an internal pg_depend edge, loadDependencies'
 * aliases): 'modelled' when that other one is a snapshot object, 'platform' when it is an
 * extension member, 'unmodelled' otherwise. null for rows that stand on their own.
 */
function impliedBy(state: InspectState, start: string): 'modelled' | 'platform' | 'unmodelled' | null {
  if (state.exact.has(start) || !state.alias.has(start)) return null;
  let key = start;
  for (let hops = 0; hops < 8; hops++) {
    if (state.exact.has(key)) return 'modelled';
    const [c, o] = key.split(':');
    if (state.isExtensionMember(c!, o!)) return 'platform';
    const alias = state.alias.get(key);
    if (alias === undefined) return 'unmodelled';
    if (state.objects.has(alias)) return 'modelled';
    key = alias;
  }
  return 'unmodelled';
}

/** true when a catalog key is a snapshot object, or (through aliases) stands for one. */
function standsForObject(state: InspectState, start: string): boolean {
  let key = start;
  for (let hops = 0; hops < 8; hops++) {
    if (state.exact.has(key)) return true;
    const alias = state.alias.get(key);
    if (alias === undefined) return false;
    if (state.objects.has(alias)) return true;
    key = alias;
  }
  return false;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
