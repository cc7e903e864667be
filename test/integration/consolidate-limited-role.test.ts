import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { squashbase } from '../support/processes.js';
import { ident, literal } from '../../src/sql/ident.js';

/**
 * consolidate as a role that may connect but has no rights on supabase_migrations: a
 * documented PERMISSION_DENIED (exit 11) with the GRANTs to run, never "a bug in squashbase"
 * (issue 13 item 13).
 */
let live: LiveProject;
let work: string;
const role = `sb_limited_${randomBytes(3).toString('hex')}`;
const password = 'limited-role-pw';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-limited-'));
  const dir = join(work, 'supabase', 'migrations');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '20240101000000_a.sql'), 'create table public.a (id int primary key);\n');
  execFileSync('git', ['init', '-q'], { cwd: work });
  execFileSync('git', ['add', '.'], { cwd: work });
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'h'], { cwd: work });
  live = await createLiveProject({ label: 'limited_role', workdir: work });
  await live.query(`CREATE ROLE ${ident(role)} LOGIN PASSWORD ${literal(password)}`);
  await live.query(`GRANT CONNECT ON DATABASE ${ident(live.name)} TO ${ident(role)}`);
});

afterAll(async () => {
  // Roles are cluster-wide: remove this one before the database goes.
  await live?.query(`REVOKE CONNECT ON DATABASE ${ident(live.name)} FROM ${ident(role)}; DROP ROLE IF EXISTS ${ident(role)}`);
  await live?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('consolidate as a role without rights on the history', () => {
  it('exits 11 (PERMISSION_DENIED) with the GRANTs to run', async () => {
    const url = new URL(live.url);
    url.username = role;
    url.password = password;
    const r = await squashbase(['consolidate', '--db-url', url.toString(), '--shadow-url', inject('serverUrl'), '--apply', '--yes'], work);
    expect(r.code, r.stderr).toBe(11);
    expect(r.stderr).toContain('error[PERMISSION_DENIED]');
    expect(r.stderr).toContain('GRANT USAGE ON SCHEMA supabase_migrations');
    expect(r.stderr).not.toContain('bug in squashbase');
  });
});
