import { performance } from 'node:perf_hooks';
import type { ConnectionTarget } from '../db/connection.js';
import { withClient, type Client } from '../db/client.js';
import { isPgError, SquashbaseError } from '../errors.js';
import type { MigrationFile } from '../migrations/discover.js';
import { splitSql, splitLikeSupabaseCli, type SqlStatement } from '../migrations/split.js';
import { stripMetaCommands } from '../migrations/meta-commands.js';
import { CREATE_MIGRATION_TABLE_SQL, INSERT_VERSION_SQL, RESET_ALL } from '../migrations/cli-history.js';
import { pgReplayError, syntaxReplayError, type ReplayError } from './replay-error.js';
import { adaptStatementForStandIns, mayNeedStandInAdaptation } from './stand-ins/statement-adapter.js';

export type { ReplayError } from './replay-error.js';

export interface FileReplayResult {
  version: string;
  fileName: string;
  sha256: string;
  status: 'applied' | 'failed' | 'skipped';
  /** Statements executed (or, when failed, the statement count of the file). */
  statements: number;
  durationMs: number;
  /** Statements that ran alone in autocommit (CREATE INDEX CONCURRENTLY, …). */
  nonTransactional?: string[];
  /** Statements adapted for an extension stand-in (e.g. pgvector index options), with what was emulated. */
  emulated?: string[];
  /** psql meta-commands (`\restrict …`) that were ignored. */
  metaCommands?: string[];
  error?: ReplayError;
}

export interface ReplayResult {
  ok: boolean;
  files: FileReplayResult[];
}

export type ReplayProgressEvent =
  | { type: 'start'; total: number }
  | { type: 'file-start'; index: number; total: number; fileName: string }
  /** Inside a long file: every STATEMENT_PROGRESS_STEP statements (only files longer than that). */
  | { type: 'statements'; index: number; total: number; fileName: string; done: number; statements: number }
  | { type: 'file-done'; index: number; total: number; result: FileReplayResult }
  | { type: 'done'; result: ReplayResult };

/** A long file (a 5 MB seed of 38k INSERTs) reports progress this often, so it never looks hung. */
export const STATEMENT_PROGRESS_STEP = 2000;

export interface ReplayOptions {
  /** Record a failed file and go on with the next one (default: stop at the first failure). */
  continueOnError?: boolean;
  onProgress?: (event: ReplayProgressEvent) => void;
  /**
   * Write each file's row to supabase_migrations.schema_migrations in the file's transaction,
   * as `supabase db push` does (default true).
   */
  recordHistory?: boolean;
}

/**
 * Applies migration files to `target` the way `supabase db push` does: `RESET ALL` before each
 * file, the file's statements and its history row in one transaction. Statements Postgres
 * refuses inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, …) do not break the
 * replay: what came before is committed, the statement runs alone, the transaction resumes.
 * The first failure stops the replay (the rest is `skipped`) unless `continueOnError`.
 */
export async function replayMigrations(files: MigrationFile[], target: ConnectionTarget, options: ReplayOptions = {}): Promise<ReplayResult> {
  const recordHistory = options.recordHistory ?? true;
  const progress = options.onProgress ?? (() => undefined);
  const result: ReplayResult = { ok: true, files: [] };
  progress({ type: 'start', total: files.length });
  await withClient(target, async (client) => {
    // Notices (e.g. "relation already exists, skipping") are expected and not errors.
    client.on('notice', () => undefined);
    if (recordHistory) await client.query(CREATE_MIGRATION_TABLE_SQL);
    let stopped = false;
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      if (stopped) {
        result.files.push({ version: file.version, fileName: file.fileName, sha256: file.sha256, status: 'skipped', statements: 0, durationMs: 0 });
        continue;
      }
      progress({ type: 'file-start', index: i, total: files.length, fileName: file.fileName });
      const r = await applyFile(client, file, recordHistory, (done, statements) =>
        progress({ type: 'statements', index: i, total: files.length, fileName: file.fileName, done, statements }),
      );
      result.files.push(r);
      progress({ type: 'file-done', index: i, total: files.length, result: r });
      if (r.status === 'failed') {
        result.ok = false;
        if (!options.continueOnError) stopped = true;
      }
    }
  });
  progress({ type: 'done', result });
  return result;
}

