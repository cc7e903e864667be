import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { splitSql } from '../../src/migrations/split.js';
import { LineIndex } from '../../src/migrations/line-index.js';
import { lineColumnAt } from '../../src/migrations/utf8.js';
import { runLint } from '../../src/lint/lint.js';
import { renderLint } from '../../src/lint/render.js';

// A seed-style file: one INSERT per line (issue 13 item 6: 38,633 of them in 5 MB).
function inserts(n: number): string {
  const lines = ['create table public.big (id int primary key, name text);'];
  for (let i = 1; i <= n; i++) lines.push(`insert into public.big (id, name) values (${i}, 'row ${i} — é');`);
  return lines.join('\n') + '\n';
}

/**
 * Counts character reads (String#charCodeAt) during `fn` and aborts once `budget` is spent: a
 * linear pass reads each character a few times, a per-statement rescan reads it once per
 * statement (20k statements → ~10^10 reads), so the old code fails fast instead of timing out.
 */
function withCharReadBudget<T>(budget: number, fn: () => T): { result: T; reads: number } {
  const original = String.prototype.charCodeAt;
  let reads = 0;
  String.prototype.charCodeAt = function (this: string, i: number) {
    if (++reads > budget) throw new Error(`more than ${budget} character reads: not linear`);
    return original.call(this, i);
  };
  try {
    return { result: fn(), reads };
  } finally {
    String.prototype.charCodeAt = original;
  }
}

describe('large migration files stay linear', () => {
  const sql = inserts(20_000);

  it('splitSql reads each character a bounded number of times (20k statements)', () => {
    const { result, reads } = withCharReadBudget(4 * sql.length, () => splitSql(sql, 'big.sql'));
    expect(result.statements).toHaveLength(20_001);
    expect(reads).toBeLessThanOrEqual(4 * sql.length);
    const last = result.statements[20_000]!;
    expect([last.line, last.column]).toEqual([20_001, 1]);
  });

  it('LineIndex agrees with lineColumnAt on every line start, CRLF, the end and past it', () => {
    const text = 'a\r\nbc\n\n€d\ne';
    const index = new LineIndex(text);
    for (let o = -1; o <= text.length + 2; o++) expect(index.at(o)).toEqual(lineColumnAt(text, Math.max(0, o)));
  });

  it('lint of a 20k-statement file, rendered as text, well under a generous bound', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'squashbase-lint-large-'));
    try {
      await mkdir(path.join(dir, 'supabase', 'migrations'), { recursive: true });
      await writeFile(path.join(dir, 'supabase', 'migrations', '20240101000000_seed.sql'), sql);
      const t0 = performance.now();
      const result = await runLint({ workdir: dir });
      const text = renderLint(result);
      const seconds = (performance.now() - t0) / 1000;
      expect(result.statements).toBe(20_001);
      expect(result.findings.filter((f) => f.rule === 'C004')).toHaveLength(20_000);
      expect(text).toContain('20001 statement(s)');
      // Linear code needs ~2 s here on a shared 2-core machine; the quadratic code needed minutes.
      expect(seconds).toBeLessThan(30);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('lint text rendering stays linear', () => {
  it('renders 100k findings of one file well under a generous bound', () => {
    const findings = Array.from({ length: 100_000 }, (_, i) => ({
      rule: 'C004',
      name: 'data-statement',
      severity: 'warn' as const,
      file: '20240101000000_seed.sql',
      line: i + 2,
      column: 1,
      message: 'INSERT in a migration.',
      hint: 'Carry it into seed.sql.',
    }));
    const result = { ok: true, workdir: '/w', migrationsDir: '/w/m', files: 1, statements: 100_000, live: null, config: null, summary: { error: 0, warn: 100_000, info: 0, suppressed: 0 }, findings };
    const t0 = performance.now();
    const text = renderLint(result);
    const seconds = (performance.now() - t0) / 1000;
    expect(text.split('\n')).toHaveLength(1 + 2 * 100_000 + 2);
    // ~1 s linear; re-spreading the group per finding (the old code) needed tens of seconds.
    expect(seconds).toBeLessThan(15);
  });
});
