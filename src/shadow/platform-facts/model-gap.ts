import { FACT_SCHEMAS, type PlatformCatalog, type PlatformFacts } from './facts-types.js';

/** A platform object a failing statement names: a relation, function or type, or a column of a relation. */
export interface NamedPlatformObject {
  kind: 'relation' | 'function' | 'type' | 'column';
  schema: string;
  name: string;
  /** For kind 'column'. */
  column?: string;
}

/** SQLSTATEs of "X does not exist": undefined_table, undefined_column, undefined_function, undefined_object. */
const UNDEFINED = new Set(['42P01', '42703', '42883', '42704']);

const IDENT = String.raw`(?:"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))`;
const unquote = (quoted: string | undefined, bare: string | undefined) => (quoted !== undefined ? quoted.replace(/""/g, '"') : bare!.toLowerCase());

/** Every `schema.name` in a statement whose schema is one of `schemas`. */
function qualifiedNames(statement: string, schemas: ReadonlySet<string>): { schema: string; name: string }[] {
  const out: { schema: string; name: string }[] = [];
  const re = new RegExp(`${IDENT}\\s*\\.\\s*${IDENT}`, 'g');
  for (const m of statement.matchAll(re)) {
    const schema = unquote(m[1], m[2]);
    if (schemas.has(schema)) out.push({ schema, name: unquote(m[3], m[4]) });
  }
  return out;
}

/** "a.b" or "b" from an error message's name, resolved against the statement's qualified names. */
function resolve(name: string, refs: { schema: string; name: string }[], schemas: ReadonlySet<string>): { schema: string; name: string }[] {
  const dot = name.indexOf('.');
  if (dot > 0) {
    const schema = name.slice(0, dot);
    return schemas.has(schema) ? [{ schema, name: name.slice(dot + 1) }] : [];
  }
  return refs.filter((r) => r.name === name);
}

/**
 * The platform objects (in `schemas`, the fact sheets' managed schemas by default) a "does not
 * exist" error names, read from PostgreSQL's message and, for an unqualified name, the
 * statement's schema-qualified references. Empty for any other error.
 */
export function namedPlatformObjects(error: { sqlstate: string; message: string }, statement: string, schemas: readonly string[] = FACT_SCHEMAS): NamedPlatformObject[] {
  if (!UNDEFINED.has(error.sqlstate)) return [];
  const managed = new Set(schemas);
  const refs = qualifiedNames(statement, managed);
  const msg = error.message;
  const out: NamedPlatformObject[] = [];
  const add = (kind: NamedPlatformObject['kind'], list: { schema: string; name: string }[], column?: string) => {
    for (const o of list) if (!out.some((x) => x.kind === kind && x.schema === o.schema && x.name === o.name && x.column === column)) out.push({ kind, ...o, ...(column ? { column } : {}) });
  };
  let m: RegExpExecArray | null;
  if ((m = /^column "([^"]+)" of relation "([^"]+)" does not exist/.exec(msg))) add('column', resolve(m[2]!, refs, managed), m[1]!);
  else if ((m = /^column (?:"([^"]+)"|(\S+?)) does not exist/.exec(msg))) {
    const text = m[1] ?? m[2]!;
    const dot = text.lastIndexOf('.');
    const column = dot > 0 ? text.slice(dot + 1) : text;
    // A qualifier that names a platform relation of the statement; an alias names none, and then
    // the one platform relation the statement refers to, if it refers to exactly one.
    const byQualifier = dot > 0 ? resolve(text.slice(0, dot), refs, managed) : [];
    const distinct = [...new Map(refs.map((r) => [`${r.schema}.${r.name}`, r])).values()];
    add('column', byQualifier.length ? byQualifier : distinct.length === 1 ? distinct : [], column);
  } else if ((m = /^relation "([^"]+)" does not exist/.exec(msg))) add('relation', resolve(m[1]!, refs, managed));
  else if ((m = /^(?:constraint|trigger|policy|rule) "[^"]+" (?:of|for|on) (?:relation|table) "([^"]+)" does not exist/.exec(msg))) add('relation', resolve(m[1]!, refs, managed));
  else if ((m = /^function (\S+?)\(.*\) does not exist/.exec(msg))) add('function', resolve(m[1]!.replace(/"/g, ''), refs, managed));
  else if ((m = /^type "([^"]+)" does not exist/.exec(msg))) add('type', resolve(m[1]!, refs, managed));
  return out;
}

/** Whether a platform catalog (a fact sheet, or one read from a database) has the object. */
export function catalogHas(catalog: PlatformCatalog, o: NamedPlatformObject): boolean {
  const table = () => catalog.tables.find((t) => t.schema === o.schema && t.name === o.name);
  switch (o.kind) {
    case 'relation':
      return table() !== undefined;
    case 'column':
      return table()?.columns.some((c) => c.name === o.column) ?? false;
    case 'function':
      return catalog.functions.some((f) => f.schema === o.schema && f.name === o.name);
    case 'type':
      return catalog.types.some((t) => t.schema === o.schema && t.name === o.name) || table() !== undefined;
  }
}

export function describeNamedObject(o: NamedPlatformObject): string {
  return o.kind === 'column' ? `column ${o.column} of ${o.schema}.${o.name}` : `${o.kind === 'relation' ? 'table' : o.kind} ${o.schema}.${o.name}`;
}

/** The named platform objects the fact sheet (and so the bundled model) does not have. */
export function objectsMissingFromModel(error: { sqlstate: string; message: string }, statement: string, facts: PlatformFacts): NamedPlatformObject[] {
  return namedPlatformObjects(error, statement)
    // A column of a relation the model lacks altogether: the relation is what is missing.
    .map((o): NamedPlatformObject => (o.kind === 'column' && !catalogHas(facts, { ...o, kind: 'relation' }) ? { kind: 'relation', schema: o.schema, name: o.name } : o))
    .filter((o) => !catalogHas(facts, o));
}

/**
 * The hint for a statement that failed on the bundled model because it names a platform object
 * the model (a fresh project at the fact sheet's release) does not have: which release the model
 * is, and how to replay on the project's own platform instead.
 */
export function modelGapHint(error: { sqlstate: string; message: string }, statement: string, facts: PlatformFacts): string | undefined {
  const missing = objectsMissingFromModel(error, statement, facts);
  if (!missing.length) return undefined;
  const named = missing.map(describeNamedObject).join(', ');
  return `${named} ${missing.length > 1 ? 'are' : 'is'} not on squashbase's bundled platform model: a fresh Supabase project at ${facts.release.label} ` +
    `(templates/platform/facts/supabase-${facts.release.major}.json) does not have ${missing.length > 1 ? 'them' : 'it'}. A project created on, or running, ` +
    'another platform release can; replay on a clone of its own platform with --db-url <live project URL>.';
}
