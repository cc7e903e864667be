import type { DefaultPrivilegeObject, GrantObject, SnapshotObject } from '../introspect/snapshot-types.js';
import { objectId } from '../introspect/snapshot-types.js';
import { dollarQuote, ident, literal, qualified, roleName } from '../sql/ident.js';
import {
  allPrivileges,
  builtinAcl,
  defaultTypeFor,
  diffAcl,
  entry,
  privilegeList,
  renameOwner,
  type Acl,
  type AclChange,
  type DefaultObjectType,
} from './acl.js';
import { BASELINE_ROLE, functionRef } from './render/common.js';
import { cmp, parseObjectId, type SnapshotIndex } from './snapshot-index.js';

/**
 * Privileges, reproduced exactly whatever the target's defaults are (supabase/cli #4862, #5930,
 * #4068):
 * 1. Default privileges first: every pg_default_acl entry of the roles we manage, in the schemas
 *    we manage, is revoked on the target (a DO block reads the target's own catalog), then live's
 *    entries are granted. From here on the target's defaults are live's.
 * 2. Per object, only what differs from the ACL the object got at creation (computed from those
 *    now-pinned defaults and the owner's implicit rights) is granted or revoked.
 */

/** Roles whose grants on schemas the baseline never revokes (platform administration). */
export const PLATFORM_ADMIN_ROLE_PATTERN = '^(supabase_.*|dashboard_user|pgbouncer|authenticator|pgsodium_.*|pgtle_admin|cli_login_.*)$';

const OBJTYPE_CHAR: Record<DefaultObjectType, string> = { TABLES: 'r', SEQUENCES: 'S', FUNCTIONS: 'f', TYPES: 'T', SCHEMAS: 'n' };

function textArray(values: string[]): string {
  return values.length ? `ARRAY[${values.map(literal).join(', ')}]::text[]` : `ARRAY[]::text[]`;
}

/** Section 1: reset the target's default privileges for our roles/schemas, then set live's. */
export function renderDefaultPrivileges(idx: SnapshotIndex, major: number): string[] {
  const defaults = idx.ofKind('default_privilege');
  const roles = [...new Set([BASELINE_ROLE, ...defaults.map((d) => d.props.role)])].sort(cmp);
  const schemas = [...new Set(['public', ...idx.ofKind('schema').map((s) => s.name), ...defaults.flatMap((d) => (d.props.inSchema ? [d.props.inSchema] : []))])].sort(cmp);
  const body = `
DECLARE
  d record;
BEGIN
  FOR d IN
    SELECT pg_catalog.quote_ident(r.rolname) AS role_sql,
           n.nspname::text AS schema_name,
           CASE a.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                                WHEN 'T' THEN 'TYPES' ELSE 'SCHEMAS' END AS objtype,
           CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(g.rolname) END AS grantee_sql
    FROM pg_catalog.pg_default_acl a
    JOIN pg_catalog.pg_roles r ON r.oid = a.defaclrole
    LEFT JOIN pg_catalog.pg_namespace n ON n.oid = a.defaclnamespace
    CROSS JOIN LATERAL (SELECT DISTINCT e.grantee FROM pg_catalog.aclexplode(a.defaclacl) e) x
    LEFT JOIN pg_catalog.pg_roles g ON g.oid = x.grantee
    WHERE r.rolname::text = ANY (${textArray(roles)})
      AND (a.defaclnamespace = 0 OR n.nspname::text = ANY (${textArray(schemas)}))
    ORDER BY 1, 2, 3, 4
  LOOP
    EXECUTE pg_catalog.format('ALTER DEFAULT PRIVILEGES FOR ROLE %s%s REVOKE ALL ON %s FROM %s', d.role_sql,
      CASE WHEN d.schema_name IS NULL THEN '' ELSE ' IN SCHEMA ' || pg_catalog.quote_ident(d.schema_name) END,
      d.objtype, d.grantee_sql);
    IF d.schema_name IS NULL THEN
      -- A global entry replaces the built-in default: put the built-in back.
      EXECUTE pg_catalog.format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT ALL ON %s TO %s', d.role_sql, d.objtype, d.role_sql);
      IF d.objtype = 'FUNCTIONS' THEN
        EXECUTE pg_catalog.format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT EXECUTE ON FUNCTIONS TO PUBLIC', d.role_sql);
      ELSIF d.objtype = 'TYPES' THEN
        EXECUTE pg_catalog.format('ALTER DEFAULT PRIVILEGES FOR ROLE %s GRANT USAGE ON TYPES TO PUBLIC', d.role_sql);
      END IF;
    END IF;
  END LOOP;
END
`;
  const out = [`DO ${dollarQuote(body, 'sb')};`];
  for (const d of defaults) out.push(...renderDefaultPrivilege(d, major));
  return out;
}

