/**
 * Hand-built snapshots for unit tests that do not need a database: the envelope and a plain
 * table, shared so every test speaks the same Snapshot contract (src/introspect/snapshot-types.ts).
 */
import { objectId, type Snapshot, type SnapshotObject, type TableProps } from '../../src/introspect/snapshot-types.js';

/** A PG 15.18 Supabase snapshot holding `objects`, sorted by id as inspect sorts them. */
export function snapshotOf(objects: SnapshotObject[], data: Snapshot['data'] = []): Snapshot {
  return {
    format: 'squashbase.snapshot',
    formatVersion: 3,
    census: [],
    notModelled: [],
    server: { version: '15.18', versionNum: 150018, major: 15 },
    database: 'postgres',
    platform: { supabase: true, schemas: ['auth', 'storage'], extensions: [] },
    data,
    objects: [...objects].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

/** public.<name>, owned by postgres, RLS on unless props say otherwise. */
export function publicTable(name: string, props: Partial<TableProps> = {}, dependsOn: string[] = []): SnapshotObject {
  return {
    kind: 'table',
    id: objectId('table', ['public', name]),
    schema: 'public',
    name,
    scope: 'user',
    owner: 'postgres',
    dependsOn,
    props: { relkind: 'r', unlogged: false, partitionKey: null, partitionOf: null, inherits: [], options: [], rlsEnabled: true, rlsForced: false, replicaIdentity: 'd', ...props },
  };
}
