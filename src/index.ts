/** squashbase library API: the CLI is a thin shell over these. */
export * from './errors.js';
export * from './introspect/snapshot-types.js';
export { VERSION } from './version.js';
export { resolveTarget, parseDbUrl, type ConnectionTarget } from './db/connection.js';
export { redact } from './db/redact.js';
export { inspectDatabase, type InspectOptions, type InspectProgress } from './introspect/inspect.js';
export { summarizeSnapshot, type SummaryRow } from './introspect/summary.js';
export { MANAGED_SCHEMAS, isManagedSchema, isReservedRole, isPlatformRole } from './introspect/platform-scope.js';
export { compareSnapshots } from './parity/compare.js';
export type { Comparison, ObjectComparison, ObjectStatus, KindCount, ComparisonWarning } from './parity/types.js';
export { runParity, type RunParityOptions, type RunParityResult } from './parity/run-parity.js';
export { renderMarkdown } from './reports/render-markdown.js';
export { renderHtml } from './reports/render-html.js';
export { renderJson } from './reports/render-json.js';
export { writeReports } from './reports/write-reports.js';
export type { ParityReport, Verdict, VerdictStatus, ReportFormat } from './reports/report-types.js';
