/**
 * psql meta-commands (`\restrict KEY`, `\unrestrict KEY`, `\connect`, `\set`, …) are not SQL:
 * pg_dump ≥ 15.14/16.10/17.6 emits `\restrict` lines (CVE-2025-8714) and they end up in
 * migration files (supabase/cli#4268). The server would reject them, so they are found with a
 * small Postgres-aware lexer — a backslash line inside a string or dollar-quoted body is data,
 * not a command — and blanked out in place, so offsets and line numbers stay right.
 */

export interface MetaCommand {
  /** The whole line, e.g. `\restrict abc123`. */
  text: string;
  /** The command word, e.g. `restrict`. */
  command: string;
  line: number;
  /** JS string offset of the backslash. */
  startOffset: number;
}

export interface StrippedSql {
  /** Same length and line structure as the input, meta-command lines replaced by spaces. */
  sql: string;
  metaCommands: MetaCommand[];
}

/** Blanks psql meta-command lines (first non-blank character `\` at top level). */
export function stripMetaCommands(sql: string): StrippedSql {
  if (!sql.includes('\\')) return { sql, metaCommands: [] };
  const metaCommands: MetaCommand[] = [];
  const out: string[] = [];
  let state: 'ready' | 'quote' | 'equote' | 'ident' | 'dollar' | 'line' | 'block' = 'ready';
  let dollarTag = '';
  let depth = 0;
  let line = 1;
  let copied = 0;
  let i = 0;
  let atLineStart = true;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (state === 'ready' && atLineStart) {
      // Skip leading blanks, then a backslash starts a meta-command that runs to end of line.
      let j = i;
      while (j < n && (sql[j] === ' ' || sql[j] === '\t')) j++;
      if (sql[j] === '\\') {
        let end = sql.indexOf('\n', j);
        if (end < 0) end = n;
        const text = sql.slice(j, end).replace(/\r$/, '');
        metaCommands.push({ text, command: /^\\([A-Za-z!?]*)/.exec(text)?.[1] ?? '', line, startOffset: j });
        out.push(sql.slice(copied, j), blank(sql.slice(j, end).replace(/\r$/, '')));
        copied = j + text.length;
        i = end;
        atLineStart = false;
        continue;
      }
    }
    atLineStart = false;
    if (c === '\n') {
      line++;
      atLineStart = true;
      if (state === 'line') state = 'ready';
      i++;
      continue;
    }
    switch (state) {
      case 'ready':
        if (c === "'") state = i > 0 && /[eE]/.test(sql[i - 1]!) && !/[A-Za-z0-9_$]/.test(sql[i - 2] ?? '') ? 'equote' : 'quote';
        else if (c === '"') state = 'ident';
        else if (c === '-' && sql[i + 1] === '-') {
          state = 'line';
          i++;
        } else if (c === '/' && sql[i + 1] === '*') {
          state = 'block';
          depth = 1;
          i++;
        } else if (c === '$') {
          const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 256));
          if (m && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
            state = 'dollar';
            dollarTag = m[0];
            i += m[0].length - 1;
          }
        }
        break;
      case 'quote':
        if (c === "'") {
          if (sql[i + 1] === "'") i++;
          else state = 'ready';
        }
        break;
      case 'equote':
        if (c === '\\') i++;
        else if (c === "'") {
          if (sql[i + 1] === "'") i++;
          else state = 'ready';
        }
        break;
      case 'ident':
        if (c === '"') {
          if (sql[i + 1] === '"') i++;
          else state = 'ready';
        }
        break;
      case 'dollar':
        if (c === '$' && sql.startsWith(dollarTag, i)) {
          state = 'ready';
          i += dollarTag.length - 1;
        }
        break;
      case 'block':
        if (c === '/' && sql[i + 1] === '*') {
          depth++;
          i++;
        } else if (c === '*' && sql[i + 1] === '/') {
          depth--;
          i++;
          if (depth === 0) state = 'ready';
        }
        break;
      case 'line':
        break;
    }
    i++;
  }
  if (metaCommands.length === 0) return { sql, metaCommands };
  out.push(sql.slice(copied));
  return { sql: out.join(''), metaCommands };
}

/** Same number of UTF-16 code units, all spaces: JS offsets of everything else are unchanged. */
function blank(s: string): string {
  return ' '.repeat(s.length);
}
