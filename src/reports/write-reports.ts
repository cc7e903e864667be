import { join, resolve } from 'node:path';
import { SquashbaseError } from '../errors.js';
import { writeFileAtomic } from '../util/fs-atomic.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import type { ParityReport } from '../parity/report-model.js';

export type ReportFormat = 'json' | 'md' | 'html';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'json', 'html'];
export const REPORT_FILE_NAMES: Record<ReportFormat, string> = { json: 'report.json', md: 'report.md', html: 'report.html' };

/** Default report directory, relative to the working directory. */
export const DEFAULT_REPORT_DIR = 'squashbase-report';

const RENDERERS: Record<ReportFormat, (r: ParityReport) => string> = { json: renderJson, md: renderMarkdown, html: renderHtml };

/**
 * Write the requested report formats into `dir` (created if needed), each atomically (temp
 * file + rename), so a reader never sees a half-written report. Returns the absolute paths
 * in the order md, json, html.
 */
export async function writeReports(report: ParityReport, dir: string, formats: readonly ReportFormat[] = REPORT_FORMATS): Promise<string[]> {
  const wanted = REPORT_FORMATS.filter((f) => formats.includes(f));
  const paths: string[] = [];
  for (const format of wanted) {
    const path = join(resolve(dir), REPORT_FILE_NAMES[format]);
    try {
      await writeFileAtomic(path, RENDERERS[format](report));
    } catch (err) {
      throw new SquashbaseError('IO_FAILED', `Could not write the ${format} report to ${path}: ${(err as Error).message}`, {
        hint: 'Check that the report directory is writable, or choose another with --report-dir.',
        cause: err,
      });
    }
    paths.push(path);
  }
  return paths;
}

/** Parse `--format md,json,html` (any order, any subset). Throws USAGE on an unknown format. */
export function parseReportFormats(value: string | undefined): ReportFormat[] {
  if (value === undefined || value.trim() === '') return [...REPORT_FORMATS];
  const parts = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const out: ReportFormat[] = [];
  for (const p of parts) {
    const f = p === 'markdown' ? 'md' : p;
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
      throw new SquashbaseError('USAGE', `Unknown report format "${p}".`, { hint: `Use a comma-separated list of: ${REPORT_FORMATS.join(', ')}.` });
    }
    if (!out.includes(f as ReportFormat)) out.push(f as ReportFormat);
  }
  return out;
}
