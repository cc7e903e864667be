import { SquashbaseError } from '../errors.js';

/**
 * B003/B004/B007: a line of the baseline must never start with a backslash, or psql would read
 * it as a meta-command (\! runs a shell; \restrict broke migrations, supabase/cli #4268). Catalog
 * text (identifiers, comments, function bodies) is untrusted, so quoted tokens that contain such a
 * line are re-quoted to an equivalent form without one:
 *   'text'     → E'…' with \n escapes      "name" → U&"…" with \000A escapes
 *   $tag$…$tag$ → E'…' (function bodies)
 * Everything else is copied byte for byte; the common case (no such line) returns the input.
 */
export function escapeMetaCommandLines(sql: string): string {
  if (!/(^|[\r\n])\\/.test(sql)) return sql;
  let out = '';
  let i = 0;
  const n = sql.length;
  const bad = (text: string) => /[\r\n]\\/.test(text);
  while (i < n) {
    const ch = sql[i]!;
    const next = sql[i + 1];
    if ((ch === '\n' || ch === '\r') && next === '\\') {
      throw new SquashbaseError('BASELINE_FAILED', 'The baseline would contain a line starting with a backslash outside any quoted text.', {
        hint: 'This comes from catalog text squashbase cannot re-quote; please report it.',
      });
    }
    if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '/' && next === '*') {
      let depth = 0;
      let j = i;
      while (j < n) {
        if (sql[j] === '/' && sql[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (sql[j] === '*' && sql[j + 1] === '/') {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      const text = sql.slice(i, j);
      if (bad(text)) throw new SquashbaseError('BASELINE_FAILED', 'A block comment in the baseline has a line starting with a backslash.');
      out += text;
      i = j;
      continue;
    }
    if (ch === "'") {
      const prev = sql[i - 1];
      const isE = (prev === 'E' || prev === 'e') && !/[A-Za-z0-9_$]/.test(sql[i - 2] ?? ' ');
      let j = i + 1;
      let value = '';
      while (j < n) {
        const c = sql[j]!;
        if (isE && c === '\\') {
          value += c + (sql[j + 1] ?? '');
          j += 2;
          continue;
        }
        if (c === "'") {
          if (sql[j + 1] === "'") {
            value += "''";
            j += 2;
            continue;
          }
          break;
        }
        value += c;
        j++;
      }
      const raw = sql.slice(i, j + 1);
      if (!bad(raw)) out += raw;
      else if (isE) out += "'" + value.replace(/\r/g, '\\r').replace(/\n/g, '\\n') + "'";
      else out += "E'" + escapeForE(value.replace(/''/g, "'")) + "'";
      i = j + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let name = '';
      while (j < n) {
        if (sql[j] === '"') {
          if (sql[j + 1] === '"') {
            name += '"';
            j += 2;
            continue;
          }
          break;
        }
        name += sql[j];
        j++;
      }
      const raw = sql.slice(i, j + 1);
      if (!bad(raw)) out += raw;
      else {
        const isU = out.endsWith('U&') || out.endsWith('u&');
        if (isU) throw new SquashbaseError('BASELINE_FAILED', 'A Unicode-escaped identifier in the baseline has a line starting with a backslash.');
        out += 'U&"' + [...name].map((c) => (c === '\\' ? '\\\\' : c === '"' ? '""' : c === '\n' ? '\\000A' : c === '\r' ? '\\000D' : c)).join('') + '"';
      }
      i = j + 1;
      continue;
    }
    if (ch === '$' && !/[A-Za-z0-9_$]/.test(sql[i - 1] ?? ' ')) {
      const m = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/u.exec(sql.slice(i, i + 200));
      if (m) {
        const tag = m[0];
        const end = sql.indexOf(tag, i + tag.length);
        const stop = end < 0 ? n : end + tag.length;
        const raw = sql.slice(i, stop);
        if (!bad(raw) || end < 0) out += raw;
        else out += "E'" + escapeForE(sql.slice(i + tag.length, end)) + "'";
        i = stop;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** Body text as the inside of an E'' literal: backslashes and quotes escaped, line breaks before a backslash escaped. */
function escapeForE(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "''")
    .replace(/\r(?=\\)/g, '\\r')
    .replace(/\n(?=\\)/g, '\\n')
    .replace(/\r(?=\\)/g, '\\r');
}
