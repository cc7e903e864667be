/**
 * The one quoting module. Every identifier and literal that squashbase puts into SQL text goes
 * through here; catalog text is untrusted (pg-schema-diff #295/#296).
 */
import { SquashbaseError } from '../errors.js';

/** Always-quoted identifier: doubles embedded double quotes. */
export function ident(name: string): string {
  if (name.includes('\0')) throw new SquashbaseError('INTERNAL', 'Identifier contains a NUL byte.');
  return '"' + name.replace(/"/g, '""') + '"';
}

/** schema.name, both quoted; a null schema gives just the name. */
export function qualified(schema: string | null | undefined, name: string): string {
  return schema == null ? ident(name) : `${ident(schema)}.${ident(name)}`;
}

/** A string literal. standard_conforming_strings is on in every supported server, so only ' doubles. */
export function literal(value: string): string {
  if (value.includes('\0')) throw new SquashbaseError('INTERNAL', 'String literal contains a NUL byte.');
  return "'" + value.replace(/'/g, "''") + "'";
}

/** NULL or a literal. */
export function literalOrNull(value: string | null | undefined): string {
  return value == null ? 'NULL' : literal(value);
}

/** A dollar-quoted body whose tag does not occur in the body (B004). */
export function dollarQuote(body: string, base = 'sb'): string {
  let tag = `$${base}$`;
  for (let i = 1; body.includes(tag); i++) tag = `$${base}${i}$`;
  return `${tag}${body}${tag}`;
}

/** A role name in GRANT/REVOKE/POLICY position: PUBLIC is a keyword, everything else quoted. */
export function roleName(role: string): string {
  return role === 'PUBLIC' ? 'PUBLIC' : ident(role);
}

/**
 * Read a dotted SQL name starting at `start`, the inverse of the quoting above: parts separated
 * by '.', each a double-quoted identifier ("" stands for one quote) or, where `bare` is given, a
 * run of the characters it matches (pg_dump's fmtId leaves plain names unquoted). Returns the
 * unquoted parts and the index after the name; null when a quoted part is not closed or a part
 * is missing. Used for snapshot ids (`table:"public"."todos"`) and for names in pg_dump output.
 */
export function readQualifiedName(text: string, start = 0, bare?: RegExp): { parts: string[]; end: number } | null {
  const word = bare ? new RegExp(bare.source, 'y') : undefined;
  const parts: string[] = [];
  let i = start;
  for (;;) {
    if (text[i] === '"') {
      let name = '';
      i++;
      for (;;) {
        if (i >= text.length) return null;
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] !== '"') break;
          name += '"';
          i += 2;
          continue;
        }
        name += ch;
        i++;
      }
      i++; // the closing quote
      parts.push(name);
    } else {
      if (!word) return null;
      word.lastIndex = i;
      const m = word.exec(text);
      if (!m || m[0] === '') return null;
      parts.push(m[0]);
      i += m[0].length;
    }
    if (text[i] !== '.') return { parts, end: i };
    i++;
  }
}
