import { readFile } from 'node:fs/promises';
import { readJournal, type Journal } from '../../src/consolidate/journal.js';
import { SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION, type Snapshot } from '../../src/introspect/snapshot-types.js';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type ParityReport } from '../../src/parity/report-model.js';

/**
 * Typed readers for the JSON squashbase writes and the tests read back (reports, snapshots,
 * journals), so a test's field accesses are checked against the library's own types instead of
 * JSON.parse's `any`. Like the library's readers (readJournal, readManifest, loadDataCheck) they
 * check the format tag and version and trust the rest; anything else throws, quoting the text.
 */

/** What `squashbase parity --json` prints: the report plus the paths of the files it wrote. */
export type ParityJson = ParityReport & { reportPaths: string[] };

function hasFormat(value: unknown, format: string, version: number): boolean {
  return typeof value === 'object' && value !== null && 'format' in value && value.format === format && 'formatVersion' in value && value.formatVersion === version;
}

function isParityReport(value: unknown): value is ParityReport {
  return hasFormat(value, REPORT_FORMAT, REPORT_FORMAT_VERSION);
}

function isSnapshot(value: unknown): value is Snapshot {
  return hasFormat(value, SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION);
}

function notA(what: string, where: string, text: string): Error {
  return new Error(`${where} is not a ${what}:\n${text.slice(0, 2000)}`);
}

/** A report.json's text (or renderJson's output). */
export function parseParityReport(text: string, where = 'the text'): ParityReport {
  const value: unknown = JSON.parse(text);
  if (!isParityReport(value)) throw notA(`${REPORT_FORMAT} v${REPORT_FORMAT_VERSION}`, where, text);
  return value;
}

export async function readParityReport(file: string): Promise<ParityReport> {
  return parseParityReport(await readFile(file, 'utf8'), file);
}

function isParityJson(value: unknown): value is ParityJson {
  return isParityReport(value) && 'reportPaths' in value && Array.isArray(value.reportPaths) && value.reportPaths.every((p: unknown) => typeof p === 'string');
}

/** The stdout of `squashbase parity --json`. */
export function parseParityJson(stdout: string): ParityJson {
  const value: unknown = JSON.parse(stdout);
  if (!isParityJson(value)) throw notA('parity --json output (a parity report with reportPaths)', 'stdout', stdout);
  return value;
}

/** A snapshot file (`replay --out`, the backup's snapshot.json). */
export async function readSnapshotFile(file: string): Promise<Snapshot> {
  const text = await readFile(file, 'utf8');
  const value: unknown = JSON.parse(text);
  if (!isSnapshot(value)) throw notA(`${SNAPSHOT_FORMAT} v${SNAPSHOT_FORMAT_VERSION}`, file, text);
  return value;
}

/** The journal of the run archived in `archiveDir` (src's reader, which checks its format); throws when there is none. */
export async function requireJournal(archiveDir: string): Promise<Journal> {
  const journal = await readJournal(archiveDir);
  if (!journal) throw new Error(`no journal.json in ${archiveDir}`);
  return journal;
}
