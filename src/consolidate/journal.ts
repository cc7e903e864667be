import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SquashbaseError } from '../errors.js';
import { canonicalJson } from '../util/canonical-json.js';
import { writeFileAtomic } from '../util/fs-atomic.js';
import { maybeCrash } from './crash-points.js';
import type { Journaled } from './step-outputs.js';

export const JOURNAL_FILE = 'journal.json';
export const JOURNAL_FORMAT = 'squashbase.consolidate-journal';
export const JOURNAL_VERSION = 1;

/** The steps of consolidate, in order. Each is journaled when it completes. */
export const STEPS = ['planned', 'preflight', 'backup', 'inspect', 'baseline', 'parity', 'archive', 'record', 'done'] as const;
export type StepName = (typeof STEPS)[number];

/** One completed step and what it produced (file names, hashes, counts; step-outputs.ts). */
export type JournalEntry = { [K in StepName]: { step: K; at: string; output: Journaled<K> } }[StepName];
export type JournalEntryOf<K extends StepName> = Extract<JournalEntry, { step: K }>;

/** The flags a run was started with (resume re-uses them). */
export interface JournalOptions {
  tool: string;
  allowDirty: boolean;
  allowUnsynced: boolean;
  allowVersionMismatch: boolean;
  allowDrift: boolean;
  allowUnmodelled: boolean;
  createHistoryTable: boolean;
  upgradeHistoryTable: boolean;
  archiveRoot: string;
  shadow: { provider: string; major: number | null } | null;
}

/** running: in progress or interrupted; failed: a read-only step refused (nothing outside the archive dir changed). */
export type JournalStatus = 'running' | 'failed' | 'done' | 'rolled-back';

export interface Journal {
  format: typeof JOURNAL_FORMAT;
  journalVersion: typeof JOURNAL_VERSION;
  runId: string;
  status: JournalStatus;
  createdAt: string;
  updatedAt: string;
  /** Redacted target. */
  target: string;
  /** Absolute paths at the time of the run. */
  workdir: string;
  archiveDir: string;
  baseline: { version: string; name: string; fileName: string };
  options: JournalOptions;
  steps: JournalEntry[];
  rollback?: { at: string; history: string; files: string[] };
  failure?: { step: string; code: string; message: string; at: string };
}

/** The last completed step, or undefined for a fresh journal. */
export function lastStep(j: Journal): StepName | undefined {
  return j.steps[j.steps.length - 1]?.step;
}

export function stepDone<K extends StepName>(j: Journal, step: K): JournalEntryOf<K> | undefined {
  return j.steps.find((s): s is JournalEntryOf<K> => s.step === step);
}

/** The next step to run after the journal's last one. */
export function nextStep(j: Journal): StepName | undefined {
  const last = lastStep(j);
  if (!last) return STEPS[0];
  const i = STEPS.indexOf(last);
  return STEPS[i + 1];
}

export async function writeJournal(j: Journal): Promise<void> {
  await writeFileAtomic(join(j.archiveDir, JOURNAL_FILE), canonicalJson(j));
}

/**
 * Records a completed step (atomic write: temp file, fsync, rename, fsync dir), then gives the
 * crash-test hook its chance. Re-recording a step replaces its entry (resume is idempotent).
 */
export async function recordStep<K extends StepName>(j: Journal, step: K, output: Journaled<K>, env: NodeJS.ProcessEnv): Promise<void> {
  const now = new Date().toISOString();
  j.steps = j.steps.filter((s) => s.step !== step);
  j.steps.push(entry(step, now, output));
  j.updatedAt = now;
  if (step === 'done') j.status = 'done';
  await writeJournal(j);
  maybeCrash(step, env);
}

/** TypeScript cannot narrow a mapped union through a generic key; the signature keeps step and output paired. */
function entry<K extends StepName>(step: K, at: string, output: Journaled<K>): JournalEntry {
  return { step, at, output } as JournalEntryOf<K>;
}

export async function readJournal(archiveDir: string): Promise<Journal | undefined> {
  let text: string;
  try {
    text = await readFile(join(archiveDir, JOURNAL_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let j: Journal;
  try {
    j = JSON.parse(text) as Journal;
  } catch (err) {
    throw new SquashbaseError('PRECONDITION_FAILED', `${join(archiveDir, JOURNAL_FILE)} is corrupt (not valid JSON).`, {
      hint: 'Restore it from a backup or version control; squashbase never guesses where an interrupted run stood. The archived files and manifest.json beside it are untouched.',
      cause: err,
    });
  }
  if (j === null || typeof j !== 'object' || j.format !== JOURNAL_FORMAT || j.journalVersion !== JOURNAL_VERSION) {
    throw new SquashbaseError('PRECONDITION_FAILED', `${join(archiveDir, JOURNAL_FILE)} is not a squashbase journal this version can read.`);
  }
  return j;
}

/** Every journal under the archive root (one per `<baseline_version>/` folder), newest first. */
export async function findJournals(archiveRoot: string): Promise<Journal[]> {
  let entries: string[];
  try {
    entries = await readdir(archiveRoot);
  } catch {
    return [];
  }
  const out: Journal[] = [];
  for (const e of entries.sort().reverse()) {
    const j = await readJournal(join(archiveRoot, e)).catch(() => undefined);
    if (j) out.push(j);
  }
  return out;
}
