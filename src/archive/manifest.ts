import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SquashbaseError } from '../errors.js';
import type { HistoryExport } from '../history/export-history.js';
import { historyHash } from '../history/read-history.js';
import { canonicalJson } from '../util/canonical-json.js';
import { writeFileAtomic } from '../util/fs-atomic.js';

export const MANIFEST_FORMAT = 'squashbase.archive-manifest';
export const MANIFEST_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
/** h_0 of the chain; documented in docs/FORMATS-manifest.md. */
export const CHAIN_SEED = '';

export interface ManifestFile {
  fileName: string;
  version: string;
  name: string;
  size: number;
  /** sha256 of the raw bytes, lowercase hex. */
  sha256: string;
  /** h_i = sha256(h_{i-1} + "\n" + sha256_i), h_0 = "" (files in version order). */
  chain: string;
}

export interface ManifestOverride {
  flag: string;
  reason: string;
  /** e.g. the dirty files and their hashes for --allow-dirty. */
  details?: unknown;
}

export interface ArchiveManifest {
  format: typeof MANIFEST_FORMAT;
  manifestVersion: typeof MANIFEST_VERSION;
  hashAlgorithm: 'sha256';
  tool: { name: 'squashbase'; version: string };
  runId: string;
  createdAt: string;
  /** Redacted connection string of the database whose history was rewritten. */
  target: string;
  /** Paths relative to the workdir. */
  migrationsDir: string;
  archiveDir: string;
  baseline: { version: string; name: string; fileName: string; size: number; sha256: string; statementsSha256: string; statementCount: number };
  files: ManifestFile[];
  chain: { rule: string; seed: string; head: string };
  history: {
    /** The preflight export: every row, every column (I4). */
    export: HistoryExport;
    exportFile: string;
    exportFileSha256: string;
    /** Versions whose rows the record step deletes. */
    replacedVersions: string[];
    /** The statements of the record transaction, rendered (see docs/commands/consolidate.md). */
    recordSql: string;
    shapeAction: string;
  };
  parity: { reports: { path: string; sha256: string }[]; summary?: unknown };
  preflight: unknown;
  overrides: ManifestOverride[];
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Computes the chain over file hashes in order. */
export function hashChain(shas: readonly string[], seed = CHAIN_SEED): string[] {
  const out: string[] = [];
  let prev = seed;
  for (const s of shas) {
    prev = sha256Hex(prev + '\n' + s);
    out.push(prev);
  }
  return out;
}

/** Fills `chain` on each file and returns the head (the seed for an empty list). */
export function chainFiles(files: Omit<ManifestFile, 'chain'>[]): { files: ManifestFile[]; head: string } {
  const chain = hashChain(files.map((f) => f.sha256));
  return { files: files.map((f, i) => ({ ...f, chain: chain[i]! })), head: chain[chain.length - 1] ?? CHAIN_SEED };
}

export async function writeManifest(dir: string, manifest: ArchiveManifest): Promise<{ path: string; sha256: string }> {
  const text = canonicalJson(manifest);
  const path = join(dir, MANIFEST_FILE);
  await writeFileAtomic(path, text);
  return { path, sha256: sha256Hex(text) };
}

export async function readManifest(dir: string): Promise<ArchiveManifest> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SquashbaseError('PRECONDITION_FAILED', `No archive manifest at ${path}.`, {
      hint: 'Pass the archive directory consolidate created, e.g. migrations_archive/<baseline_version>.',
      cause: err,
    });
  }
  const m = JSON.parse(text) as ArchiveManifest;
  if (m.format !== MANIFEST_FORMAT) throw new SquashbaseError('PRECONDITION_FAILED', `${path} is not a squashbase archive manifest.`);
  if (m.manifestVersion !== MANIFEST_VERSION) {
    throw new SquashbaseError('PRECONDITION_FAILED', `${path} has manifestVersion ${String(m.manifestVersion)}; this squashbase reads version ${MANIFEST_VERSION}.`);
  }
  return m;
}

export interface ArchiveVerification {
  ok: boolean;
  problems: string[];
  checkedFiles: number;
}

/**
 * Re-hashes every archived file and the chain, and re-checks the history export's hash — the
 * tamper check an auditor (or rollback) runs before trusting an archive.
 */
export async function verifyArchive(dir: string): Promise<ArchiveVerification & { manifest: ArchiveManifest }> {
  const manifest = await readManifest(dir);
  const problems: string[] = [];
  for (const f of manifest.files) {
    const p = join(dir, f.fileName);
    try {
      const bytes = await readFile(p);
      if (bytes.length !== f.size) problems.push(`${f.fileName}: size ${bytes.length}, manifest says ${f.size}`);
      const h = sha256Hex(bytes);
      if (h !== f.sha256) problems.push(`${f.fileName}: sha256 ${h}, manifest says ${f.sha256}`);
    } catch {
      problems.push(`${f.fileName}: missing from the archive`);
    }
  }
  const chain = hashChain(manifest.files.map((f) => f.sha256), manifest.chain.seed);
  manifest.files.forEach((f, i) => {
    if (chain[i] !== f.chain) problems.push(`${f.fileName}: chain link does not match`);
  });
  if ((chain[chain.length - 1] ?? manifest.chain.seed) !== manifest.chain.head) problems.push('the chain head does not match');
  const exp = manifest.history.export;
  if (historyHash(exp.shape, exp.rows) !== exp.sha256) problems.push('the exported history rows do not match their hash');
  for (const r of manifest.parity.reports) {
    try {
      const h = sha256Hex(await readFile(join(dir, r.path)));
      if (h !== r.sha256) problems.push(`${r.path}: report changed since the archive was written`);
    } catch {
      problems.push(`${r.path}: report missing`);
    }
  }
  return { ok: problems.length === 0, problems, checkedFiles: manifest.files.length, manifest };
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}
