import { randomBytes } from 'node:crypto';

/**
 * The id of one parity or consolidate run: its UTC start second and 6 random hex digits, e.g.
 * `20261121T065013Z-f6958a`. It sorts by time and can be used in a path. Run ids appear in
 * journal.json, the archive manifest, previous-runs/<runId>/, report.json and the generated
 * baseline's header.
 */
export function newRunId(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z') + '-' + randomBytes(3).toString('hex');
}
