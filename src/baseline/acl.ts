import type { GrantTargetType } from '../introspect/snapshot-types.js';

/** One grantee's privileges: the set held, and the subset held WITH GRANT OPTION. */
export interface AclEntry {
  privileges: Set<string>;
  grantable: Set<string>;
}

export type Acl = Map<string, AclEntry>;

/** pg_default_acl object classes, by the keyword ALTER DEFAULT PRIVILEGES uses. */
export type DefaultObjectType = 'TABLES' | 'SEQUENCES' | 'FUNCTIONS' | 'TYPES' | 'SCHEMAS';

/** Every privilege a GRANT ALL gives, per object class and server major. */
export function allPrivileges(type: DefaultObjectType | 'COLUMN', major: number): string[] {
  switch (type) {
    case 'TABLES':
      return major >= 17
        ? ['DELETE', 'INSERT', 'MAINTAIN', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE']
        : ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'];
    case 'SEQUENCES':
      return ['SELECT', 'UPDATE', 'USAGE'];
    case 'FUNCTIONS':
      return ['EXECUTE'];
    case 'TYPES':
      return ['USAGE'];
    case 'SCHEMAS':
      return ['CREATE', 'USAGE'];
    case 'COLUMN':
      return ['INSERT', 'REFERENCES', 'SELECT', 'UPDATE'];
  }
}

/** The default-privilege class whose defaults apply to a grant target type. */
export function defaultTypeFor(target: GrantTargetType): DefaultObjectType | null {
  switch (target) {
    case 'TABLE':
      return 'TABLES';
    case 'SEQUENCE':
      return 'SEQUENCES';
    case 'FUNCTION':
    case 'PROCEDURE':
      return 'FUNCTIONS';
    case 'TYPE':
    case 'DOMAIN':
      return 'TYPES';
    case 'SCHEMA':
      return 'SCHEMAS';
    default:
      return null;
  }
}

/** What a new object's ACL is with no default privileges at all (acldefault). */
export function builtinAcl(type: DefaultObjectType, owner: string, major: number): Acl {
  const acl: Acl = new Map();
  acl.set(owner, { privileges: new Set(allPrivileges(type, major)), grantable: new Set() });
  if (type === 'FUNCTIONS') acl.set('PUBLIC', { privileges: new Set(['EXECUTE']), grantable: new Set() });
  if (type === 'TYPES') acl.set('PUBLIC', { privileges: new Set(['USAGE']), grantable: new Set() });
  return acl;
}

export function entry(acl: Acl, grantee: string): AclEntry {
  let e = acl.get(grantee);
  if (!e) acl.set(grantee, (e = { privileges: new Set(), grantable: new Set() }));
  return e;
}

/** ALTER … OWNER TO: every entry of the old owner becomes the new owner's (aclnewowner). */
export function renameOwner(acl: Acl, from: string, to: string): Acl {
  if (from === to) return acl;
  const old = acl.get(from);
  if (!old) return acl;
  acl.delete(from);
  const e = entry(acl, to);
  for (const p of old.privileges) e.privileges.add(p);
  for (const p of old.grantable) e.grantable.add(p);
  return acl;
}

export interface AclChange {
  grantee: string;
  revoke: string[];
  revokeGrantOption: string[];
  grant: string[];
  grantWithOption: string[];
}

/** Per grantee (sorted), what turns `from` into `to`. Empty changes are left out. */
export function diffAcl(from: Acl, to: Acl): AclChange[] {
  const grantees = [...new Set([...from.keys(), ...to.keys()])].sort(granteeOrder);
  const out: AclChange[] = [];
  const empty: AclEntry = { privileges: new Set(), grantable: new Set() };
  for (const g of grantees) {
    const a = from.get(g) ?? empty;
    const b = to.get(g) ?? empty;
    const revoke = [...a.privileges].filter((p) => !b.privileges.has(p)).sort();
    const revokeGrantOption = [...a.grantable].filter((p) => b.privileges.has(p) && !b.grantable.has(p)).sort();
    const grantWithOption = [...b.grantable].filter((p) => !a.grantable.has(p)).sort();
    const grant = [...b.privileges].filter((p) => !a.privileges.has(p) && !b.grantable.has(p)).sort();
    if (revoke.length || revokeGrantOption.length || grant.length || grantWithOption.length) {
      out.push({ grantee: g, revoke, revokeGrantOption, grant, grantWithOption });
    }
  }
  return out;
}

/** PUBLIC first, then role names in code-point order. */
export function granteeOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'PUBLIC') return -1;
  if (b === 'PUBLIC') return 1;
  return a < b ? -1 : 1;
}

/** Privilege keyword list, or ALL when it is the complete set. Keywords are checked (catalog text). */
export function privilegeList(privs: string[], all: string[]): string {
  for (const p of privs) if (!/^[A-Z]+$/.test(p)) throw new Error(`unexpected privilege ${JSON.stringify(p)}`);
  const sorted = [...privs].sort();
  if (sorted.length === all.length && sorted.every((p, i) => p === [...all].sort()[i])) return 'ALL';
  return sorted.join(', ');
}
