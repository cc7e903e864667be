import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pruneIdleTemplates, TEMPLATE_MAX_IDLE_DAYS, TEMPLATE_MAX_OTHERS } from '../../src/shadow/embedded-server.js';

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

  it('keeps only the most recently used few of the others, however recent the rest', async () => {
    const root = await mkdtemp(join(tmpdir(), 'squashbase-prune-'));
    roots.push(root);
    const now = Date.now();
    const names = Array.from({ length: TEMPLATE_MAX_OTHERS + 2 }, (_, i) => String(i + 1).repeat(16));
    // names[0] used a minute ago, names[1] two minutes ago, …
    for (const [i, name] of names.entries()) {
      await mkdir(join(root, name));
      await utimes(join(root, name), new Date(now - (i + 1) * 60_000), new Date(now - (i + 1) * 60_000));
    }
    await mkdir(join(root, 'ffffffffffffffff'));
    expect(await pruneIdleTemplates(root, 'ffffffffffffffff', now)).toEqual(names.slice(TEMPLATE_MAX_OTHERS).sort());
    expect((await readdir(root)).sort()).toEqual([...names.slice(0, TEMPLATE_MAX_OTHERS), 'ffffffffffffffff'].sort());
  });
});
