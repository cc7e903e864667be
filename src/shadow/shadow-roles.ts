import type { ConnectionTarget } from '../db/connection.js';
import { withClient, type Client } from '../db/client.js';
import { ident } from '../sql/ident.js';
import type { MigrationSet } from '../migrations/discover.js';
import type { Snapshot } from '../introspect/snapshot-types.js';
import { referencedRoles } from '../baseline/roles.js';

/**
 * Custom roles in the shadow. Roles are cluster-wide and never part of a migration, so a role
 * live's schema uses (a grantee, an owner, a policy role) but that was created by hand — or by a
 * migration — does not exist on a fresh shadow server, and the replay or the baseline fails
 * with "role … does not exist". The shadow gets them from live's catalog instead: NOLOGIN, no
 * password, live's other attributes, and the memberships among roles that exist in the shadow.
 * Roles a migration of the history creates are left to the replay (a pre-created role would
 * make its CREATE ROLE fail).
 */
export interface ShadowRoles {
  /** Roles created in the shadow server (already there ones are not listed). */
  created: string[];
  /** Drop what was created (best effort; the databases using them must be dropped first). */
  drop(): Promise<void>;
}

interface LiveRole {
  name: string;
  superuser: boolean;
  inherit: boolean;
  createrole: boolean;
  createdb: boolean;
  bypassrls: boolean;
}

/** Live's definitions of the custom roles the shadow needs (read in the platform capture). */
export interface CustomRoleDefinitions {
  roles: LiveRole[];
  memberships: { role: string; member: string }[];
}

/** The definitions of `names` as live has them (read-only; roles live lacks are simply absent). */
export async function readCustomRoles(c: Client, names: readonly string[]): Promise<CustomRoleDefinitions> {
  if (names.length === 0) return { roles: [], memberships: [] };
  const r = c.query<LiveRole>(
    `SELECT rolname AS name, rolsuper AS superuser, rolinherit AS inherit, rolcreaterole AS createrole, rolcreatedb AS createdb, rolbypassrls AS bypassrls
       FROM pg_catalog.pg_roles WHERE rolname = ANY ($1::text[]) ORDER BY rolname COLLATE "C"`,
    [names],
  );
  r.catch(() => undefined); // awaited below, after the second query is issued (pipelined)
  const m = c.query<{ role: string; member: string }>(
    `SELECT g.rolname AS role, u.rolname AS member FROM pg_catalog.pg_auth_members a
       JOIN pg_catalog.pg_roles g ON g.oid = a.roleid JOIN pg_catalog.pg_roles u ON u.oid = a.member
      WHERE g.rolname = ANY ($1::text[]) OR u.rolname = ANY ($1::text[])`,
    [names],
  );
  return { roles: (await r).rows, memberships: (await m).rows };
}

/** Creates in the shadow server the roles of `defs` it does not have yet. */
export async function provideShadowRoles(admin: ConnectionTarget, defs: CustomRoleDefinitions): Promise<ShadowRoles> {
  const none: ShadowRoles = { created: [], drop: async () => undefined };
  const { roles, memberships } = defs;
  if (roles.length === 0) return none;
  const created = await withClient(admin, async (c) => {
    const existing = new Set((await c.query<{ rolname: string }>('SELECT rolname FROM pg_catalog.pg_roles')).rows.map((r) => r.rolname));
    const made: string[] = [];
    for (const r of roles) {
      if (existing.has(r.name)) continue;
      const attrs = [r.superuser ? 'SUPERUSER' : 'NOSUPERUSER', r.inherit ? 'INHERIT' : 'NOINHERIT', r.createrole ? 'CREATEROLE' : 'NOCREATEROLE', r.createdb ? 'CREATEDB' : 'NOCREATEDB', 'NOLOGIN', r.bypassrls ? 'BYPASSRLS' : 'NOBYPASSRLS'];
      await c.query(`CREATE ROLE ${ident(r.name)} ${attrs.join(' ')}`);
      made.push(r.name);
      existing.add(r.name);
    }
    for (const m of memberships) {
      if (!existing.has(m.role) || !existing.has(m.member) || m.role === m.member) continue;
      // A membership the shadow already has (or one that would be circular) is not an error here.
      await c.query(`DO $roles$ BEGIN GRANT ${ident(m.role)} TO ${ident(m.member)}; EXCEPTION WHEN OTHERS THEN NULL; END $roles$`);
    }
    return made;
  });
  return {
    created,
    async drop() {
      if (created.length === 0) return;
      await withClient(admin, async (c) => {
        for (const r of [...created].reverse()) await c.query(`DROP ROLE IF EXISTS ${ident(r)}`).catch(() => undefined);
      }).catch(() => undefined);
    },
  };
}

/** The warning line the report and consolidate print when roles were created in the shadow. */
export function shadowRolesWarning(created: readonly string[]): string | undefined {
  return created.length ? `roles created in the shadow from live: ${created.join(', ')} (NOLOGIN, no password; the baseline expects them on the target)` : undefined;
}

const CREATE_ROLE = /\bcreate\s+(?:role|user|group)\s+("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)/gi;

/** Roles a migration of the history creates itself (CREATE ROLE/USER/GROUP; comments ignored). */
export function rolesCreatedByHistory(set: Pick<MigrationSet, 'files'>): Set<string> {
  const out = new Set<string>();
  for (const f of set.files) {
    const sql = f.sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of sql.matchAll(CREATE_ROLE)) {
      const raw = m[1]!;
      out.add(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw.toLowerCase());
    }
  }
  return out;
}

/**
 * The custom roles a shadow must have before the history and the baseline run: those live's
 * schema uses (owners, grantees, policy roles), except those a migration creates itself.
 */
export function rolesForShadow(live: Pick<Snapshot, 'objects'>, set: Pick<MigrationSet, 'files'>): string[] {
  const byHistory = rolesCreatedByHistory(set);
  return referencedRoles(live).filter((r) => !byHistory.has(r));
}
