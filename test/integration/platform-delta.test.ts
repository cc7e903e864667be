import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/live-project.js';
import { livePlatformAt, type LiveDatabase } from '../support/live-platform.js';
import { makeGitProject, pgDumpSchemaOf, psqlFiles, squashbase, supabase } from '../support/processes.js';
import { normalizePgDump } from '../support/pg-dump-normalize.js';
import { parseParityJson } from '../support/read-artifacts.js';
import { present } from '../support/present.js';
import type { ParityReport } from '../../src/parity/report-model.js';

/**
 * Issue 12: a history that changes the platform itself. The live is ../shared/live-platform
 * (not squashbase's model) with test/fixtures/histories/platform-delta pushed by the real
 * Supabase CLI; the oracle for the baseline is pg_dump --schema-only of live.
 * The fixture covers each class: added (function, trigger, column, FK, column grant in
 * storage), changed (storage.extension, auth.email replaced), removed (auth.sso_sessions) and,
 * against the bundled model instead of a fresh live-platform database, platform version
 * differences.
 */
const livePlatformUrl = inject('livePlatformUrl');
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'histories', 'platform-delta', 'supabase', 'migrations');

/** The report's platform delta, which every parity run here has (a pristine platform is always at hand). */
const delta = (report: ParityReport) => present(report.platformDelta, 'the platform delta');

const HISTORY_CHANGES = [
  'changed function:"storage"."extension"(text)',
  'added function:"storage"."handle_empty_folder_placeholder"()',
  'added trigger:"storage"."objects"."handle_empty_folder_placeholder"',
  'added column:"storage"."objects"."team_id"',
  'added constraint:"storage"."objects"."objects_team_id_fkey"',
  'added grant:column:"storage"."objects"."team_id"->"authenticated"',
  'removed table:"auth"."sso_sessions"',
  'changed function:"auth"."email"()',
  'added grant:function:"extensions"."crypt"(text, text)->"dashboard_user"',
  'added grant:function:"extensions"."gen_salt"(text)->"dashboard_user"',
];

