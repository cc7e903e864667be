import type { ConsolidateStages } from '../../src/consolidate/steps/stages.js';
import type { ParityReport } from '../../src/parity/report-model.js';

/**
 * consolidate's verify stage without shadows, for tests about gates, manifests and rollback
 * (parity's own tests cover the shadows): a baseline to generate is generated as consolidate
 * asks, without a platform delta, and `report` (e.g. stubParityReport()) is parity's verdict.
 */
export function stubVerify(report: ParityReport): ConsolidateStages['verify'] {
  return async (o) => {
    if ('generate' in o.baseline) o.baseline.generate(null);
    return { report };
  };
}