function renderDefaultPrivilege(d: DefaultPrivilegeObject, major: number): string[] {
  const p = d.props;
  const head = `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(p.role)}${p.inSchema ? ` IN SCHEMA ${ident(p.inSchema)}` : ''}`;
  if (!OBJTYPE_CHAR[p.objectType]) throw new Error(`unexpected default privilege type ${JSON.stringify(p.objectType)}`);
  const all = allPrivileges(p.objectType, major);
  const allNow = (privs: string[]) => privilegeList(privs, all);
  const out: string[] = [];
  const plain = p.privileges.filter((x) => !p.grantable.includes(x));
  if (plain.length) out.push(`${head} GRANT ${allNow(plain)} ON ${p.objectType} TO ${roleName(p.grantee)};`);
  if (p.grantable.length) out.push(`${head} GRANT ${allNow(p.grantable)} ON ${p.objectType} TO ${roleName(p.grantee)} WITH GRANT OPTION;`);
  if (p.revokedFromBuiltin?.length) out.push(`${head} REVOKE ${allNow(p.revokedFromBuiltin)} ON ${p.objectType} FROM ${roleName(p.grantee)};`);
  return out;
}

/** The ACL an object gets when BASELINE_ROLE creates it in `schema` under live's (pinned) defaults. */
export function creationAcl(idx: SnapshotIndex, type: DefaultObjectType, schema: string | null, major: number): Acl {
  const acl = builtinAcl(type, BASELINE_ROLE, major);
  const defaults = idx.ofKind('default_privilege').filter((d) => d.props.role === BASELINE_ROLE && d.props.objectType === type);
  for (const d of defaults.filter((x) => x.props.inSchema == null)) {
    const e = entry(acl, d.props.grantee);
    for (const p of d.props.privileges) e.privileges.add(p);
    for (const p of d.props.grantable) e.grantable.add(p);
    for (const p of d.props.revokedFromBuiltin ?? []) {
      e.privileges.delete(p);
      e.grantable.delete(p);
    }
  }
  if (schema != null && type !== 'SCHEMAS') {
    for (const d of defaults.filter((x) => x.props.inSchema === schema)) {
      const e = entry(acl, d.props.grantee);
      for (const p of d.props.privileges) e.privileges.add(p);
      for (const p of d.props.grantable) e.grantable.add(p);
    }
  }
  for (const [k, v] of acl) if (v.privileges.size === 0) acl.delete(k);
  return acl;
}

/** A grant target as GRANT/REVOKE name it, plus what we know about its creation. */
interface Target {
  /** e.g. TABLE "public"."t", FUNCTION "public"."f"(integer) */
  sql: string;
  type: DefaultObjectType;
  schema: string | null;
  owner: string;
  /** true when the baseline creates it (so its creation ACL is known). */
  created: boolean;
  /** the snapshot object (or table of an identity sequence) the statements belong with */
  scopeObject: SnapshotObject | undefined;
}

