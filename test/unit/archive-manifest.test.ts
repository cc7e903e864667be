import { describe, expect, it, afterAll } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { chainFiles, hashChain, sha256Hex, verifyArchive, MANIFEST_FORMAT, type ArchiveManifest } from '../../src/archive/manifest.js';
import { planArchive } from '../../src/archive/plan-archive.js';
import { applyArchive } from '../../src/archive/apply-archive.js';
import { planRestoreArchive, restoreArchive } from '../../src/archive/restore-archive.js';
import { toExport } from '../../src/history/export-history.js';
import { classifyShape } from '../../src/history/history-shape.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('hash chain', () => {
  it('h_i = sha256(h_{i-1} + "\\n" + sha256_i), h_0 = ""', () => {
    const a = sha256Hex('a');
    const b = sha256Hex('b');
    const h1 = createHash('sha256').update('\n' + a).digest('hex');
    const h2 = createHash('sha256').update(h1 + '\n' + b).digest('hex');
    expect(hashChain([a, b])).toEqual([h1, h2]);
    expect(chainFiles([]).head).toBe('');
  });
});

describe('archive apply / verify / restore', () => {
  it('moves files byte-identically, is idempotent, detects tampering, restores', async () => {
    const work = await mkdtemp(join(tmpdir(), 'sb-archive-'));
    dirs.push(work);
    const mig = join(work, 'supabase', 'migrations');
    await mkdir(mig, { recursive: true });
    const contents: Record<string, Buffer> = {
      '20240101000000_init.sql': Buffer.from('\uFEFFcreate table a();\r\n', 'utf8'),
      '20240102000000_two.sql': Buffer.from([0x63, 0x72, 0x65, 0x61, 0x74, 0x65, 0x20, 0xff, 0x0a]),
      '20240103000000_keep.sql': Buffer.from('select 1;\n'),
    };
    for (const [f, b] of Object.entries(contents)) await writeFile(join(mig, f), b);
    const files = ['20240101000000_init.sql', '20240102000000_two.sql'].map((f) => ({ fileName: f, version: f.slice(0, 14), name: f.slice(15, -4), sha256: sha256Hex(contents[f]!), size: contents[f]!.length }));
    const plan = planArchive({ workdir: work, migrationsDir: mig, baselineVersion: '20240102000000', baselineFileName: '20240102000000_baseline.sql', files, allFileNames: Object.keys(contents) });
    expect(plan.archiveDir).toBe(join(work, 'migrations_archive', '20240102000000'));
    expect(plan.kept).toEqual(['20240103000000_keep.sql']);
    const { files: chained, head } = chainFiles(files);
    const baselineSql = 'create table a();\n';
    const shape = classifyShape(true, [{ name: 'version', type: 'text', notNull: true, hasDefault: false, generated: false }]);
    const manifest: ArchiveManifest = {
      format: MANIFEST_FORMAT, manifestVersion: 1, hashAlgorithm: 'sha256', tool: { name: 'squashbase', version: 'test' }, runId: 'r1', createdAt: 'now', target: 't',
      migrationsDir: 'supabase/migrations', archiveDir: 'migrations_archive/20240102000000',
      baseline: { version: '20240102000000', name: 'baseline', fileName: '20240102000000_baseline.sql', size: baselineSql.length, sha256: sha256Hex(baselineSql), statementsSha256: '', statementCount: 1 },
      files: chained, chain: { rule: 'r', seed: '', head },
      history: { export: toExport(shape, [{ version: '20240101000000' }]), exportFile: 'history-export.json', exportFileSha256: '', replacedVersions: [], recordSql: '', shapeAction: 'none' },
      parity: { reports: [] }, preflight: null, overrides: [],
    };
    const r = await applyArchive(plan, manifest, baselineSql);
    expect(r.copied).toHaveLength(2);
    expect((await readdir(mig)).sort()).toEqual(['20240102000000_baseline.sql', '20240103000000_keep.sql']);
    for (const f of files) expect(Buffer.compare(await readFile(join(plan.archiveDir, f.fileName)), contents[f.fileName]!)).toBe(0);
    expect((await verifyArchive(plan.archiveDir)).ok).toBe(true);
    // Idempotent.
    const again = await applyArchive(plan, manifest, baselineSql);
    expect(again.copied).toEqual([]);
    // Tamper → verify fails and restore refuses.
    await writeFile(join(plan.archiveDir, files[0]!.fileName), 'evil');
    const v = await verifyArchive(plan.archiveDir);
    expect(v.ok).toBe(false);
    await expect(restoreArchive(await planRestoreArchive(plan.archiveDir, work))).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await writeFile(join(plan.archiveDir, files[0]!.fileName), contents[files[0]!.fileName]!);
    const rp = await planRestoreArchive(plan.archiveDir, work);
    const res = await restoreArchive(rp);
    expect(res.restored).toHaveLength(2);
    expect(res.baselineRemoved).toBe(true);
    expect((await readdir(mig)).sort()).toEqual(Object.keys(contents).sort());
    for (const [f, b] of Object.entries(contents)) expect(Buffer.compare(await readFile(join(mig, f)), b)).toBe(0);
  });
});
