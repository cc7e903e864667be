import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { EXIT } from '../../src/exit-codes.js';

/** Issue 13, item 14: lint of a folder that is not there, and names that carry escape sequences. */
describe('lint edges', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sb-lint-edges-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--workdir that does not exist is a usage error (exit 2), not a clean lint', async () => {
    for (const json of [false, true]) {
      const out = memoryOutput();
      const code = await runCli(['lint', '--workdir', path.join(dir, 'typo'), ...(json ? ['--json'] : [])], out, { env: {}, cwd: dir });
      expect(code).toBe(EXIT.USAGE);
      const text = [...out.stdout, ...out.stderr].join('\n');
      expect(text).toContain('USAGE');
      expect(text).toContain(path.join(dir, 'typo'));
    }
  });

  it('a workdir without supabase/migrations, or a missing --migrations-dir, is a usage error', async () => {
    const empty = path.join(dir, 'empty');
    await mkdir(empty);
    const a = memoryOutput();
    expect(await runCli(['lint', '--workdir', empty], a, { env: {}, cwd: dir })).toBe(EXIT.USAGE);
    expect(a.stderr.join('\n')).toMatch(/no migrations folder/);
    const b = memoryOutput();
    expect(await runCli(['lint', '--workdir', empty, '--migrations-dir', path.join(empty, 'nope')], b, { env: {}, cwd: dir })).toBe(EXIT.USAGE);
    expect(b.stderr.join('\n')).toMatch(/--migrations-dir/);
  });

  it('escapes control characters from names in the text output (no terminal spoofing)', async () => {
    const work = path.join(dir, 'esc');
    await mkdir(path.join(work, 'supabase', 'migrations'), { recursive: true });
    const evil = 'evil\u001b[2J\u001b]0;owned\u0007name';
    await writeFile(path.join(work, 'supabase', 'migrations', '20240101000000_a.sql'), `create table public."${evil}" (id int);\ndrop table public."${evil}";\n`);
    const out = memoryOutput();
    expect(await runCli(['lint', '--workdir', work], out, { env: {}, cwd: dir })).toBe(EXIT.OK);
    const text = out.stdout.join('\n');
    expect(text).toContain('D001');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('evil\\x1b[2J\\x1b]0;owned\\x07name');
  });
});
