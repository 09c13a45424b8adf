// Single-pass lexer: delimiters come from the ISA, then segments are cut with indexOf and their
// element offsets recorded in reusable typed arrays (scan); lex() materialises Segment objects.
import { X12Error } from './errors';
import type { Delimiters, Segment, X12Warning } from './model';

export interface LexOptions {
  /** Strict: the ISA must be the fixed 106-character form and contain no line breaks. */
  strict?: boolean;
}

export interface LexResult {
  delimiters: Delimiters;
  segments: Segment[];
  warnings: X12Warning[];
}

export interface IsaScan {
  delimiters: Delimiters;
  /** Offset of "ISA" in the text. */
  start: number;
  /** Offset of the segment terminator that ends the ISA. */
  end: number;
  /** ISA elements with line breaks removed (broken-line ISAs). elements[0] = "ISA". */
  elements: string[];
  warnings: X12Warning[];
}

const ISA_FIXED_LENGTH = 106; // including the terminator

/** Whitespace a sender may put between segments (after a terminator). */
function isInterSegmentSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0x0b || c === 0x0c;
}

function isAlnum(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Skip a BOM and leading whitespace; returns the offset of the first meaningful char. */
export function skipPreamble(text: string): number {
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < text.length && isInterSegmentSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Reads the delimiters from the ISA. Does not trust fixed offsets: it walks to the 16th element
 * separator, because real files carry short ISA fields and ISAs broken across lines.
 */
export function isaDelimiters(text: string, options: LexOptions = {}): IsaScan {
  if (text.length === 0) throw new X12Error('EMPTY_INPUT', 'input is empty');
  const start = skipPreamble(text);
  // Char codes, not startsWith: this runs once per payload and startsWith with a position is slow.
  if (text.charCodeAt(start) !== 73 || text.charCodeAt(start + 1) !== 83 || text.charCodeAt(start + 2) !== 65) {
    throw new X12Error('MISSING_ISA', 'X12 interchange must start with ISA', 0, 0);
  }
  if (text.length < start + 4) throw new X12Error('TRUNCATED_ISA', 'ISA is truncated', 0, 0);
  const element = text[start + 3];
  if (isAlnum(element) || element === ' ' || element === '\r' || element === '\n') {
    throw new X12Error('INVALID_DELIMITERS', `element separator ${JSON.stringify(element)} is not usable`, 0, 0);
  }
  // The 16 element separators, each found from the one before (indexOf stops at the next one, so
  // a large text is not scanned), and the elements sliced on the way: cheaper than a char loop
  // followed by a split of the ISA (issue 19). The first separator is the one just read.
  const walked: string[] = ['ISA'];
  let p = start + 3;
  for (let n = 2; n <= 16; n++) {
    const next = text.indexOf(element, p + 1);
    if (next < 0) throw new X12Error('TRUNCATED_ISA', `ISA has only ${n - 1} of 16 elements`, 0, n - 1);
    walked.push(text.slice(p + 1, next));
    p = next;
  }
  // p = offset of the 16th separator; ISA16 follows, then the segment terminator.
  if (p + 2 >= text.length) throw new X12Error('TRUNCATED_ISA', 'ISA ends before ISA16 and the segment terminator', 0, 16);
  const component = text[p + 1];
  const segment = text[p + 2];
  walked.push(component);
  const raw = text.slice(start, p + 2);
  const warnings: X12Warning[] = [];
  const broken = raw.includes('\n') || raw.includes('\r');
  // An ISA broken across lines: its elements without the line breaks.
  const elements = broken ? raw.replace(/[\r\n]/g, '').split(element) : walked;
  if (broken) {
    if (options.strict) throw new X12Error('INVALID_ISA', 'ISA contains line breaks', 0);
    warnings.push({ code: 'ISA_LINE_BREAKS', message: 'ISA contains line breaks inside its elements', segmentIndex: 0 });
  }
  if (raw.length + 1 !== ISA_FIXED_LENGTH) {
    if (options.strict) throw new X12Error('INVALID_ISA', `ISA is ${raw.length + 1} characters, expected ${ISA_FIXED_LENGTH}`, 0);
    warnings.push({
      code: 'ISA_NOT_FIXED_WIDTH',
      message: `ISA is ${raw.length + 1} characters, expected ${ISA_FIXED_LENGTH}`,
      segmentIndex: 0,
    });
  }
  // ISA11 is the repetition separator from 00501 on; in 004010 it is a standards id ("U").
  const isa11 = elements[11] ?? '';
  const repetition = isa11.length === 1 && !isAlnum(isa11) && isa11 !== ' ' ? isa11 : '';
  if (isAlnum(component) || component === element || isAlnum(segment) || segment === element || segment === component || segment === ' ') {
    throw new X12Error('INVALID_DELIMITERS', 'ISA delimiters collide or are alphanumeric', 0, 16);
  }
  if (repetition !== '' && (repetition === element || repetition === segment)) {
    throw new X12Error('INVALID_DELIMITERS', 'repetition separator collides with another delimiter', 0, 11);
  }
  return { delimiters: { element, repetition, component, segment }, start, end: p + 2, elements, warnings };
}

// ---------------------------------------------------------------------------------------------
// Offset scanner. One pass over the text records, for every segment, where each element starts
// and ends (in reusable Int32Arrays); nothing is sliced until a reader asks for an element.

/** Segment table stride: [first element slot, element count, id code, text end]. */
const SEG_STRIDE = 4;
let segTable = new Int32Array(SEG_STRIDE * 2048);
let elemTable = new Int32Array(2 * 16384); // [start, end) pairs

/**
 * Segment id as an integer, so readers can switch on it without allocating the id string:
 * 2 chars -> c0 << 8 | c1, 3 chars -> 1 << 24 | c0 << 16 | c1 << 8 | c2 (chars < 256), one char
 * -> 1 << 25 | c (element codes only; never a valid segment id), anything else -> -1.
 * Examples: ST 0x5354, SE 0x5345, EB 0x4542, ISA 0x1495341 (see segmentIdCode).
 */
export function segmentIdCode(id: string): number {
  if (id.length === 1) return 0x2000000 | id.charCodeAt(0);
  return idCodeAt(id, 0, id.length);
}

function idCodeAt(text: string, start: number, end: number): number {
  const len = end - start;
  if (len === 2) {
    const c0 = text.charCodeAt(start);
    const c1 = text.charCodeAt(start + 1);
    return c0 < 256 && c1 < 256 ? (c0 << 8) | c1 : -1;
  }
  if (len === 3) {
    const c0 = text.charCodeAt(start);
    const c1 = text.charCodeAt(start + 1);
    const c2 = text.charCodeAt(start + 2);
    return c0 < 256 && c1 < 256 && c2 < 256 ? 0x1000000 | (c0 << 16) | (c1 << 8) | c2 : -1;
  }
  return -1;
}

/** Same rule as isSegmentId, on the packed code. */
function validIdCode(code: number): boolean {
  if (code < 0) return false;
  const three = code >= 0x1000000;
  const c0 = three ? (code >> 16) & 0xff : code >> 8;
  const c1 = three ? (code >> 8) & 0xff : code & 0xff;
  if (c0 < 65 || c0 > 90) return false;
  if (!((c1 >= 65 && c1 <= 90) || (c1 >= 48 && c1 <= 57))) return false;
  if (!three) return true;
  const c2 = code & 0xff;
  return (c2 >= 65 && c2 <= 90) || (c2 >= 48 && c2 <= 57);
}

// Interned two-character ASCII strings and three-digit codes: most X12 elements are short codes
// (PR, IL, MI, D8, 30, IC, TE, 291 ...), and handing out one shared string is cheaper than
// allocating a copy each time.
const PAIRS: (string | undefined)[] = new Array<string | undefined>(128 * 128).fill(undefined);
const DIGITS3: (string | undefined)[] = new Array<string | undefined>(1000).fill(undefined);

/** text.slice(start, end), sharing strings of one or two ASCII characters and of three digits. */
export function sliceText(text: string, start: number, end: number): string {
  const len = end - start;
  if (len === 0) return ''; // most often: NM1, EB and PER elements left empty
  if (len === 2) {
    const c0 = text.charCodeAt(start);
    const c1 = text.charCodeAt(start + 1);
    if (c0 < 128 && c1 < 128) {
      const k = (c0 << 7) | c1;
      const v = PAIRS[k];
      if (v !== undefined) return v;
      return (PAIRS[k] = text.slice(start, end));
    }
  }
  if (len === 3) {
    const d0 = text.charCodeAt(start) - 48;
    const d1 = text.charCodeAt(start + 1) - 48;
    const d2 = text.charCodeAt(start + 2) - 48;
    if (d0 >= 0 && d0 <= 9 && d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9) {
      // Three-digit codes (DTP01 291/346/356, ST01 271, LS01 ...) are interned too.
      const k = d0 * 100 + d1 * 10 + d2;
      const v = DIGITS3[k];
      if (v !== undefined) return v;
      return (DIGITS3[k] = text.slice(start, end));
    }
  }
  return text.slice(start, end); // V8 already shares one-character strings
}

/**
 * The offsets of one scanned interchange. Segment 0 is the ISA (its elements come from the ISA
 * scan, with line breaks removed). Valid only until the next scan: the tables are reused.
 */
export class X12Scan {
  constructor(
    readonly text: string,
    readonly delimiters: Delimiters,
    readonly isa: IsaScan,
    readonly warnings: X12Warning[],
    /** Number of segments, ISA included. */
    readonly count: number,
    private readonly segs: Int32Array,
    private readonly elems: Int32Array,
    /**
     * The ASCII copy the byte scanner read (valid for body segments, like the tables, until the
     * next scan), or undefined when the text took the string scanner. Compares read it: a
     * Uint8Array load costs less than charCodeAt.
     */
    private readonly bytes: Uint8Array | undefined,
  ) {}

  /** Packed segment id (segmentIdCode). */
  id(s: number): number {
    return this.segs[s * SEG_STRIDE + 2];
  }

  /** Number of elements including the id (elements.length of the lexed segment). */
  size(s: number): number {
    return this.segs[s * SEG_STRIDE + 1];
  }

  /** Element i as a string ('' when absent). */
  str(s: number, i: number): string {
    const b = s * SEG_STRIDE;
    if (i >= this.segs[b + 1]) return '';
    if (s === 0) return this.isa.elements[i];
    const k = (this.segs[b] + i) << 1;
    const start = this.elems[k];
    const end = this.elems[k + 1];
    return sliceText(this.text, start, end);
  }

  /**
   * Slot of element 0 of segment s (segments > 0 only): element i < size(s) is at slot + i, read
   * with slotStr. Lets a mapper that reads most elements of a segment skip the per-element checks.
   */
  slot(s: number): number {
    return this.segs[s * SEG_STRIDE];
  }

  /** Element at slot k (see slot()) as a string. */
  slotStr(k: number): string {
    return sliceText(this.text, this.elems[k << 1], this.elems[(k << 1) + 1]);
  }

  /** True when element i is present and non-empty. */
  has(s: number, i: number): boolean {
    const b = s * SEG_STRIDE;
    if (i >= this.segs[b + 1]) return false;
    if (s === 0) return this.isa.elements[i] !== '';
    const k = (this.segs[b] + i) << 1;
    return this.elems[k] < this.elems[k + 1];
  }

  /** Text offset where element i starts (segments > 0 only). */
  elementStart(s: number, i: number): number {
    return this.elems[(this.segs[s * SEG_STRIDE] + i) << 1];
  }

  /** Text offset where element i ends (segments > 0 only). */
  elementEnd(s: number, i: number): number {
    return this.elems[((this.segs[s * SEG_STRIDE] + i) << 1) + 1];
  }

  /** Text offset just past the segment (trailing blanks trimmed, terminator excluded). */
  segmentEnd(s: number): number {
    return this.segs[s * SEG_STRIDE + 3];
  }

  /** True when element i equals `value` exactly, without slicing. */
  equals(s: number, i: number, value: string): boolean {
    if (s === 0) return this.str(0, i) === value;
    const b = s * SEG_STRIDE;
    if (i >= this.segs[b + 1]) return value === '';
    const k = (this.segs[b] + i) << 1;
    const start = this.elems[k];
    const len = this.elems[k + 1] - start;
    if (len !== value.length) return false;
    const bytes = this.bytes;
    if (bytes !== undefined) {
      for (let j = 0; j < len; j++) if (bytes[start + j] !== value.charCodeAt(j)) return false;
      return true;
    }
    const text = this.text;
    for (let j = 0; j < len; j++) if (text.charCodeAt(start + j) !== value.charCodeAt(j)) return false;
    return true;
  }

  /** Offset of the first char `code` in element i (segments > 0 only), or -1 when the element has none. */
  find(s: number, i: number, code: number): number {
    const b = s * SEG_STRIDE;
    if (i >= this.segs[b + 1]) return -1;
    const k = (this.segs[b] + i) << 1;
    const end = this.elems[k + 1];
    const bytes = this.bytes;
    if (bytes !== undefined) {
      for (let p = this.elems[k]; p < end; p++) if (bytes[p] === code) return p;
      return -1;
    }
    const text = this.text;
    for (let p = this.elems[k]; p < end; p++) if (text.charCodeAt(p) === code) return p;
    return -1;
  }

  /** True when element i of segment a equals element j of segment b, without slicing. */
  same(a: number, i: number, b: number, j: number): boolean {
    if (a === 0 || b === 0) return this.str(a, i) === this.str(b, j);
    const ai = this.segs[a * SEG_STRIDE + 1] > i;
    const bj = this.segs[b * SEG_STRIDE + 1] > j;
    const as = ai ? this.elementStart(a, i) : 0;
    const al = ai ? this.elementEnd(a, i) - as : 0;
    const bs = bj ? this.elementStart(b, j) : 0;
    const bl = bj ? this.elementEnd(b, j) - bs : 0;
    if (al !== bl) return false;
    const bytes = this.bytes;
    if (bytes !== undefined) {
      for (let k = 0; k < al; k++) if (bytes[as + k] !== bytes[bs + k]) return false;
      return true;
    }
    const text = this.text;
    for (let k = 0; k < al; k++) if (text.charCodeAt(as + k) !== text.charCodeAt(bs + k)) return false;
    return true;
  }

  /**
   * Element i packed like segmentIdCode (1-3 chars), -1 otherwise: lets readers switch on short
   * codes (HL03) without slicing.
   */
  code(s: number, i: number): number {
    if (s === 0) return segmentIdCode(this.str(0, i));
    const b = s * SEG_STRIDE;
    if (i >= this.segs[b + 1]) return -1;
    const k = (this.segs[b] + i) << 1;
    const start = this.elems[k];
    const end = this.elems[k + 1];
    if (end - start === 1) return 0x2000000 | this.text.charCodeAt(start);
    return idCodeAt(this.text, start, end);
  }

  /** The segment id as a string. */
  idString(s: number): string {
    return s === 0 ? 'ISA' : this.str(s, 0);
  }

  /** Materialises segment s as a lexed Segment (for lex(), unknownSegments and the 270 reader). */
  segment(s: number): Segment {
    if (s === 0) return { id: 'ISA', elements: this.isa.elements, index: 0 };
    const start = this.elementStart(s, 0);
    const elements = this.text.slice(start, this.segmentEnd(s)).split(this.delimiters.element);
    return { id: elements[0], elements, index: s };
  }
}

function growSegs(min: number): void {
  let size = segTable.length * 2;
  while (size < min) size *= 2;
  const next = new Int32Array(size);
  next.set(segTable);
  segTable = next;
}

function growElems(min: number): void {
  let size = elemTable.length * 2;
  while (size < min) size *= 2;
  const next = new Int32Array(size);
  next.set(elemTable);
  elemTable = next;
}

/** Strict: throws INVALID_SEGMENT_ID; lenient: records a warning. */
function invalidId(text: string, pos: number, idEnd: number, index: number, strict: boolean, warnings: X12Warning[]): void {
  if (strict)
    throw new X12Error('INVALID_SEGMENT_ID', `invalid segment id ${JSON.stringify(text.slice(pos, idEnd).slice(0, 10))}`, index, 0);
  warnings.push({ code: 'INVALID_SEGMENT_ID', message: 'invalid segment id', segmentIndex: index, elementPosition: 0 });
}

/**
 * Body loop: native indexOf finds terminators and element separators (the next separator hit is
 * carried over to later segments, so the text is searched once for each). Returns the segment
 * count; segment 0 (the ISA) is filled in by the caller.
 */
function scanBody(text: string, from: number, sep: string, term: string, strict: boolean, warnings: X12Warning[]): number {
  const n = text.length;
  let pos = from;
  let index = 1;
  let slot = 0; // next free element slot
  let nextSep = -1; // offset of the next element separator at or after pos (n when none)
  while (pos < n) {
    // Tolerate CR/LF/tabs/spaces between segments; a segment never starts with a blank.
    while (pos < n && isInterSegmentSpace(text.charCodeAt(pos))) pos++;
    if (pos >= n) break;
    let end = text.indexOf(term, pos);
    if (end < 0) end = n; // last segment without a terminator (seen on IEA)
    // Trailing blanks before a terminator are padding, not data (TMHP sample).
    let last = end;
    while (last > pos && isInterSegmentSpace(text.charCodeAt(last - 1))) last--;
    if (last > pos) {
      if ((slot + last - pos + 1) * 2 > elemTable.length) growElems((slot + last - pos + 1) * 2);
      if ((index + 1) * SEG_STRIDE > segTable.length) growSegs((index + 1) * SEG_STRIDE);
      const elems = elemTable;
      const first = slot;
      let k = first << 1;
      let st = pos;
      if (nextSep < pos) {
        nextSep = text.indexOf(sep, pos);
        if (nextSep < 0) nextSep = n;
      }
      while (nextSep < last) {
        elems[k++] = st;
        elems[k++] = nextSep;
        st = nextSep + 1;
        nextSep = text.indexOf(sep, st);
        if (nextSep < 0) nextSep = n;
      }
      elems[k++] = st;
      elems[k++] = last;
      slot = k >> 1;
      const idEnd = elems[(first << 1) + 1];
      const id = idCodeAt(text, pos, idEnd);
      const segs = segTable;
      const b = index * SEG_STRIDE;
      segs[b] = first;
      segs[b + 1] = slot - first;
      segs[b + 2] = id;
      segs[b + 3] = last;
      if (!validIdCode(id)) invalidId(text, pos, idEnd, index, strict, warnings);
      index++;
    }
    pos = end + 1;
  }
  return index;
}

// Reusable one-byte copy of ASCII input: Uint8Array loads are much cheaper than charCodeAt.
let byteView = new Uint8Array(64 * 1024);
/** byteView as 32-bit words, for the word-at-a-time delimiter search. */
let wordView = new Int32Array(byteView.buffer, 0, byteView.length >> 2);
const MAX_RETAINED_BYTES = 4 * 1024 * 1024;
/** The word search maps byte k of a word to bits 8k..8k+7 (the lowest address first). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const utf8 = new TextEncoder();

/**
 * Copies the text into the reusable byte view as UTF-8 and returns it when the text from `from`
 * on is pure ASCII (every char one byte, offsets unchanged); undefined otherwise. Bytes before
 * `from` may be stale: the body loop starts at `from`.
 */
function asciiBytes(text: string, from: number): Uint8Array | undefined {
  const n = text.length;
  let view = byteView;
  if (view.length < n + 1) {
    view = new Uint8Array(Math.max(n + 1, view.length * 2));
    if (view.length <= MAX_RETAINED_BYTES) {
      byteView = view;
      wordView = new Int32Array(view.buffer, 0, view.length >> 2);
    }
  }
  // One spare byte: a non-ASCII char makes UTF-8 longer than the text, so `written` tells.
  const r = utf8.encodeInto(text, view);
  if (r.read === n && r.written === n) return view;
  // A byte-order mark (or other non-ASCII before the body) is never scanned as bytes: encode the
  // body alone, at its own offsets, so a BOM does not send the whole text to the string loop.
  if (from <= 0 || from > n) return undefined;
  const body = utf8.encodeInto(text.slice(from), view.subarray(from));
  return body.read === n - from && body.written === n - from ? view : undefined;
}

/**
 * Body loop over an ASCII copy of the text: one pass finds separators and terminators. Same
 * result as scanBody. Element slots are bounded by the segment length, checked per segment.
 */
function scanBodyBytes(
  text: string,
  b: Uint8Array,
  from: number,
  sepC: number,
  termC: number,
  strict: boolean,
  warnings: X12Warning[],
): number {
  const n = text.length;
  // The same bytes as 32-bit words (b is byteView, or a one-off copy of a very large text), and
  // the separator and terminator repeated in every byte of a word.
  const words = !LITTLE_ENDIAN ? undefined : b === byteView ? wordView : new Int32Array(b.buffer, b.byteOffset, b.length >> 2);
  const sepW = Math.imul(sepC, 0x01010101);
  const termW = Math.imul(termC, 0x01010101);
  let pos = from;
  let index = 1;
  let slot = 0;
  let elems = elemTable;
  let segs = segTable;
  while (pos < n) {
    let c = b[pos];
    while (c === 32 || c === 10 || c === 13 || c === 9 || c === 0x0b || c === 0x0c) {
      if (++pos >= n) break;
      c = b[pos];
    }
    if (pos >= n) break;
    // Room for a segment of up to 2048 elements; longer ones take the careful path below.
    if ((slot + 2050) * 2 > elems.length) {
      growElems((slot + 2050) * 2);
      elems = elemTable;
    }
    const base = slot << 1;
    const limit = base + 4096;
    let k = base;
    let st = pos;
    let p = pos;
    // Separators up to the terminator: byte by byte to a 4-byte boundary, then a word at a time.
    // Stops at the terminator (p), at the end of the text (p = n), or at a separator past the
    // element limit (p, handled below).
    search: for (;;) {
      if (words !== undefined && (p & 3) === 0 && p + 4 <= n) {
        for (; p + 4 <= n; p += 4) {
          const w = words[p >> 2];
          // High bit of byte j set when byte j is the separator / terminator. Exact for ASCII
          // bytes: (byte ^ delimiter) + 0x7f has its high bit clear only when the byte matched,
          // and never carries into the next byte.
          let ms = ~((w ^ sepW) + 0x7f7f7f7f) & 0x80808080;
          const mt = ~((w ^ termW) + 0x7f7f7f7f) & 0x80808080;
          if ((ms | mt) === 0) continue;
          const tb = mt & -mt; // first terminator in the word, 0 when none
          if (tb !== 0) ms &= tb - 1; // separators before it only
          while (ms !== 0) {
            const bit = ms & -ms;
            const q = p + ((31 - Math.clz32(bit)) >> 3);
            if (k >= limit) {
              p = q;
              break search;
            }
            elems[k++] = st;
            elems[k++] = q;
            st = q + 1;
            ms ^= bit;
          }
          if (tb !== 0) {
            p += (31 - Math.clz32(tb)) >> 3;
            break search;
          }
        }
      }
      if (p >= n) break;
      c = b[p];
      if (c === sepC) {
        if (k >= limit) break;
        elems[k++] = st;
        elems[k++] = p;
        st = p + 1;
      } else if (c === termC) break;
      p++;
    }
    if (p < n && b[p] === sepC) {
      // More than 2048 elements: finish this segment with growth checks.
      for (; p < n; p++) {
        c = b[p];
        if (c === sepC) {
          if (k + 4 > elems.length) {
            growElems(k + 4);
            elems = elemTable;
          }
          elems[k++] = st;
          elems[k++] = p;
          st = p + 1;
        } else if (c === termC) break;
      }
    }
    const end = p; // n when the last segment has no terminator (seen on IEA)
    let last = end;
    while (last > pos) {
      c = b[last - 1];
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0x0b || c === 0x0c) last--;
      else break;
    }
    if (last > pos) {
      // A blank separator (tab) inside the trimmed tail does not split: drop those elements.
      while (k > base && elems[k - 1] >= last) {
        st = elems[k - 2];
        k -= 2;
      }
      if (k + 2 > elems.length) {
        growElems(k + 2);
        elems = elemTable;
      }
      elems[k++] = st;
      elems[k++] = last;
      const first = slot;
      slot = k >> 1;
      const idEnd = elems[base + 1];
      const len = idEnd - pos;
      const id = len === 2 ? (b[pos] << 8) | b[pos + 1] : len === 3 ? 0x1000000 | (b[pos] << 16) | (b[pos + 1] << 8) | b[pos + 2] : -1;
      if ((index + 1) * SEG_STRIDE > segs.length) {
        growSegs((index + 1) * SEG_STRIDE);
        segs = segTable;
      }
      const o = index * SEG_STRIDE;
      segs[o] = first;
      segs[o + 1] = slot - first;
      segs[o + 2] = id;
      segs[o + 3] = last;
      if (!validIdCode(id)) invalidId(text, pos, idEnd, index, strict, warnings);
      index++;
    }
    pos = end + 1;
  }
  return index;
}

/**
 * Scans a whole interchange (or several) into segment/element offsets; ISA is segment 0.
 * `path` 'string' forces the string loop (tests compare it with the byte loop).
 */
export function scan(text: string, options: LexOptions = {}, path: 'auto' | 'string' = 'auto'): X12Scan {
  const isa = isaDelimiters(text, options);
  const { delimiters } = isa;
  const strict = options.strict === true;
  const warnings = isa.warnings;
  const segs = segTable;
  segs[0] = -1;
  segs[1] = isa.elements.length;
  segs[2] = 0x1495341; // ISA
  segs[3] = isa.end;
  const sepC = delimiters.element.charCodeAt(0);
  const termC = delimiters.segment.charCodeAt(0);
  // ASCII-only text (UTF-8 length = UTF-16 length) is scanned as bytes; anything else as a string.
  const bytes = path === 'auto' && sepC < 128 && termC < 128 ? asciiBytes(text, isa.end + 1) : undefined;
  const count = bytes
    ? scanBodyBytes(text, bytes, isa.end + 1, sepC, termC, strict, warnings)
    : scanBody(text, isa.end + 1, delimiters.element, delimiters.segment, strict, warnings);
  return new X12Scan(text, delimiters, isa, warnings, count, segTable, elemTable, bytes);
}

/** Splits a whole interchange (or several) into segments; ISA is segment 0. */
export function lex(text: string, options: LexOptions = {}): LexResult {
  const sc = scan(text, options);
  const segments: Segment[] = new Array<Segment>(sc.count);
  for (let s = 0; s < sc.count; s++) segments[s] = sc.segment(s);
  return { delimiters: sc.delimiters, segments, warnings: sc.warnings };
}

/** Segment ids are 2–3 upper-case letters/digits starting with a letter. */
export function isSegmentId(id: string): boolean {
  const len = id.length;
  if (len < 2 || len > 3) return false;
  for (let i = 0; i < len; i++) {
    const c = id.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    if (!(upper || (i > 0 && c >= 48 && c <= 57))) return false;
  }
  return true;
}
