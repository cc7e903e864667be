import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, useTestDatabase, type TestDatabase } from '../support/test-database.js';
import { applyPlatform } from '../fixtures/hostile/apply.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { generateBaseline } from '../../src/baseline/generate-baseline.js';
import { applyBaseline } from '../../src/baseline/apply-baseline.js';
import { compareSnapshots, differencesOf } from '../../src/parity/compare.js';
import type { Snapshot } from '../../src/introspect/snapshot-types.js';

/**
 * Issue 11, "no blind spots": one object of every catalog that can hold a user object, in a
 * user schema. Each one must be either rebuilt by the baseline (modelled, and equal after the
 * rebuild) or named by the census as not modelled. Security labels need a label provider
 * (none is loaded in a stock server), so pg_seclabel is the one catalog not exercised here.
 */
const OBJECTS_SQL = `
CREATE SCHEMA cen;
CREATE TABLE cen.t (a int, b int, c text, d text);
ALTER TABLE cen.t ALTER COLUMN d SET COMPRESSION pglz;
ALTER TABLE cen.t ALTER COLUMN d SET STORAGE EXTERNAL;
ALTER TABLE cen.t REPLICA IDENTITY FULL;
ALTER TABLE cen.t ADD CONSTRAINT t_chk CHECK (a > 0);
CREATE INDEX t_a ON cen.t (a);
CREATE TABLE cen.pt (a int) PARTITION BY RANGE (a);
CREATE INDEX pt_a ON cen.pt (a);
CREATE VIEW cen.v AS SELECT a FROM cen.t;
CREATE MATERIALIZED VIEW cen.mv AS SELECT a FROM cen.t;
CREATE SEQUENCE cen.s;
CREATE TYPE cen.comp AS (x int);
CREATE TYPE cen.e AS ENUM ('a', 'b');
CREATE DOMAIN cen.d AS int CHECK (VALUE > 0);
CREATE FUNCTION cen.e_to_int(cen.e) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';
CREATE TYPE cen.r AS RANGE (subtype = int4);
CREATE TYPE cen.base;
CREATE FUNCTION cen.base_in(cstring) RETURNS cen.base LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION cen.base_out(cen.base) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE TYPE cen.base (INPUT = cen.base_in, OUTPUT = cen.base_out, LIKE = int4);
CREATE FUNCTION cen.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE cen.p() LANGUAGE sql AS 'SELECT 1';
CREATE AGGREGATE cen.agg(int) (SFUNC = int4pl, STYPE = int);
CREATE FUNCTION cen.trg() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER t_trg BEFORE INSERT ON cen.t FOR EACH ROW EXECUTE FUNCTION cen.trg();
ALTER TABLE cen.t ENABLE ROW LEVEL SECURITY;
CREATE POLICY t_pol ON cen.t USING (true);
CREATE RULE t_rule AS ON UPDATE TO cen.t DO ALSO NOTHING;
ALTER TABLE cen.t DISABLE RULE t_rule;
COMMENT ON RULE t_rule ON cen.t IS 'audit hook';
CREATE STATISTICS cen.t_stats (ndistinct, dependencies) ON a, b FROM cen.t;
ALTER STATISTICS cen.t_stats SET STATISTICS 500;
CREATE COLLATION cen.coll FROM "C";
ALTER TABLE cen.t ALTER COLUMN c SET DATA TYPE text COLLATE cen.coll;
CREATE CONVERSION cen.conv FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;
CREATE OPERATOR cen.!== (LEFTARG = int, RIGHTARG = int, FUNCTION = int4ne);
CREATE OPERATOR cen.=== (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq, COMMUTATOR = OPERATOR(cen.===), NEGATOR = OPERATOR(cen.!==), RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR cen.~# (RIGHTARG = cen.e, FUNCTION = cen.e_to_int);
COMMENT ON OPERATOR cen.=== (int, int) IS 'equal';
CREATE OPERATOR FAMILY cen.fam USING btree;
CREATE OPERATOR CLASS cen.cls FOR TYPE int USING btree FAMILY cen.fam AS OPERATOR 1 <, FUNCTION 1 btint4cmp(int, int);
CREATE ACCESS METHOD cen_am TYPE TABLE HANDLER heap_tableam_handler;
CREATE TEXT SEARCH CONFIGURATION cen.tsc (COPY = english);
CREATE TEXT SEARCH DICTIONARY cen.tsd (TEMPLATE = simple, STOPWORDS = english, ACCEPT = false);
ALTER TEXT SEARCH CONFIGURATION cen.tsc ALTER MAPPING FOR asciiword WITH cen.tsd, english_stem;
COMMENT ON TEXT SEARCH CONFIGURATION cen.tsc IS 'english with stopwords';
CREATE TEXT SEARCH PARSER cen.tsp (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype);
CREATE TEXT SEARCH TEMPLATE cen.tst (LEXIZE = dsimple_lexize, INIT = dsimple_init);
CREATE FOREIGN DATA WRAPPER cen_fdw OPTIONS (debug 'true');
CREATE SERVER cen_srv TYPE 'stripe' VERSION '1' FOREIGN DATA WRAPPER cen_fdw OPTIONS (host 'example.invalid', api_key 'sk_test_census_SECRET');
CREATE USER MAPPING FOR PUBLIC SERVER cen_srv OPTIONS (user 'remote', password 'census-PASSWORD');
CREATE FOREIGN TABLE cen.ft (id text OPTIONS (column_name 'ID') NOT NULL, n int DEFAULT 7) SERVER cen_srv OPTIONS (object 'customers', "rowid_column" 'id');
COMMENT ON FOREIGN TABLE cen.ft IS 'stripe customers';
GRANT SELECT ON cen.ft TO anon;
CREATE FUNCTION cen.evt() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';
CREATE EVENT TRIGGER cen_evt ON ddl_command_end EXECUTE FUNCTION cen.evt();
CREATE PUBLICATION cen_pub FOR TABLE cen.t;
CREATE PUBLICATION cen_pub_s FOR TABLES IN SCHEMA cen;
CREATE SUBSCRIPTION cen_sub CONNECTION 'dbname=nowhere password=sub-SECRET' PUBLICATION cen_pub WITH (connect = false, slot_name = NONE, enabled = false);
CREATE CAST (cen.comp AS text) WITH INOUT;
CREATE CAST (cen.e AS int) WITH FUNCTION cen.e_to_int(cen.e) AS ASSIGNMENT;
COMMENT ON CAST (cen.e AS int) IS 'enum position';
CREATE TRANSFORM FOR cen.e LANGUAGE plpgsql (FROM SQL WITH FUNCTION gtsvector_compress(internal));
CREATE LANGUAGE cen_lang HANDLER plpgsql_call_handler;
SELECT lo_create(424242);
ALTER DEFAULT PRIVILEGES IN SCHEMA cen GRANT SELECT ON TABLES TO anon;
CREATE SCHEMA cen_ext;
CREATE EXTENSION pg_trgm WITH SCHEMA cen_ext;
GRANT EXECUTE ON FUNCTION cen_ext.similarity(text, text) TO anon;
`;

