import type { ConsolidateStages } from '../../src/consolidate/steps/stages.js';
import type { ParityReport, Verdict } from '../../src/reports/report-types.js';
import { sampleReport } from '../unit/reports-sample-report.js';

/**
 * consolidate's verify stage without shadows, for tests about gates, manifests and rollback
 * (parity's own tests cover the shadows): a baseline to generate is generated as consolidate
 * asks, without a platform delta, and `report` is parity's verdict.
 */
export function stubVerify(report: ParityReport): ConsolidateStages['verify'] {
  return async (o) => {
    if ('generate' in o.baseline) o.baseline.generate(null);
    return { report };
  };
}

/** A whole parity report that passes (built by the real report builder), with `verdict` fields replaced. */
export function passingReport(verdict: Partial<Verdict> = {}): ParityReport {
  const r = sampleReport({ drift: false });
  return { ...r, verdict: { ...r.verdict, summary: 'stubbed parity', ...verdict } };
}
