// Single-pass lexer: delimiters come from the ISA, then segments are cut with indexOf and split
// with String#split (both native), so there is no per-character JS loop over the body.
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
  if (text.startsWith('ISA', start) === false) {
    throw new X12Error('MISSING_ISA', 'X12 interchange must start with ISA', 0, 0);
  }
  if (text.length < start + 4) throw new X12Error('TRUNCATED_ISA', 'ISA is truncated', 0, 0);
  const element = text[start + 3];
  if (isAlnum(element) || element === ' ' || element === '\r' || element === '\n') {
    throw new X12Error('INVALID_DELIMITERS', `element separator ${JSON.stringify(element)} is not usable`, 0, 0);
  }
  let p = start + 3;
  for (let n = 1; n <= 16; n++) {
    const next = text.indexOf(element, p + (n === 1 ? 0 : 1));
    if (next < 0) throw new X12Error('TRUNCATED_ISA', `ISA has only ${n - 1} of 16 elements`, 0, n - 1);
    p = next;
  }
  // p = offset of the 16th separator; ISA16 follows, then the segment terminator.
  if (p + 2 >= text.length) throw new X12Error('TRUNCATED_ISA', 'ISA ends before ISA16 and the segment terminator', 0, 16);
  const component = text[p + 1];
  const segment = text[p + 2];
  const raw = text.slice(start, p + 2);
  const warnings: X12Warning[] = [];
  const broken = raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0;
  const elements = (broken ? raw.replace(/[\r\n]/g, '') : raw).split(element);
  if (broken) {
    if (options.strict) throw new X12Error('INVALID_ISA', 'ISA contains line breaks', 0);
    warnings.push({ code: 'ISA_LINE_BREAKS', message: 'ISA contains line breaks inside its elements', segmentIndex: 0 });
  }
  if (raw.length + 1 !== ISA_FIXED_LENGTH) {
    if (options.strict) throw new X12Error('INVALID_ISA', `ISA is ${raw.length + 1} characters, expected ${ISA_FIXED_LENGTH}`, 0);
    warnings.push({ code: 'ISA_NOT_FIXED_WIDTH', message: `ISA is ${raw.length + 1} characters, expected ${ISA_FIXED_LENGTH}`, segmentIndex: 0 });
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

/** Splits a whole interchange (or several) into segments; ISA is segment 0. */
export function lex(text: string, options: LexOptions = {}): LexResult {
  const isa = isaDelimiters(text, options);
  const { delimiters } = isa;
  const sep = delimiters.element;
  const term = delimiters.segment;
  const segments: Segment[] = [{ id: 'ISA', elements: isa.elements, index: 0 }];
  const warnings = isa.warnings;
  const n = text.length;
  let pos = isa.end + 1;
  let index = 1;
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
      const elements = text.slice(pos, last).split(sep);
      const id = elements[0];
      if (!isSegmentId(id)) {
        if (options.strict) throw new X12Error('INVALID_SEGMENT_ID', `invalid segment id ${JSON.stringify(id.slice(0, 10))}`, index, 0);
        warnings.push({ code: 'INVALID_SEGMENT_ID', message: 'invalid segment id', segmentIndex: index, elementPosition: 0 });
      }
      segments.push({ id, elements, index });
      index++;
    }
    pos = end + 1;
  }
  return { delimiters, segments, warnings };
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
