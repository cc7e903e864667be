/**
 * Suppressions — every one needs a reason, and every one must match something
 * (squawk's unused-ignore, research/safety.md L4):
 *
 * - inline, on the line(s) right before a statement:
 *     -- squashbase-ignore C004: bucket rows are re-created by seed.sql
 *     -- squashbase-ignore C004, D001: reason
 *   or for the whole file:   -- squashbase-ignore-file C007: reason
 * - in <workdir>/squashbase.lint.json:
 *     { "ignore": [ { "rule": "S0011", "object": "\"public\".\"f\"()", "reason": "…" },
 *                   { "rule": "C004", "file": "20240101000000_seed.sql", "line": 12, "reason": "…" } ],
 *       "severity": { "S0001": "off" } }
 *
 * A suppression without a reason suppresses nothing and is an L001 error; an unknown rule is
 * L003; a suppression that matched no finding is L002. Suppressed findings stay in the
 * results, marked with their reason.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RULE_BY_CODE } from './catalogue.js';
import { finding } from './finding.js';
import type { LintFile } from './load.js';
import type { Finding, Severity } from './types.js';

export const CONFIG_FILE = 'squashbase.lint.json';

export interface Suppression {
  source: 'inline' | 'config';
  rules: string[];
  reason: string | null;
  /** Where the suppression itself is written (for its own findings). */
  at: { file: string | null; line: number | null };
  /** What it applies to. */
  match: { file?: string; line?: number; object?: string };
  used: boolean;
}

export interface LintConfig {
  suppressions: Suppression[];
  severity: Record<string, Severity | 'off'>;
  /** Problems reading the config (L003). */
  findings: Finding[];
  path: string | null;
}

const INLINE = /^[ \t]*--[ \t]*squashbase-ignore(-file)?\b[ \t]*([A-Za-z0-9, \t]*?)[ \t]*(?::(.*))?$/;

/** Inline suppressions of one file. */
export function inlineSuppressions(file: LintFile): Suppression[] {
  const out: Suppression[] = [];
  const lines = file.sql.split('\n');
  let offset = 0;
  const inside = (o: number) => file.statements.some((s) => o >= s.startOffset && o < s.endOffset);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.replace(/\r$/, '');
    const here = offset;
    offset += lines[i]!.length + 1;
    const m = INLINE.exec(text);
    if (!m || inside(here)) continue;
    const line = i + 1;
    const rules = (m[2] ?? '').split(/[\s,]+/).filter(Boolean).map((r) => r.toUpperCase());
    const reason = (m[3] ?? '').trim() || null;
    if (m[1]) {
      out.push({ source: 'inline', rules, reason, at: { file: file.fileName, line }, match: { file: file.fileName }, used: false });
      continue;
    }
    // Applies to the next statement that starts after this comment.
    const next = file.statements.find((s) => s.line > line);
    out.push({ source: 'inline', rules, reason, at: { file: file.fileName, line }, match: { file: file.fileName, line: next?.line ?? -1 }, used: false });
  }
  return out;
}

