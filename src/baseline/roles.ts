import type { Snapshot } from '../introspect/snapshot-types.js';
import type { SnapshotIndex } from './snapshot-index.js';
import { cmp } from './snapshot-index.js';

/** Roles every Supabase project has (research/supabase-platform.md §2, §13). */
const PLATFORM_ROLE = /^(postgres|anon|authenticated|service_role|authenticator|dashboard_user|pgbouncer|supabase_.*|pgsodium_key.*|pgtle_admin|cli_login_.*|pg_.*|PUBLIC)$/;

export function isPlatformRole(role: string): boolean {
  return PLATFORM_ROLE.test(role);
}

/**
 * Custom (non-platform) roles the snapshot names — owners, grantees, default-privilege roles,
 * policy roles — sorted. Roles are cluster-wide: a baseline cannot create them, so it expects
 * them on the target (header list and guard block) and the shadow provides them from live.
 */
export function referencedRoles(snapshot: Pick<Snapshot, 'objects'>): string[] {
  const roles = new Set<string>();
  for (const o of snapshot.objects) {
    if (o.owner) roles.add(o.owner);
    if (o.kind === 'grant') roles.add(o.props.grantee);
    if (o.kind === 'default_privilege') {
      roles.add(o.props.role);
      roles.add(o.props.grantee);
    }
    if (o.kind === 'policy') for (const r of o.props.roles) roles.add(r);
  }
  return [...roles].filter((r) => !isPlatformRole(r)).sort(cmp);
}

/** B002: custom roles the baseline names (owners, grantees, policy roles) must exist on the target first. */
export function referencedRoleWarnings(idx: SnapshotIndex): string[] {
  const custom = referencedRoles(idx.snapshot);
  if (!custom.length) return [];
  return [`Custom roles must exist on the target before the baseline runs (roles are cluster-wide, not part of migrations): ${custom.join(', ')}`];
}