/** Applies one file; never throws for SQL errors (they become `status: 'failed'`). */
export async function applyFile(
  client: Client,
  file: MigrationFile,
  recordHistory = true,
  onStatements?: (done: number, statements: number) => void,
): Promise<FileReplayResult> {
  const t0 = performance.now();
  const base = { version: file.version, fileName: file.fileName, sha256: file.sha256 };
  const done = (r: Omit<FileReplayResult, 'version' | 'fileName' | 'sha256' | 'durationMs'>): FileReplayResult => ({
    ...base,
    ...r,
    durationMs: Math.round((performance.now() - t0) * 10) / 10,
  });

  let split: ReturnType<typeof splitSql>;
  try {
    split = splitSql(file.sql, file.fileName);
  } catch (err) {
    const syntax = syntaxReplayError(err, file.fileName);
    if (!syntax) throw err;
    // Our parser is newer than the server: let the server have the last word on the grammar.
    return done(await applyWholeFile(client, file, recordHistory, syntax));
  }

  const first = await applyStatements(client, file, split, recordHistory, true, onStatements);
  if (first !== RETRY_ONE_BY_ONE) return done(first);
  // A batch failed before anything in the file was committed, so all of it was rolled back: run
  // the file again one statement at a time to report the exact failing statement.
  const again = await applyStatements(client, file, split, recordHistory, false);
  if (again === RETRY_ONE_BY_ONE) throw new Error('unreachable: one-by-one replay never asks to retry');
  return done(again);
}

/** Statements sent as one simple query when nothing between them needs special handling. */
const BATCH_MAX_STATEMENTS = 500;
const BATCH_MAX_CHARS = 1 << 20;
const RETRY_ONE_BY_ONE = Symbol('retry one by one');
type FileOutcome = Omit<FileReplayResult, 'version' | 'fileName' | 'sha256' | 'durationMs'>;

/**
 * The file's statements in its transaction. With `batched`, runs of plain statements go to the
 * server as one multi-statement query (one round trip instead of hundreds: a seed of 38k INSERTs
 * then runs at psql's speed) as long as nothing in the file has been committed yet; a failing
 * batch rolls the file back and asks for a one-by-one run, which pins the failing statement.
 */
async function applyStatements(
  client: Client,
  file: MigrationFile,
  split: ReturnType<typeof splitSql>,
  recordHistory: boolean,
  batched: boolean,
  onStatements?: (done: number, statements: number) => void,
): Promise<FileOutcome | typeof RETRY_ONE_BY_ONE> {
  const { statements, metaCommands } = split;
  const history = recordHistory ? historyParams(file) : undefined;
  const nonTransactional: string[] = [];
  const emulated: string[] = [];
  // A stand-in extension may need a statement reshaped (pgvector index options); say so per file.
  const run = async (stmt: SqlStatement) => {
    const adapted = await adaptStatementForStandIns(client, stmt.text);
    await client.query(adapted?.text ?? stmt.text);
    if (adapted) {
      await adapted.after(client);
      emulated.push(`${adapted.note} (line ${stmt.line})`);
    }
  };
  // COPY alone: pg-protocol's copy sub-protocol must not start in the middle of a batch.
  const plain = (stmt: SqlStatement) => !stmt.noTransaction && stmt.kind !== 'TransactionStmt' && stmt.kind !== 'CopyStmt' && !mayNeedStandInAdaptation(stmt.text);
  let reported = 0;
  const progressTo = (doneCount: number) => {
    while (reported + STATEMENT_PROGRESS_STEP <= doneCount && reported + STATEMENT_PROGRESS_STEP < statements.length) {
      reported += STATEMENT_PROGRESS_STEP;
      onStatements?.(reported, statements.length);
    }
  };
  let committedSomething = false;
  await client.query(RESET_ALL);
  await client.query('BEGIN');
  let inTransaction = true;
  for (let k = 0; k < statements.length; k++) {
    const stmt = statements[k]!;
    if (batched && !committedSomething && plain(stmt) && k + 1 < statements.length && plain(statements[k + 1]!)) {
      let end = k;
      let chars = 0;
      while (end < statements.length && end - k < BATCH_MAX_STATEMENTS && chars < BATCH_MAX_CHARS && plain(statements[end]!)) {
        chars += statements[end]!.text.length;
        end++;
      }
      try {
        // A newline before each `;`: a statement may end in a -- comment.
        await client.query(statements.slice(k, end).map((x) => x.text).join('\n;\n'));
      } catch (err) {
        if (!isPgError(err)) throw connectionLost(file, err);
        await client.query('ROLLBACK').catch(() => undefined);
        return RETRY_ONE_BY_ONE;
      }
      k = end - 1;
      progressTo(end);
      continue;
    }
    try {
      if (stmt.noTransaction) {
        // Commit what came before, run the statement alone (autocommit), then resume.
        await client.query('COMMIT');
        inTransaction = false;
        committedSomething = true;
        await run(stmt);
        nonTransactional.push(`${stmt.noTransaction} (line ${stmt.line})`);
        await client.query('BEGIN');
        inTransaction = true;
      } else {
        await run(stmt);
        // A file's own COMMIT/ROLLBACK ends our transaction too (as it does in db push's
        // implicit one): what ran before is committed, so a later failure leaves a partial file.
        if (stmt.kind === 'TransactionStmt') committedSomething = true;
      }
      progressTo(k + 1);
    } catch (err) {
      if (!isPgError(err)) throw connectionLost(file, err);
      if (inTransaction) await client.query('ROLLBACK').catch(() => undefined);
      const error = pgReplayError(err, statementContext(file, split.sql, stmt, k));
      if (committedSomething) error.partial = true;
      return { status: 'failed', statements: statements.length, error, ...extras(nonTransactional, metaCommands, emulated) };
    }
  }
  try {
    if (history) await client.query(INSERT_VERSION_SQL, history);
    await client.query('COMMIT');
  } catch (err) {
    if (!isPgError(err)) throw connectionLost(file, err);
    await client.query('ROLLBACK').catch(() => undefined);
    const last = statements[statements.length - 1];
    const error = pgReplayError(err, {
      file: file.fileName,
      sql: split.sql,
      statementOffset: last?.endOffset ?? 0,
      statementText: '',
      statementIndex: statements.length,
    });
    error.message = `${error.message} (while committing the file / recording its history row)`;
    return { status: 'failed', statements: statements.length, error, ...extras(nonTransactional, metaCommands, emulated) };
  }
  return { status: 'applied', statements: statements.length, ...extras(nonTransactional, metaCommands, emulated) };
}

