import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMigrationBytes } from '../../src/migrations/read-migration-file.js';
import { readJournal } from '../../src/consolidate/journal.js';
import { isSquashbaseError } from '../../src/errors.js';
import { squashbase } from '../support/processes.js';

/**
 * Bad input on disk is the user's to fix, with a documented code — never "this is a bug in
 * squashbase" (issue 13 item 13): an unreadable migration file is MIGRATIONS_INVALID (exit 10),
 * a corrupt journal.json is PRECONDITION_FAILED (exit 10).
 */
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sb-unreadable-'));
  const mig = join(work, 'supabase', 'migrations');
  await mkdir(mig, { recursive: true });
  await writeFile(join(mig, '20240101000000_a.sql'), 'create table a (id int);\n');
  const archive = join(work, 'migrations_archive', '20240102000000');
  await mkdir(archive, { recursive: true });
  await writeFile(join(archive, 'journal.json'), '{"format": "squashbase-journal", ');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('unreadable inputs', () => {
  it('a migration file that cannot be read is MIGRATIONS_INVALID naming the file (discovery and lint read through it)', async () => {
    // As root, permissions alone do not stop a read: a directory and a missing path stand for
    // any file that cannot be read.
    for (const [path, code] of [[join(work, 'supabase', 'migrations'), 'EISDIR'], [join(work, 'gone.sql'), 'ENOENT']] as const) {
      const err = await readMigrationBytes(path, '20240103000000_c.sql').catch((e: unknown) => e);
      expect(isSquashbaseError(err, 'MIGRATIONS_INVALID'), code).toBe(true);
      expect((err as Error).message).toBe(`Migration file 20240103000000_c.sql cannot be read (${code}).`);
    }
  });

  it('a corrupt journal.json is PRECONDITION_FAILED, and rollback exits 10 with a hint', async () => {
    const err = await readJournal(join(work, 'migrations_archive', '20240102000000')).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'PRECONDITION_FAILED')).toBe(true);
    expect((err as Error).message).toContain('journal.json is corrupt');
    const r = await squashbase(['rollback', '--archive', 'migrations_archive/20240102000000'], work);
    expect(r.code, r.stderr).toBe(10);
    expect(r.stderr).not.toContain('bug in squashbase');
  });
});
