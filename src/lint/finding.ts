import { RULE_BY_CODE } from './catalogue.js';
import type { Finding, Severity } from './types.js';

/** Build a finding with the catalogue's name and default severity. */
export function finding(
  rule: string,
  at: { file: string | null; line: number | null; column: number | null; object?: string },
  message: string,
  hint: string,
  severity?: Severity,
): Finding {
  const info = RULE_BY_CODE.get(rule);
  if (!info) throw new Error(`unknown lint rule ${rule}`);
  const f: Finding = { rule, name: info.name, severity: severity ?? info.severity, message, hint, file: at.file, line: at.line, column: at.column };
  if (at.object !== undefined) f.object = at.object;
  return f;
}
