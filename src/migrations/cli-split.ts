import { isGoSpace } from './utf8.js';

/**
 * The Supabase CLI's statement splitter (`pkg/parser` SplitAndTrim), re-implemented so the
 * `statements` column of `supabase_migrations.schema_migrations` we write is what the CLI would
 * write. It is a byte-level state machine over runes, not a parser: it splits on `;` outside
 * quotes, dollar quotes, comments, parentheses and `BEGIN ATOMIC … END`, keeps comments attached
 * to the following statement, trims (Go's unicode.IsSpace) and drops the trailing `;`, and
 * drops empty statements. Its quirks are kept on purpose (for example, closing a nested
 * parenthesis also ends the outer one, and `END` ends an atomic body wherever it appears).
 */
export function splitLikeSupabaseCli(sql: string): string[] {
  const data = Buffer.from(sql, 'utf8');
  const out: string[] = [];
  let state: State = READY;
  let start = 0; // start of the current token (the CLI's data[0])
  let pos = start;
  while (pos < data.length) {
    const width = runeWidth(data, pos);
    const r = decodeRune(data, pos, width);
    const end = pos + width;
    const next = state.next(r, data, start, end);
    if (next === null) {
      emit(out, data.subarray(start, end));
      start = end;
      state = READY;
    } else {
      state = next;
    }
    pos = end;
  }
  if (start < data.length) emit(out, data.subarray(start));
  return out;
}

function emit(out: string[], token: Buffer): void {
  let s = token.toString('utf8');
  // strings.TrimRight(token, ";") then strings.TrimSpace.
  s = s.replace(/;+$/, '');
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  s = s.slice(a, b);
  if (s.length > 0) out.push(s);
}

/** A state returns the next state, or null to emit the token ending at `end`. */
interface State {
  next(r: number, data: Buffer, start: number, end: number): State | null;
}

const SEMI = 0x3b;

class ReadyState implements State {
  next(r: number, data: Buffer, start: number, end: number): State | null {
    switch (r) {
      case 0x24 /* $ */:
        return new TagState(end - 1);
      case 0x27 /* ' */:
      case 0x22 /* " */:
        return new QuoteState(r);
      case 0x2d /* - */:
        return new CommentState();
      case 0x2f /* / */:
        return new BlockState();
      case 0x5c /* \ */:
        return new EscapeState();
      case SEMI:
        return null;
      case 0x28 /* ( */:
        return new AtomicState(this, Buffer.from(')'));
      case 0x63 /* c */:
      case 0x43 /* C */: {
        // `BEGIN ATOMIC`: only ATOMIC is matched (any whitespace may separate it from BEGIN).
        const offset = end - 6;
        if (offset > start && asciiEqualFold(data, offset, end, 'ATOMIC') && isGoSpace(data[offset - 1]!)) {
          return new AtomicState(this, Buffer.from('END'));
        }
        return this;
      }
      default:
        return this;
    }
  }
}

const READY = new ReadyState();

class CommentState implements State {
  next(r: number, data: Buffer, start: number, end: number): State | null {
    if (r === 0x2d) return new DollarState(Buffer.from('\n'));
    return new ReadyState().next(r, data, start, end);
  }
}

class BlockState implements State {
  private depth = 0;
  next(r: number, data: Buffer, start: number, end: number): State | null {
    const w0 = end - 2 >= start ? data[end - 2] : undefined;
    const w1 = data[end - 1];
    if (w0 === 0x2f && w1 === 0x2a) {
      this.depth += 1;
      return this;
    }
    if (this.depth === 0) return new ReadyState().next(r, data, start, end);
    if (w0 === 0x2a && w1 === 0x2f) {
      this.depth -= 1;
      if (this.depth === 0) return new ReadyState();
    }
    return this;
  }
}

class QuoteState implements State {
  private escape = false;
  constructor(private readonly delimiter: number) {}
  next(r: number, data: Buffer, start: number, end: number): State | null {
    if (this.escape) {
      if (r === this.delimiter) {
        this.escape = false;
        return this;
      }
      return new ReadyState().next(r, data, start, end);
    }
    if (r === this.delimiter) this.escape = true;
    return this;
  }
}

class DollarState implements State {
  constructor(private readonly delimiter: Buffer) {}
  next(_r: number, data: Buffer, start: number, end: number): State | null {
    const from = end - this.delimiter.length;
    if (from >= start && data.subarray(from, end).equals(this.delimiter)) return new ReadyState();
    return this;
  }
}

class TagState implements State {
  constructor(private readonly offset: number) {}
  next(r: number, data: Buffer, start: number, end: number): State | null {
    if (r === 0x24) return new DollarState(Buffer.from(data.subarray(this.offset, end)));
    const ch = String.fromCodePoint(r);
    if (/^[\p{L}\p{Nd}_]$/u.test(ch)) return this;
    return new ReadyState().next(r, data, start, end);
  }
}

class EscapeState implements State {
  next(): State | null {
    return new ReadyState();
  }
}

class AtomicState implements State {
  constructor(
    private prev: State,
    private readonly delimiter: Buffer,
  ) {}
  next(r: number, data: Buffer, start: number, end: number): State | null {
    // Inside quotes the delimiter does not count; a `;` keeps the previous state.
    const curr = this.prev.next(r, data, start, end);
    if (curr !== null) this.prev = curr;
    if (this.prev instanceof ReadyState) {
      const from = end - this.delimiter.length;
      if (from >= start && asciiEqualFold(data, from, end, this.delimiter.toString('latin1'))) return new ReadyState();
    }
    return this;
  }
}

function asciiEqualFold(data: Buffer, from: number, to: number, word: string): boolean {
  if (from < 0 || to - from !== word.length) return false;
  for (let i = 0; i < word.length; i++) {
    const a = data[from + i]!;
    const b = word.charCodeAt(i);
    const la = a >= 0x41 && a <= 0x5a ? a + 32 : a;
    const lb = b >= 0x41 && b <= 0x5a ? b + 32 : b;
    if (la !== lb) return false;
  }
  return true;
}

function runeWidth(data: Buffer, i: number): number {
  const b = data[i]!;
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return i + 1 < data.length ? 2 : 1;
  if (b >= 0xe0 && b <= 0xef) return i + 2 < data.length ? 3 : 1;
  if (b >= 0xf0 && b <= 0xf4) return i + 3 < data.length ? 4 : 1;
  return 1;
}

function decodeRune(data: Buffer, i: number, width: number): number {
  const b = data[i]!;
  if (width === 1) return b < 0x80 ? b : 0xfffd;
  if (width === 2) return ((b & 0x1f) << 6) | (data[i + 1]! & 0x3f);
  if (width === 3) return ((b & 0x0f) << 12) | ((data[i + 1]! & 0x3f) << 6) | (data[i + 2]! & 0x3f);
  return ((b & 0x07) << 18) | ((data[i + 1]! & 0x3f) << 12) | ((data[i + 2]! & 0x3f) << 6) | (data[i + 3]! & 0x3f);
}
