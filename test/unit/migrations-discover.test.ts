import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { discoverMigrations, compareVersions } from '../../src/migrations/discover.js';
import { isSquashbaseError } from '../../src/errors.js';

let root: string;
let n = 0;

async function project(files: Record<string, string | Buffer>, dirs: string[] = []): Promise<string> {
  const workdir = join(root, `p${n++}`);
  const mig = join(workdir, 'supabase', 'migrations');
  await mkdir(mig, { recursive: true });
  for (const d of dirs) await mkdir(join(mig, d), { recursive: true });
  for (const [name, body] of Object.entries(files)) await writeFile(join(mig, name), body);
  return workdir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sb-discover-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('discoverMigrations', () => {
  it('orders by version, splits version/name at the first underscore, hashes raw bytes', async () => {
    const wd = await project({
      '20240301000000_second_step.sql': 'select 2;',
      '20240101000000_init.sql': 'select 1;',
      '20240501000000_.sql': 'select 3;',
    });
    const set = await discoverMigrations(wd);
    expect(set.files.map((f) => f.fileName)).toEqual(['20240101000000_init.sql', '20240301000000_second_step.sql', '20240501000000_.sql']);
    expect(set.files[1]!.version).toBe('20240301000000');
    expect(set.files[1]!.name).toBe('second_step');
    expect(set.files[2]!.name).toBe('');
    expect(set.files[0]!.sha256).toBe(createHash('sha256').update('select 1;').digest('hex'));
    expect(set.files[0]!.sql).toBe('select 1;');
    expect(set.warnings).toEqual([]);
  });

  it('skips non-matching files with a reason and ignores subdirectories', async () => {
    const wd = await project(
      {
        '20240101000000_init.sql': 'select 1;',
        '.DS_Store': 'x',
        'README.md': '# notes',
        'init.sql': 'select 1;',
        '20240102_notes.txt': 'x',
        '2024-01-03_dash.sql': 'select 1;',
      },
      ['archive', '20240104000000_dir.sql'],
    );
    const set = await discoverMigrations(wd);
    expect(set.files.map((f) => f.fileName)).toEqual(['20240101000000_init.sql']);
    const skipped = Object.fromEntries(set.skipped.map((s) => [s.fileName, s.reason]));
    expect(Object.keys(skipped).sort()).toEqual(['.DS_Store', '2024-01-03_dash.sql', '20240102_notes.txt', 'README.md', 'init.sql']);
    expect(skipped['.DS_Store']).toMatch(/hidden/);
    expect(skipped['init.sql']).toMatch(/<digits>_<name>\.sql/);
  });

  it('orders versions as text and warns when their lengths differ (prefix collisions)', async () => {
    const wd = await project({ '9_b.sql': 'select 1;', '10_a.sql': 'select 1;', '1_c.sql': 'select 1;' });
    const set = await discoverMigrations(wd);
    // Text order, as the CLI and `ORDER BY version` compare: "1" < "10" < "9".
    expect(set.files.map((f) => f.version)).toEqual(['1', '10', '9']);
    expect(set.warnings.join('\n')).toMatch(/different lengths \(1, 2 digits\)/);
    expect(compareVersions('20240101000000', '20240101000001')).toBe(-1);
  });

  it('rejects duplicate versions with MIGRATIONS_INVALID naming both files', async () => {
    const wd = await project({ '20240101000000_a.sql': 'select 1;', '20240101000000_b.sql': 'select 2;' });
    const err = await discoverMigrations(wd).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'MIGRATIONS_INVALID')).toBe(true);
    expect((err as Error).message).toContain('20240101000000_a.sql and 20240101000000_b.sql');
  });

  it('strips a UTF-8 BOM from the text (hash stays over the raw bytes) and warns', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('select 1;')]);
    const wd = await project({ '20240101000000_bom.sql': bytes });
    const set = await discoverMigrations(wd);
    expect(set.files[0]!.bom).toBe(true);
    expect(set.files[0]!.sql).toBe('select 1;');
    expect(set.files[0]!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(set.warnings.join('\n')).toMatch(/byte-order mark/);
  });

  it('rejects invalid UTF-8 naming the file, byte offset and line', async () => {
    const bytes = Buffer.concat([Buffer.from('select 1;\n-- caf'), Buffer.from([0xe9]), Buffer.from('\nselect 2;')]);
    const wd = await project({ '20240101000000_latin1.sql': bytes });
    const err = await discoverMigrations(wd).catch((e: unknown) => e);
    expect(isSquashbaseError(err, 'MIGRATIONS_INVALID')).toBe(true);
    expect((err as Error).message).toBe('20240101000000_latin1.sql is not valid UTF-8: invalid byte 0xe9 at byte offset 16 (line 2).');
  });

  it('rejects overlong and surrogate encodings too', async () => {
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]) {
      const wd = await project({ '1_x.sql': Buffer.concat([Buffer.from('ab'), Buffer.from(bad)]) });
      const err = await discoverMigrations(wd).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/byte offset 2 /);
    }
  });

  it('returns an empty set with a warning when supabase/migrations does not exist', async () => {
    const set = await discoverMigrations(join(root, 'nope'));
    expect(set.files).toEqual([]);
    expect(set.warnings[0]).toMatch(/does not exist/);
  });
});