function resolveTarget(idx: SnapshotIndex, g: GrantObject): Target | null {
  const t = g.props.target;
  const o = idx.byId.get(t);
  const kind = g.props.targetType;
  if (o) {
    const owner = o.owner ?? BASELINE_ROLE;
    switch (o.kind) {
      case 'table':
      case 'view':
      case 'materialized_view':
      case 'foreign_table':
        return { sql: `TABLE ${qualified(o.schema, o.name)}`, type: 'TABLES', schema: o.schema, owner, created: true, scopeObject: o };
      case 'sequence':
        return { sql: `SEQUENCE ${qualified(o.schema, o.name)}`, type: 'SEQUENCES', schema: o.schema, owner, created: true, scopeObject: o };
      case 'function':
        return { sql: `${o.props.routineKind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${functionRef(o)}`, type: 'FUNCTIONS', schema: o.schema, owner, created: true, scopeObject: o };
      case 'enum':
      case 'composite_type':
      case 'range_type':
        return { sql: `TYPE ${qualified(o.schema, o.name)}`, type: 'TYPES', schema: o.schema, owner, created: true, scopeObject: o };
      case 'domain':
        return { sql: `DOMAIN ${qualified(o.schema, o.name)}`, type: 'TYPES', schema: o.schema, owner, created: true, scopeObject: o };
      case 'schema':
        return { sql: `SCHEMA ${ident(o.name)}`, type: 'SCHEMAS', schema: null, owner, created: false, scopeObject: o };
      default:
        return null;
    }
  }
  // An identity column's implicit sequence: owned by the table's owner, created with it.
  if (kind === 'SEQUENCE') {
    const p = parseObjectId(t);
    for (const c of idx.ofKind('column')) {
      const id = c.props.identity;
      if (!id || !c.parent) continue;
      const table = idx.get(c.parent, 'table');
      if (table && objectId('sequence', [table.schema, id.sequenceName]) === t) {
        return { sql: `SEQUENCE ${qualified(table.schema, id.sequenceName)}`, type: 'SEQUENCES', schema: table.schema, owner: table.owner ?? BASELINE_ROLE, created: true, scopeObject: table };
      }
    }
    if (p.parts.length >= 2) return { sql: `SEQUENCE ${qualified(p.parts[0], p.parts[1]!)}`, type: 'SEQUENCES', schema: p.parts[0]!, owner: '', created: false, scopeObject: undefined };
  }
  // A platform object (attachment grant): referenced by its label, creation ACL unknown.
  const p = parseObjectId(t);
  const type = defaultTypeFor(kind);
  if (!type || p.parts.length === 0) return null;
  const name = p.parts.length >= 2 ? qualified(p.parts[0], p.parts[1]!) : ident(p.parts[0]!);
  const sig = p.signature !== undefined ? `(${p.signature})` : '';
  return { sql: `${kind} ${name}${sig}`, type, schema: p.parts.length >= 2 ? p.parts[0]! : null, owner: '', created: false, scopeObject: undefined };
}

export interface PrivilegeStatements {
  /** Grants on objects the baseline creates (and schemas). */
  main: string[];
  /** Grants on platform objects (attachments). */
  attachment: string[];
  warnings: string[];
}

