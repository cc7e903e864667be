import { describe, expect, it } from 'vitest';
import { computePlatformDelta } from '../../src/platform-delta/compute-delta.js';
import { renderPlatformDelta } from '../../src/platform-delta/render-delta.js';
import type { ColumnObject, FunctionObject, SnapshotObject, TableObject } from '../../src/introspect/snapshot-types.js';

/** Classification and rendering of the platform delta, on objects built by hand (pure code). */
function fn(name: string, body: string, owner = 'supabase_storage_admin'): FunctionObject {
  return {
    kind: 'function',
    id: `function:"storage"."${name}"(text)`,
    schema: 'storage',
    name,
    signature: 'text',
    scope: 'user',
    owner,
    dependsOn: [],
    props: {
      routineKind: 'function',
      identityArguments: 'name text',
      returns: 'text',
      definition: `CREATE OR REPLACE FUNCTION storage.${name}(name text)\n RETURNS text\n LANGUAGE sql\nAS $function$${body}$function$\n`,
      language: 'sql',
      volatility: 'volatile',
      securityDefiner: false,
      strict: false,
      leakproof: false,
      parallel: 'unsafe',
      config: [],
    },
  };
}
function table(schema: string, name: string): TableObject {
  return { kind: 'table', id: `table:"${schema}"."${name}"`, schema, name, scope: 'user', owner: 'supabase_auth_admin', dependsOn: [], props: { relkind: 'r', unlogged: false, partitionOf: null, partitionKey: null, inherits: [], options: [], rlsEnabled: false, rlsForced: false, replicaIdentity: 'd' } };
}
function column(t: TableObject, name: string, position: number): ColumnObject {
  return { kind: 'column', id: `column:"${t.schema}"."${t.name}"."${name}"`, schema: t.schema, name, parent: t.id, scope: 'user', dependsOn: [], props: { position, type: 'uuid', collation: null, default: null, notNull: false, identity: null, generated: null, isLocal: true, statistics: null, storage: null } };
}
const source = { kind: 'bundled' as const, description: 'test model' };

describe('computePlatformDelta', () => {
  const objects = table('storage', 'objects');
  const sso = table('auth', 'sso_sessions');
  const pristine: SnapshotObject[] = [fn('extension', 'select 1'), fn('filename', 'select 2'), objects, sso, column(sso, 'id', 1)];

  it('classifies by what the history makes: history, live-only (owner), version (platform-owned, history untouched)', () => {
    const live: SnapshotObject[] = [fn('extension', 'select 10'), fn('filename', 'select 20'), objects, column(objects, 'team_id', 9), fn('by_hand', 'select 3', 'postgres')];
    const history: SnapshotObject[] = [fn('extension', 'select 10'), fn('filename', 'select 2'), objects, column(objects, 'team_id', 5)];
    const d = computePlatformDelta({ pristine, live, history, source });
    const by = new Map(d.items.map((i) => [i.id, i]));
    expect(by.get('function:"storage"."extension"(text)')).toMatchObject({ change: 'changed', origin: 'history', changedFields: ['definition'] });
    // Column position is ignored (a column added later sits at the end on live).
    expect(by.get('column:"storage"."objects"."team_id"')).toMatchObject({ change: 'added', origin: 'history' });
    expect(by.get('function:"storage"."filename"(text)')).toMatchObject({ change: 'changed', origin: 'version' });
    expect(by.get('function:"storage"."by_hand"(text)')).toMatchObject({ change: 'added', origin: 'live-only' });
    // The history dropped sso_sessions: removed, with a limit on the table only.
    expect(by.get('table:"auth"."sso_sessions"')).toMatchObject({ change: 'removed', origin: 'history' });
    expect(by.get('table:"auth"."sso_sessions"')?.limit).toMatch(/platform upgrade may create it again/);
    expect(by.get('column:"auth"."sso_sessions"."id"')?.limit).toBeUndefined();
    expect(d.historyCompared).toBe(true);
  });

  it('without a replayed history, only ownership makes a change the project\'s', () => {
    const live: SnapshotObject[] = [fn('extension', 'select 10'), fn('filename', 'select 2'), objects, sso, column(sso, 'id', 1), fn('by_hand', 'select 3', 'postgres')];
    const d = computePlatformDelta({ pristine, live, history: null, source });
    expect(d.items.map((i) => `${i.origin} ${i.id}`)).toEqual(['live-only function:"storage"."by_hand"(text)', 'version function:"storage"."extension"(text)']);
    expect(d.historyCompared).toBe(false);
  });

  it('renders drops IF EXISTS, a guarded replace, ADD COLUMN without IF NOT EXISTS, and never a version difference', () => {
    const live: SnapshotObject[] = [fn('extension', 'select 10'), fn('filename', 'select 20'), objects, column(objects, 'team_id', 9)];
    const history: SnapshotObject[] = [fn('extension', 'select 10'), fn('filename', 'select 2'), objects, column(objects, 'team_id', 9)];
    const r = renderPlatformDelta(computePlatformDelta({ pristine, live, history, source }));
    const sql = r.blocks.join('\n');
    expect(sql).toContain('DROP TABLE IF EXISTS "auth"."sso_sessions";');
    expect(sql).not.toMatch(/DROP COLUMN/); // the table's columns go with it
    expect(sql).toContain('ALTER TABLE "storage"."objects" ADD COLUMN "team_id" uuid;');
    expect(sql).toMatch(/to_regprocedure\('"storage"\."extension"\(text\)'\)[\s\S]*is not the definition this baseline was made against[\s\S]*CREATE OR REPLACE FUNCTION storage\.extension/);
    expect(sql).not.toContain('storage.filename');
    // Drops first, then creations.
    expect(sql.indexOf('DROP TABLE')).toBeLessThan(sql.indexOf('ADD COLUMN'));
    expect(r.notReproduced).toEqual([]);
  });
});
