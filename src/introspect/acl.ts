/**
 * aclitem text parsing ("grantee=privs/grantor", PostgreSQL's aclitemout format), so ACLs come
 * from the server as plain text[] — far cheaper than aclexplode() on thousands of objects.
 * Role names are double-quoted by the server when they contain anything but letters, digits
 * and underscores ("" escapes a quote); an empty grantee is PUBLIC.
 */

const PRIVILEGES: Record<string, string> = {
  a: 'INSERT',
  r: 'SELECT',
  w: 'UPDATE',
  d: 'DELETE',
  D: 'TRUNCATE',
  x: 'REFERENCES',
  t: 'TRIGGER',
  X: 'EXECUTE',
  U: 'USAGE',
  C: 'CREATE',
  T: 'TEMPORARY',
  c: 'CONNECT',
  s: 'SET',
  A: 'ALTER SYSTEM',
  m: 'MAINTAIN',
};

export interface AclEntry {
  /** role name, or 'PUBLIC' */
  grantee: string;
  privileges: string[];
  /** privileges held WITH GRANT OPTION */
  grantable: string[];
}

/** Parse one aclitem, e.g. `"my role"=arw*\/postgres` or `=X/postgres`. */
export function parseAclItem(item: string): AclEntry {
  let i = 0;
  const readName = (): string => {
    if (item[i] !== '"') {
      const start = i;
      while (i < item.length && item[i] !== '=' && item[i] !== '/') i++;
      return item.slice(start, i);
    }
    let name = '';
    i++; // opening quote
    while (i < item.length) {
      if (item[i] === '"') {
        if (item[i + 1] === '"') {
          name += '"';
          i += 2;
          continue;
        }
        i++; // closing quote
        break;
      }
      name += item[i++];
    }
    return name;
  };
  const grantee = readName();
  if (item[i] !== '=') throw new Error(`Malformed aclitem: ${item}`);
  i++;
  const privileges: string[] = [];
  const grantable: string[] = [];
  while (i < item.length && item[i] !== '/') {
    const p = PRIVILEGES[item[i]!];
    if (!p) throw new Error(`Unknown privilege "${item[i]}" in aclitem: ${item}`);
    privileges.push(p);
    i++;
    if (item[i] === '*') {
      grantable.push(p);
      i++;
    }
  }
  return { grantee: grantee === '' ? 'PUBLIC' : grantee, privileges, grantable };
}

/** Parse an aclitem[] (as text[]): entries for the same grantee (several grantors) are merged. */
export function parseAcl(items: readonly string[]): AclEntry[] {
  const byGrantee = new Map<string, { privs: Set<string>; grantable: Set<string> }>();
  for (const item of items) {
    const e = parseAclItem(item);
    let g = byGrantee.get(e.grantee);
    if (!g) byGrantee.set(e.grantee, (g = { privs: new Set(), grantable: new Set() }));
    for (const p of e.privileges) g.privs.add(p);
    for (const p of e.grantable) g.grantable.add(p);
  }
  return [...byGrantee].map(([grantee, g]) => ({ grantee, privileges: [...g.privs], grantable: [...g.grantable] }));
}