/** Section 2: per-object differences from the creation ACL, revokes included; column grants. */
export function renderObjectPrivileges(idx: SnapshotIndex, major: number): PrivilegeStatements {
  const out: PrivilegeStatements = { main: [], attachment: [], warnings: [] };
  // Column grants go last: a table-level REVOKE also takes the column-level privileges away.
  const columnStatements: string[] = [];
  const byTarget = new Map<string, GrantObject[]>();
  for (const g of idx.ofKind('grant')) {
    let list = byTarget.get(g.props.target);
    if (!list) byTarget.set(g.props.target, (list = []));
    list.push(g);
  }
  // Every object we create gets its ACL fixed, even with no grant rows (then: the built-in).
  const targets = new Set<string>(byTarget.keys());
  for (const o of idx.snapshot.objects) {
    if (['table', 'view', 'materialized_view', 'foreign_table', 'sequence', 'function', 'enum', 'composite_type', 'range_type', 'domain', 'schema'].includes(o.kind)) targets.add(o.id);
  }
  for (const targetId of [...targets].sort(cmp)) {
    const grants = byTarget.get(targetId) ?? [];
    const first = grants[0];
    const o = idx.byId.get(targetId);
    if (!first && !o) continue;
    if (first?.props.targetType === 'COLUMN' || o?.kind === 'column') {
      columnStatements.push(...columnGrants(idx, targetId, grants));
      continue;
    }
    if (first?.props.targetType === 'DATABASE') {
      out.warnings.push(`Database-level grants are not part of a migration and were left out (${grants.map((g) => g.props.grantee).join(', ')}).`);
      continue;
    }
    const target = first ? resolveTarget(idx, first) : o ? resolveTarget(idx, { props: { targetType: 'TABLE', target: targetId } } as GrantObject) : null;
    if (!target) continue;
    const all = allPrivileges(target.type, major);
    // live ACL: no rows means the built-in default; rows without the owner mean the owner keeps all.
    let live: Acl;
    if (grants.length === 0) live = builtinAcl(target.type, target.owner, major);
    else {
      live = new Map();
      for (const g of grants) {
        const e = entry(live, g.props.grantee);
        for (const p of g.props.privileges) e.privileges.add(p);
        for (const p of g.props.grantable) e.grantable.add(p);
      }
      if (target.owner && !live.has(target.owner)) live.set(target.owner, { privileges: new Set(all), grantable: new Set() });
    }
    const statements: string[] = [];
    if (target.type === 'SCHEMAS' && target.scopeObject?.kind === 'schema') {
      statements.push(resetSchemaAcl(target.scopeObject.name));
      const start: Acl = new Map([[target.owner, { privileges: new Set(all), grantable: new Set<string>() }]]);
      statements.push(...aclStatements(target.sql, inLiveOrder(diffAcl(start, live), start, grants, live), all));
    } else if (target.created) {
      const initial = renameOwner(creationAcl(idx, target.type, target.schema, major), BASELINE_ROLE, target.owner);
      statements.push(...aclStatements(target.sql, inLiveOrder(diffAcl(initial, live), initial, grants, live), all));
    } else {
      statements.push(...aclStatements(target.sql, inLiveOrder(diffAcl(new Map(), live), new Map(), grants, live), all).filter((s) => s.startsWith('GRANT')));
    }
    const attachment = grants.some((g) => g.scope === 'attachment') || (!o && !target.created);
    (attachment ? out.attachment : out.main).push(...statements);
  }
  out.main.push(...columnStatements);
  return out;
}

/**
 * GRANT appends a grantee that has no aclitem yet, so grantees new to the object are granted
 * in live's ACL order (after changes to the items the object got at creation, which stay
 * where PostgreSQL put them). When those creation items are not in live's order either (anon
 * revoked and granted again on live), every grantee from the first one out of place is revoked
 * entirely and granted again, in live's order: pg_dump and the catalog then show live's order.
 */
function inLiveOrder(changes: AclChange[], initial: Acl, grants: GrantObject[], live: Acl): AclChange[] {
  const order = new Map(grants.flatMap((g) => (g.props.aclIndex !== undefined ? [[g.props.grantee, g.props.aclIndex] as const] : [])));
  const rank = (g: string) => order.get(g) ?? Number.MAX_SAFE_INTEGER;
  const existing = changes.filter((c) => initial.has(c.grantee));
  const added = changes.filter((c) => !initial.has(c.grantee)).sort((a, b) => rank(a.grantee) - rank(b.grantee));
  const liveOrder = [...order.keys()].sort((a, b) => rank(a) - rank(b));
  const result = [...[...initial.keys()].filter((g) => order.has(g)), ...liveOrder.filter((g) => !initial.has(g))];
  let k = 0;
  while (k < liveOrder.length && result[k] === liveOrder[k]) k++;
  if (k === liveOrder.length) return [...existing, ...added];
  const redo = liveOrder.slice(k);
  const tail: AclChange[] = [];
  for (const g of redo) {
    const had = initial.get(g);
    const now = live.get(g);
    if (!had) {
      const c = added.find((x) => x.grantee === g);
      if (c) tail.push(c);
      continue;
    }
    const grantable = [...(now?.grantable ?? [])].sort();
    tail.push({
      grantee: g,
      revoke: [...had.privileges].sort(),
      revokeGrantOption: [],
      grant: [...(now?.privileges ?? [])].filter((p) => !grantable.includes(p)).sort(),
      grantWithOption: grantable,
    });
  }
  const moved = new Set(redo);
  return [...existing.filter((c) => !moved.has(c.grantee)), ...added.filter((c) => !moved.has(c.grantee)), ...tail];
}