/**
 * Every catalog of the issue, and whether squashbase models what this fixture puts in it (true),
 * names it (false), or both ('mixed': pg_type's base type, made from C-level I/O functions, is named).
 */
const CATALOGS: [catalog: string, modelled: boolean | 'mixed'][] = [
  ['pg_class', true],
  ['pg_proc', true],
  ['pg_type', 'mixed'],
  ['pg_constraint', true],
  ['pg_trigger', true],
  ['pg_policy', true],
  ['pg_rewrite', true],
  ['pg_statistic_ext', true],
  ['pg_collation', true],
  ['pg_conversion', false],
  ['pg_cast', true],
  ['pg_operator', true],
  ['pg_opclass', false],
  ['pg_opfamily', false],
  ['pg_am', false],
  ['pg_ts_config', true],
  ['pg_ts_dict', true],
  ['pg_ts_parser', false],
  ['pg_ts_template', false],
  ['pg_foreign_data_wrapper', true],
  ['pg_foreign_server', true],
  ['pg_user_mapping', true],
  ['pg_event_trigger', true],
  ['pg_publication', true],
  ['pg_publication_rel', true],
  ['pg_publication_namespace', true],
  ['pg_subscription', false],
  ['pg_transform', false],
  ['pg_language', false],
  ['pg_largeobject_metadata', false],
  ['pg_default_acl', true],
  ['pg_init_privs', false],
];

/** A fresh database with the bundled platform model (the same start as live: no shadow stand-ins involved). */
async function platformDatabase(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  await applyPlatform(db);
  return db;
}