describe.skipIf(!livePlatformUrl)(`a history that changes the platform (platform delta)${livePlatformUrl ? '' : ` (skipped: ${inject('livePlatformMissing')})`}`, () => {
  const dbs: LiveDatabase[] = [];
  let live: LiveDatabase;
  let pristine: LiveDatabase;
  let work: string;
  const shadow = () => inject('serverUrl');
  const server = () => livePlatformAt(livePlatformUrl);
  const fresh = async (label: string) => {
    const d = await server().createLiveDatabase(label);
    dbs.push(d);
    return d;
  };
  const parity = async (extra: string[], dir: string) => {
    const r = await squashbase(['parity', '--db-url', live.url, '--workdir', work, '--shadow-url', shadow(), '--report-dir', join(work, dir), '--json', ...extra], work);
    return { r, report: parseParityJson(r.stdout) };
  };
  const userChanges = (report: ParityReport) => delta(report).items.filter((i) => i.origin !== 'version');

  beforeAll(async () => {
    work = await makeGitProject(FIXTURE, 'pdelta');
    live = await fresh('pdelta');
    pristine = await fresh('pristine');
    const push = await supabase(['db', 'push', '--db-url', live.url, '--yes'], work);
    expect(push.code, push.stderr + push.stdout).toBe(0);
  });

  afterAll(async () => {
    for (const d of dbs) await d.drop().catch(() => undefined);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('parity against a fresh project of the same release: every change is the history\'s, carried, and the verdict passes', async () => {
    const { r, report } = await parity(['--pristine-url', pristine.url], 'report-url');
    expect(report.verdict, r.stderr).toMatchObject({ status: 'pass', fidelity: 'identical', drift: 'none' });
    expect(r.code).toBe(0);
    expect(delta(report).pristine.kind).toBe('url');
    // The second opinion squashbase did not write: pg_dump of live and of the baseline-built shadow.
    expect(report.pgDump).toMatchObject({ status: 'equal', scope: 'all', differingLines: 0 });
    expect(delta(report).items.filter((i) => i.origin === 'version')).toEqual([]);
    const shown = userChanges(report).map((i) => `${i.change} ${i.id}`);
    for (const c of HISTORY_CHANGES) expect(shown).toContain(c);
    for (const i of userChanges(report)) expect({ id: i.id, origin: i.origin, inBaseline: i.inBaseline }).toEqual({ id: i.id, origin: 'history', inBaseline: true });
    // The platform objects parity now compares appear in the fidelity comparison, equal.
    const compared = new Map(present(report.fidelity, 'the fidelity comparison').objects.map((o) => [o.id, o.status]));
    expect(compared.get('function:"storage"."extension"(text)')).toBe('equal');
    expect(compared.get('column:"storage"."objects"."team_id"')).toBe('equal');
    // The dropped platform table is the one change a baseline cannot carry safely.
    expect(delta(report).items.filter((i) => i.limit).map((i) => i.id)).toEqual(['table:"auth"."sso_sessions"']);
  });

  it('the baseline carries the delta: applied to a fresh live-platform database it is pg_dump --schema-only-equal to live', async () => {
    const out = join(work, 'baseline-url.sql');
    const gen = await squashbase(['baseline', '--db-url', live.url, '--pristine-url', pristine.url, '--shadow-url', shadow(), '--workdir', work, '--out', out, '--json'], work);
    expect(gen.code, gen.stderr).toBe(0);
    const plan = JSON.parse(gen.stdout) as { platformDelta: { carried: string[]; leftOut: string[] } };
    expect(plan.platformDelta.leftOut).toEqual([]);
    expect(plan.platformDelta.carried).toContain('changed function:"storage"."extension"(text) (made by the migrations)');
    const sql = await readFile(out, 'utf8');
    expect(sql).toMatch(/-- Platform changes/);
    expect(sql).toContain('DROP TABLE IF EXISTS "auth"."sso_sessions";');
    expect(sql).toMatch(/to_regprocedure\('"storage"\."extension"\(text\)'\)/);
    const built = await fresh('built');
    const apply = await psqlFiles(built.url, [out], work);
    expect(apply.code, apply.stderr).toBe(0);
    const [a, b] = await Promise.all([pgDumpSchemaOf(live.url), pgDumpSchemaOf(built.url)]);
    expect(normalizePgDump(b)).toBe(normalizePgDump(a));
  });

  it('against the bundled model: the live-platform\'s other release shows as version differences, not carried; the history\'s changes still are', async () => {
    const { r, report } = await parity([], 'report-bundled');
    expect(delta(report).pristine.kind).toBe('bundled');
    // Another release: pg_dump compares the user schemas only, and says so.
    expect(report.pgDump).toMatchObject({ status: 'equal', scope: 'user-schemas' });
    const version = delta(report).items.filter((i) => i.origin === 'version');
    expect(version.length).toBeGreaterThan(0);
    for (const i of version) expect(i.inBaseline === null || i.limit === undefined).toBe(true);
    const shown = userChanges(report).map((i) => `${i.change} ${i.id}`);
    for (const c of HISTORY_CHANGES.filter((c) => !c.includes('sso_sessions'))) expect(shown).toContain(c);
    expect(report.verdict, JSON.stringify(report.baseline) + r.stderr).toMatchObject({ status: 'pass', fidelity: 'identical', drift: 'none' });
  });

  it('a baseline made against another platform release refuses to replace a platform function it does not know', async () => {
    const out = join(work, 'baseline-bundled.sql');
    const gen = await squashbase(['baseline', '--db-url', live.url, '--shadow-url', shadow(), '--workdir', work, '--out', out], work);
    expect(gen.code, gen.stderr).toBe(0);
    const target = await fresh('other-release');
    const apply = await psqlFiles(target.url, [out], work);
    expect(apply.code).not.toBe(0);
    expect(apply.stderr).toMatch(/platform function ("storage"\."extension"\(text\)|"auth"\."email"\(\)) is not the definition this baseline was made against/);
  });

  it('--no-platform-delta leaves the changes out, names each, and parity says what that breaks', async () => {
    const gen = await squashbase(['baseline', '--db-url', live.url, '--pristine-url', pristine.url, '--shadow-url', shadow(), '--workdir', work, '--no-platform-delta', '--stdout'], work);
    expect(gen.code, gen.stderr).toBe(0);
    expect(gen.stdout).not.toMatch(/-- Platform changes/);
    for (const c of HISTORY_CHANGES) expect(gen.stderr).toContain(`Platform change left out (--no-platform-delta): ${c}`);
    // Honest, not silent: the user's policy on storage.objects uses team_id, which only the
    // left-out delta adds, so this baseline does not apply and parity says so.
    const { r, report } = await parity(['--pristine-url', pristine.url, '--no-platform-delta'], 'report-omit');
    expect(report.verdict.status, r.stderr).toBe('baseline_failed');
    expect(present(report.baseline, 'the baseline').error).toMatch(/team_id/);
    expect(userChanges(report).every((i) => i.leftOut === true)).toBe(true);
  });

  it('consolidate refuses the dropped platform table without --accept-platform-delta, and records it with', async () => {
    const refused = await squashbase(['consolidate', '--db-url', live.url, '--pristine-url', pristine.url, '--shadow-url', shadow(), '--workdir', work, '--json'], work);
    expect(refused.code, refused.stdout + refused.stderr).toBe(10);
    const error = (JSON.parse(refused.stdout) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toMatch(/cannot carry 1 platform change\(s\) safely[\s\S]*removed table:"auth"\."sso_sessions"/);
    const dry = await squashbase(['consolidate', '--db-url', live.url, '--pristine-url', pristine.url, '--shadow-url', shadow(), '--workdir', work, '--accept-platform-delta', '--json'], work);
    expect(dry.code, dry.stdout.slice(-2000) + dry.stderr).toBe(0);
    const plan = (JSON.parse(dry.stdout) as { plan: { overrides: { flag: string; details: string[] }[] } }).plan;
    expect(plan.overrides.find((o) => o.flag === '--accept-platform-delta')?.details.join('\n')).toMatch(/auth"\."sso_sessions/);
  });

  it('a platform function created on live by hand is the project\'s change outside the history: drift, and the baseline carries it', async () => {
    await live.query("CREATE FUNCTION storage.made_by_hand() RETURNS integer LANGUAGE sql AS 'SELECT 1'");
    const { r, report } = await parity(['--pristine-url', pristine.url], 'report-drift');
    const item = delta(report).items.find((i) => i.id === 'function:"storage"."made_by_hand"()');
    expect(item).toMatchObject({ change: 'added', origin: 'live-only', inBaseline: true });
    expect(report.verdict, r.stderr).toMatchObject({ status: 'drift', fidelity: 'identical', drift: 'found' });
    expect(report.drift?.objects.find((o) => o.id === 'function:"storage"."made_by_hand"()')?.status).toBe('only_in_reference');
    expect(r.code).toBe(22);
  });
});
