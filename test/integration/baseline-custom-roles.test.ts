import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { serverTarget } from '../support/test-database.js';
import { inspectDatabase } from '../../src/introspect/inspect.js';
import { generateBaseline } from '../../src/baseline/generate-baseline.js';
import { applyBaseline } from '../../src/baseline/apply-baseline.js';
import { runParity } from '../../src/parity/run-parity.js';
import { withShadow } from '../../src/shadow/shadow.js';

/**
 * Grants to roles that no migration creates (made by hand on live) or that a migration creates
 * (issue 13 item 8). Roles are cluster-wide, so the shadow here is an embedded cluster of its
 * own, where neither role exists: the baseline names the roles it expects and its guard stops
 * with one clear error on a server without them; parity creates the hand-made role in the
 * shadow from live's catalog (and says so) and leaves the migration-made one to the replay.
 */
const hex = randomBytes(3).toString('hex');
const HAND = `sb_app_reader_${hex}`;
const MIGRATED = `sb_app_writer_${hex}`;
const FILES: Record<string, string> = {
  '20240701000000_t.sql': 'create table public.t (id int primary key, label text);\n',
  '20240702000000_reader.sql': `grant select on public.t to ${HAND};\n`,
  '20240703000000_writer.sql': `create role ${MIGRATED} nologin;\ngrant insert, update on public.t to ${MIGRATED};\n`,
};

let live: LiveProject;
let work: string;

async function server(sql: string): Promise<void> {
  const c = new pg.Client(serverTarget().config);
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-roles-'));
  const dir = join(work, 'supabase', 'migrations');
  await mkdir(dir, { recursive: true });
  for (const [f, sql] of Object.entries(FILES)) await writeFile(join(dir, f), sql);
  execFileSync('git', ['init', '-q'], { cwd: work });
  await server(`CREATE ROLE ${HAND} NOLOGIN`);
  live = await createLiveProject({ label: 'custom_roles', workdir: work });
});

afterAll(async () => {
  await live?.drop();
  await server(`DROP ROLE IF EXISTS ${HAND}; DROP ROLE IF EXISTS ${MIGRATED}`).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
});

describe('custom roles: the baseline expects them, the shadow provides them', () => {
  it('the header lists the expected roles and the guard names every missing one with a hint', async () => {
    const snapshot = await inspectDatabase(live.target);
    const b = generateBaseline(snapshot, { version: '20240704000000', consolidates: Object.keys(FILES).map((f) => f.slice(0, 14)), source: live.target.display });
    const header = b.sql.slice(0, b.sql.indexOf('-- Guard'));
    expect(header).toContain('-- Expects these roles on the target');
    expect(header).toContain(`--   ${HAND}\n`);
    expect(header).toContain(`--   ${MIGRATED}\n`);
    // The roles guard comes before the first object.
    const guardAt = b.sql.indexOf('DO $roles$');
    expect(guardAt).toBeGreaterThan(0);
    expect(guardAt).toBeLessThan(b.sql.indexOf('CREATE TABLE'));
    await withShadow({ provider: 'embedded', major: snapshot.server.major }, async (shadow) => {
      const db = await shadow.createDatabase('roles_target');
      try {
        const err = await applyBaseline(b.sql, db.target).then(() => undefined, (e: unknown) => e as Error & { hint?: string });
        expect(err, 'the baseline must refuse a server without the roles').toBeDefined();
        const text = `${err!.message}\n${err!.hint ?? ''}\n${String((err as { cause?: { hint?: string } }).cause?.hint ?? '')}`;
        expect(text).toContain(`this baseline expects roles that do not exist on this database server: ${[HAND, MIGRATED].sort().join(', ')}`);
        expect(text).toContain('roles are cluster-wide and never part of a migration');
        const t = await db.target;
        const c = new pg.Client(t.config);
        await c.connect();
        try {
          expect((await c.query("SELECT to_regclass('public.t') AS t")).rows[0].t).toBeNull();
        } finally {
          await c.end();
        }
      } finally {
        await db.drop();
      }
    });
  });

  it('parity on a fresh shadow server: the hand-made role is created from live (and reported), the migration creates its own', async () => {
    const { report } = await runParity({ target: live.target, workdir: work, shadow: { provider: 'embedded' } });
    const messages = report.warnings.map((w) => w.message);
    expect(report.replay?.ok, JSON.stringify(report.replay)).toBe(true);
    expect(report.baseline?.error ?? null, String(report.baseline?.error)).toBeNull();
    expect(messages.some((m) => m.startsWith(`roles created in the shadow from live: ${HAND} `))).toBe(true);
    expect(messages.join('\n')).not.toContain(`shadow from live: ${HAND}, ${MIGRATED}`);
    expect(report.verdict.status, report.verdict.summary).toBe('pass');
  });
});
