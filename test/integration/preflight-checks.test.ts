import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { useTestDatabase, serverTarget } from '../support/test-database.js';
import { runPreflight } from '../../src/safety/preflight.js';
import { poolerCheck } from '../../src/safety/preflight-checks/pooler.js';
import { parseDbUrl, withDatabase } from '../../src/db/connection.js';
import { ident, literal } from '../../src/sql/ident.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=t@example.test', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'pipe' });

describe('preflight', () => {
  const db = useTestDatabase('preflight');
  const role = `sb_pf_${randomBytes(3).toString('hex')}`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  let tmp: string;
  let repo: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'sb-preflight-'));
    repo = path.join(tmp, 'project');
    await mkdir(path.join(repo, 'supabase', 'migrations'), { recursive: true });
    await writeFile(path.join(repo, 'supabase', 'migrations', '20240101000000_init.sql'), 'create table t (id int);\n');
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'init');
    await db.get().query(`
      CREATE SCHEMA supabase_migrations;
      CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY, statements text[], name text);
      CREATE ROLE ${ident(role)} LOGIN PASSWORD ${literal(password)};`);
  });
  afterAll(async () => {
    await db.get().query(`DROP OWNED BY ${ident(role)}`).catch(() => undefined);
    await db.get().drop();
    const c = new pg.Client(serverTarget().config);
    await c.connect();
    await c.query(`DROP ROLE IF EXISTS ${ident(role)}`);
    await c.end();
    await rm(tmp, { recursive: true, force: true });
  });

  it('passes on a clean, writable database with a clean git tree', async () => {
    const r = await runPreflight({ target: db.get().target, workdir: repo });
    const byId = Object.fromEntries(r.checks.map((c) => [c.id, c]));
    expect(byId['connectivity']?.status).toBe('pass');
    expect(byId['writable']?.status).toBe('pass');
    expect(byId['history-privileges']?.status).toBe('pass');
    expect(byId['pooler']?.status).toBe('pass');
    expect(byId['history-locks']?.status).toBe('pass');
    expect(byId['git-state']?.status).toBe('pass');
    expect(byId['disk-space']?.status).toBe('pass');
    expect(r.ok).toBe(true);
  });

  it('fails history-privileges for a role without grants, with the GRANT in the hint; passes after granting', async () => {
    const target = withDatabase(parseDbUrl(`postgresql://${role}:${password}@${serverTarget().config.host}:${serverTarget().config.port}/postgres`), db.get().name);
    const r = await runPreflight({ target, workdir: repo });
    const check = r.checks.find((c) => c.id === 'history-privileges')!;
    expect(check.status).toBe('fail');
    expect(check.hint).toContain(`GRANT USAGE ON SCHEMA supabase_migrations TO ${ident(role)}`);
    expect(r.ok).toBe(false);
    await db.get().query(`GRANT USAGE ON SCHEMA supabase_migrations TO ${ident(role)}; GRANT SELECT, INSERT ON supabase_migrations.schema_migrations TO ${ident(role)}`);
    const r2 = await runPreflight({ target, workdir: repo });
    const c2 = r2.checks.find((c) => c.id === 'history-privileges')!;
    expect(c2.status).toBe('fail');
    expect(c2.message).toMatch(/DELETE on supabase_migrations\.schema_migrations/);
    await db.get().query(`GRANT DELETE ON supabase_migrations.schema_migrations TO ${ident(role)}`);
    const r3 = await runPreflight({ target, workdir: repo });
    expect(r3.checks.find((c) => c.id === 'history-privileges')!.status).toBe('pass');
  });

  it('fails on a read-only session default and exits 50 from the CLI', async () => {
    await db.get().query(`ALTER DATABASE ${ident(db.get().name)} SET default_transaction_read_only = on`);
    try {
      const out = memoryOutput();
      const code = await runCli(['preflight', '--db-url', db.get().url, '--workdir', repo, '--json'], out, { env: {}, cwd: tmp });
      expect(code).toBe(50);
      const json = JSON.parse(out.stdout.join('')) as { ok: boolean; checks: { id: string; status: string }[] };
      expect(json.checks.find((c) => c.id === 'writable')?.status).toBe('fail');
      expect(out.stdout.join('')).not.toContain(String(db.get().target.config.password));
    } finally {
      // From another database: sessions in this one are read-only now.
      const admin = new pg.Client(serverTarget().config);
      await admin.connect();
      await admin.query(`ALTER DATABASE ${ident(db.get().name)} RESET default_transaction_read_only`);
      await admin.end();
    }
  });

  it('fails when another session holds an exclusive lock on the history table; warns on long transactions', async () => {
    const holder = new pg.Client(db.get().target.config);
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE supabase_migrations.schema_migrations IN ACCESS EXCLUSIVE MODE');
      await new Promise((r) => setTimeout(r, 1100));
      const r = await runPreflight({ target: db.get().target, workdir: repo, longTransactionSeconds: 1 });
      const locks = r.checks.find((c) => c.id === 'history-locks')!;
      expect(locks.status).toBe('fail');
      expect(locks.message).toMatch(/AccessExclusiveLock on schema_migrations/);
      expect(r.checks.find((c) => c.id === 'long-transactions')!.status).toBe('warn');
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it('warns about a dirty migrations folder, a merge in progress, and a folder outside git', async () => {
    await writeFile(path.join(repo, 'supabase', 'migrations', '20240202000000_new.sql'), 'select 1;\n');
    const r = await runPreflight({ target: db.get().target, workdir: repo });
    const g = r.checks.find((c) => c.id === 'git-state')!;
    expect(g.status).toBe('warn');
    expect(g.message).toMatch(/uncommitted change.*20240202000000_new\.sql/);
    await writeFile(path.join(repo, '.git', 'MERGE_HEAD'), '0000000000000000000000000000000000000000\n');
    const r2 = await runPreflight({ target: db.get().target, workdir: repo });
    expect(r2.checks.find((c) => c.id === 'git-state')!.message).toMatch(/merge is in progress/);
    const plain = path.join(tmp, 'plain');
    await mkdir(path.join(plain, 'supabase', 'migrations'), { recursive: true });
    const r3 = await runPreflight({ target: db.get().target, workdir: plain });
    expect(r3.checks.find((c) => c.id === 'git-state')!.message).toMatch(/not inside a git repository/);
    expect(r3.ok).toBe(true); // warnings do not fail
  });

  it('flags port 6543 (transaction pooler) and a backend switch; passes a direct connection', () => {
    const pooled = parseDbUrl('postgresql://postgres.abc:pw@aws-0-eu-central-1.pooler.supabase.com:6543/postgres');
    expect(poolerCheck(pooled, null).status).toBe('warn');
    expect(poolerCheck(pooled, null).message).toMatch(/6543/);
    const session = parseDbUrl('postgresql://postgres.abc:pw@aws-0-eu-central-1.pooler.supabase.com:5432/postgres');
    expect(poolerCheck(session, { serverPort: 5432, backendChanged: true }).status).toBe('warn');
    expect(poolerCheck(session, { serverPort: 6432, backendChanged: false }).status).toBe('pass');
    const direct = parseDbUrl('postgresql://postgres:pw@db.abc.supabase.co:5432/postgres');
    expect(poolerCheck(direct, { serverPort: 5432, backendChanged: false }).status).toBe('pass');
    expect(poolerCheck(direct, { serverPort: 6432, backendChanged: false }).status).toBe('warn');
  });
});
