import { redact, redactValue } from '../db/redact.js';
import { canonicalJson } from '../util/canonical-json.js';

/**
 * Every byte the CLI writes goes through here, so a password can never reach the terminal,
 * a CI log or a pipe. Commands get an Output; tests can capture one.
 */
export interface Output {
  /** stdout line(s) */
  out(text: string): void;
  /** stderr line(s): progress, warnings */
  err(text: string): void;
  /** --json payload on stdout */
  json(value: unknown): void;
  /** true when stderr is a terminal (progress bars) */
  isTTY: boolean;
  /** true when colour may be used */
  color: boolean;
}

let pipeGuarded = false;

/** `squashbase … | head` closes stdout early: that is not an error worth a stack trace. */
function guardClosedPipes(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}

export function processOutput(): Output {
  guardClosedPipes();
  const isTTY = Boolean(process.stderr.isTTY);
  return {
    out: (t) => process.stdout.write(redact(t.endsWith('\n') ? t : t + '\n')),
    err: (t) => process.stderr.write(redact(t.endsWith('\n') ? t : t + '\n')),
    json: (v) => process.stdout.write(redact(canonicalJson(redactValue(v)))),
    isTTY,
    color: isTTY && !process.env['NO_COLOR'],
  };
}

/** Capturing output for tests. */
export function memoryOutput(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(redact(t)),
    err: (t) => stderr.push(redact(t)),
    json: (v) => stdout.push(redact(canonicalJson(redactValue(v)))),
    isTTY: false,
    color: false,
  };
}
