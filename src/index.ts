/** squashbase library API: the CLI is a thin shell over these. */
export * from './errors.js';
export * from './introspect/snapshot-types.js';
export { VERSION } from './version.js';
export { resolveTarget, parseDbUrl, type ConnectionTarget } from './db/connection.js';
export { redact } from './db/redact.js';
export { inspectDatabase, type InspectOptions, type InspectProgress } from './introspect/inspect.js';
export { summarizeSnapshot, type SummaryRow } from './introspect/summary.js';
export { MANAGED_SCHEMAS, isManagedSchema, isReservedRole, isPlatformRole } from './introspect/platform-scope.js';
