/**
 * Read supabase/migrations for linting. Unlike discoverMigrations (which refuses a broken
 * folder), this keeps going and turns every problem into a finding: duplicate or malformed
 * versions (C013), encoding problems (C007), syntax errors (C000), psql meta-commands (C006).
 * File selection follows the Supabase CLI (MIGRATION_FILE_PATTERN, text order of versions).
 */
import { readdir, stat } from 'node:fs/promises';
import { readMigrationBytes } from '../migrations/read-migration-file.js';
import path from 'node:path';
import { MIGRATION_FILE_PATTERN, compareVersions, migrationsDir } from '../migrations/discover.js';
import { splitSql } from '../migrations/split.js';
import { findInvalidUtf8, lineAtByte, lineColumnAt } from '../migrations/utf8.js';
import { isSquashbaseError } from '../errors.js';
import { parseStatement, type Node } from './ast.js';
import type { Finding } from './types.js';
import { finding } from './finding.js';

export interface LintStatement {
  index: number;
  text: string;
  line: number;
  column: number;
  startOffset: number;
  endOffset: number;
  kind: string;
  node: Node | null;
  noTransaction?: string;
}

export interface LintFile {
  fileName: string;
  version: string;
  /** Decoded text (BOM removed); '' when undecodable. */
  sql: string;
  statements: LintStatement[];
  /** False when the file could not be decoded or parsed: rules that need statements skip it. */
  parsed: boolean;
  /** Name part of the file name (after the first `_`, without .sql), as the CLI records it. */
  name: string;
  /** The raw bytes as UTF-8 text (BOM kept): what `supabase db push` splits for the history row. */
  rawText: string;
}

export interface LoadedHistory {
  dir: string;
  files: LintFile[];
  findings: Finding[];
}

const BIDI_OR_ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

