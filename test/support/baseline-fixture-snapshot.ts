/**
 * A hand-built snapshot covering the baseline renderers (unit tests run before / without
 * introspection). Shapes follow src/introspect/snapshot-types.ts.
 */
import { objectId, grantId, type Snapshot, type SnapshotObject, type ObjectKind } from '../../src/introspect/snapshot-types.js';

type Extra = Partial<Pick<SnapshotObject, 'owner' | 'comment' | 'parent' | 'attachedTo' | 'scope' | 'dependsOn'>> & { signature?: string };

export function obj(kind: ObjectKind, parts: (string | null)[], props: object, extra: Extra = {}): SnapshotObject {
  const { signature, ...rest } = extra;
  const named = parts.filter((p): p is string => p != null);
  const schema = kind === 'schema' || kind === 'extension' || kind === 'event_trigger' || kind === 'publication' ? (kind === 'extension' ? (parts[0] ?? null) : null) : named[0] ?? null;
  const o = {
    kind,
    id: kind === 'extension' ? objectId(kind, [named[named.length - 1]]) : objectId(kind, named, signature),
    schema,
    name: named[named.length - 1]!,
    scope: 'user',
    dependsOn: [],
    props,
    ...rest,
  } as unknown as SnapshotObject;
  if (signature !== undefined) (o as { signature?: string }).signature = signature;
  return o;
}

const seq = { dataType: 'bigint', start: '1', increment: '1', min: '1', max: '9223372036854775807', cache: '1', cycle: false };

function col(schema: string, table: string, name: string, position: number, type: string, p: Partial<Record<string, unknown>> = {}, extra: Extra = {}): SnapshotObject {
  return obj('column', [schema, table, name], { position, type, notNull: false, default: null, identity: null, generated: null, collation: null, isLocal: true, statistics: null, storage: null, ...p }, { parent: objectId('table', [schema, table]), ...extra });
}

function table(schema: string, name: string, p: Partial<Record<string, unknown>> = {}, extra: Extra = {}): SnapshotObject {
  return obj('table', [schema, name], { relkind: 'r', unlogged: false, partitionKey: null, partitionOf: null, inherits: [], options: [], rlsEnabled: false, rlsForced: false, replicaIdentity: 'd', ...p }, { owner: 'postgres', ...extra });
}

function grant(targetType: string, target: string, grantee: string, privileges: string[], grantable: string[] = []): SnapshotObject {
  const o = obj('grant', ['x'], { targetType, target, grantee, privileges, grantable }) as SnapshotObject & { id: string };
  o.id = grantId(target, grantee);
  o.schema = null;
  o.name = grantee;
  o.parent = target;
  return o;
}

function defaultPriv(role: string, inSchema: string | null, objectType: string, grantee: string, privileges: string[]): SnapshotObject {
  const o = obj('default_privilege', [role, inSchema ?? '', objectType, grantee], { role, inSchema, objectType, grantee, privileges, grantable: [] });
  o.schema = inSchema;
  return o;
}

const ALL_TABLE = ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'];