function aclStatements(targetSql: string, changes: AclChange[], all: string[]): string[] {
  const out: string[] = [];
  for (const c of changes) {
    const who = roleName(c.grantee);
    if (c.revoke.length) out.push(`REVOKE ${privilegeList(c.revoke, all)} ON ${targetSql} FROM ${who};`);
    if (c.revokeGrantOption.length) out.push(`REVOKE GRANT OPTION FOR ${privilegeList(c.revokeGrantOption, all)} ON ${targetSql} FROM ${who};`);
    if (c.grant.length) out.push(`GRANT ${privilegeList(c.grant, all)} ON ${targetSql} TO ${who};`);
    if (c.grantWithOption.length) out.push(`GRANT ${privilegeList(c.grantWithOption, all)} ON ${targetSql} TO ${who} WITH GRANT OPTION;`);
  }
  return out;
}

function columnGrants(idx: SnapshotIndex, columnId: string, grants: GrantObject[]): string[] {
  const col = idx.get(columnId, 'column');
  let table: string;
  let name: string;
  if (col?.parent) {
    table = idx.relationRef(col.parent);
    name = col.name;
  } else {
    const p = parseObjectId(columnId);
    if (p.parts.length < 3) return [];
    table = qualified(p.parts[0], p.parts[1]!);
    name = p.parts[2]!;
  }
  const out: string[] = [];
  for (const g of [...grants].sort((a, b) => cmp(a.props.grantee, b.props.grantee))) {
    const plain = g.props.privileges.filter((p) => !g.props.grantable.includes(p)).sort();
    const list = (privs: string[]) => {
      for (const p of privs) if (!/^[A-Z]+$/.test(p)) throw new Error(`unexpected privilege ${JSON.stringify(p)}`);
      return privs.map((p) => `${p} (${ident(name)})`).join(', ');
    };
    if (plain.length) out.push(`GRANT ${list(plain)} ON TABLE ${table} TO ${roleName(g.props.grantee)};`);
    if (g.props.grantable.length) out.push(`GRANT ${list([...g.props.grantable].sort())} ON TABLE ${table} TO ${roleName(g.props.grantee)} WITH GRANT OPTION;`);
  }
  return out;
}

/**
 * A schema may already exist on the target (public always does) with privileges we cannot know
 * when generating: revoke whatever the target has granted on it (except to the owner and to
 * platform administration roles), so live's grants that follow are the whole story.
 */
function resetSchemaAcl(schema: string): string {
  const body = `
DECLARE
  g record;
BEGIN
  FOR g IN
    SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(r.rolname) END AS grantee_sql
    FROM pg_catalog.pg_namespace n
    CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) a
    LEFT JOIN pg_catalog.pg_roles r ON r.oid = a.grantee
    WHERE n.nspname = ${literal(schema)}
      AND a.grantee <> n.nspowner
      AND (a.grantee = 0 OR r.rolname !~ ${literal(PLATFORM_ADMIN_ROLE_PATTERN)})
    ORDER BY 1
  LOOP
    EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %I FROM %s', ${literal(schema)}, g.grantee_sql);
  END LOOP;
END
`;
  return `DO ${dollarQuote(body, 'sb')};`;
}
