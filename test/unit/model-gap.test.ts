import { describe, expect, it } from 'vitest';
import { loadPlatformFacts } from '../../src/shadow/platform-facts/load-facts.js';
import { catalogHas, modelGapHint, namedPlatformObjects, objectsMissingFromModel } from '../../src/shadow/platform-facts/model-gap.js';
import type { PlatformCatalog } from '../../src/shadow/platform-facts/facts-types.js';

/** The replay hint for a statement that names a platform object the bundled model's release lacks. */
describe('model gap hint', async () => {
  const facts = await loadPlatformFacts(15);
  const err = (sqlstate: string, message: string) => ({ sqlstate, message });

  it('names a legacy platform table, the model release and --db-url', () => {
    const hint = modelGapHint(err('42P01', 'relation "auth.sso_sessions" does not exist'), 'alter table "auth"."sso_sessions" drop constraint "x_fkey"', facts);
    expect(hint).toContain('table auth.sso_sessions is not on squashbase\'s bundled platform model');
    expect(hint).toContain(facts.release.label);
    expect(hint).toContain('templates/platform/facts/supabase-15.json');
    expect(hint).toContain('--db-url');
  });

  it('resolves an unqualified name through the statement\'s qualified references', () => {
    expect(namedPlatformObjects(err('42P01', 'relation "legacy_thing" does not exist'), 'DROP TABLE "storage"."legacy_thing"')).toEqual([
      { kind: 'relation', schema: 'storage', name: 'legacy_thing' },
    ]);
  });

  it('a missing column of a platform table, through an alias', () => {
    const stmt = 'create function public.f() returns setof text language sql as $$ select s.no_such_col from auth.sessions s $$';
    expect(objectsMissingFromModel(err('42703', 'column s.no_such_col does not exist'), stmt, facts)).toEqual([
      { kind: 'column', schema: 'auth', name: 'sessions', column: 'no_such_col' },
    ]);
    // The model has sessions.user_agent: no hint.
    expect(modelGapHint(err('42703', 'column s.user_agent does not exist'), stmt.replace('no_such_col', 'user_agent'), facts)).toBeUndefined();
    expect(objectsMissingFromModel(err('42703', 'column "no_such_col" of relation "users" does not exist'), 'alter table auth.users drop column no_such_col', facts)).toEqual([
      { kind: 'column', schema: 'auth', name: 'users', column: 'no_such_col' },
    ]);
  });

  it('functions and types', () => {
    expect(objectsMissingFromModel(err('42883', 'function auth.legacy_fn(uuid) does not exist'), 'select auth.legacy_fn($1)', facts)).toEqual([
      { kind: 'function', schema: 'auth', name: 'legacy_fn' },
    ]);
    expect(modelGapHint(err('42883', 'function auth.uid() does not exist'), 'select auth.uid()', facts)).toBeUndefined();
    expect(objectsMissingFromModel(err('42704', 'type "auth.legacy_kind" does not exist'), 'alter type auth.legacy_kind add value \'x\'', facts)).toHaveLength(1);
  });

  it('nothing for objects the model has, user objects, or other errors', () => {
    expect(modelGapHint(err('42P01', 'relation "auth.users" does not exist'), 'select 1 from auth.users', facts)).toBeUndefined();
    expect(modelGapHint(err('42P01', 'relation "public.subscriptions" does not exist'), 'select 1 from public.subscriptions', facts)).toBeUndefined();
    expect(modelGapHint(err('42P01', 'relation "subscriptions" does not exist'), 'select 1 from subscriptions join auth.users u on true', facts)).toBeUndefined();
    expect(modelGapHint(err('42601', 'syntax error at or near "auth"'), 'alter table auth.sso_sessions', facts)).toBeUndefined();
  });

  it('catalogHas answers for any catalog (a live platform keeping the legacy table)', () => {
    const live: PlatformCatalog = { ...facts, tables: [...facts.tables, { schema: 'auth', name: 'sso_sessions', kind: 'r', owner: 'supabase_auth_admin', rls: false, columns: [], constraints: [], acl: [], from: 'auth' }] };
    const o = { kind: 'relation' as const, schema: 'auth', name: 'sso_sessions' };
    expect(catalogHas(live, o)).toBe(true);
    expect(catalogHas(facts, o)).toBe(false);
  });
});
