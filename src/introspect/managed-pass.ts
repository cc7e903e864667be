import type { CatalogReader, PrefetchingReader } from './catalog-reader.js';
import { CATALOG, InspectState } from './inspect-state.js';
import { isManagedSchema } from './platform-scope.js';
import type { SnapshotObject } from './snapshot-types.js';
import { COMMENTS_SQL, loadComments } from './queries/comments.js';
import { CONSTRAINTS_SQL, loadConstraints } from './queries/constraints.js';
import { FUNCTIONS_SQL, loadFunctions } from './queries/functions.js';
import { GRANTS_SQL, loadGrants } from './queries/grants.js';
import { INDEXES_SQL, loadIndexes } from './queries/indexes.js';
import { POLICIES_SQL, loadPolicies } from './queries/policies.js';
import { SEQUENCES_SQL, loadSequences } from './queries/sequences.js';
import { COLUMNS_SQL, TABLES_SQL, loadTables } from './queries/tables.js';
import { TRIGGERS_SQL, loadTriggers } from './queries/triggers.js';
import { TYPES_SQL, loadTypes } from './queries/types.js';
import { VIEWS_SQL, loadViews } from './queries/views.js';
import { DEPENDENCIES_SQL, loadDependencies } from './dependencies.js';
import { EXTENSION_MEMBER_GRANTS_SQL, loadExtensionMemberGrants } from './queries/extension-member-grants.js';

/**
 * Schemas whose contents are squashbase's or the CLI's own bookkeeping, not the platform's:
 * never part of a platform delta (the history table differs between every two databases).
 */
const BOOKKEEPING_SCHEMAS: readonly string[] = ['supabase_migrations'];

/** The managed pass's loaders in order, and the catalog queries each runs. */
const MANAGED_STEPS: [load: (reader: CatalogReader, state: InspectState) => Promise<void>, queries: string[]][] = [
  [loadTypes, [TYPES_SQL]],
  [loadTables, [TABLES_SQL, COLUMNS_SQL]],
  [loadSequences, [SEQUENCES_SQL]],
  [loadConstraints, [CONSTRAINTS_SQL]],
  [loadIndexes, [INDEXES_SQL]],
  [loadViews, [VIEWS_SQL]],
  [loadFunctions, [FUNCTIONS_SQL]],
  [loadTriggers, [TRIGGERS_SQL]],
  [loadPolicies, [POLICIES_SQL]],
  [loadGrants, [GRANTS_SQL]],
  [loadExtensionMemberGrants, [EXTENSION_MEMBER_GRANTS_SQL]],
  [loadComments, [COMMENTS_SQL]],
  [loadDependencies, [DEPENDENCIES_SQL]],
];

/**
 * The managed pass's own state, decided by the scope alone (namespaces and extension members,
 * known once the user pass has read its scope): the managed schemas are its "user" schemas.
 */
export function managedScope(user: InspectState): InspectState {
  const state = new InspectState();
  for (const [key, ext] of user.extensionMembers) state.extensionMembers.set(key, ext);
  for (const ns of user.namespaces.values()) {
    const managed = isManagedSchema(ns.name) && !BOOKKEEPING_SCHEMAS.includes(ns.name) && ns.class === 'platform' && !user.isExtensionMember(CATALOG.pg_namespace, ns.oid);
    state.namespaces.set(ns.oid, { ...ns, class: managed ? 'user' : 'system' });
  }
  return state;
}

/**
 * Queue the managed pass's namespace-bound queries behind the user pass's, so the server reads
 * them while JS still works on the user objects. Parameterless ones are not queued again: the
 * reader answers them from the user pass's result (same transaction, same text).
 */
export function prefetchManaged(reader: PrefetchingReader, state: InspectState): void {
  const nsOids = state.userNamespaceOids();
  if (nsOids.length === 0) return;
  for (const [, queries] of MANAGED_STEPS) for (const sql of queries) if (sql.includes('$1')) reader.prefetch(sql, [nsOids]);
}

/**
 * The objects in Supabase-managed schemas, read by the same loaders as user objects, in the
 * same transaction: the platform delta (src/platform-delta/) compares them between live, a
 * pristine platform and the replayed history. Extension members stay out (their extension
 * owns them), and so do the attachments the user pass already has (a user trigger on
 * auth.users is a user object, not a platform change). `state` is managedScope(user), made
 * earlier when the queries were prefetched.
 */
export async function loadManagedObjects(reader: CatalogReader, user: InspectState, state: InspectState = managedScope(user)): Promise<SnapshotObject[]> {
  if (state.userNamespaceOids().length === 0) return [];
  for (const [load] of MANAGED_STEPS) await load(reader, state);
  const objects = [...state.objects.values()].filter((o) => !user.objects.has(o.id));
  const kept = new Set(objects.map((o) => o.id));
  for (const o of objects) {
    const deps = state.edges.get(o.id);
    o.dependsOn = deps ? [...deps].filter((d) => d !== o.id && kept.has(d)).sort(codeUnitOrder) : [];
    // Nothing in here is attached to anything: it is in a managed schema.
    delete o.attachedTo;
  }
  return objects.sort((a, b) => codeUnitOrder(a.id, b.id));
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
