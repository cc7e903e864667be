import type { CatalogReader } from './catalog-reader.js';
import { CATALOG, InspectState } from './inspect-state.js';
import { isManagedSchema } from './platform-scope.js';
import type { SnapshotObject } from './snapshot-types.js';
import { loadComments } from './queries/comments.js';
import { loadConstraints } from './queries/constraints.js';
import { loadFunctions } from './queries/functions.js';
import { loadGrants } from './queries/grants.js';
import { loadIndexes } from './queries/indexes.js';
import { loadPolicies } from './queries/policies.js';
import { loadSequences } from './queries/sequences.js';
import { loadTables } from './queries/tables.js';
import { loadTriggers } from './queries/triggers.js';
import { loadTypes } from './queries/types.js';
import { loadViews } from './queries/views.js';
import { loadDependencies } from './dependencies.js';
import { loadExtensionMemberGrants } from './queries/extension-member-grants.js';

/**
 * Schemas whose contents are squashbase's or the CLI's own bookkeeping, not the platform's:
 * never part of a platform delta (the history table differs between every two databases).
 */
const BOOKKEEPING_SCHEMAS: readonly string[] = ['supabase_migrations'];

/**
 * The objects in Supabase-managed schemas, read by the same loaders as user objects, in the
 * same transaction: the platform delta (src/platform-delta/) compares them between live, a
 * pristine platform and the replayed history. Extension members stay out (their extension
 * owns them), and so do the attachments the user pass already has (a user trigger on
 * auth.users is a user object, not a platform change).
 */
export async function loadManagedObjects(reader: CatalogReader, user: InspectState): Promise<SnapshotObject[]> {
  const state = new InspectState();
  for (const [key, ext] of user.extensionMembers) state.extensionMembers.set(key, ext);
  for (const ns of user.namespaces.values()) {
    const managed = isManagedSchema(ns.name) && !BOOKKEEPING_SCHEMAS.includes(ns.name) && ns.class === 'platform' && !user.isExtensionMember(CATALOG.pg_namespace, ns.oid);
    state.namespaces.set(ns.oid, { ...ns, class: managed ? 'user' : 'system' });
  }
  if (state.userNamespaceOids().length === 0) return [];
  for (const load of [loadTypes, loadTables, loadSequences, loadConstraints, loadIndexes, loadViews, loadFunctions, loadTriggers, loadPolicies, loadGrants, loadExtensionMemberGrants, loadComments, loadDependencies]) {
    await load(reader, state);
  }
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
