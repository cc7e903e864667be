import { createHash } from 'node:crypto';

/**
 * sha256 of canonicalJson(value) (src/util/canonical-json.ts: keys sorted, 2-space indent,
 * trailing newline, undefined dropped) computed without building the sorted copy or the whole
 * string: the same bytes are streamed into the hash in chunks. A unit test keeps the two equal.
 */
export function canonicalJsonSha256(value: unknown): string {
  const hash = createHash('sha256');
  let buf = '';
  const write = (s: string) => {
    buf += s;
    if (buf.length > 1 << 16) {
      hash.update(buf);
      buf = '';
    }
  };
  emit(value, '', write, false);
  write('\n');
  hash.update(buf);
  return hash.digest('hex');
}

function emit(value: unknown, indent: string, write: (s: string) => void, inArray: boolean): void {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
    write(inArray ? 'null' : 'null');
    return;
  }
  if (value === null || typeof value !== 'object') {
    write(JSON.stringify(value));
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      write('[]');
      return;
    }
    write('[\n');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) write(',\n');
      write(inner);
      emit(value[i], inner, write, true);
    }
    write('\n' + indent + ']');
    return;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function' && typeof obj[k] !== 'symbol')
    .sort();
  if (keys.length === 0) {
    write('{}');
    return;
  }
  write('{\n');
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (i > 0) write(',\n');
    write(inner + JSON.stringify(k) + ': ');
    emit(obj[k], inner, write, false);
  }
  write('\n' + indent + '}');
}
