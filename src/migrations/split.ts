import { loadModule, parseSync } from 'libpg-query';
import { SquashbaseError } from '../errors.js';
import { stripMetaCommands, type MetaCommand } from './meta-commands.js';
import { ByteOffsetMapper, codePointIndexToOffset, lineColumnAt } from './utf8.js';
import { LineIndex } from './line-index.js';
import { noTransactionReason } from './no-transaction.js';

export { splitLikeSupabaseCli } from './cli-split.js';
export type { MetaCommand } from './meta-commands.js';

// parseSync needs the WASM module; loading it once at import keeps splitStatements synchronous.
await loadModule();

/** One top-level SQL statement of a migration file. */
export interface SqlStatement {
  /** The statement text without its terminating `;` (leading comments not included). */
  text: string;
  /** JS string offset of the statement's first character in the (meta-command-blanked) SQL. */
  startOffset: number;
  /** JS string offset just past the statement's last character. */
  endOffset: number;
  /** 1-based line and column (UTF-16 code units) of the first character. */
  line: number;
  column: number;
  /** Parse-tree node type, e.g. `CreateStmt`, `IndexStmt`. */
  kind: string;
  /** Set when Postgres refuses to run the statement inside a transaction block, and why. */
  noTransaction?: string;
}

export interface SplitResult {
  statements: SqlStatement[];
  /** psql meta-commands that were blanked out before parsing. */
  metaCommands: MetaCommand[];
  /** The SQL the statements index into: the input with meta-command lines replaced by spaces. */
  sql: string;
}

/**
 * Splits SQL into top-level statements with the real Postgres parser (libpg-query).
 * libpg-query reports `stmt_location`/`stmt_len` as UTF-8 byte offsets (stmt_len 0 = "to the
 * end") — they are sliced from a Buffer and converted to JS string offsets here.
 * A syntax error throws MIGRATIONS_INVALID with line and column.
 */
export function splitStatements(sql: string, fileName?: string): SqlStatement[] {
  return splitSql(sql, fileName).statements;
}

/** splitStatements plus the psql meta-commands that were removed. */
export function splitSql(sql: string, fileName?: string): SplitResult {
  const stripped = stripMetaCommands(sql);
  const text = stripped.sql;
  let parsed: ReturnType<typeof parseSync>;
  try {
    parsed = parseSync(text);
  } catch (err) {
    throw syntaxError(err, text, fileName);
  }
  const buf = Buffer.from(text, 'utf8');
  const mapper = new ByteOffsetMapper(text);
  const lines = new LineIndex(text);
  const statements: SqlStatement[] = [];
  for (const raw of parsed.stmts ?? []) {
    const startByte = raw.stmt_location ?? 0;
    const endByte = raw.stmt_len ? startByte + raw.stmt_len : buf.length;
    const stmtText = buf.subarray(startByte, endByte).toString('utf8').trimEnd();
    if (stmtText.length === 0) continue;
    const startOffset = mapper.toStringOffset(startByte);
    const { line, column } = lines.at(startOffset);
    const node = (raw.stmt ?? {}) as Record<string, unknown>;
    const kind = Object.keys(node)[0] ?? 'Unknown';
    const statement: SqlStatement = { text: stmtText, startOffset, endOffset: startOffset + stmtText.length, line, column, kind };
    const reason = noTransactionReason(kind, node[kind]);
    if (reason) statement.noTransaction = reason;
    statements.push(statement);
  }
  return { statements, metaCommands: stripped.metaCommands, sql: text };
}

function syntaxError(err: unknown, text: string, fileName: string | undefined): SquashbaseError {
  const details = (err as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
  const message = details?.message ?? (err instanceof Error ? err.message : String(err));
  // cursorPosition counts code points from 0 (Postgres' cursorpos, minus one).
  const offset = codePointIndexToOffset(text, Math.max(0, details?.cursorPosition ?? 0));
  const { line, column } = lineColumnAt(text, offset);
  const where = fileName ? `${fileName}:${line}:${column}` : `line ${line}, column ${column}`;
  return new SquashbaseError('MIGRATIONS_INVALID', `Syntax error in ${where}: ${message}`, {
    hint: 'Fix the SQL; Postgres would reject this file too.',
    cause: err,
    details: { file: fileName, line, column, caret: caretLines(text, offset) },
  });
}

/** The source line containing `offset` and a caret under it (tabs kept so the caret aligns). */
export function caretLines(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const lineText = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const pad = lineText.slice(0, offset - lineStart).replace(/[^\t]/g, ' ');
  return `${lineText}\n${pad}^`;
}
