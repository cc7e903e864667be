import { createHash } from 'node:crypto';

/**
 * sha256 of canonicalJson(value) (src/util/canonical-json.ts: keys sorted, 2-space indent,
 * trailing newline, undefined dropped) — the same bytes, but produced by the native
 * JSON.stringify with a replacer that re-orders only objects whose keys are not already sorted
 * (most snapshot objects are), which is several times faster on large snapshots.
 * A unit test keeps the two equal.
 */
export function canonicalJsonSha256(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value, sortedKeys, 2) + '\n')
    .digest('hex');
}

function sortedKeys(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  let sorted = true;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      sorted = false;
      break;
    }
  }
  if (sorted) return obj;
  const out: Record<string, unknown> = {};
  for (const k of keys.sort()) out[k] = obj[k];
  return out;
}