/** Tables with an FK cycle, a serial and an identity, a view, functions, trigger, policy, grants, attachments. */
export function fixtureSnapshot(): Snapshot {
  const T = (s: string, n: string) => objectId('table', [s, n]);
  const objects: SnapshotObject[] = [
    obj('schema', ['app'], {}, { owner: 'postgres', comment: "App's schema" }),
    obj('schema', ['public'], {}, { owner: 'pg_database_owner' }),
    obj('enum', ['app', 'status'], { labels: ['new', "it's done"] }, { owner: 'postgres', dependsOn: [objectId('schema', ['app'])] }),
    obj('domain', ['app', 'positive'], { baseType: 'integer', notNull: false, default: null, collation: null, constraints: [{ name: 'positive_check', definition: 'CHECK ((VALUE > 0))', validated: true }] }, { owner: 'postgres' }),
    obj('sequence', ['public', 'orders_id_seq'], { ...seq, ownedBy: objectId('column', ['public', 'orders', 'id']) }, { owner: 'postgres', dependsOn: [objectId('column', ['public', 'orders', 'id'])] }),
    table('public', 'orders', { rlsEnabled: true }, { comment: 'Orders' }),
    col('public', 'orders', 'id', 1, 'bigint', { notNull: true, default: "nextval('public.orders_id_seq'::regclass)" }, { dependsOn: [objectId('sequence', ['public', 'orders_id_seq'])] }),
    col('public', 'orders', 'customer_id', 2, 'bigint'),
    col('public', 'orders', 'status', 3, 'app.status', { default: "'new'::app.status" }, { dependsOn: [objectId('enum', ['app', 'status'])], comment: 'Workflow state' }),
    table('public', 'customers'),
    col('public', 'customers', 'id', 1, 'bigint', { notNull: true, identity: { ...seq, generation: 'by default', sequenceName: 'customers_id_seq' } }),
    col('public', 'customers', 'last_order_id', 2, 'bigint'),
    col('public', 'customers', 'qty', 3, 'app.positive', {}, { dependsOn: [objectId('domain', ['app', 'positive'])] }),
    col('public', 'customers', 'user_id', 4, 'uuid'),
    obj('constraint', ['public', 'orders', 'orders_pkey'], { type: 'primary_key', definition: 'PRIMARY KEY (id)', deferrable: false, initiallyDeferred: false, validated: true, isLocal: true, references: null }, { parent: T('public', 'orders') }),
    obj('constraint', ['public', 'customers', 'customers_pkey'], { type: 'primary_key', definition: 'PRIMARY KEY (id)', deferrable: false, initiallyDeferred: false, validated: true, isLocal: true, references: null }, { parent: T('public', 'customers') }),
    obj('constraint', ['public', 'orders', 'orders_customer_fk'], { type: 'foreign_key', definition: 'FOREIGN KEY (customer_id) REFERENCES public.customers(id) NOT VALID', deferrable: false, initiallyDeferred: false, validated: false, isLocal: true, references: T('public', 'customers') }, { parent: T('public', 'orders'), dependsOn: [T('public', 'customers')] }),
    obj('constraint', ['public', 'customers', 'customers_last_order_fk'], { type: 'foreign_key', definition: 'FOREIGN KEY (last_order_id) REFERENCES public.orders(id) ON DELETE SET NULL', deferrable: false, initiallyDeferred: false, validated: true, isLocal: true, references: T('public', 'orders') }, { parent: T('public', 'customers'), dependsOn: [T('public', 'orders')] }),
    obj('constraint', ['public', 'customers', 'customers_user_fk'], { type: 'foreign_key', definition: 'FOREIGN KEY (user_id) REFERENCES auth.users(id) ON DELETE CASCADE', deferrable: false, initiallyDeferred: false, validated: true, isLocal: true, references: 'table:"auth"."users"' }, { parent: T('public', 'customers') }),
    obj('index', ['public', 'orders_pkey'], { definition: 'CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)', table: T('public', 'orders'), unique: true, valid: true, predicate: null }, { parent: T('public', 'orders') }),
    obj('index', ['public', 'orders_status_idx'], { definition: 'CREATE INDEX orders_status_idx ON public.orders USING btree (status)', table: T('public', 'orders'), unique: false, valid: true, predicate: null }, { parent: T('public', 'orders'), comment: 'by status' }),
    obj('function', ['public', 'order_count'], { routineKind: 'function', identityArguments: 'c bigint', returns: 'bigint', definition: "CREATE OR REPLACE FUNCTION public.order_count(c bigint)\n RETURNS bigint\n LANGUAGE sql\n STABLE\nAS $function$ select count(*) from public.orders where customer_id = c $function$\n", language: 'sql', volatility: 'stable', securityDefiner: false, strict: false, leakproof: false, parallel: 'unsafe', config: [] }, { owner: 'postgres', signature: 'bigint' }),
    obj('function', ['public', 'touch'], { routineKind: 'function', identityArguments: '', returns: 'trigger', definition: "CREATE OR REPLACE FUNCTION public.touch()\n RETURNS trigger\n LANGUAGE plpgsql\nAS $function$ begin return new; end $function$\n", language: 'plpgsql', volatility: 'volatile', securityDefiner: false, strict: false, leakproof: false, parallel: 'unsafe', config: [] }, { owner: 'postgres', signature: '' }),
    obj('view', ['public', 'order_counts'], { definition: ' SELECT customers.id,\n    public.order_count(customers.id) AS n\n   FROM public.customers;', options: ['security_invoker=true'], columns: ['id', 'n'] }, { owner: 'postgres', dependsOn: [T('public', 'customers'), objectId('function', ['public', 'order_count'], 'bigint')] }),
    obj('trigger', ['public', 'orders', 'orders_touch'], { table: T('public', 'orders'), definition: 'CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch()', enabled: 'D', function: objectId('function', ['public', 'touch'], '') }, { parent: T('public', 'orders') }),
    obj('policy', ['public', 'orders', 'own orders'], { table: T('public', 'orders'), command: 'SELECT', permissive: true, roles: ['authenticated'], using: '(customer_id IS NOT NULL)', withCheck: null }, { parent: T('public', 'orders') }),
    // attachments
    obj('trigger', ['auth', 'users', 'on_auth_user_created'], { table: 'table:"auth"."users"', definition: 'CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.touch()', enabled: 'O', function: objectId('function', ['public', 'touch'], '') }, { scope: 'attachment', attachedTo: 'table:"auth"."users"', parent: 'table:"auth"."users"' }),
    obj('policy', ['storage', 'objects', 'avatars are public'], { table: 'table:"storage"."objects"', command: 'SELECT', permissive: true, roles: ['PUBLIC'], using: "(bucket_id = 'avatars'::text)", withCheck: null }, { scope: 'attachment', attachedTo: 'table:"storage"."objects"', parent: 'table:"storage"."objects"' }),
    (() => {
      const o = obj('publication_table', ['supabase_realtime', 'public', 'orders'], { publication: 'publication:"supabase_realtime"', table: T('public', 'orders'), columns: null, where: null }, { scope: 'attachment', attachedTo: 'publication:"supabase_realtime"' });
      o.schema = 'public';
      return o;
    })(),
    // privileges: live keeps orders closed to anon although its defaults grant ALL
    defaultPriv('postgres', 'public', 'TABLES', 'anon', ALL_TABLE),
    defaultPriv('postgres', 'public', 'TABLES', 'authenticated', ALL_TABLE),
    defaultPriv('postgres', 'public', 'TABLES', 'service_role', ALL_TABLE),
    grant('TABLE', T('public', 'orders'), 'postgres', ALL_TABLE),
    grant('TABLE', T('public', 'orders'), 'authenticated', ['SELECT']),
    grant('TABLE', T('public', 'orders'), 'service_role', ALL_TABLE),
    grant('TABLE', T('public', 'customers'), 'postgres', ALL_TABLE),
    grant('TABLE', T('public', 'customers'), 'anon', ALL_TABLE),
    grant('TABLE', T('public', 'customers'), 'authenticated', ALL_TABLE),
    grant('TABLE', T('public', 'customers'), 'service_role', ALL_TABLE),
    grant('COLUMN', objectId('column', ['public', 'orders', 'status']), 'anon', ['SELECT']),
    grant('FUNCTION', objectId('function', ['public', 'order_count'], 'bigint'), 'postgres', ['EXECUTE']),
    grant('FUNCTION', objectId('function', ['public', 'order_count'], 'bigint'), 'authenticated', ['EXECUTE']),
    grant('SCHEMA', objectId('schema', ['app']), 'authenticated', ['USAGE']),
  ];
  objects.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    format: 'squashbase.snapshot',
    formatVersion: 3,
    census: [],
    notModelled: [],
    server: { version: '15.18', versionNum: 150018, major: 15 },
    database: 'postgres',
    platform: { supabase: true, schemas: ['auth', 'storage'], extensions: [] },
    data: [{ table: 'storage.buckets', rows: 2 }],
    objects,
  };
}
