import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';
import { findTempLeftovers } from '../../src/shadow/temp-leftovers.js';
import { TEMP_OWNER_FILE, withPrivateTempDir } from '../../src/util/private-temp.js';
import { runCleanups } from '../../src/util/cleanup.js';

const DEAD = 999_999_999; // a pid that cannot exist
const OLD = new Date(Date.now() - 3600_000);

describe('shadow gc: temp-directory leftovers of dead runs', () => {
  let tmp: string;
  const savedTmp = process.env['TMPDIR'];
  beforeAll(async () => {
    // os.tmpdir() reads TMPDIR on every call: the whole test works in its own directory.
    tmp = await mkdtemp(path.join(tmpdir(), 'squashbase-test-gc-'));
    process.env['TMPDIR'] = tmp;
    const dir = async (name: string, marker: string | null, pid: number | null, old = false) => {
      await mkdir(path.join(tmp, name));
      if (marker && pid !== null) await writeFile(path.join(tmp, name, marker), JSON.stringify({ pid }));
      if (old) await utimes(path.join(tmp, name), OLD, OLD);
    };
    await dir('squashbase-pg-dead', 'squashbase-owner.json', DEAD);
    await dir('squashbase-pg-live', 'squashbase-owner.json', process.pid);
    await dir('squashbase-parity-dead', TEMP_OWNER_FILE, DEAD);
    await dir('squashbase-parity-unmarked', null, null, true);
    await dir('squashbase-clone-live', TEMP_OWNER_FILE, process.pid);
    await writeFile(path.join(tmp, 'pg-password-abc123'), 'secret\n');
    await utimes(path.join(tmp, 'pg-password-abc123'), OLD, OLD);
    await writeFile(path.join(tmp, 'pg-password-fresh1'), 'secret\n'); // an initdb running right now
    await mkdir(path.join(tmp, 'unrelated'));
  });
  afterAll(async () => {
    if (savedTmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = savedTmp;
    await rm(tmp, { recursive: true, force: true });
  });

  it('lists every leftover with its kind and owner; --apply removes exactly the orphans it listed', async () => {
    const out = memoryOutput();
    expect(await runCli(['shadow', 'gc', '--json'], out)).toBe(0);
    const listed = JSON.parse(out.stdout.join('')) as { tempLeftovers: { kind: string; path: string; orphaned: boolean; ownerPid: number | null }[]; removed: string[] };
    expect(listed.tempLeftovers.map((l) => [path.basename(l.path), l.kind, l.orphaned])).toEqual([
      ['pg-password-abc123', 'password-file', true],
      ['pg-password-fresh1', 'password-file', false],
      ['squashbase-clone-live', 'clone-dir', false],
      ['squashbase-parity-dead', 'parity-dir', true],
      ['squashbase-parity-unmarked', 'parity-dir', true],
      ['squashbase-pg-dead', 'embedded-cluster', true],
      ['squashbase-pg-live', 'embedded-cluster', false],
    ]);
    expect(listed.removed).toEqual([]);
    expect((await readdir(tmp)).length).toBe(8); // listing changes nothing

    const out2 = memoryOutput();
    expect(await runCli(['shadow', 'gc', '--apply'], out2)).toBe(0);
    const text = out2.stdout.join('\n');
    const orphans = listed.tempLeftovers.filter((l) => l.orphaned).map((l) => l.path);
    for (const p of orphans) expect(text).toContain(`${p} (removed)`);
    expect(text).toContain(`removed from the temp directory: ${orphans.length}`);
    expect((await readdir(tmp)).sort()).toEqual(['pg-password-fresh1', 'squashbase-clone-live', 'squashbase-pg-live', 'unrelated']);
  });

  it('parity/clone work dirs are 0700 with an owner marker, and the signal-path cleanup removes them', async () => {
    let seen = '';
    const never = withPrivateTempDir('squashbase-parity-', async (dir) => {
      seen = dir;
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      const mine = (await findTempLeftovers()).find((l) => l.path === dir);
      expect(mine).toEqual({ kind: 'parity-dir', path: dir, ownerPid: process.pid, orphaned: false });
      // What SIGINT/SIGTERM runs in the CLI (src/cli/main.ts) before it exits.
      await runCleanups();
      await expect(stat(dir)).rejects.toThrow(/ENOENT/);
      return 'done';
    });
    expect(await never).toBe('done');
    expect(seen).not.toBe('');
  });
});
