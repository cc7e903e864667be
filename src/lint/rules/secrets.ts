/**
 * C015 committed-secret: a foreign server, user mapping, wrapper or foreign table whose OPTIONS
 * hold a literal credential (Wrappers' `api_key 'sk_…'`, a mapping's `password '…'`). The key is
 * in git for good, and a baseline cannot carry it (squashbase reads it from a setting instead).
 * Matched on the statement text, so it also finds them inside DO blocks, as real histories write
 * them. The value is never printed.
 */
import { isSecretOption } from '../../introspect/secret-options.js';
import { finding } from '../finding.js';
import type { LintFile } from '../load.js';
import type { Finding } from '../types.js';

const FOREIGN_DDL = /\b(CREATE|ALTER)\s+(SERVER|USER\s+MAPPING|FOREIGN\s+DATA\s+WRAPPER|FOREIGN\s+TABLE)\b/i;
const OPTION = /(^|[\s(,])"?([A-Za-z_][A-Za-z0-9_]*)"?\s+'((?:[^']|'')+)'/g;

const HINT =
  'Rotate the key, then keep it out of migrations: store it in Vault and use the wrapper\'s *_id option (api_key_id), ' +
  'or set it per environment. A squashbase baseline never embeds it; it reads it from a squashbase.secret_* setting (docs/commands/baseline.md).';

export function secretRules(files: LintFile[]): Finding[] {
  const out: Finding[] = [];
  for (const f of files) {
    for (const s of f.statements) {
      if (!FOREIGN_DDL.test(s.text)) continue;
      for (const m of s.text.matchAll(OPTION)) {
        const name = m[2]!;
        if (!isSecretOption(name)) continue;
        const before = s.text.slice(0, (m.index ?? 0) + m[1]!.length);
        const lines = before.split('\n');
        const line = s.line + lines.length - 1;
        const column = lines.length === 1 ? s.column + before.length : lines[lines.length - 1]!.length + 1;
        out.push(finding('C015', { file: f.fileName, line, column }, `Option ${name} holds a literal secret committed to the migration history.`, HINT));
      }
    }
  }
  return out;
}