/** Fallback when our parser rejects a file: send it whole (one simple query) and let the server judge. */
async function applyWholeFile(
  client: Client,
  file: MigrationFile,
  recordHistory: boolean,
  parserError: ReplayError,
): Promise<Omit<FileReplayResult, 'version' | 'fileName' | 'sha256' | 'durationMs'>> {
  const { sql, metaCommands } = stripMetaCommands(file.sql);
  const count = splitLikeSupabaseCli(sql).length;
  await client.query(RESET_ALL);
  await client.query('BEGIN');
  try {
    await client.query(sql);
    if (recordHistory) await client.query(INSERT_VERSION_SQL, historyParams(file));
    await client.query('COMMIT');
    return { status: 'applied', statements: count, ...extras([], metaCommands) };
  } catch (err) {
    if (!isPgError(err)) throw connectionLost(file, err);
    await client.query('ROLLBACK').catch(() => undefined);
    // The server's position (relative to the whole file) when it has one, else the parser's.
    const error = (err as { position?: string }).position
      ? pgReplayError(err, { file: file.fileName, sql, statementOffset: 0, statementText: sql, statementIndex: 0 })
      : { ...parserError, sqlstate: (err as { code: string }).code, message: (err as Error).message };
    if (/\bcopy\b[^;]*\bfrom\s+stdin\b/i.test(sql) && !error.hint) {
      error.hint = 'COPY … FROM stdin with inline data is a psql feature; `supabase db push` cannot run it either. Use INSERT statements (or a seed file).';
    }
    return { status: 'failed', statements: count, error, ...extras([], metaCommands) };
  }
}

function statementContext(file: MigrationFile, sql: string, stmt: SqlStatement, index: number) {
  return { file: file.fileName, sql, statementOffset: stmt.startOffset, statementText: stmt.text, statementIndex: index + 1 };
}

/** (version, name, statements) exactly as the CLI computes them from the raw file. */
export function historyParams(file: MigrationFile): [string, string, string[]] {
  return [file.version, file.name, splitLikeSupabaseCli(file.bytes.toString('utf8'))];
}

function extras(
  nonTransactional: string[],
  metaCommands: { text: string }[],
  emulated: string[] = [],
): Pick<FileReplayResult, 'nonTransactional' | 'metaCommands' | 'emulated'> {
  const out: Pick<FileReplayResult, 'nonTransactional' | 'metaCommands' | 'emulated'> = {};
  if (nonTransactional.length) out.nonTransactional = nonTransactional;
  if (emulated.length) out.emulated = emulated;
  if (metaCommands.length) out.metaCommands = metaCommands.map((m) => m.text);
  return out;
}

function connectionLost(file: MigrationFile, err: unknown): SquashbaseError {
  return new SquashbaseError('REPLAY_FAILED', `Lost the connection to the shadow database while applying ${file.fileName}.`, {
    hint: 'The shadow server may have crashed or run out of memory; check its log and retry.',
    cause: err,
  });
}
