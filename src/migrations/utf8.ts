/**
 * UTF-8 helpers for migration files. libpg-query reports statement positions as UTF-8 *byte*
 * offsets while JavaScript strings index UTF-16 code units; everything user-facing (line,
 * column, carets) is computed from JS offsets, so conversions live here in one place.
 */

/** Byte offset of the first invalid UTF-8 sequence, or -1 when `bytes` is valid UTF-8. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + need >= n) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid UTF-8.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (in UTF-16 code units, as editors count) of a JS string offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** 1-based line of a byte offset in raw bytes (for decode errors, before any string exists). */
export function lineAtByte(bytes: Uint8Array, byteOffset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < byteOffset && i < bytes.length; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: byteOffset - lineStart + 1 };
}

/** UTF-8 length of the code point that starts at JS offset `i`, and how many code units it spans. */
function codePointAt(text: string, i: number): { bytes: number; units: number } {
  const c = text.charCodeAt(i);
  if (c < 0x80) return { bytes: 1, units: 1 };
  if (c < 0x800) return { bytes: 2, units: 1 };
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return { bytes: 4, units: 2 };
  }
  return { bytes: 3, units: 1 };
}

/**
 * Converts ascending UTF-8 byte offsets into JS string offsets in one forward pass (files can
 * be large; a per-offset rescan would be quadratic). Offsets must be requested in ascending order
 * or the cursor restarts from the beginning.
 */
export class ByteOffsetMapper {
  private byte = 0;
  private unit = 0;
  constructor(private readonly text: string) {}

  toStringOffset(byteOffset: number): number {
    if (byteOffset < this.byte) {
      this.byte = 0;
      this.unit = 0;
    }
    while (this.byte < byteOffset && this.unit < this.text.length) {
      const cp = codePointAt(this.text, this.unit);
      this.byte += cp.bytes;
      this.unit += cp.units;
    }
    return this.unit;
  }
}

/** JS string offset of the n-th code point (libpg-query's cursorPosition counts code points). */
export function codePointIndexToOffset(text: string, codePoints: number): number {
  let unit = 0;
  for (let k = 0; k < codePoints && unit < text.length; k++) unit += codePointAt(text, unit).units;
  return unit;
}

/** Go's unicode.IsSpace set (what the Supabase CLI's strings.TrimSpace strips). */
export function isGoSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}
