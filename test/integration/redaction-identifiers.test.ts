import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '../support/test-database.js';
import { toUrl, withDatabase, parseDbUrl } from '../../src/db/connection.js';
import { ident, literal } from '../../src/sql/ident.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { EXIT } from '../../src/cli/exit-codes.js';

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
