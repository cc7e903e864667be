import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every identifier and literal in generated SQL goes through src/sql/ident.ts. This guard fails
 * on the classic hand-quoting shapes ("${x}" and '${x}' inside SQL-looking template literals),
 * the bug class of pg-schema-diff #295/#296.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const SQL_WORDS = /\b(select|create|alter|drop|grant|revoke|insert|delete|update|from|table|schema|comment on|policy|trigger)\b/i;
const HAND_QUOTED = /"\$\{[^}]+\}"|'\$\{[^}]+\}'/;

describe('quoting discipline', () => {
  it('no SQL text in src/ quotes an interpolated value by hand', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(new URL('../../src', import.meta.url).pathname)) {
      if (file.endsWith('/sql/ident.ts')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (HAND_QUOTED.test(line) && SQL_WORDS.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
