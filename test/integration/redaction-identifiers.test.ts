import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '../support/test-database.js';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { toUrl, withDatabase, parseDbUrl } from '../../src/db/connection.js';
import { ident, literal } from '../../src/sql/ident.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { EXIT } from '../../src/exit-codes.js';

/**
 * Issue 13, item 2: a password that is also a name (`public`, `postgres` — the Supabase CLI's
 * local default — `users`) must not be masked where it is a schema, kind, role or table name.
 * Each case logs in as a role with that password and checks inspect/baseline output.
 */
describe('a password that spells an identifier leaves the output intact', () => {
  const db = useTestDatabase('redact_names');
  const roles: string[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-redact-names-'));
    await db.get().query(`
      CREATE TABLE public.users (id int PRIMARY KEY);
      CREATE TABLE public.notes (id int PRIMARY KEY, user_id int REFERENCES public.users (id));
      CREATE PUBLICATION notes_feed FOR TABLE public.notes;`);
  });
  afterAll(async () => {
    for (const r of roles) await db.get().query(`DROP ROLE IF EXISTS ${ident(r)}`);
    await rm(dir, { recursive: true, force: true });
  });

  async function urlWithPassword(password: string): Promise<string> {
    const role = `sbr_${password}_${randomBytes(3).toString('hex')}`;
    roles.push(role);
    await db.get().query(`CREATE ROLE ${ident(role)} LOGIN SUPERUSER PASSWORD ${literal(password)}`);
    const t = withDatabase(db.get().target, db.get().name);
    return toUrl(parseDbUrl(toUrl({ ...t, config: { ...t.config, user: role, password } })));
  }

  it.each(['public', 'postgres', 'users'])('password %s', async (password) => {
    const url = await urlWithPassword(password);

    const inspect = memoryOutput();
    expect(await runCli(['inspect', '--db-url', url, '--json'], inspect)).toBe(EXIT.OK);
    const json = inspect.stdout.join('');
    expect(json.replaceAll(':***@', ':@')).not.toContain('***');
    expect(json).toContain('"publication"');
    expect(JSON.parse(json)).toBeTruthy();

    const baseline = memoryOutput();
    expect(await runCli(['baseline', '--db-url', url, '--workdir', dir, '--stdout'], baseline), baseline.stderr.join('\n')).toBe(EXIT.OK);
    const sql = baseline.stdout.join('');
    // The only mask is the password in the header's source URL.
    expect(sql.replaceAll(':***@', ':@')).not.toContain('***');
    expect(sql).toMatch(/CREATE TABLE "?public"?\."?notes"?/);
    expect(sql).toMatch(/REFERENCES "?public"?\."?users"?/);
    expect(sql).toMatch(/\bPUBLICATION "?notes_feed"?/);

    const out = join(dir, `snapshot-${password}.json`);
    expect(await runCli(['inspect', '--db-url', url, '--out', out], memoryOutput())).toBe(EXIT.OK);
    const written = await readFile(out, 'utf8');
    expect(written).not.toContain('***');
  });
});

/** The same, through parity: the terminal verdict and report.md/html/json with password `postgres`. */
describe('parity reports with the Supabase CLI default password (postgres)', () => {
  let live: LiveProject;
  let dir: string;
  let role: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-redact-parity-'));
    const mig = join(dir, 'supabase', 'migrations');
    await mkdir(mig, { recursive: true });
    await writeFile(
      join(mig, '20240101000000_init.sql'),
      'create table public.users (id bigint primary key);\ncreate table public.notes (id bigint primary key, user_id bigint references public.users (id));\n' +
        'alter table public.notes enable row level security;\ncreate policy "owners read" on public.notes for select to authenticated using (true);\n',
    );
    live = await createLiveProject({ label: 'redact_parity', migrationsDir: mig });
    // Drift the reports must name: a table whose name spells all three passwords.
    await live.query('create table public.users_public_postgres (id bigint primary key)');
    role = `sbr_parity_${randomBytes(3).toString('hex')}`;
    await live.query(`CREATE ROLE ${ident(role)} LOGIN SUPERUSER PASSWORD 'postgres'`);
  });
  afterAll(async () => {
    await live?.drop();
    await live?.query(`DROP ROLE IF EXISTS ${ident(role)}`).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('every report names the drifted public.users_public_postgres intact', async () => {
    const c = live.target.config;
    const url = `postgresql://${role}:postgres@${c.host}:${c.port}/${live.name}`;
    const reportDir = join(dir, 'report');
    const out = memoryOutput();
    const code = await runCli(['parity', '--db-url', url, '--workdir', dir, '--shadow-url', inject('serverUrl'), '--report-dir', reportDir, '--allow-drift'], out, { env: {}, cwd: dir });
    const terminal = [...out.stdout, ...out.stderr].join('\n');
    expect(code, terminal).toBe(EXIT.OK);
    for (const [name, text] of [
      ['terminal', terminal],
      ['report.md', await readFile(join(reportDir, 'report.md'), 'utf8')],
      ['report.html', await readFile(join(reportDir, 'report.html'), 'utf8')],
      ['report.json', await readFile(join(reportDir, 'report.json'), 'utf8')],
    ] as const) {
      expect(text.replaceAll(':***@', ':@'), name).not.toContain('***');
      expect(text, name).toContain('users_public_postgres');
    }
  });
});
