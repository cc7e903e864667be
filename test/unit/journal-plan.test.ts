import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_FORMAT, JOURNAL_VERSION, STEPS, findJournals, nextStep, readJournal, recordStep, type Journal } from '../../src/consolidate/journal.js';
import { planConsolidation } from '../../src/consolidate/plan.js';
import { classifyShape } from '../../src/history/history-shape.js';
import type { HistoryState } from '../../src/history/read-history.js';
import type { MigrationFile } from '../../src/migrations/discover.js';

const dirs: string[] = [];
const OPTIONS: Journal['options'] = {
  tool: 'test', allowDirty: false, allowUnsynced: false, allowVersionMismatch: false, allowDrift: false, allowUnmodelled: false,
  createHistoryTable: false, upgradeHistoryTable: false, archiveRoot: 'migrations_archive', shadow: null,
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('journal', () => {
  it('records steps atomically in order, re-recording replaces, and can be found again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sb-journal-'));
    dirs.push(root);
    const j: Journal = {
      format: JOURNAL_FORMAT, journalVersion: JOURNAL_VERSION, runId: 'r', status: 'running', createdAt: 'x', updatedAt: 'x',
      target: 't', workdir: root, archiveDir: join(root, '20240101000000'), baseline: { version: '20240101000000', name: 'baseline', fileName: 'f' }, options: OPTIONS, steps: [],
    };
    const plan = planConsolidation({ files: [file('20240101000000_a.sql')], history: history(['20240101000000']), git: { repository: true, dirty: [], detachedHead: false } });
    const preflight = (checks: number) => ({ ok: true as const, checks: Array.from({ length: checks }, (_, i) => ({ id: `c${i}`, status: 'pass' as const, message: 'ok' })), lint: { errors: 0, warnings: 0, infos: 0, suppressed: 0 } });
    expect(nextStep(j)).toBe('planned');
    await recordStep(j, 'planned', { plan, history: { sha256: 'x', versions: ['20240101000000'], shape: 'version-only' } }, {});
    await recordStep(j, 'preflight', preflight(1), { SQUASHBASE_CRASH_AT: 'archive' }); // not this step: no crash
    await recordStep(j, 'preflight', preflight(2), {});
    expect(j.steps.map((s) => s.step)).toEqual(['planned', 'preflight']);
    expect(nextStep(j)).toBe('backup');
    const back = await readJournal(j.archiveDir);
    expect(back?.steps[1]?.output).toEqual(preflight(2));
    expect((await findJournals(root)).map((x) => x.runId)).toEqual(['r']);
    await recordStep(j, 'done', { timings: {} }, {});
    expect((await readJournal(j.archiveDir))?.status).toBe('done');
    expect(STEPS).toEqual(['planned', 'preflight', 'backup', 'inspect', 'baseline', 'parity', 'archive', 'record', 'done']);
  });
});

function file(fileName: string): MigrationFile {
  const [version, ...rest] = fileName.replace(/\.sql$/, '').split('_');
  return { version: version!, name: rest.join('_'), fileName, path: '/x/' + fileName, bytes: Buffer.from(fileName), sha256: 'h' + fileName, sql: '', bom: false };
}
function history(versions: string[]): HistoryState {
  const shape = classifyShape(true, [{ name: 'version', type: 'text', notNull: true, hasDefault: false, generated: false }]);
  return { shape, rows: versions.map((version) => ({ version })), versions, sha256: 'x' };
}
const clean = { repository: true, dirty: [], detachedHead: false };

describe('planConsolidation', () => {
  it('takes the newest remote version for the baseline and replaces every remote row up to it', () => {
    const p = planConsolidation({ files: [file('1_a.sql'), file('2_b.sql')], history: history(['1', '2']), git: clean });
    expect(p.baseline).toEqual({ version: '2', name: 'baseline', fileName: '2_baseline.sql' });
    expect(p.replacedVersions).toEqual(['1', '2']);
    expect(p.files.map((f) => f.fileName)).toEqual(['1_a.sql', '2_b.sql']);
    expect(p.refusals).toEqual([]);
  });

  it('refuses unsynced history both ways and a dirty tree; overrides are recorded, pending files stay', () => {
    const p = planConsolidation({ files: [file('1_a.sql'), file('3_new.sql')], history: history(['1', '2']), git: { ...clean, dirty: [{ path: 'supabase/migrations/1_a.sql', status: 'M' }] } });
    expect(p.refusals.map((r) => [r.id, r.overridden])).toEqual([['dirty-tree', false], ['unsynced-remote', false], ['unsynced-local', false]]);
    const ok = planConsolidation({ files: [file('1_a.sql'), file('3_new.sql')], history: history(['1', '2']), git: clean, allowUnsynced: true });
    expect(ok.refusals.every((r) => r.overridden)).toBe(true);
    expect(ok.overrides.map((o) => o.flag)).toEqual(['--allow-unsynced', '--allow-unsynced']);
    expect(ok.kept).toEqual(['3_new.sql']);
    expect(ok.files.map((f) => f.fileName)).toEqual(['1_a.sql']);
    expect(ok.replacedVersions).toEqual(['1', '2']);
  });

  it('cannot consolidate an empty history, and needs git or --allow-dirty', () => {
    expect(planConsolidation({ files: [], history: history([]), git: clean }).refusals.map((r) => r.id)).toEqual(['nothing-to-consolidate']);
    const noGit = planConsolidation({ files: [file('1_a.sql')], history: history(['1']), git: { repository: false, dirty: [], detachedHead: false } });
    expect(noGit.refusals[0]).toMatchObject({ id: 'not-a-repository', override: '--allow-dirty', overridden: false });
  });
});

describe('planConsolidation with an empty remote history', () => {
  it('adopts every local file only with --allow-unsynced (the history table may be missing)', () => {
    const refused = planConsolidation({ files: [file('1_a.sql'), file('2_b.sql')], history: history([]), git: clean });
    expect(refused.refusals.map((r) => [r.id, r.overridden])).toEqual([['unsynced-local', false]]);
    const p = planConsolidation({ files: [file('1_a.sql'), file('2_b.sql')], history: history([]), git: clean, allowUnsynced: true });
    expect(p.baseline.version).toBe('2');
    expect(p.files.map((f) => f.fileName)).toEqual(['1_a.sql', '2_b.sql']);
    expect(p.replacedVersions).toEqual([]);
    expect(p.kept).toEqual([]);
  });
});
