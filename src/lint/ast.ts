/**
 * Parse-tree helpers over libpg-query's JSON AST (statement texts come from splitStatements;
 * the WASM module is already loaded by src/migrations/split.ts).
 */
import { parseSync } from 'libpg-query';
import '../migrations/split.js';

export type Node = Record<string, unknown>;

/** The statement node `{Kind: {...}}` → [kind, body], or null when it does not parse alone. */
export function parseStatement(text: string): { kind: string; node: Node } | null {
  try {
    const parsed = parseSync(text) as { stmts?: { stmt?: Node }[] };
    const stmt = parsed.stmts?.[0]?.stmt;
    if (!stmt) return null;
    const kind = Object.keys(stmt)[0]!;
    return { kind, node: (stmt[kind] ?? {}) as Node };
  } catch {
    return null;
  }
}

/** Depth-first visit of every `{Kind: body}` object in a tree. */
export function walk(value: unknown, visit: (kind: string, body: Node) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, visit);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Node;
  const keys = Object.keys(obj);
  if (keys.length === 1 && /^[A-Z]/.test(keys[0]!)) {
    const body = obj[keys[0]!];
    if (body && typeof body === 'object' && !Array.isArray(body)) visit(keys[0]!, body as Node);
  }
  for (const k of keys) walk(obj[k], visit);
}

/** ["public","f"] from a list of String nodes. */
export function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((x) => ((x as { String?: { sval?: string } }).String?.sval ?? '')).filter((s) => s !== '');
}

/** A RangeVar (wrapped or not) → { schema, name }. Unqualified names default to public. */
export function rangeVar(v: unknown): { schema: string; name: string } | null {
  if (!v || typeof v !== 'object') return null;
  const rv = ((v as Node)['RangeVar'] ?? v) as { schemaname?: string; relname?: string };
  if (!rv.relname) return null;
  return { schema: rv.schemaname ?? 'public', name: rv.relname };
}

/** "schema.name" key for maps. */
export function relKey(r: { schema: string; name: string }): string {
  return `${r.schema}.${r.name}`;
}

/** Function name list → { schema|null, name }. */
export function funcName(list: unknown): { schema: string | null; name: string } | null {
  const n = names(list);
  if (n.length === 0) return null;
  return { schema: n.length > 1 ? n[n.length - 2]! : null, name: n[n.length - 1]! };
}
