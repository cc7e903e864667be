import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveProject, type LiveProject } from '../support/live-project.js';
import { squashbase } from '../support/processes.js';
import { parseParityJson } from '../support/read-artifacts.js';

/**
 * A live that is plain PostgreSQL (no auth/storage/realtime: self-hosted without Supabase's
 * platform) with a migrations history. The platform clone has no managed schemas to dump; it
 * used to run pg_dump with an empty --schema list, dump the user schema into the shadow and
 * fail parity with "relation … already exists".
 */
let live: LiveProject;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-plain-'));
  const dir = join(work, 'supabase', 'migrations');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '20240101000000_notes.sql'), 'create table public.notes (id bigint generated always as identity primary key, body text not null);\n');
  await writeFile(join(dir, '20240102000000_tags.sql'), 'create table public.tags (note_id bigint references public.notes (id), tag text not null);\ncreate index tags_tag on public.tags (tag);\n');
  live = await createLiveProject({ label: 'plain_pg', workdir: work, platform: false });
});

afterAll(async () => {
  await live?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('parity on a live without Supabase managed schemas', () => {
  it('passes: the clone dumps nothing of live and the history replays once', async () => {
    const r = await squashbase(['parity', '--db-url', live.url, '--workdir', work, '--shadow-url', inject('serverUrl'), '--report-dir', join(work, 'report'), '--json'], work);
    const report = parseParityJson(r.stdout);
    expect(report.replay?.files.map((f) => f.status)).toEqual(['applied', 'applied']);
    expect(report.verdict.status, r.stdout.slice(-1500)).toBe('pass');
    expect(r.code).toBe(0);
  });
});
