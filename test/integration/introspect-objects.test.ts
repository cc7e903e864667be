import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ident } from '../../src/sql/ident.js';
import { useTestDatabase } from '../support/test-database.js';
import { applyHostileFixture } from '../fixtures/hostile/apply.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { summarizeSnapshot } from '../../src/introspect/summary.js';
import { objectId, grantId, KIND_ORDER, type ObjectKind, type ObjectOfKind, type Snapshot } from '../../src/introspect/snapshot-types.js';

/**
 * Every object kind of the Snapshot contract, read back from the hostile fixture with the right
 * properties, hostile identifiers exact, and the Supabase scoping rules.
 */
describe('inspect: hostile fixture round-trip', () => {
  const db = useTestDatabase('introspect_objects');
  let snap: Snapshot;

  beforeAll(async () => {
    await applyHostileFixture(db.get());
    snap = await inspectDatabase(db.get().target);
  });

  function get<K extends ObjectKind>(kind: K, parts: string[], signature?: string): ObjectOfKind<K> {
    const id = objectId(kind, parts, signature);
    const o = snap.objects.find((x) => x.id === id);
    if (!o) throw new Error(`missing ${id}`);
    expect(o.kind).toBe(kind);
    return o as ObjectOfKind<K>;
  }
  const has = (id: string) => snap.objects.some((o) => o.id === id);

  it('has the snapshot envelope and every kind at least once', () => {
    expect(snap.format).toBe('squashbase.snapshot');
    expect(snap.formatVersion).toBe(3);
    expect(snap.server.major).toBeGreaterThanOrEqual(15);
    expect(snap.database).toBe(db.get().name);
    const counts = new Map(summarizeSnapshot(snap).map((r) => [r.kind, r.count]));
    // Kinds added by issue 11 (foreign data, rules, statistics, collations): census-every-catalog.test.ts covers them.
    // Cron jobs, queues and secret names need pg_cron / pgmq / vault: config-data-live.test.ts covers them.
    const elsewhere = new Set<ObjectKind>(['foreign_data_wrapper', 'foreign_server', 'user_mapping', 'foreign_table', 'rule', 'statistics', 'collation', 'text_search_dictionary', 'text_search_configuration', 'cast', 'operator', 'cron_job', 'queue', 'vault_secret']);
    for (const kind of KIND_ORDER) if (!elsewhere.has(kind)) expect(counts.get(kind), kind).toBeGreaterThan(0);
    const ids = snap.objects.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(ids);
    // No OIDs: no field named oid anywhere (a platform type's attribute may have the *type* oid:
    // realtime.wal_column.type_oid, in the managed list).
    expect(JSON.stringify(snap)).not.toMatch(/"oid":/);
    expect(JSON.stringify(snap.objects)).not.toMatch(/"oid"/);
  });

  it('dependsOn lists only snapshot objects, sorted, and the graph has no cycle', () => {
    const byId = new Map(snap.objects.map((o) => [o.id, o]));
    for (const o of snap.objects) {
      for (const d of o.dependsOn) expect(byId.has(d), `${o.id} -> ${d}`).toBe(true);
      expect([...o.dependsOn].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(o.dependsOn);
      expect(o.dependsOn).not.toContain(o.id);
    }
    const state = new Map<string, number>();
    const cycles: string[] = [];
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 2) return;
      if (state.get(id) === 1) {
        cycles.push([...path, id].join(' -> '));
        return;
      }
      state.set(id, 1);
      for (const d of byId.get(id)!.dependsOn) visit(d, [...path, id]);
      state.set(id, 2);
    };
    for (const id of byId.keys()) visit(id, []);
    expect(cycles).toEqual([]);
    // Ordering edges the baseline relies on.
    expect(get('table', ['app', 'events_2024']).dependsOn).toContain(objectId('table', ['app', 'events']));
    expect(get('column', ['app', 'accounts', 'mood']).dependsOn).toContain(objectId('enum', ['app', 'Mood']));
  });

  it('schemas: user schemas with hostile names; public and platform schemas excluded', () => {
    for (const name of ['app', 'Hostile Schema "quoted"', 'x"; DROP TABLE foo; --', 'ünïcødé_schema']) {
      expect(get('schema', [name]).name).toBe(name);
    }
    expect(get('schema', ['app']).comment).toBe('application schema; contains \\! and $$ and ; on purpose');
    for (const name of ['public', 'auth', 'storage', 'realtime', 'extensions', 'pg_catalog', 'information_schema']) {
      expect(has(objectId('schema', [name])), name).toBe(false);
    }
    expect(has(objectId('table', ['public', 'foo']))).toBe(true); // nothing was dropped by an injection
  });

  it('extensions: user ones recorded with schema and version, platform ones only in platform', () => {
    const citext = get('extension', ['citext']);
    expect(citext.schema).toBe('extensions');
    expect(citext.props.version).toMatch(/^\d/);
    expect(citext.comment).toBe('case-insensitive text, used for e-mail addresses');
    expect(has(objectId('extension', ['btree_gist']))).toBe(true);
    expect(has(objectId('extension', ['pg_trgm']))).toBe(true);
    for (const p of ['pgcrypto', 'uuid-ossp', 'plpgsql', 'pg_stat_statements']) expect(has(objectId('extension', [p]))).toBe(false);
    expect(snap.platform.supabase).toBe(true);
    expect(snap.platform.schemas).toEqual(expect.arrayContaining(['auth', 'extensions', 'realtime', 'storage']));
    expect(snap.platform.extensions.map((e) => e.name)).toEqual(expect.arrayContaining(['pgcrypto', 'uuid-ossp', 'citext']));
  });

  it('types: enum labels in sort order, domain constraints, composite attributes, range options', () => {
    const mood = get('enum', ['app', 'Mood']);
    expect(mood.props.labels).toEqual(['happy', "it's complicated", 'meh', 'sad 😢', 'x"; DROP TABLE foo; --']);
    expect(mood.comment).toBe('an enum with hostile labels');

    const pos = get('domain', ['app', 'positive_int']);
    expect(pos.props).toMatchObject({ baseType: 'integer', notNull: true, default: '1' });
    expect(pos.props.constraints.map((c) => c.name)).toEqual(['not "huge"', 'positive']);
    const email = get('domain', ['app', 'email']);
    expect(email.props.baseType).toBe('extensions.citext');
    expect(email.props.constraints.find((c) => c.name === 'email_len')).toMatchObject({ validated: false });
    expect(email.dependsOn).toContain(objectId('extension', ['citext']));
    expect(get('domain', ['ünïcødé_schema', 'Dömain "label"']).props.collation).toBe('pg_catalog."C"');

    const comp = get('composite_type', ['Hostile Schema "quoted"', 'Composite Type']);
    expect(comp.props.attributes).toEqual([
      { name: 'select', type: 'text', collation: 'pg_catalog."C"' },
      { name: 'Mixed Case', type: 'integer', collation: null },
      { name: 'mood', type: 'app."Mood"', collation: null },
    ]);
    expect(comp.dependsOn).toContain(objectId('enum', ['app', 'Mood']));

    const range = get('range_type', ['app', 'floatrange']);
    expect(range.props).toMatchObject({ subtype: 'double precision', subtypeDiff: 'app.float_diff', multirangeName: 'app.floatmultirange' });
    expect(range.dependsOn).toContain(objectId('function', ['app', 'float_diff'], 'double precision, double precision'));
    // Constructor functions come with the range type, not as separate functions.
    expect(has(objectId('function', ['app', 'floatrange'], 'double precision, double precision'))).toBe(false);
  });

  it('sequences: options and OWNED BY; identity sequences live on the column', () => {
    const inv = get('sequence', ['app', 'invoice_no']);
    expect(inv.props).toEqual({ dataType: 'integer', start: '1000', increment: '5', min: '10', max: '100000', cache: '3', cycle: true, ownedBy: null });
    expect(inv.comment).toBe('invoice numbers');
    expect(get('sequence', ['app', 'Order Seq']).props).toMatchObject({ increment: '-1', ownedBy: objectId('column', ['app', 'orders', 'order']) });
    expect(get('sequence', ['app', 'bookings_id_seq']).props.ownedBy).toBe(objectId('column', ['app', 'bookings', 'id']));
    expect(has(objectId('sequence', ['app', 'accounts_id_seq']))).toBe(false);
    const id = get('column', ['app', 'accounts', 'id']);
    expect(id.props.identity).toMatchObject({ generation: 'always', start: '10', increment: '5', cache: '2', sequenceName: 'accounts_id_seq' });
  });

  it('tables: RLS, reloptions, replica identity, unlogged, partitions, inheritance', () => {
    const acc = get('table', ['app', 'accounts']);
    expect(acc.props).toMatchObject({ relkind: 'r', rlsEnabled: true, rlsForced: true, replicaIdentity: 'f', unlogged: false });
    expect(acc.props.options).toEqual(['autovacuum_enabled=false', 'fillfactor=70']);
    expect(acc.owner).toBe('postgres');
    expect(acc.comment).toBe("accounts; comment with \\! and \\i /etc/passwd and 'quotes'");
    expect(get('table', ['app', 'cache']).props).toMatchObject({ unlogged: true, options: ['fillfactor=90'] });

    const events = get('table', ['app', 'events']);
    expect(events.props).toMatchObject({ relkind: 'p', partitionKey: 'RANGE (created_at)', partitionOf: null });
    const p2024 = get('table', ['app', 'events_2024']);
    expect(p2024.props.partitionOf).toEqual({
      parent: events.id,
      bound: "FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00')",
    });
    expect(p2024.dependsOn).toContain(events.id);
    expect(get('table', ['app', 'events_default']).props.partitionOf?.bound).toBe('DEFAULT');
    expect(get('table', ['app', 'metrics_eu']).props).toMatchObject({ relkind: 'p', partitionKey: 'RANGE (day)' });
    expect(get('column', ['app', 'events_2024', 'payload']).props.isLocal).toBe(false);

    expect(get('table', ['app', 'multi_child']).props.inherits).toEqual([objectId('table', ['app', 'base_log']), objectId('table', ['app', 'other_parent'])]);
    expect(get('column', ['app', 'audit_log', 'msg']).props.isLocal).toBe(false);
    expect(get('column', ['app', 'audit_log', 'actor']).props).toMatchObject({ isLocal: true, default: 'CURRENT_USER' });
  });

  it('columns: types, defaults calling functions, generated, collation, statistics, storage, positions', () => {
    const cols = snap.objects.filter((o) => o.kind === 'column' && o.parent === objectId('table', ['app', 'accounts']));
    expect(cols.map((c) => (c as ObjectOfKind<'column'>).props.position).sort((a, b) => a - b)).toEqual(cols.map((_, i) => i + 1));
    expect(get('column', ['app', 'accounts', 'email']).props).toMatchObject({ type: 'app.email', notNull: true });
    expect(get('column', ['app', 'accounts', 'email']).comment).toBe('e-mail (citext domain)');
    const code = get('column', ['app', 'accounts', 'code']);
    expect(code.props).toMatchObject({ default: 'app.default_code()', storage: 'EXTERNAL' });
    expect(code.dependsOn).toContain(objectId('function', ['app', 'default_code'], ''));
    const slug = get('column', ['app', 'accounts', 'name_slug']);
    expect(slug.props).toMatchObject({ generated: 'app.slugify(name)', default: null });
    expect(slug.dependsOn).toContain(objectId('function', ['app', 'slugify'], 'text'));
    expect(get('column', ['app', 'accounts', 'name']).props).toMatchObject({ collation: 'pg_catalog."C"', statistics: 500 });
    expect(get('column', ['app', 'accounts', 'mood']).props.default).toBe(`'it''s complicated'::app."Mood"`);
    expect(get('column', ['app', 'accounts', 'external_id']).props.default).toBe('extensions.uuid_generate_v4()');
    expect(get('column', ['app', 'orders', 'order']).props.default).toBe(`nextval('app."Order Seq"'::regclass)`);
    expect(get('column', ['app', 'orders', 'order']).dependsOn).toContain(objectId('sequence', ['app', 'Order Seq']));
  });

  it('hostile identifiers round-trip exactly (quotes, spaces, unicode, reserved words, 63 bytes)', () => {
    const t = ['Hostile Schema "quoted"', 'Table With Spaces & "Quotes"'];
    get('table', t);
    for (const col of ['select', 'MixedCase', 'ünïcødé 列', 'x"; DROP TABLE foo; --', 'üüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüx', 'Col_Mixed_CASE__Mixed_CASE__Mixed_CASE__Mixed_CASE__Mixed_CASE_']) {
      expect(get('column', [...t, col]).name).toBe(col);
    }
    expect(Buffer.byteLength('üüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüx')).toBe(63);
    expect(get('column', [...t, 'MixedCase']).props.default).toBe(`'x"; DROP TABLE foo; --'::text`);
    expect(get('column', [...t, 'x"; DROP TABLE foo; --']).comment).toBe('x"; DROP TABLE foo; --');
    expect(get('table', t).comment).toBe('multi-line\ncomment with $$dollars$$ and \\! backslash');
    const long = 't63_abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij_end_xyzw';
    expect(Buffer.byteLength(long)).toBe(63);
    get('table', ['public', long]);
    get('table', ['x"; DROP TABLE foo; --', 'x"; DROP TABLE foo; --']);
    get('table', ['ünïcødé_schema', 'Ünïcödé Täble']);
    for (const col of ['order', 'group', 'select', 'Order']) get('column', ['public', 'user', col]);
    expect(get('index', ['Hostile Schema "quoted"', 'Index "Hostile" Name']).props.definition).toContain('"Index ""Hostile"" Name"');
  });

  it('constraints: every type, NOT VALID, deferrable, FK actions, exclusion, inherited copies', () => {
    const fk = get('constraint', ['app', 'bookings', 'bookings_account_fk']);
    expect(fk.props).toMatchObject({ type: 'foreign_key', deferrable: true, initiallyDeferred: true, references: objectId('table', ['app', 'accounts']) });
    expect(fk.props.definition).toContain('ON UPDATE CASCADE ON DELETE RESTRICT');
    expect(fk.dependsOn).toEqual(expect.arrayContaining([objectId('table', ['app', 'accounts']), objectId('constraint', ['app', 'accounts', 'accounts_pkey'])]));
    const nv = get('constraint', ['app', 'orders', 'orders_account_fk']);
    expect(nv.props).toMatchObject({ validated: false });
    expect(nv.props.definition).toMatch(/MATCH FULL ON DELETE SET NULL NOT VALID$/);
    expect(get('constraint', ['app', 'bookings', 'bookings_room_positive']).props).toMatchObject({ type: 'check', validated: false });
    const ex = get('constraint', ['app', 'bookings', 'bookings_no_overlap']);
    expect(ex.props.type).toBe('exclusion');
    expect(ex.dependsOn).toContain(objectId('extension', ['btree_gist']));
    expect(ex.comment).toBe('exclusion via btree_gist');
    expect(get('constraint', ['app', 'orders', 'orders_note_unique']).props).toMatchObject({ type: 'unique', deferrable: true, initiallyDeferred: false });
    expect(get('constraint', ['app', 'accounts', 'accounts_pkey']).props.type).toBe('primary_key');
    expect(get('constraint', ['app', 'accounts', 'accounts_name_check']).comment).toBe('names are not empty');
    expect(get('constraint', ['public', 'profiles', 'profiles_id_fkey']).props.references).toBe(objectId('table', ['auth', 'users']));
    expect(get('constraint', ['app', 'audit_log', 'base_log_msg_len']).props.isLocal).toBe(false);
    expect(get('constraint', ['app', 'events_2024', 'events_account_id_fkey']).props.isLocal).toBe(false);
    // Constraint triggers are triggers, not constraints.
    expect(has(objectId('constraint', ['app', 'bookings', 'bookings_check']))).toBe(false);
  });

  it('indexes: partial, expression, unique, INCLUDE, opclass; not constraint or partition-clone indexes', () => {
    const partial = get('index', ['app', 'accounts_user_active_idx']);
    expect(partial.props).toMatchObject({ unique: true, valid: true, table: objectId('table', ['app', 'accounts']) });
    expect(partial.props.predicate).toContain(`'sad 😢'::app."Mood"`);
    expect(get('index', ['app', 'accounts_lower_name_idx']).props.definition).toBe('CREATE INDEX accounts_lower_name_idx ON app.accounts USING btree (lower(name))');
    expect(get('index', ['app', 'accounts_lower_name_idx']).comment).toBe('expression index');
    expect(get('index', ['app', 'accounts_created_incl_idx']).props.definition).toContain('INCLUDE (name, email)');
    expect(get('index', ['public', 'todos_task_trgm_idx']).props.definition).toContain('extensions.gin_trgm_ops');
    expect(get('index', ['app', 'account_stats_mood_idx']).props.table).toBe(objectId('materialized_view', ['app', 'account_stats']));
    get('index', ['app', 'events_payload_idx']);
    get('index', ['app', 'events_2024_kind_idx']);
    expect(has(objectId('index', ['app', 'accounts_pkey']))).toBe(false);
    expect(snap.objects.filter((o) => o.kind === 'index' && o.name.startsWith('events_2024_payload'))).toEqual([]);
  });

  it('views and materialized views: options, check option, columns, WITH NO DATA, dependencies', () => {
    const v = get('view', ['app', 'active_accounts']);
    expect(v.props.options).toEqual(['check_option=cascaded', 'security_barrier=true', 'security_invoker=true']);
    expect(v.props.columns).toEqual(['id', 'email', 'name', 'mood']);
    expect(v.props.definition).toContain('FROM app.accounts');
    expect(v.props.columnComments).toEqual({ email: 'view column comment' });
    expect(v.dependsOn).toContain(objectId('column', ['app', 'accounts', 'mood']));
    expect(get('view', ['app', 'happy_accounts']).props.options).toEqual(['check_option=local']);
    expect(get('view', ['app', 'happy_accounts']).dependsOn).toContain(v.id);
    expect(get('view', ['Hostile Schema "quoted"', 'View "of" spaces']).props.columns).toEqual(['Selected Thing', 'x"; DROP TABLE foo; --']);
    const mv = get('materialized_view', ['app', 'account_stats']);
    expect(mv.props.withData).toBe(false);
    expect(mv.comment).toBe('not populated');
    expect(get('materialized_view', ['public', 'todo_counts']).props.withData).toBe(true);
  });

  it('functions: definition, kind, volatility, SECURITY DEFINER + SET, overloads, aggregates, $$ bodies', () => {
    const admin = get('function', ['app', 'is_admin'], '');
    expect(admin.props).toMatchObject({ routineKind: 'function', language: 'plpgsql', volatility: 'stable', securityDefiner: true, leakproof: true });
    expect(admin.props.config).toEqual(['search_path=""', 'statement_timeout=5s']);
    expect(admin.props.definition).toMatch(/^CREATE OR REPLACE FUNCTION app\.is_admin\(\)/);
    expect(admin.comment).toBe('SECURITY DEFINER with SET search_path');
    expect(get('function', ['app', 'touch'], '').props.definition).toContain("RAISE DEBUG 'cost: $$5; not a terminator';");
    get('function', ['app', 'describe'], 'integer');
    get('function', ['app', 'describe'], 'text');
    const proc = get('function', ['app', 'archive_events'], 'timestamp with time zone, integer');
    expect(proc.props).toMatchObject({ routineKind: 'procedure', returns: null });
    expect(proc.comment).toBe('a procedure');
    expect(get('function', ['app', 'search'], 'text').props).toMatchObject({ parallel: 'restricted', returns: 'TABLE(id bigint, score real)' });
    expect(get('function', ['app', 'account_count'], 'app."Mood", bigint[]').dependsOn).toContain(objectId('enum', ['app', 'Mood']));
    const agg = get('function', ['app', 'comma_join'], 'text');
    expect(agg.props.routineKind).toBe('aggregate');
    expect(agg.props.definition).toBeNull();
    expect(agg.props.aggregateDefinition).toContain('SFUNC = app.concat_sfunc');
    expect(agg.dependsOn).toContain(objectId('function', ['app', 'concat_sfunc'], 'text, text'));
    expect(get('function', ['app', 'sum_positive'], 'app.positive_int').props.aggregateDefinition).toContain('PARALLEL = SAFE');
    get('function', ['Hostile Schema "quoted"', 'fn "weird" name'], 'text, integer');
    expect(get('function', ['public', 'handle_new_user'], '').props.securityDefiner).toBe(true);
    // Platform functions are not user objects.
    expect(has(objectId('function', ['auth', 'uid'], ''))).toBe(false);
    expect(has(objectId('function', ['extensions', 'uuid_generate_v4'], ''))).toBe(false);
  });

  it('triggers: enabled states, UPDATE OF … WHEN, constraint trigger, partition clones skipped', () => {
    const t = get('trigger', ['app', 'accounts', 'accounts_touch']);
    expect(t.props.definition).toContain('BEFORE UPDATE OF name, email ON app.accounts FOR EACH ROW WHEN (old.name IS DISTINCT FROM new.name) EXECUTE FUNCTION app.touch()');
    expect(t.props).toMatchObject({ enabled: 'O', function: objectId('function', ['app', 'touch'], '') });
    expect(t.comment).toBe('UPDATE OF … WHEN');
    expect(t.dependsOn).toEqual(expect.arrayContaining([objectId('function', ['app', 'touch'], ''), objectId('table', ['app', 'accounts'])]));
    expect(get('trigger', ['app', 'accounts', 'Trigger "disabled"']).props.enabled).toBe('D');
    expect(get('trigger', ['app', 'orders', 'orders_replica']).props.enabled).toBe('R');
    expect(get('trigger', ['app', 'orders', 'orders_always']).props.enabled).toBe('A');
    expect(get('trigger', ['app', 'orders', 'orders_statement']).props.definition).toContain('REFERENCING NEW TABLE AS new_rows');
    expect(get('trigger', ['app', 'bookings', 'bookings_check']).props.definition).toMatch(/^CREATE CONSTRAINT TRIGGER/);
    get('trigger', ['app', 'events', 'events_touch']);
    expect(has(objectId('trigger', ['app', 'events_2024', 'events_touch']))).toBe(false);
  });

  it('policies: command, permissive/restrictive, roles, USING and WITH CHECK', () => {
    const sel = get('policy', ['app', 'accounts', 'Users see own accounts']);
    expect(sel.props).toMatchObject({ command: 'SELECT', permissive: true, roles: ['authenticated'], using: '(user_id = auth.uid())', withCheck: null });
    expect(sel.comment).toBe('owner can read');
    const del = get('policy', ['app', 'accounts', 'Only admins delete']);
    expect(del.props).toMatchObject({ command: 'DELETE', permissive: false, roles: ['authenticated', 'service_role'] });
    expect(del.dependsOn).toContain(objectId('function', ['app', 'is_admin'], ''));
    expect(get('policy', ['app', 'accounts', 'accounts_insert']).props.withCheck).toContain(`'x"; DROP TABLE foo; --'::app."Mood"`);
    expect(get('policy', ['app', 'accounts', 'accounts_update']).props).toMatchObject({ command: 'UPDATE', roles: ['PUBLIC'] });
    expect(get('policy', ['app', 'accounts', 'x"; DROP TABLE foo; --']).props).toMatchObject({ command: 'ALL', roles: ['anon'], using: 'false' });
  });

  it('grants: effective ACLs incl. owner and PUBLIC defaults, column grants, revokes, grant options', () => {
    const g = (target: string, grantee: string) => {
      const o = snap.objects.find((x) => x.id === grantId(target, grantee));
      return o?.kind === 'grant' ? o : undefined;
    };
    const acc = objectId('table', ['app', 'accounts']);
    expect(g(acc, 'anon')?.props).toMatchObject({ targetType: 'TABLE', privileges: ['SELECT'], grantable: [] });
    const ownerPrivileges = ['DELETE', 'INSERT', ...(snap.server.major >= 17 ? ['MAINTAIN'] : []), 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'];
    expect(g(acc, 'postgres')?.props.privileges).toEqual(ownerPrivileges);
    expect(g(objectId('column', ['app', 'accounts', 'name']), 'authenticated')?.props).toMatchObject({ targetType: 'COLUMN', privileges: ['SELECT', 'UPDATE'] });
    expect(g(objectId('column', ['app', 'accounts', 'email']), 'authenticated')).toBeUndefined();
    expect(g(objectId('table', ['app', 'bookings']), 'authenticated')?.props).toMatchObject({ privileges: ['INSERT', 'SELECT'], grantable: ['INSERT', 'SELECT'] });
    const handle = objectId('function', ['public', 'handle_new_user'], '');
    expect(g(handle, 'PUBLIC')).toBeUndefined();
    expect(g(handle, 'anon')).toBeUndefined();
    expect(g(handle, 'service_role')?.props.privileges).toEqual(['EXECUTE']); // from public's default privileges
    expect(g(objectId('function', ['app', 'touch'], ''), 'PUBLIC')?.props.privileges).toEqual(['EXECUTE']);
    expect(g(objectId('function', ['app', 'is_admin'], ''), 'PUBLIC')).toBeUndefined();
    expect(g(objectId('enum', ['app', 'Mood']), 'anon')?.props.targetType).toBe('TYPE');
    expect(g(objectId('composite_type', ['app', 'money_amount']), 'PUBLIC')).toBeUndefined();
    expect(g(objectId('domain', ['app', 'email']), 'authenticated')?.props.targetType).toBe('DOMAIN');
    expect(g(objectId('schema', ['Hostile Schema "quoted"']), 'service_role')?.props).toMatchObject({ targetType: 'SCHEMA', grantable: ['CREATE', 'USAGE'] });
    expect(g(objectId('sequence', ['app', 'invoice_no']), 'authenticated')?.props).toMatchObject({ targetType: 'SEQUENCE', privileges: ['SELECT', 'USAGE'] });
    expect(g(objectId('table', ['public', 'foo']), 'anon')).toBeUndefined();
    expect(g(objectId('function', ['app', 'archive_events'], 'timestamp with time zone, integer'), 'postgres')?.props.targetType).toBe('PROCEDURE');
    // No grants on platform objects.
    expect(snap.objects.some((o) => o.kind === 'grant' && o.props.target.startsWith('table:"storage"'))).toBe(false);
  });

  it('default privileges: postgres in user schemas and global; platform roles and schemas excluded', () => {
    const dp = snap.objects.filter((o): o is ObjectOfKind<'default_privilege'> => o.kind === 'default_privilege');
    expect(dp.find((d) => d.props.inSchema === 'app' && d.props.objectType === 'TABLES')?.props).toMatchObject({ role: 'postgres', grantee: 'authenticated', privileges: ['SELECT'] });
    expect(dp.find((d) => d.props.inSchema === 'app' && d.props.objectType === 'FUNCTIONS')?.props).toMatchObject({ grantee: 'service_role', grantable: ['EXECUTE'] });
    expect(dp.find((d) => d.props.inSchema === null && d.props.objectType === 'FUNCTIONS')?.props).toMatchObject({ grantee: 'PUBLIC', privileges: [], revokedFromBuiltin: ['EXECUTE'] });
    expect(dp.find((d) => d.props.inSchema === null && d.props.objectType === 'SCHEMAS')?.props).toMatchObject({ grantee: 'service_role', privileges: ['USAGE'] });
    expect(dp.filter((d) => d.props.inSchema === 'public' && d.props.role === 'postgres').length).toBeGreaterThan(0);
    expect(dp.some((d) => d.props.role.startsWith('supabase_'))).toBe(false);
    expect(dp.some((d) => d.props.inSchema === 'extensions' || d.props.inSchema === 'storage')).toBe(false);
  });

  it('publications and event triggers', () => {
    const pub = get('publication', ['hostile "pub"']);
    expect(pub.props).toEqual({ allTables: false, insert: true, update: false, delete: false, truncate: false, viaRoot: true });
    expect(pub.comment).toBe('a user publication');
    const pt = get('publication_table', ['hostile "pub"', 'app', 'accounts']);
    expect(pt.props).toMatchObject({ publication: pub.id, table: objectId('table', ['app', 'accounts']), columns: ['id', 'name', 'mood'], where: '(id > 0)' });
    expect(pt.scope).toBe('user');
    expect(get('publication_table', ['hostile "pub"', 'app', 'events']).props.columns).toBeNull();
    expect(has(objectId('publication', ['supabase_realtime']))).toBe(false);

    const et = get('event_trigger', ['app ddl "watch"']);
    expect(et.props).toEqual({ event: 'ddl_command_end', tags: ['ALTER TABLE', 'CREATE TABLE'], function: objectId('function', ['app', 'on_ddl'], ''), enabled: 'O' });
    expect(et.comment).toBe('user event trigger');
    expect(get('event_trigger', ['app_drop_watch']).props.enabled).toBe('D');
    expect(has(objectId('event_trigger', ['pgrst_ddl_watch']))).toBe(false);
  });

  it('Supabase attachments: auth.users trigger, storage/realtime policies, supabase_realtime membership', () => {
    const trig = get('trigger', ['auth', 'users', 'on_auth_user_created']);
    expect(trig.scope).toBe('attachment');
    expect(trig.attachedTo).toBe(objectId('table', ['auth', 'users']));
    expect(trig.props.function).toBe(objectId('function', ['public', 'handle_new_user'], ''));
    expect(trig.dependsOn).toEqual([objectId('function', ['public', 'handle_new_user'], '')]);
    expect(get('function', ['public', 'handle_new_user'], '').scope).toBe('user');

    for (const [s, t, n] of [
      ['storage', 'objects', 'Avatar images are publicly accessible.'],
      ['storage', 'objects', 'Users upload into their own folder'],
      ['storage', 'buckets', 'Public buckets are listable'],
      ['realtime', 'messages', 'Authenticated can receive broadcasts'],
    ] as const) {
      const p = get('policy', [s, t, n]);
      expect(p.scope).toBe('attachment');
      expect(p.attachedTo).toBe(objectId('table', [s, t]));
    }
    for (const t of ['todos', 'profiles']) {
      const m = get('publication_table', ['supabase_realtime', 'public', t]);
      expect(m.scope).toBe('attachment');
      expect(m.attachedTo).toBe(objectId('publication', ['supabase_realtime']));
      expect(m.dependsOn).toEqual([objectId('table', ['public', t])]);
    }
    const attach = summarizeSnapshot(snap).reduce((n, r) => n + r.attachments, 0);
    expect(attach).toBe(7);
  });

  it('platform objects and extension members are absent; data notes recorded', () => {
    for (const o of snap.objects) {
      // Attachments and configuration rows (the avatars bucket) are user objects on platform tables.
      if (o.scope === 'attachment' || o.scope === 'config') continue;
      if (o.kind === 'extension' || o.kind === 'default_privilege') continue;
      expect(['auth', 'storage', 'realtime', 'extensions', 'graphql_public', 'supabase_functions', 'pgbouncer']).not.toContain(o.schema);
    }
    expect(has(objectId('trigger', ['storage', 'objects', 'update_objects_updated_at']))).toBe(false);
    expect(has(objectId('table', ['auth', 'users']))).toBe(false);
    expect(has(objectId('enum', ['auth', 'aal_level']))).toBe(false);
    // pg_trgm / citext / btree_gist members (functions, operators, types) are not user objects.
    expect(snap.objects.some((o) => o.kind === 'function' && /similarity|citext|gbt_/.test(o.name))).toBe(false);
    expect(snap.objects.some((o) => o.kind === 'index' && o.schema === 'auth')).toBe(false);
    expect(snap.data).toEqual(expect.arrayContaining([{ table: 'storage.buckets', rows: 1 }]));
  });

  it('a grantee role with a hostile name is read back exactly from the ACL', async () => {
    const role = `sb "odd"=role/${randomBytes(3).toString('hex')}, é`;
    await db.get().query(`CREATE ROLE ${ident(role)} NOLOGIN`);
    try {
      await db.get().query(`GRANT SELECT, UPDATE ON public.foo TO ${ident(role)} WITH GRANT OPTION`);
      const s2 = await inspectDatabase(db.get().target);
      const g = s2.objects.find((o) => o.id === grantId(objectId('table', ['public', 'foo']), role));
      expect(g?.kind === 'grant' && g.props).toMatchObject({ grantee: role, privileges: ['SELECT', 'UPDATE'], grantable: ['SELECT', 'UPDATE'] });
    } finally {
      await db.get().query(`REVOKE ALL ON public.foo FROM ${ident(role)}`);
      await db.get().query(`DROP ROLE ${ident(role)}`);
    }
  });

  it('replica identity USING INDEX and FOR TABLES IN SCHEMA publications (not in the shared fixture)', async () => {
    await db.get().query(`
      CREATE TABLE app.ri (a int NOT NULL, b int NOT NULL);
      CREATE UNIQUE INDEX ri_ab ON app.ri (a, b);
      ALTER TABLE app.ri REPLICA IDENTITY USING INDEX ri_ab;
      CREATE PUBLICATION schema_pub FOR TABLES IN SCHEMA app, "ünïcødé_schema";`);
    try {
      const s2 = await inspectDatabase(db.get().target);
      const t = s2.objects.find((o) => o.id === objectId('table', ['app', 'ri']));
      expect(t?.kind === 'table' && t.props).toMatchObject({ replicaIdentity: 'i', replicaIdentityIndex: 'ri_ab' });
      const p = s2.objects.find((o) => o.id === objectId('publication', ['schema_pub']));
      expect(p?.kind === 'publication' && p.props.schemas).toEqual(['app', 'ünïcødé_schema']);
      expect(p?.dependsOn).toEqual([objectId('schema', ['app']), objectId('schema', ['ünïcødé_schema'])]);
      expect(get('table', ['app', 'accounts']).props.replicaIdentityIndex).toBeUndefined();
    } finally {
      await db.get().query('DROP PUBLICATION schema_pub; DROP TABLE app.ri;');
    }
  });

  it('an attachment depends on the user objects it uses (policy on storage.objects calling a user function)', async () => {
    await db.get().query(`CREATE POLICY "admins manage files" ON storage.objects FOR ALL TO authenticated USING (app.is_admin())`);
    try {
      const s2 = await inspectDatabase(db.get().target);
      const p = s2.objects.find((o) => o.id === objectId('policy', ['storage', 'objects', 'admins manage files']));
      expect(p?.scope).toBe('attachment');
      expect(p?.dependsOn).toEqual([objectId('function', ['app', 'is_admin'], '')]);
    } finally {
      await db.get().query(`DROP POLICY "admins manage files" ON storage.objects`);
    }
  });
});