function encodingFindings(fileName: string, bytes: Buffer, out: Finding[]): string | null {
  const bad = findInvalidUtf8(bytes);
  if (bad >= 0) {
    const at = lineAtByte(bytes, bad);
    out.push(finding('C007', { file: fileName, line: at.line, column: at.column }, `Invalid UTF-8: byte 0x${bytes[bad]!.toString(16).padStart(2, '0')} at byte offset ${bad}.`, 'Re-save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8); Postgres and the Supabase CLI expect UTF-8.', 'error'));
    return null;
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const sql = bytes.toString('utf8', bom ? 3 : 0);
  if (bom) out.push(finding('C007', { file: fileName, line: 1, column: 1 }, 'The file starts with a UTF-8 byte-order mark.', '`supabase db push` sends the BOM to the server, which rejects it; remove it (squashbase ignores it for parsing).', 'warn'));
  const nul = sql.indexOf('\u0000');
  if (nul >= 0) {
    const at = lineColumnAt(sql, nul);
    out.push(finding('C007', { file: fileName, ...at }, 'NUL byte in the file.', 'Postgres cannot store NUL in text; remove it (the file may be UTF-16 — convert it to UTF-8).', 'error'));
  }
  const crlf = (sql.match(/\r\n/g) ?? []).length;
  const lf = (sql.match(/\n/g) ?? []).length - crlf;
  if (crlf > 0 && lf > 0) {
    const firstCr = sql.indexOf('\r\n');
    out.push(finding('C007', { file: fileName, ...lineColumnAt(sql, firstCr) }, `Mixed line endings: ${crlf} CRLF and ${lf} LF lines.`, 'Normalise to LF (git config core.autocrlf / .gitattributes); mixed endings change hashes and dollar-quoted bodies.', 'warn'));
  }
  const m = BIDI_OR_ZERO_WIDTH.exec(sql);
  if (m) {
    out.push(finding('C007', { file: fileName, ...lineColumnAt(sql, m.index) }, `Invisible character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} (bidi control or zero-width).`, 'Invisible characters can hide code (Trojan Source) or make identifiers differ; remove it unless it is intended data.', 'warn'));
  }
  return sql;
}

/** Load and pre-check every migration file under <workdir>/supabase/migrations (or `dir`). */
export async function loadHistory(workdir: string, dir?: string): Promise<LoadedHistory> {
  const abs = path.resolve(dir ?? migrationsDir(workdir));
  const findings: Finding[] = [];
  let entries: string[] = [];
  try {
    entries = (await readdir(abs)).sort();
  } catch {
    return { dir: abs, files: [], findings };
  }
  const matched: { fileName: string; version: string; name: string }[] = [];
  const seen = new Map<string, string>();
  for (const fileName of entries) {
    const st = await stat(path.join(abs, fileName)).catch(() => undefined);
    if (!st || st.isDirectory()) continue;
    const m = MIGRATION_FILE_PATTERN.exec(fileName);
    if (!m) {
      if (fileName.toLowerCase().endsWith('.sql')) {
        findings.push(finding('C013', { file: fileName, line: null, column: null }, `${fileName} does not match <digits>_<name>.sql: the Supabase CLI skips it silently.`, 'Rename it to <timestamp>_<name>.sql, or move it out of supabase/migrations.', 'warn'));
      }
      continue;
    }
    const version = m[1]!;
    const previous = seen.get(version);
    if (previous) {
      findings.push(finding('C013', { file: fileName, line: null, column: null }, `Version ${version} is used by ${previous} and ${fileName}.`, 'The Supabase CLI refuses duplicate versions; give one file a new, unique timestamp.', 'error'));
      continue;
    }
    seen.set(version, fileName);
    if (!/^\d{14}$/.test(version)) {
      findings.push(finding('C013', { file: fileName, line: null, column: null }, `Version ${version} is not a 14-digit timestamp (YYYYMMDDHHMMSS).`, 'Versions compare as text: "10" sorts before "9". Use `supabase migration new` timestamps.', 'warn'));
    }
    matched.push({ fileName, version, name: m[2]! });
  }
  const lengths = new Set(matched.map((f) => f.version.length));
  if (lengths.size > 1) {
    findings.push(finding('C013', { file: null, line: null, column: null }, `Versions have different lengths (${[...lengths].sort((a, b) => a - b).join(', ')} digits): text order differs from numeric order.`, 'Rename files so every version has 14 digits.', 'warn'));
  }
  matched.sort((a, b) => compareVersions(a.version, b.version));

  const files: LintFile[] = [];
  for (const f of matched) {
    const bytes = await readMigrationBytes(path.join(abs, f.fileName), f.fileName);
    const sql = encodingFindings(f.fileName, bytes, findings);
    const file: LintFile = { fileName: f.fileName, version: f.version, name: f.name, sql: sql ?? '', rawText: bytes.toString('utf8'), statements: [], parsed: false };
    files.push(file);
    if (sql === null) continue;
    try {
      const split = splitSql(sql, f.fileName);
      for (const mc of split.metaCommands) {
        findings.push(finding('C006', { file: f.fileName, line: mc.line, column: 1 }, `psql meta-command \\${mc.command} is not SQL.`, mc.command === 'restrict' || mc.command === 'unrestrict' ? 'pg_dump ≥ 15.14 writes \\restrict lines; delete them from migration files (supabase/cli#4268).' : '`supabase db push` sends it to the server, which rejects it; rewrite it as SQL or remove it.'));
      }
      file.statements = split.statements.map((s, index) => {
        const p = parseStatement(s.text);
        return { index, text: s.text, line: s.line, column: s.column, startOffset: s.startOffset, endOffset: s.endOffset, kind: s.kind, node: p?.node ?? null, ...(s.noTransaction ? { noTransaction: s.noTransaction } : {}) };
      });
      file.parsed = true;
    } catch (err) {
      const d = isSquashbaseError(err) ? (err.details as { line?: number; column?: number } | undefined) : undefined;
      findings.push(finding('C000', { file: f.fileName, line: d?.line ?? null, column: d?.column ?? null }, isSquashbaseError(err) ? err.message : String(err), 'Postgres would reject this file too; fix the SQL. Other rules skip this file.'));
    }
  }
  return { dir: abs, files, findings };
}
