/**
 * The one error type squashbase throws on purpose. Every failure a user can act on carries a
 * stable `code` (documented in the README), a message, a hint and the original `cause`.
 * The CLI renders it once, at the top (src/cli/render-error.ts), and maps the code to an exit
 * code (src/exit-codes.ts). Library code never calls process.exit.
 */
export const ERROR_CODES = [
  'USAGE',
  'DB_URL_MISSING',
  'DB_URL_INVALID',
  'CONNECTION_FAILED',
  'PERMISSION_DENIED',
  'PRECONDITION_FAILED',
  'LOCKED',
  'HISTORY_CHANGED',
  'HISTORY_TABLE_UNSUPPORTED',
  'INTROSPECTION_FAILED',
  'SHADOW_FAILED',
  'VERSION_MISMATCH',
  'MIGRATIONS_INVALID',
  'REPLAY_FAILED',
  'BASELINE_FAILED',
  'BASELINE_UNFAITHFUL',
  'PARITY_DISAGREEMENT',
  'DRIFT_DETECTED',
  'CHECK_FAILED',
  'ABORTED',
  'PARTIAL_STATE',
  'IO_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface SquashbaseErrorOptions {
  hint?: string;
  cause?: unknown;
  /** Structured, JSON-serialisable context (file, line, SQLSTATE, …). Never secrets. */
  details?: Record<string, unknown>;
}

export class SquashbaseError extends Error {
  override readonly name = 'SquashbaseError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: SquashbaseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }
}

export function isSquashbaseError(err: unknown, code?: ErrorCode): err is SquashbaseError {
  return err instanceof SquashbaseError && (code === undefined || err.code === code);
}

/** Postgres errors from `pg` carry a SQLSTATE in `code`; branch on that, never on message text. */
export interface PgErrorLike {
  code: string;
  message: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

export function isPgError(err: unknown, sqlstate?: string): err is PgErrorLike & Error {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return false;
  return sqlstate === undefined || code === sqlstate || (sqlstate.length === 2 && code.startsWith(sqlstate));
}
