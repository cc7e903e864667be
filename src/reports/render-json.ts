import { redactValue } from '../db/redact.js';
import { canonicalJson } from '../util/canonical-json.js';
import type { ParityReport } from '../parity/report-model.js';

/** report.json: the report object itself, redacted, as canonical (sorted-key) JSON. */
export function renderJson(report: ParityReport): string {
  return canonicalJson(redactValue(report));
}
