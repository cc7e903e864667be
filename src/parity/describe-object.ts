import type { SnapshotObject } from '../introspect/snapshot-types.js';

/**
 * A canonical, human-readable text rendering of one snapshot object: stable `key: value`
 * lines, keys sorted, multi-line text (function bodies, view definitions) as indented blocks.
 * Parity compares these texts and diffs them, so a reviewer reads the same thing the
 * comparison used.
 *
 * Left out on purpose:
 * - `dependsOn`: derived from pg_depend, it changes whenever anything it points at changes,
 *   so it would report every difference twice.
 * - `kind`, `schema`, `name`, `parent`, `signature`: all part of `id`, which is the first line.
 */
export interface DescribeOptions {
  /** Keys of `props` to leave out (normalize.ts uses this for column position). */
  omitProps?: readonly string[];
}

const OMITTED_TOP_LEVEL = new Set(['dependsOn', 'kind', 'id', 'schema', 'name', 'parent', 'signature', 'props']);

export function describeObject(obj: SnapshotObject, options: DescribeOptions = {}): string {
  const lines: string[] = [`id: ${obj.id}`];
  const top = obj as unknown as Record<string, unknown>;
  for (const key of Object.keys(top).sort()) {
    if (OMITTED_TOP_LEVEL.has(key)) continue;
    renderValue(lines, key, top[key]);
  }
  const props = obj.props as unknown as Record<string, unknown>;
  const omit = new Set(options.omitProps ?? []);
  for (const key of Object.keys(props).sort()) {
    if (omit.has(key)) continue;
    renderValue(lines, key, props[key]);
  }
  return lines.join('\n') + '\n';
}

/** The top-level keys (owner, comment, …, then props keys) with their rendered lines, for "which fields changed". */
export function describeFields(obj: SnapshotObject, options: DescribeOptions = {}): Map<string, string> {
  const out = new Map<string, string>();
  const top = obj as unknown as Record<string, unknown>;
  for (const key of Object.keys(top).sort()) {
    if (OMITTED_TOP_LEVEL.has(key)) continue;
    const lines: string[] = [];
    renderValue(lines, key, top[key]);
    out.set(key, lines.join('\n'));
  }
  const props = obj.props as unknown as Record<string, unknown>;
  const omit = new Set(options.omitProps ?? []);
  for (const key of Object.keys(props).sort()) {
    if (omit.has(key)) continue;
    const lines: string[] = [];
    renderValue(lines, key, props[key]);
    out.set(key, lines.join('\n'));
  }
  return out;
}

function renderValue(lines: string[], key: string, value: unknown): void {
  if (value === undefined) return;
  if (value === null || typeof value === 'boolean' || typeof value === 'number') {
    lines.push(`${key}: ${String(value)}`);
    return;
  }
  if (typeof value === 'string') {
    if (value.includes('\n')) {
      // Block: every line indented, so a body line can never look like a key line.
      lines.push(`${key}: |`);
      for (const l of value.replace(/\r\n/g, '\n').split('\n')) lines.push(`  ${l}`);
    } else {
      lines.push(`${key}: ${scalarText(value)}`);
    }
    return;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      lines.push(`${key}: ${JSON.stringify(value)}`);
      return;
    }
    if (value.length === 0) {
      lines.push(`${key}: []`);
      return;
    }
    value.forEach((v, i) => renderValue(lines, `${key}[${i}]`, v));
    return;
  }
  if (typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const keys = Object.keys(rec).sort();
    if (keys.length === 0) {
      lines.push(`${key}: {}`);
      return;
    }
    for (const k of keys) renderValue(lines, `${key}.${k}`, rec[k]);
    return;
  }
  lines.push(`${key}: ${String(value)}`);
}

/** Plain text unless it could be misread (empty, looks like null/boolean/number, edge spaces). */
function scalarText(s: string): string {
  if (s === '' || /^\s|\s$/.test(s) || /^(null|true|false|-?\d+(\.\d+)?|\[.*\]|\{.*\}|\|)$/.test(s)) return JSON.stringify(s);
  return s;
}
