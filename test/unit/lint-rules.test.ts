import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runLint } from '../../src/lint/lint.js';
import { RULES } from '../../src/lint/catalogue.js';
import type { Finding } from '../../src/lint/types.js';
import { runCli } from '../../src/cli/program.js';
import { memoryOutput } from '../../src/cli/output.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/lint/${name}`, import.meta.url));
const pick = (fs: Finding[], rule: string, file?: string) => fs.filter((f) => f.rule === rule && (file === undefined || f.file === file));

describe('lint rules on a seeded hazardous history', () => {
  it('reports each hazard with its rule, file, line and column', async () => {
    const r = await runLint({ workdir: fixture('hazards') });
    const f = r.findings;
    expect(pick(f, 'C004', '20240101000000_init.sql').map((x) => x.line)).toEqual([3, 6]); // not line 5: pg_dump's set_config('search_path', …)
    expect(pick(f, 'C004', '20240101000000_init.sql')[0]).toMatchObject({ line: 3, column: 1, severity: 'warn' });
    expect(pick(f, 'C004', '20240106000000_data_and_tx.sql').map((x) => x.message)).toEqual([
      expect.stringMatching(/cron\.schedule\(\)/),
      expect.stringMatching(/storage bucket row/),
    ]);
    expect(pick(f, 'C008', '20240106000000_data_and_tx.sql').map((x) => x.line)).toEqual([1, 5]);
    expect(pick(f, 'C009', '20240106000000_data_and_tx.sql')[0]).toMatchObject({ line: 2, message: expect.stringMatching(/SET ROLE/) });
    expect(pick(f, 'C006', '20240107000000_meta.sql').map((x) => x.line)).toEqual([1, 3]);
    const enc = pick(f, 'C007');
    expect(enc.find((x) => x.file === '20240109000000_latin1.sql')).toMatchObject({ severity: 'error', line: 1, message: expect.stringMatching(/0xe9/) });
    expect(enc.filter((x) => x.file === '20240108000000_bom_crlf.sql').map((x) => x.message)).toEqual([
      expect.stringMatching(/byte-order mark/),
      expect.stringMatching(/Mixed line endings/),
    ]);
    const versions = pick(f, 'C013');
    expect(versions.find((x) => x.severity === 'error')?.message).toMatch(/20240110000000 is used by 20240110000000_dup\.sql and 20240110000000_dup_again\.sql/);
    expect(versions.some((x) => x.file === 'notes.sql')).toBe(true);
    expect(versions.some((x) => x.file === '2024_short.sql')).toBe(true);
    expect(pick(f, 'C000')[0]).toMatchObject({ file: '20240111000000_syntax.sql', line: 1, column: 36 });
    expect(pick(f, 'O001')[0]).toMatchObject({ file: '20240103000000_uses_later_function.sql', line: 1, severity: 'error', message: expect.stringMatching(/public\.make_slug\(\).*20240104000000_make_slug\.sql/) });
    expect(pick(f, 'O002')[0]).toMatchObject({ file: '20240102000000_handle_new_user.sql', message: expect.stringMatching(/handle_new_user/) });
  });

  it('classifies destructive statements safe / risky / needs review, with file and line', async () => {
    const r = await runLint({ workdir: fixture('hazards') });
    const d = r.findings.filter((x) => x.rule.startsWith('D')).map((x) => [x.rule, x.line, x.classification, x.severity]);
    expect(d).toEqual([
      ['D001', 2, 'safe', 'info'], // scratch: created here, never populated
      ['D001', 3, 'risky', 'error'], // plans: lookup rows inserted by a migration
      ['D002', 4, 'safe', 'info'],
      ['D005', 5, 'safe', 'info'],
      ['D004', 6, 'needs-review', 'warn'], // legacy_audit predates the history
    ]);
    expect(r.findings.filter((x) => x.rule.startsWith('D')).every((x) => x.file === '20240105000000_destructive.sql')).toBe(true);
  });

  it('exits 50 with unsuppressed errors and is deterministic', async () => {
    const a = memoryOutput();
    expect(await runCli(['lint', '--workdir', fixture('hazards'), '--json'], a, { env: {}, cwd: '/' })).toBe(50);
    const b = memoryOutput();
    await runCli(['lint', '--workdir', fixture('hazards'), '--json'], b, { env: {}, cwd: '/' });
    expect(a.stdout.join('')).toBe(b.stdout.join(''));
    const text = memoryOutput();
    await runCli(['lint', '--workdir', fixture('hazards')], text, { env: {}, cwd: '/' });
    expect(text.stdout.join("\n")).toMatch(/^20240105000000_destructive\.sql\n(?: .*\n)*? {2}3:1 +error D001 drop-table/m);
  });

  it('a clean history passes with exit 0', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sb-lint-'));
    try {
      await mkdir(path.join(dir, 'supabase', 'migrations'), { recursive: true });
      await writeFile(path.join(dir, 'supabase', 'migrations', '20240101000000_a.sql'), 'create table public.a (id int primary key);\ncreate function public.t() returns trigger language plpgsql as $$ begin return new; end $$;\ncreate trigger t before insert on public.a for each row execute function public.t();\n');
      const out = memoryOutput();
      expect(await runCli(['lint', '--workdir', dir], out, { env: {}, cwd: '/' })).toBe(0);
      expect(out.stdout.join('\n')).toMatch(/0 error\(s\), 0 warning\(s\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('lint suppressions', () => {
  it('rejects a suppression without a reason, flags unused ones, keeps suppressed findings with their reason', async () => {
    const r = await runLint({ workdir: fixture('suppressed') });
    const f = r.findings;
    // "-- squashbase-ignore C004" (no reason) suppresses nothing and is an error.
    expect(pick(f, 'L001', '20240201000000_init.sql')[0]).toMatchObject({ line: 4, severity: 'error' });
    expect(pick(f, 'C004', '20240201000000_init.sql').find((x) => x.line === 5)?.suppressed).toBeUndefined();
    // "because …" without a colon is not a reason either.
    expect(pick(f, 'L001', '20240202000000_cleanup.sql')[0]).toMatchObject({ line: 7 });
    // A suppression with a reason hides the finding but keeps it, marked.
    expect(pick(f, 'D001', '20240202000000_cleanup.sql')[0]!.suppressed).toEqual({ reason: 'the scratch table never held production data', source: 'inline' });
    expect(pick(f, 'C004', '20240201000000_init.sql').find((x) => x.line === 7)?.suppressed).toEqual({ reason: 'lookup rows are recreated by seed.sql', source: 'config' });
    // Unused suppressions (inline and config) are errors; a config entry without reason too.
    expect(pick(f, 'L002').map((x) => x.file)).toEqual(['20240202000000_cleanup.sql', 'squashbase.lint.json#ignore[1]']);
    expect(pick(f, 'L001').some((x) => x.file === 'squashbase.lint.json#ignore[2]')).toBe(true);
    expect(r.summary.suppressed).toBe(2);
    expect(r.ok).toBe(false);
    const json = memoryOutput();
    expect(await runCli(['lint', '--workdir', fixture('suppressed'), '--json'], json, { env: {}, cwd: '/' })).toBe(50);
    const parsed = JSON.parse(json.stdout.join('')) as { findings: Finding[] };
    expect(parsed.findings.filter((x) => x.suppressed).length).toBe(2);
  });

  it('--no-suppressions shows everything unsuppressed; --rules lists the catalogue', async () => {
    const r = await runLint({ workdir: fixture('suppressed'), suppressions: false });
    expect(r.findings.some((x) => x.suppressed)).toBe(false);
    expect(r.findings.some((x) => x.rule.startsWith('L'))).toBe(false);
    const out = memoryOutput();
    expect(await runCli(['lint', '--rules'], out, { env: {}, cwd: '/' })).toBe(0);
    for (const rule of RULES) expect(out.stdout.join('\n')).toContain(rule.code);
  });
});

describe('--help of the safety commands', () => {
  it.each(['backup', 'preflight', 'check-data', 'lint'])('%s --help exits 0 and documents exit codes', async (cmd) => {
    const out = memoryOutput();
    expect(await runCli([cmd, '--help'], out, { env: {}, cwd: '/' })).toBe(0);
    const text = out.stdout.join('\n');
    expect(text).toContain(`Usage: squashbase ${cmd}`);
    expect(text).toMatch(/Exit codes: 0 .*50/);
    expect(text).toContain('--json');
  });
});

describe('C014: changes to the public schema itself', () => {
  it('flags GRANT/REVOKE and COMMENT on schema public, with file and line, and nothing on other schemas', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sb-lint-public-'));
    try {
      await mkdir(path.join(dir, 'supabase', 'migrations'), { recursive: true });
      await writeFile(
        path.join(dir, 'supabase', 'migrations', '20240101000000_lockdown.sql'),
        [
          'create schema app;',
          'revoke usage on schema public from anon;',
          'grant usage on schema app to authenticated;',
          'grant create on schema "public", app to authenticated;',
          "comment on schema public is 'standard public schema';",
          "comment on schema app is 'ours';",
        ].join('\n'),
      );
      const r = await runLint({ workdir: dir });
      const c014 = pick(r.findings, 'C014');
      expect(c014.map((x) => [x.line, x.message])).toEqual([
        [2, 'REVOKE on schema public is not carried by the baseline.'],
        [4, 'GRANT on schema public is not carried by the baseline.'],
        [5, 'COMMENT ON SCHEMA public is not carried by the baseline.'],
      ]);
      expect(c014[0]).toMatchObject({ severity: 'warn', file: '20240101000000_lockdown.sql', hint: expect.stringMatching(/after the baseline/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
