import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pruneIdleTemplates, TEMPLATE_MAX_IDLE_DAYS } from '../../src/shadow/embedded-server.js';

/** The initdb template cache keeps one template per binaries, flags and model: idle ones go when a new one is made. */
const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

describe('pruneIdleTemplates', () => {
  it('removes templates idle for longer than the limit, and nothing else', async () => {
    const root = await mkdtemp(join(tmpdir(), 'squashbase-prune-'));
    roots.push(root);
    const now = Date.now();
    const day = 86_400_000;
    const dirs: Record<string, number> = {
      'aaaaaaaaaaaaaaaa': now - 60 * day, // the one just made: kept whatever its time
      'bbbbbbbbbbbbbbbb': now - (TEMPLATE_MAX_IDLE_DAYS + 1) * day, // idle: removed
      'cccccccccccccccc': now - (TEMPLATE_MAX_IDLE_DAYS - 1) * day, // used recently: kept
      'dddddddddddddddd.building-x1': now - 60 * day, // another run's staging: not a template
      'notes': now - 60 * day, // not ours
    };
    for (const [name, mtime] of Object.entries(dirs)) {
      await mkdir(join(root, name));
      await utimes(join(root, name), new Date(mtime), new Date(mtime));
    }
    expect(await pruneIdleTemplates(root, 'aaaaaaaaaaaaaaaa', now)).toEqual(['bbbbbbbbbbbbbbbb']);
    expect((await readdir(root)).sort()).toEqual(['aaaaaaaaaaaaaaaa', 'cccccccccccccccc', 'dddddddddddddddd.building-x1', 'notes']);
  });
});
