/**
 * Deterministic JSON: object keys sorted, 2-space indent, trailing newline, undefined dropped.
 * Used for every artefact that must be byte-identical across runs (snapshots, reports, manifests).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n';
}

/**
 * A copy of `value` whose objects have their keys in sorted order (undefined values dropped), for
 * JSON.stringify. Arrays holding no object are shared, not copied: nothing in them changes.
 */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v !== null && typeof v === 'object') {
        out ??= value.slice(0, i);
        out.push(sortKeys(v));
      } else if (out) out.push(v);
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = v !== null && typeof v === 'object' ? sortKeys(v) : v;
    }
    return out;
  }
  return value;
}

/**
 * Elements of a top-level array serialised per JSON.stringify call (see canonicalJsonChunks):
 * few enough that each piece stays well under V8's large-object size (~128 KB), so pieces are
 * made and dropped in the young generation instead of in fresh memory of their own.
 */
const BATCH = 64;

/**
 * canonicalJson(value) in pieces: the same bytes once joined, produced without holding the
 * whole text, nor a sorted copy of the whole value, at once. A snapshot is 10+ MB of JSON,
 * nearly all of it in its top-level arrays (`objects`, `managed`); those are serialised a batch
 * of elements at a time, wrapped as `{"key": [batch]}` so the native stringifier indents them
 * at their real depth, and the wrapper's first and last lines are cut off. Anything but a plain
 * object is passed to canonicalJson whole.
 */
export function* canonicalJsonChunks(value: unknown): Generator<string> {
  if (!isPlainObject(value)) {
    yield canonicalJson(value);
    return;
  }
  // The key order of sortKeys' copy: sorted, then as V8 enumerates it (integer-like keys first).
  const order: Record<string, true> = {};
  for (const key of Object.keys(value).sort()) order[key] = true;
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(order)) if (value[key] !== undefined) entries.push([key, value[key]]);
  let first = true;
  for (const [key, v] of entries) {
    const name = JSON.stringify(key);
    if (Array.isArray(v) && v.length > BATCH) {
      yield `${first ? '{\n' : ',\n'}  ${name}: [\n`;
      first = false;
      const head = `{\n  ${name}: [\n`.length;
      const tail = '\n  ]\n}'.length;
      for (let i = 0; i < v.length; i += BATCH) {
        const text = JSON.stringify({ [key]: sortKeys(v.slice(i, i + BATCH)) }, null, 2);
        yield (i === 0 ? '' : ',\n') + text.slice(head, text.length - tail);
      }
      yield '\n  ]';
      continue;
    }
    // Small values: one stringify, indented one level (JSON strings never hold a raw newline).
    const text = JSON.stringify(sortKeys(v), null, 2) as string | undefined;
    if (text === undefined) continue; // a function or symbol: JSON.stringify leaves the key out
    yield `${first ? '{\n' : ',\n'}  ${name}: ${text.replaceAll('\n', '\n  ')}`;
    first = false;
  }
  yield first ? '{}\n' : '\n}\n';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}
