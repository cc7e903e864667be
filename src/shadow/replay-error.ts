import { isPgError, isSquashbaseError } from '../errors.js';
import { redact } from '../db/redact.js';
import { caretLines } from '../migrations/split.js';
import { codePointIndexToOffset, lineColumnAt } from '../migrations/utf8.js';

/** Where and why a migration file failed, in the terms of the file on disk. */
export interface ReplayError {
  /** File name, e.g. `20240101093000_init.sql`. */
  file: string;
  /** 1-based line and column in the file. */
  line: number;
  column: number;
  /** Postgres SQLSTATE (42601 for a syntax error found before running). */
  sqlstate: string;
  message: string;
  detail?: string;
  hint?: string;
  /** Postgres' CONTEXT line(s), e.g. the PL/pgSQL line that raised. */
  where?: string;
  /** The source line and a `^` under the failing text. */
  caret: string;
  /** 1-based index of the failing statement in the file (0 when not known). */
  statementIndex: number;
  /** True when statements before a non-transactional one were already committed. */
  partial?: boolean;
}

/**
 * Builds a ReplayError from a Postgres error raised by one statement. Postgres' `position` is
 * 1-based and counts characters (code points) inside the statement text that was sent; it is
 * mapped back to the file through the statement's offset.
 */
export function pgReplayError(
  err: unknown,
  ctx: { file: string; sql: string; statementOffset: number; statementText: string; statementIndex: number },
): ReplayError {
  const e = err as { code?: string; message?: string; detail?: string; hint?: string; position?: string; where?: string };
  let offset = ctx.statementOffset;
  const pos = Number(e.position);
  if (Number.isFinite(pos) && pos > 0) offset = ctx.statementOffset + codePointIndexToOffset(ctx.statementText, pos - 1);
  const { line, column } = lineColumnAt(ctx.sql, offset);
  const out: ReplayError = {
    file: ctx.file,
    line,
    column,
    sqlstate: isPgError(err) ? e.code! : 'XX000',
    message: redact(e.message ?? String(err)),
    caret: caretLines(ctx.sql, offset),
    statementIndex: ctx.statementIndex,
  };
  if (e.detail) out.detail = redact(e.detail);
  if (e.hint) out.hint = redact(e.hint);
  if (e.where) out.where = redact(e.where);
  return out;
}

/** A file the parser rejected: same shape, SQLSTATE 42601, line/column from the parser. */
export function syntaxReplayError(err: unknown, file: string): ReplayError | undefined {
  if (!isSquashbaseError(err, 'MIGRATIONS_INVALID')) return undefined;
  const d = err.details ?? {};
  return {
    file,
    line: Number(d['line'] ?? 1),
    column: Number(d['column'] ?? 1),
    sqlstate: '42601',
    message: err.message.replace(/^Syntax error in [^:]+:\d+:\d+: /, ''),
    caret: String(d['caret'] ?? ''),
    statementIndex: 0,
  };
}

/** `file:line:column: ERROR SQLSTATE: message` plus detail, hint, context and caret lines. */
export function formatReplayError(e: ReplayError): string {
  const lines = [`${e.file}:${e.line}:${e.column}: ERROR ${e.sqlstate}: ${e.message}`];
  if (e.detail) lines.push(`  DETAIL: ${e.detail}`);
  if (e.hint) lines.push(`  HINT: ${e.hint}`);
  if (e.where) lines.push(`  CONTEXT: ${e.where.split('\n').join('\n           ')}`);
  if (e.caret) {
    const [src, caret] = e.caret.split('\n');
    const gutter = String(e.line);
    lines.push(`  ${gutter} | ${src}`, `  ${' '.repeat(gutter.length)} | ${caret}`);
  }
  if (e.partial) lines.push('  note: statements before a non-transactional statement in this file were already committed');
  return lines.join('\n');
}
