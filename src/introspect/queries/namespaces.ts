import type { CatalogReader } from '../catalog-reader.js';
import { isManagedSchema, isPlatformExtension, isSystemSchema } from '../platform-scope.js';
import { CATALOG, catalogKey, type InspectState, type NamespaceClass } from '../inspect-state.js';
import { objectId, type ExtensionObject, type SchemaObject, type Snapshot } from '../snapshot-types.js';

interface NamespaceRow {
  oid: string;
  name: string;
  owner: string;
  ext_member: boolean;
}

interface ExtensionRow {
  oid: string;
  name: string;
  schema: string;
  schema_oid: string;
  version: string;
  owner: string;
}

/**
 * Namespaces, extensions and extension membership: the scope everything else is decided by.
 * Returns the platform block of the snapshot.
 */
export async function loadScope(client: CatalogReader, state: InspectState): Promise<Snapshot['platform']> {
  const members = await client.query<{ classid: string; objid: string; ext: string }>(
    `SELECT d.classid::text AS classid, d.objid::text AS objid, d.refobjid::text AS ext
       FROM pg_depend d
      WHERE d.deptype = 'e' AND d.refclassid = 'pg_extension'::regclass`,
  );
  for (const r of members.rows) state.extensionMembers.set(`${r.classid}:${r.objid}`, r.ext);

  const ns = await client.query<NamespaceRow>(
    `SELECT n.oid::text AS oid, n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner,
            EXISTS (SELECT 1 FROM pg_depend d
                     WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e') AS ext_member
       FROM pg_namespace n`,
  );
  const managedPresent: string[] = [];
  for (const r of ns.rows) {
    let cls: NamespaceClass;
    if (isSystemSchema(r.name)) cls = 'system';
    else if (isManagedSchema(r.name) || r.ext_member) cls = 'platform';
    else if (r.name === 'public') cls = 'public';
    else cls = 'user';
    if (isManagedSchema(r.name)) managedPresent.push(r.name);
    state.namespaces.set(r.oid, { oid: r.oid, name: r.name, class: cls });
    if (cls !== 'user') continue;
    const obj: SchemaObject = {
      kind: 'schema',
      id: objectId('schema', [r.name]),
      schema: null,
      name: r.name,
      scope: 'user',
      owner: r.owner,
      dependsOn: [],
      props: {},
    };
    state.add(obj, catalogKey(CATALOG.pg_namespace, r.oid));
  }

  const ext = await client.query<ExtensionRow>(
    `SELECT e.oid::text AS oid, e.extname AS name, n.nspname AS schema, n.oid::text AS schema_oid,
            e.extversion AS version, pg_get_userbyid(e.extowner) AS owner
       FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`,
  );
  const extensions: Snapshot['platform']['extensions'] = [];
  for (const r of ext.rows) {
    extensions.push({ name: r.name, schema: r.schema, version: r.version });
    if (isPlatformExtension(r.name)) continue;
    // An extension created by another extension (a member of it) comes with its parent.
    if (state.isExtensionMember(CATALOG.pg_extension, r.oid)) continue;
    const id = objectId('extension', [r.name]);
    const obj: ExtensionObject = {
      kind: 'extension',
      id,
      schema: r.schema,
      name: r.name,
      scope: 'user',
      owner: r.owner,
      dependsOn: [],
      props: { version: r.version },
    };
    state.add(obj, catalogKey(CATALOG.pg_extension, r.oid));
    state.userExtensionIds.set(r.oid, id);
    if (state.namespaces.get(r.schema_oid)?.class === 'user') state.addEdge(id, objectId('schema', [r.schema]));
  }
  extensions.sort((a, b) => cmp(a.name, b.name));
  const names = new Set(ns.rows.map((r) => r.name));
  return {
    supabase: names.has('auth') && names.has('storage'),
    schemas: [...new Set(managedPresent)].sort(cmp),
    extensions,
  };
}

/** Code-unit order: deterministic and locale-independent. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
