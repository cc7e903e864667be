import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { canonicalJsonSha256 } from '../../src/baseline/canonical-hash.js';
import { orderSteps } from '../../src/baseline/order.js';
import { diffAcl, builtinAcl, renameOwner, privilegeList, allPrivileges } from '../../src/baseline/acl.js';
import { escapeMetaCommandLines } from '../../src/baseline/meta-safe.js';
import { parseIncludeData } from '../../src/baseline/read-data.js';
import { defaultBaselineVersion, utcVersion } from '../../src/baseline/version.js';
import { parseObjectId } from '../../src/baseline/snapshot-index.js';
import { withoutOnly } from '../../src/baseline/render/index.js';
import { objectId } from '../../src/introspect/snapshot-types.js';
import { fixtureSnapshot } from '../support/baseline-fixture-snapshot.js';

describe('canonicalJsonSha256', () => {
  it('hashes exactly the bytes of canonicalJson', () => {
    const samples: unknown[] = [fixtureSnapshot().objects, { b: 1, a: [1, 'x', null, { z: undefined, y: [] }], c: {} }, [], {}, 'x', [undefined]];
    for (const v of samples) expect(canonicalJsonSha256(v)).toBe(createHash('sha256').update(canonicalJson(v)).digest('hex'));
  });
});

describe('orderSteps', () => {
  const step = (key: string, rank: number, after: string[] = []) => ({ key, rank, after, sql: [] });
  it('is topological with a (rank, key) tie-break, independent of input order', () => {
    const steps = [step('table:b', 8), step('fk:x', 12, ['table:a', 'table:b']), step('table:a', 8), step('function:f', 6), step('view:v', 13, ['function:f', 'table:a'])];
    const a = orderSteps(steps).steps.map((s) => s.key);
    expect(a).toEqual(['function:f', 'table:a', 'table:b', 'fk:x', 'view:v']);
    expect(orderSteps([...steps].reverse()).steps.map((s) => s.key)).toEqual(a);
  });
  it('breaks a cycle deterministically and reports it', () => {
    const r = orderSteps([step('a', 1, ['b']), step('b', 1, ['a']), step('c', 0, ['a'])]);
    expect(r.steps.map((s) => s.key)).toEqual(['a', 'c', 'b']);
    expect(r.cycles).toEqual([['a', 'b']]);
  });
  it('ignores dependencies on unknown (platform) keys', () => {
    expect(orderSteps([step('x', 1, ['table:"auth"."users"'])]).steps).toHaveLength(1);
  });
});

describe('ACL arithmetic', () => {
  it('diffs creation ACLs against live, revokes included', () => {
    const initial = builtinAcl('TABLES', 'postgres', 15);
    initial.set('anon', { privileges: new Set(allPrivileges('TABLES', 15)), grantable: new Set() });
    const live = renameOwner(builtinAcl('TABLES', 'postgres', 15), 'postgres', 'app_owner');
    live.set('authenticated', { privileges: new Set(['SELECT']), grantable: new Set(['SELECT']) });
    const changes = diffAcl(renameOwner(initial, 'postgres', 'app_owner'), live);
    expect(changes).toEqual([
      { grantee: 'anon', revoke: allPrivileges('TABLES', 15), revokeGrantOption: [], grant: [], grantWithOption: [] },
      { grantee: 'authenticated', revoke: [], revokeGrantOption: [], grant: [], grantWithOption: ['SELECT'] },
    ]);
  });
  it('says ALL only for the complete set, per major', () => {
    expect(privilegeList(allPrivileges('TABLES', 15), allPrivileges('TABLES', 15))).toBe('ALL');
    expect(privilegeList(['SELECT', 'INSERT'], allPrivileges('TABLES', 15))).toBe('INSERT, SELECT');
    expect(allPrivileges('TABLES', 17)).toContain('MAINTAIN');
    expect(() => privilegeList(['SELECT; DROP'], [])).toThrow();
  });
  it('gives functions and types PUBLIC by default', () => {
    expect([...builtinAcl('FUNCTIONS', 'o', 15).keys()]).toEqual(['o', 'PUBLIC']);
    expect([...builtinAcl('TYPES', 'o', 15).keys()]).toEqual(['o', 'PUBLIC']);
  });
});

describe('escapeMetaCommandLines (B003/B004/B007)', () => {
  it('leaves ordinary SQL byte-identical', () => {
    const sql = "CREATE TABLE \"a\" (x text DEFAULT 'a\\b');\n-- c\nSELECT $$x\n y$$;\n";
    expect(escapeMetaCommandLines(sql)).toBe(sql);
  });
  it('re-quotes strings, identifiers and dollar bodies that contain a line starting with a backslash', () => {
    const out = escapeMetaCommandLines(`COMMENT ON TABLE "t\n\\! id" IS 'a\n\\! rm';\nDO $f$\n\\q\n$f$;\nSELECT E'x\n\\\\y';\n`);
    expect(out).not.toMatch(/(^|\n)\\/);
    expect(out).toContain(`U&"t\\000A\\\\! id"`);
    expect(out).toContain(`E'a\\n\\\\! rm'`);
    expect(out).toContain(`DO E'\\n\\\\q\n';`);
    expect(out).toContain(`E'x\\n\\\\y'`);
  });
  it('refuses a backslash line outside quotes', () => {
    expect(() => escapeMetaCommandLines('SELECT 1;\n\\! ls\n')).toThrow(/backslash/);
  });
});

describe('small parsers', () => {
  it('parses --include-data lists with quoted names', () => {
    expect(parseIncludeData('storage.buckets, cron.job,"My Schema"."a,b"')).toEqual([
      { schema: 'storage', table: 'buckets' },
      { schema: 'cron', table: 'job' },
      { schema: 'My Schema', table: 'a,b' },
    ]);
    expect(() => parseIncludeData('nodot')).toThrow(/schema\.table/);
  });
  it('parses object ids back into exact parts', () => {
    const id = objectId('function', ['s"x', 'f.y'], 'integer, text');
    expect(parseObjectId(id)).toEqual({ kind: 'function', parts: ['s"x', 'f.y'], signature: 'integer, text' });
    expect(parseObjectId('table:"auth"."users"')).toEqual({ kind: 'table', parts: ['auth', 'users'], signature: undefined });
  });
  it('picks a default version after every existing one', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    expect(utcVersion(now)).toBe('20260102030405');
    expect(defaultBaselineVersion(['20250101000000'], now)).toBe('20260102030405');
    expect(defaultBaselineVersion(['20270101000000'], now)).toBe('20270101000001');
  });
  it('drops ONLY from partitioned index definitions, whatever the index is called', () => {
    expect(withoutOnly('CREATE INDEX p_id ON ONLY public.p USING btree (id)')).toBe('CREATE INDEX p_id ON public.p USING btree (id)');
    expect(withoutOnly('CREATE UNIQUE INDEX "x ON ONLY y" ON ONLY public.p USING btree (id)')).toBe('CREATE UNIQUE INDEX "x ON ONLY y" ON public.p USING btree (id)');
  });
});
