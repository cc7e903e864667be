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
