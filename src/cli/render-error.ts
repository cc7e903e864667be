import { SquashbaseError } from '../errors.js';
import { redact } from '../db/redact.js';
import { exitCodeFor, EXIT, type ExitCode } from '../exit-codes.js';

/** The --json error document: the only thing on stdout when a command fails. */
export interface ErrorJson {
  ok: false;
  error: { code: string; message: string; hint: string | null; details: Record<string, unknown> | null; causes: string[] };
  exitCode: number;
}

/** Render any thrown value once, as text or JSON, and pick the exit code. */
export function renderError(err: unknown, opts: { json: boolean; verbose: boolean }): { text: string; exitCode: ExitCode; json: ErrorJson } {
  const e =
    err instanceof SquashbaseError
      ? err
      : new SquashbaseError('INTERNAL', err instanceof Error ? err.message : String(err), {
          hint: 'This is a bug in squashbase; please report it with the output of --verbose.',
          cause: err,
        });
  const exitCode = exitCodeFor(e.code);
  const causes: string[] = [];
  let c: unknown = e.cause;
  while (c && causes.length < 5) {
    causes.push(c instanceof Error ? `${c.name}: ${c.message}` : String(c));
    c = c instanceof Error ? c.cause : undefined;
  }
  const lines = [`error[${e.code}]: ${e.message}`];
  if (e.hint) lines.push(`  hint: ${e.hint}`);
  if (opts.verbose) {
    for (const line of causes) lines.push(`  cause: ${line}`);
    if (e.details) lines.push(`  details: ${JSON.stringify(e.details)}`);
    if (!(err instanceof SquashbaseError) && err instanceof Error && err.stack) lines.push(err.stack);
  }
  const json: ErrorJson = {
    ok: false,
    error: { code: e.code, message: e.message, hint: e.hint ?? null, details: e.details ?? null, causes },
    exitCode,
  };
  return { text: redact(lines.join('\n')), exitCode, json };
}

export { EXIT };

/** What a signal leaves on stdout under --json (main.ts): an error document, not nothing. */
export function renderSignal(signal: 'SIGINT' | 'SIGTERM', exitCode: number): ErrorJson {
  const err = new SquashbaseError('ABORTED', `Interrupted by ${signal}; what this run started was cleaned up.`, {
    hint: 'Run the command again when ready.',
    details: { signal },
  });
  return { ...renderError(err, { json: true, verbose: false }).json, exitCode };
}
