import { afterEach, describe, expect, it } from 'vitest';
import { clearSecretsForTests, redact, redactValue, registerSecret } from '../../src/db/redact.js';
import { parseDbUrl } from '../../src/db/connection.js';
import { renderHtml } from '../../src/reports/render-html.js';
import { renderJson } from '../../src/reports/render-json.js';
import { renderMarkdown } from '../../src/reports/render-markdown.js';
import { renderTerminal } from '../../src/reports/render-terminal.js';
import { sampleReport } from './reports-sample-report.js';

/** Passwords that are also names (issue 13, item 2): redaction must never rewrite identifiers. */
const WORD_PASSWORDS = ['public', 'postgres', 'users'];

describe('redaction masks passwords, never the names they spell', () => {
  afterEach(() => clearSecretsForTests());

  it.each(WORD_PASSWORDS)('password %s: identifiers and SQL stay intact', (pw) => {
    parseDbUrl(`postgresql://postgres:${pw}@127.0.0.1:54322/postgres`);
    const sql = 'CREATE TABLE "public"."notes" (id int REFERENCES auth.users (id));\nALTER TABLE public.users OWNER TO postgres;';
    expect(redact(sql)).toBe(sql);
    expect(redact('kind: "publication", owner: postgres')).toBe('kind: "publication", owner: postgres');
    // The URL itself still loses its password, and nothing else.
    expect(redact(`failed on postgresql://postgres:${pw}@127.0.0.1:54322/postgres: boom`)).toBe(
      'failed on postgresql://postgres:***@127.0.0.1:54322/postgres: boom',
    );
  });

  it('the Supabase CLI default URL keeps its role and database names', () => {
    parseDbUrl('postgresql://postgres:postgres@127.0.0.1:54322/postgres');
    expect(redact('connect postgresql://postgres:postgres@127.0.0.1:54322/postgres')).toBe('connect postgresql://postgres:***@127.0.0.1:54322/postgres');
  });

  it.each(WORD_PASSWORDS)('password %s: every report format renders exactly as without it', (pw) => {
    const report = sampleReport({ drift: true });
    const before = [renderMarkdown(report), renderHtml(report), renderJson(report), renderTerminal(report)];
    parseDbUrl(`postgresql://postgres:${pw}@db.example.com:5432/postgres`);
    expect([renderMarkdown(report), renderHtml(report), renderJson(report), renderTerminal(report)]).toEqual(before);
  });

  it('masks conninfo and PGPASSWORD passwords, not SQL that mentions a password column', () => {
    expect(redact('pg_dump: connection "host=db user=postgres password=public dbname=postgres" failed')).toBe(
      'pg_dump: connection "host=db user=postgres password=*** dbname=postgres" failed',
    );
    expect(redact("host=db password='a b' user=x")).toBe('host=db password=*** user=x');
    expect(redact('env PGPASSWORD=postgres pg_dump')).toBe('env PGPASSWORD=*** pg_dump');
    expect(redact('postgresql://db:5432/postgres?user=x&password=users&sslmode=require')).toBe(
      'postgresql://db:5432/postgres?user=x&password=***&sslmode=require',
    );
    const sql = "UPDATE accounts SET password=crypt('x', gen_salt('bf')) WHERE id = 1;";
    expect(redact(sql)).toBe(sql);
  });

  it('masks password fields by name in structured values', () => {
    expect(redactValue({ user: 'postgres', password: 'public', nested: [{ PGPASSWORD: 'users' }] })).toEqual({
      user: 'postgres',
      password: '***',
      nested: [{ PGPASSWORD: '***' }],
    });
  });

  it('still masks a generated password (long, letters and digits) wherever it appears', () => {
    registerSecret('3f9a1c0b7d2e4a6f8b1c3d5e');
    expect(redact('ALTER ROLE x PASSWORD 3f9a1c0b7d2e4a6f8b1c3d5e;')).toBe('ALTER ROLE x PASSWORD ***;');
  });

  it('still masks a password that is not a plain word wherever it appears (pg errors, logs)', () => {
    registerSecret('p@ss w#rd%!');
    expect(redact('server said: p@ss w#rd%! and p%40ss%20w%23rd%25!')).toBe('server said: *** and ***');
  });
});
