import { describe, expect, it } from 'vitest';
import { splitSql, splitStatements, splitLikeSupabaseCli } from '../../src/migrations/split.js';
import { discoverMigrations } from '../../src/migrations/discover.js';
import { isSquashbaseError } from '../../src/errors.js';
import { fileURLToPath } from 'node:url';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe('splitStatements (libpg-query)', () => {
  it('converts UTF-8 byte offsets to JS offsets: emoji before statements', () => {
    const sql = "-- 🚀 launch 🚀\nselect '😀;😀' as a;\n  insert into t values ('é');\ncreate table x (id int)";
    const stmts = splitStatements(sql);
    expect(stmts.map((s) => s.text)).toEqual(["select '😀;😀' as a", "insert into t values ('é')", 'create table x (id int)']);
    for (const s of stmts) expect(sql.slice(s.startOffset, s.endOffset)).toBe(s.text);
    expect(stmts.map((s) => [s.line, s.column])).toEqual([
      [2, 1],
      [3, 3],
      [4, 1],
    ]);
    expect(stmts.map((s) => s.kind)).toEqual(['SelectStmt', 'InsertStmt', 'CreateStmt']);
  });

  it('keeps dollar-quoted bodies, DO blocks and BEGIN ATOMIC bodies whole', () => {
    const sql = [
      'create function f() returns int language plpgsql as $body$ begin perform 1; return 2; end $body$;',
      "do $$ begin raise notice 'a;b'; end $$;",
      'create function g() returns int language sql begin atomic select 1; select 2; end;',
      'select 3',
    ].join('\n');
    const t = texts(sql);
    expect(t).toHaveLength(4);
    expect(t[0]).toMatch(/end \$body\$$/);
    expect(t[1]).toBe("do $$ begin raise notice 'a;b'; end $$");
    expect(t[2]).toBe('create function g() returns int language sql begin atomic select 1; select 2; end');
  });

  it('blanks psql meta-commands (\\restrict from pg_dump 15.14+) and reports them; offsets stay right', () => {
    const sql = '\\restrict Abc123\nselect 1;\n-- \\not a command\nselect $$\n\\inside a body$$;\n\\unrestrict Abc123\n';
    const r = splitSql(sql);
    expect(r.metaCommands.map((m) => [m.command, m.line, m.text])).toEqual([
      ['restrict', 1, '\\restrict Abc123'],
      ['unrestrict', 6, '\\unrestrict Abc123'],
    ]);
    expect(r.statements.map((s) => s.text)).toEqual(['select 1', 'select $$\n\\inside a body$$']);
    expect(r.statements.map((s) => s.line)).toEqual([2, 4]);
    expect(r.sql.length).toBe(sql.length);
  });

  it('flags statements that cannot run in a transaction block, from the AST', () => {
    const stmts = splitStatements(
      'create index concurrently i on t (a); create index j on t (a); drop index concurrently i; reindex table concurrently t; vacuum t; analyze t; alter system set work_mem = 1; create database d;',
    );
    expect(stmts.map((s) => s.noTransaction ?? null)).toEqual([
      'CREATE INDEX CONCURRENTLY',
      null,
      'DROP INDEX CONCURRENTLY',
      'REINDEX CONCURRENTLY',
      'VACUUM',
      null,
      'ALTER SYSTEM',
      'CREATE DATABASE',
    ]);
  });

  it('reports a syntax error as MIGRATIONS_INVALID with file:line:column counted in characters', () => {
    const sql = "select 1;\n-- ünïcödé 😀\nselect '😀😀' frm where;";
    const err = (() => {
      try {
        splitStatements(sql, '20240101000000_bad.sql');
      } catch (e) {
        return e;
      }
    })();
    expect(isSquashbaseError(err, 'MIGRATIONS_INVALID')).toBe(true);
    const e = err as { message: string; details: { line: number; column: number; caret: string } };
    expect(e.message).toBe('Syntax error in 20240101000000_bad.sql:3:24: syntax error at or near ";"');
    expect(e.details.caret).toBe("select '😀😀' frm where;\n                       ^");
  });
});

describe('splitLikeSupabaseCli (the CLI SplitAndTrim)', () => {
  it('keeps leading comments attached, trims, drops `;` and empty statements', () => {
    expect(splitLikeSupabaseCli('-- first\nselect 1;;\n\n  /* c */ select 2 ;\n;  ')).toEqual(['-- first\nselect 1', '/* c */ select 2']);
  });

  it('respects quotes, dollar quotes, escapes, parentheses and BEGIN ATOMIC', () => {
    const sql = [
      "select 'a;b', \"c;d\", 'it''s;';",
      'create function f() returns int as $x$ select 1; $x$ language sql;',
      'create rule r as on insert to t do also (insert into u select 1; insert into u select 2);',
      'create function g() returns int language sql begin atomic select 1; end;',
      'select 9',
    ].join('\n');
    expect(splitLikeSupabaseCli(sql)).toEqual([
      "select 'a;b', \"c;d\", 'it''s;'",
      'create function f() returns int as $x$ select 1; $x$ language sql',
      'create rule r as on insert to t do also (insert into u select 1; insert into u select 2)',
      'create function g() returns int language sql begin atomic select 1; end',
      'select 9',
    ]);
  });

  it("keeps the CLI's quirks: E'' backslash escapes are not understood, nested parentheses close early", () => {
    expect(splitLikeSupabaseCli("select E'\\';';select 2")).toEqual(["select E'\\'", "';select 2"]);
    expect(splitLikeSupabaseCli('select ((1)); select 2')).toEqual(['select ((1))', 'select 2']);
    expect(splitLikeSupabaseCli('select (1, (2); 3); select 4')).toEqual(['select (1, (2)', '3)', 'select 4']);
  });

  it('keeps meta-command lines as text, as the CLI does', () => {
    expect(splitLikeSupabaseCli('\\restrict k\nselect 1;')).toEqual(['\\restrict k\nselect 1']);
  });

  it('agrees with the Postgres parser on statement count for every file of the example project', async () => {
    const set = await discoverMigrations(fileURLToPath(new URL('../../', import.meta.url)));
    expect(set.files.length).toBeGreaterThanOrEqual(15);
    for (const f of set.files) {
      const cli = splitLikeSupabaseCli(f.sql);
      const pg = splitStatements(f.sql, f.fileName);
      expect(cli.length, f.fileName).toBe(pg.length);
      // Same statements, modulo the leading comments the CLI keeps attached.
      for (let i = 0; i < pg.length; i++) expect(cli[i]!.endsWith(pg[i]!.text), `${f.fileName} #${i + 1}`).toBe(true);
    }
  });
});
