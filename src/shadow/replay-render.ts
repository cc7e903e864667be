import { formatReplayError } from './replay-error.js';
import type { FileReplayResult, ReplayProgressEvent } from './replay-core.js';
import type { RunReplayResult } from './replay-run.js';

const MARK: Record<FileReplayResult['status'], string> = { applied: 'ok  ', failed: 'FAIL', skipped: 'skip' };

/** One line per file: status, name, statement count, time, notes. */
export function renderFileLine(f: FileReplayResult, width = 40): string {
  const count = `${f.statements} ${f.statements === 1 ? 'statement ' : 'statements'}`;
  const time = f.status === 'skipped' ? '' : `${Math.round(f.durationMs)} ms`;
  const notes: string[] = [];
  if (f.nonTransactional?.length) notes.push(`outside a transaction: ${f.nonTransactional.join(', ')}`);
  if (f.emulated?.length) notes.push(`emulated: ${f.emulated.join(', ')}`);
  if (f.metaCommands?.length) notes.push(`ignored psql meta-commands: ${f.metaCommands.map((m) => m.split(/\s+/)[0]).join(', ')}`);
  return `  ${MARK[f.status]}  ${f.fileName.padEnd(width)}  ${f.status === 'skipped' ? ''.padEnd(14) : count.padStart(14)}  ${time.padStart(7)}${notes.length ? `  (${notes.join('; ')})` : ''}`;
}

/** The human-readable result of `squashbase replay`. */
export function renderReplay(r: RunReplayResult): string {
  const lines: string[] = [];
  const width = Math.min(60, Math.max(...r.replay.files.map((f) => f.fileName.length), 10));
  lines.push(
    `Replayed ${r.migrations.files} migration file(s) from ${r.migrations.dir}`,
    `  shadow: ${r.shadow.description} (PostgreSQL ${r.shadow.serverVersion}, platform model: ${r.shadow.platform})`,
  );
  if (r.shadow.versionMismatch) {
    lines.push(`  note: shadow major ${r.shadow.versionMismatch.shadow} differs from live major ${r.shadow.versionMismatch.live} (allowed by --allow-version-mismatch)`);
  }
  for (const w of r.shadow.warnings) lines.push(`  warning: ${w}`);
  lines.push('');
  for (const f of r.replay.files) {
    lines.push(renderFileLine(f, width));
    if (f.error) lines.push(indent(formatReplayError(f.error), 8), '');
  }
  for (const s of r.migrations.skipped) lines.push(`  skipped ${s.fileName}: ${s.reason}`);
  for (const w of r.migrations.warnings) lines.push(`  warning: ${w}`);
  lines.push('');
  if (r.standIns.length) {
    lines.push('Emulated extensions (stand-ins, not the real extension code):');
    for (const s of r.standIns) lines.push(`  ${s.extension.padEnd(16)} ${s.source === 'live' ? 'generated from the live project' : 'bundled'}, ${s.objects} object(s)`);
  } else {
    lines.push('Emulated extensions: none.');
  }
  const applied = r.replay.files.filter((f) => f.status === 'applied').length;
  const failed = r.replay.files.filter((f) => f.status === 'failed').length;
  const total = r.replay.files.reduce((a, f) => a + f.durationMs, 0);
  lines.push('', `${r.replay.ok ? 'Replay succeeded' : 'Replay FAILED'}: ${applied} applied, ${failed} failed, ${r.replay.files.length - applied - failed} skipped, ${(total / 1000).toFixed(2)} s.`);
  if (r.outPath) lines.push(`Snapshot written to ${r.outPath}`);
  if (r.outSkipped) lines.push(r.outSkipped);
  return lines.join('\n');
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

/**
 * Progress on stderr: a bar redrawn in place on a terminal (cursor up + clear line, so every
 * write is still a whole line through the redacting Output), one line per file otherwise.
 */
export function progressPrinter(err: (line: string) => void, isTTY: boolean): (e: ReplayProgressEvent) => void {
  let drawn = false;
  return (e) => {
    if (e.type === 'file-start' && isTTY) {
      const width = 30;
      const filled = Math.round((e.index / Math.max(1, e.total)) * width);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${e.index}/${e.total} ${e.fileName}`;
      err(`${drawn ? '\x1b[1A\x1b[2K' : ''}${bar}`);
      drawn = true;
    } else if (e.type === 'statements') {
      const line = `[${e.index + 1}/${e.total}] ${e.fileName}: ${e.done}/${e.statements} statements`;
      if (isTTY) {
        err(`${drawn ? '\x1b[1A\x1b[2K' : ''}${line}`);
        drawn = true;
      } else err(line);
    } else if (e.type === 'file-done' && !isTTY) {
      err(`[${e.index + 1}/${e.total}] ${e.result.status} ${e.result.fileName} (${Math.round(e.result.durationMs)} ms)`);
    } else if (e.type === 'done' && isTTY && drawn) {
      err('\x1b[1A\x1b[2K' + `[${'#'.repeat(30)}] ${e.result.files.length}/${e.result.files.length} done`);
    }
  };
}
