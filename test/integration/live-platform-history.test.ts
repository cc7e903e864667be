import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/live-project.js';
import { livePlatformAt, type LiveDatabase } from '../support/live-platform.js';
import { makeGitProject, pgDumpSchemaOf, psqlFiles, squashbase, supabase } from '../support/processes.js';
import { normalizePgDump } from '../support/pg-dump-normalize.js';
import { parseParityJson } from '../support/read-artifacts.js';
import { present } from '../support/present.js';

/**
 * The live is NOT built by squashbase: ../shared/live-platform (an independently written
 * platform model with its own stub extensions, on a server of its own) and the history pushed
 * by the real Supabase CLI. The history (test/fixtures/histories/platform-classes, our own)
 * reproduces the classes real histories taught us:
 *   - extensions whose real control metadata (comment, schema) a stand-in must present (pg_cron,
 *     vector, http): parity must not blame the user for a stand-in;
 *   - `CREATE EXTENSION … WITH SCHEMA` of an extension's own schema (pgsodium preinstalled,
 *     pgmq into a schema the migration creates first), in replay and in the baseline;
 *   - a Database Webhook trigger calling supabase_functions.http_request();
 *   - grants in non-alphabetical order (the ACL keeps the order they ran in);
 *   - the platform cloned from a live squashbase did not build.
 * The shadow stays the suite's own server.
 */
const livePlatformUrl = inject('livePlatformUrl');
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'histories', 'platform-classes', 'supabase', 'migrations');

describe.skipIf(!livePlatformUrl)(`a history pushed by the Supabase CLI onto the independent live platform${livePlatformUrl ? '' : ` (skipped: ${inject('livePlatformMissing')})`}`, () => {
  const dbs: LiveDatabase[] = [];
  let live: LiveDatabase;
  let work: string;
  const shadow = () => inject('serverUrl');

  beforeAll(async () => {
    const server = livePlatformAt(livePlatformUrl);
    work = await makeGitProject(FIXTURE, 'livehist');
    live = await server.createLiveDatabase('history');
    dbs.push(live);
    const push = await supabase(['db', 'push', '--db-url', live.url, '--yes'], work);
    expect(push.code, push.stderr + push.stdout).toBe(0);
    dbs.push(await server.createLiveDatabase('built'));
  });

  afterAll(async () => {
    for (const d of dbs) await d.drop().catch(() => undefined);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('parity passes on the untouched project: no stand-in property blamed on the user, the platform cloned from live', async () => {
    const r = await squashbase(['parity', '--db-url', live.url, '--workdir', work, '--shadow-url', shadow(), '--report-dir', join(work, 'report'), '--json'], work);
    const report = parseParityJson(r.stdout);
    const changed = present(report.drift, 'the drift comparison').objects.filter((o) => o.status !== 'equal').map((o) => `${o.status} ${o.id}`);
    expect(changed).toEqual([]);
    expect(report.verdict).toMatchObject({ status: 'pass', fidelity: 'identical', drift: 'none' });
    expect(r.code, r.stderr).toBe(0);
    expect(report.warnings.map((w) => w.message).filter((m) => /Cloning the platform/.test(m))).toEqual([]);
  });

  it('the baseline applied to a fresh live-platform database is pg_dump --schema-only-equal to live, ACL order included', async () => {
    const out = join(work, 'baseline.sql');
    const gen = await squashbase(['baseline', '--db-url', live.url, '--workdir', work, '--out', out], work);
    expect(gen.code, gen.stderr).toBe(0);
    const built = dbs[1] as LiveDatabase;
    const apply = await psqlFiles(built.url, [out], work);
    expect(apply.code, apply.stderr).toBe(0);
    const [a, b] = await Promise.all([pgDumpSchemaOf(live.url), pgDumpSchemaOf(built.url)]);
    expect(normalizePgDump(b)).toBe(normalizePgDump(a));
    // Not only equal after sorting: the aclitems are in live's order (authenticated before anon).
    const acl = "SELECT n.nspacl::text AS schema_acl, (SELECT relacl::text FROM pg_class WHERE oid = 'app.settings'::regclass) AS table_acl, (SELECT proacl::text FROM pg_proc WHERE oid = 'app.setting(text)'::regprocedure) AS function_acl FROM pg_namespace n WHERE n.nspname = 'app'";
    const [liveAcl, builtAcl] = [(await live.query(acl)).rows[0], (await built.query(acl)).rows[0]];
    expect(builtAcl).toEqual(liveAcl);
    expect(String(liveAcl?.['schema_acl'])).toMatch(/authenticated=U.*anon=U.*service_role=U/);
  });

  it('consolidate --apply leaves the real CLI in sync with nothing to push', async () => {
    const r = await squashbase(['consolidate', '--db-url', live.url, '--workdir', work, '--shadow-url', shadow(), '--apply', '--yes', '--json'], work);
    expect(r.code, r.stdout.slice(-2000) + r.stderr).toBe(0);
    const list = await supabase(['migration', 'list', '--db-url', live.url, '--output-format', 'json'], work);
    expect(list.code, list.stderr).toBe(0);
    const rows = (JSON.parse(list.stdout) as { migrations: { local: string; remote: string }[] }).migrations;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.local).toBe(rows[0]?.remote);
    const dry = await supabase(['db', 'push', '--db-url', live.url, '--dry-run', '--output-format', 'json'], work);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ upToDate: true, migrations: [] });
  });
});