/** Read squashbase.lint.json (optional). */
export async function loadLintConfig(workdir: string, configPath?: string): Promise<LintConfig> {
  const p = configPath ? path.resolve(workdir, configPath) : path.join(workdir, CONFIG_FILE);
  const cfg: LintConfig = { suppressions: [], severity: {}, findings: [], path: null };
  let raw: string;
  try {
    raw = await readFile(p, 'utf8');
  } catch (err) {
    if (configPath) cfg.findings.push(finding('L003', { file: path.basename(p), line: null, column: null }, `Cannot read lint config ${p} (${(err as NodeJS.ErrnoException).code ?? 'error'}).`, 'Check the --config path.'));
    return cfg;
  }
  cfg.path = p;
  const at = { file: path.basename(p), line: null, column: null };
  let json: { ignore?: unknown; severity?: unknown };
  try {
    json = JSON.parse(raw) as typeof json;
  } catch (err) {
    cfg.findings.push(finding('L003', at, `${path.basename(p)} is not valid JSON: ${(err as Error).message}.`, 'Fix the JSON; no config suppression applies until then.'));
    return cfg;
  }
  if (json.severity && typeof json.severity === 'object') {
    for (const [code, sev] of Object.entries(json.severity as Record<string, unknown>)) {
      if (!RULE_BY_CODE.has(code) || !['off', 'info', 'warn', 'error'].includes(String(sev))) {
        cfg.findings.push(finding('L003', at, `Invalid severity override ${code}: ${String(sev)}.`, 'Use a rule code from `squashbase lint --rules` and one of off, info, warn, error.'));
      } else cfg.severity[code] = sev as Severity | 'off';
    }
  }
  const list = Array.isArray(json.ignore) ? (json.ignore as Record<string, unknown>[]) : [];
  list.forEach((e, i) => {
    const rules = (Array.isArray(e['rule']) ? (e['rule'] as unknown[]) : [e['rule']]).map((r) => String(r ?? '').toUpperCase()).filter(Boolean);
    const reason = typeof e['reason'] === 'string' && e['reason'].trim() ? e['reason'].trim() : null;
    const match: Suppression['match'] = {};
    if (typeof e['file'] === 'string') match.file = e['file'];
    if (typeof e['line'] === 'number') match.line = e['line'];
    if (typeof e['object'] === 'string') match.object = e['object'];
    cfg.suppressions.push({ source: 'config', rules, reason, at: { file: `${path.basename(p)}#ignore[${i}]`, line: null }, match, used: false });
  });
  return cfg;
}

function matches(s: Suppression, f: Finding): boolean {
  if (!s.rules.includes(f.rule)) return false;
  if (s.match.file !== undefined && s.match.file !== f.file) return false;
  if (s.match.line !== undefined && s.match.line !== f.line) return false;
  if (s.match.object !== undefined && s.match.object !== f.object) return false;
  return true;
}

/**
 * Apply severity overrides and suppressions; returns the final findings including L001–L003.
 * L-rule findings cannot themselves be suppressed.
 */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], severity: Record<string, Severity | 'off'>): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const override = severity[f.rule];
    if (override === 'off') continue;
    if (override) f.severity = override;
    out.push(f);
  }
  const valid: Suppression[] = [];
  const meta: Finding[] = [];
  for (const s of suppressions) {
    const unknown = s.rules.filter((r) => !RULE_BY_CODE.has(r) || r.startsWith('L'));
    const where = { file: s.at.file, line: s.at.line, column: s.at.line === null ? null : 1 };
    // A missing reason is reported first: "-- squashbase-ignore C004 because …" lacks the colon.
    if (!s.reason) {
      const codes = s.rules.filter((r) => /^[A-Z]\d{3,4}$/.test(r));
      meta.push(finding('L001', where, `Suppression of ${codes.join(', ') || 'a rule'} has no reason, so it suppresses nothing.`, 'Add why it is safe after a colon: `-- squashbase-ignore C004: bucket rows come from seed.sql` (config: a "reason" field).'));
      continue;
    }
    if (s.rules.length === 0 || unknown.length > 0) {
      meta.push(finding('L003', where, s.rules.length === 0 ? 'Suppression names no rule.' : `Suppression names unknown rule(s): ${unknown.join(', ')}.`, 'Write the rule code(s) shown in the finding, e.g. `-- squashbase-ignore C004: reason`.'));
      continue;
    }
    valid.push(s);
  }
  for (const f of out) {
    const s = valid.find((x) => matches(x, f));
    if (!s) continue;
    s.used = true;
    f.suppressed = { reason: s.reason!, source: s.source };
  }
  for (const s of valid) {
    if (s.used) continue;
    meta.push(
      finding(
        'L002',
        { file: s.at.file, line: s.at.line, column: s.at.line === null ? null : 1 },
        `Suppression of ${s.rules.join(', ')} matched no finding${s.source === 'inline' && s.match.line === -1 ? ' (no statement follows it)' : ''}.`,
        'Remove it: an unused suppression would silently hide a future finding.',
      ),
    );
  }
  return [...out, ...meta];
}