describe('census: every catalog is modelled or named', () => {
  const live = useTestDatabase('census_live');
  let built: TestDatabase;
  let snap: Snapshot;
  let rebuilt: Snapshot;
  let baselineSql: string;
  let warnings: string[];

  beforeAll(async () => {
    await applyPlatform(live.get());
    await live.get().query(OBJECTS_SQL);
    snap = await inspectDatabase(live.get().target);
    const b = generateBaseline(snap, { version: '20990101000000', consolidates: [], source: 'test' });
    baselineSql = b.sql;
    warnings = b.warnings;
    built = await platformDatabase('census_built');
    await applyBaseline(b.sql, built.target, { secretPlaceholders: true });
    rebuilt = await inspectDatabase(built.target);
  }, 120_000);

  // A subscription keeps its database from being dropped.
  afterAll(async () => {
    await live.get().query('DROP SUBSCRIPTION IF EXISTS cen_sub');
    await built?.drop();
  });

  it('counts at least one object in every catalog, and modelled + named = counted', () => {
    for (const [catalog, modelled] of CATALOGS) {
      const rows = snap.census.filter((c) => c.catalog === catalog);
      const total = rows.reduce((n, c) => n + c.total, 0);
      const named = snap.notModelled.filter((n) => n.catalog === catalog).length;
      expect(total, `${catalog} counted`).toBeGreaterThan(0);
      expect(rows.reduce((n, c) => n + c.modelled, 0) + named, catalog).toBe(total);
      if (modelled === true) expect(snap.notModelled.filter((n) => n.catalog === catalog), catalog).toEqual([]);
      else expect(named, `${catalog} named`).toBeGreaterThan(0);
      if (modelled !== false) expect(rows.reduce((n, c) => n + c.modelled, 0), `${catalog} modelled`).toBeGreaterThan(0);
    }
    for (const n of snap.notModelled) expect(n.reason.length, n.identity).toBeGreaterThan(10);
  });

  it('names each not-modelled object by its identity', () => {
    const identities = snap.notModelled.map((n) => n.identity);
    for (const expected of [
      'conversion cen.conv',
      'operator class cen.cls for access method btree',
      'operator family cen.fam for access method btree',
      'access method cen_am',
      'text search parser cen.tsp',
      'text search template cen.tst',
      'subscription cen_sub',
      'transform for cen.e language plpgsql',
      'language cen_lang',
      'large object 424242',
      'privileges on function cen_ext.similarity(text,text)',
    ]) {
      expect(identities).toContain(expected);
    }
    // The base type and its I/O functions are named too (no renderer for C-level types).
    expect(identities).toContain('type cen.base');
  });

  it('rebuilds every modelled object: live and the baseline-built database compare equal', () => {
    const c = compareSnapshots(snap, rebuilt, { referenceLabel: 'live', candidateLabel: 'baseline' });
    expect(differencesOf(c).map((d) => `${d.status} ${d.id}\n${d.diff ?? ''}`)).toEqual([]);
    const col = snap.objects.find((o) => o.id === 'column:"cen"."t"."d"');
    expect(col?.kind === 'column' ? col.props.compression : undefined).toBe('pglz');
    expect(snap.objects.filter((o) => o.kind === 'cast').length).toBe(2);
    expect(snap.objects.filter((o) => o.kind === 'operator').length).toBe(3);
    for (const kind of ['foreign_data_wrapper', 'foreign_server', 'user_mapping', 'foreign_table', 'rule', 'statistics', 'collation', 'text_search_dictionary', 'text_search_configuration'] as const) {
      expect(snap.objects.filter((o) => o.kind === kind).length, kind).toBe(1);
    }
  });

  it('never puts a secret into the snapshot or the baseline, and guards it in the baseline', () => {
    const text = JSON.stringify(snap) + baselineSql + warnings.join('\n');
    for (const secret of ['sk_test_census_SECRET', 'census-PASSWORD', 'sub-SECRET']) expect(text).not.toContain(secret);
    expect(baselineSql).toContain("current_setting('squashbase.secret_cen_srv_api_key', true)");
    expect(baselineSql).toContain("current_setting('squashbase.secret_cen_srv_public_password', true)");
  });

  it('a baseline with a secret fails loudly when the environment does not supply it', async () => {
    const fresh = await platformDatabase('census_nosecret');
    try {
      await expect(applyBaseline(baselineSql, fresh.target)).rejects.toThrow(/needs a secret the baseline does not contain/);
    } finally {
      await fresh.drop();
    }
  });

  it('the baseline warns for every not-modelled object, by name', () => {
    for (const n of snap.notModelled) expect(warnings.some((w) => w.includes(n.identity)), n.identity).toBe(true);
  });
});
