import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type ParityReport, type Verdict } from '../../src/parity/report-model.js';

/**
 * A complete parity report that passed and compared nothing, for the tests that stub
 * consolidate's parity stage (they are about the gate, the archive or the history; parity's own
 * tests cover the shadows). `verdict` overrides fields of the passing verdict.
 */
export function stubParityReport(verdict: Partial<Verdict> = {}): ParityReport {
  return {
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    tool: { name: 'squashbase', version: '0.0.0-stub' },
    runId: 'stub',
    startedAt: '',
    finishedAt: '',
    durationMs: 0,
    target: '',
    verdict: { status: 'pass', exitCode: 0, summary: 'stubbed parity', fidelity: 'identical', drift: 'none', allowDrift: false, notModelled: 0, ...verdict },
    postgres: { live: { version: '', major: 15 }, shadow: null, versionMismatch: null },
    migrations: { dir: 'supabase/migrations', files: [], skipped: [] },
    replay: null,
    baseline: null,
    standIns: [],
    secretsNeeded: [],
    warnings: [],
    kinds: [],
    notModelled: [],
    platformDelta: null,
    pgDump: null,
    fidelity: null,
    drift: null,
  };
}
