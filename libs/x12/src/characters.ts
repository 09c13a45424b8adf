// X12 character-set checks for values we write. Free text (names) is transliterated (accents
// folded, full-width letters and Ø Ł ß Æ ... spelled in the basic set) and delimiters replaced; identifiers are refused instead, because silently
// changing a member id would send a different inquiry.
import { X12Error } from './errors';

/** The delimiters this codec writes with. */
export const WRITE_DELIMITERS = { element: '*', repetition: '^', component: ':', segment: '~' } as const;
const DELIMITER_CHARS = '*^:~';

// Basic set plus the 5010 extended characters we allow (lower case is upper-cased first).
const EXTENDED_EXTRA = '%@[]_{}\\|<>#$`';
const BASIC_PUNCT = '!"&\'()*+,-./:;?= ';

function isControl(c: number): boolean {
  return c < 32 || (c >= 127 && c < 160);
}

export function isX12Char(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 97 && c <= 122)) return true;
  return BASIC_PUNCT.includes(ch) || EXTENDED_EXTRA.includes(ch);
}

export interface CheckOptions {
  field: string;
  /** Free text: upper-case, fold accents, replace delimiters with a space. */
  freeText?: boolean;
  min?: number;
  max?: number;
  /** Exact length. */
  exact?: number;
}

/** Letters NFKD does not decompose, spelled as the X12 basic set can carry them. */
const LETTER_MAP: Readonly<Record<string, string>> = {
  Ø: 'O',
  ø: 'O',
  Ł: 'L',
  ł: 'L',
  ß: 'SS',
  ẞ: 'SS',
  Æ: 'AE',
  æ: 'AE',
  Œ: 'OE',
  œ: 'OE',
  Đ: 'D',
  đ: 'D',
  Ð: 'D',
  ð: 'D',
  Þ: 'TH',
  þ: 'TH',
  Ħ: 'H',
  ħ: 'H',
  ı: 'I',
  Ŀ: 'L',
  ŀ: 'L',
  Ŋ: 'N',
  ŋ: 'N',
  Ŧ: 'T',
  ŧ: 'T',
  ĸ: 'K',
  '\u2018': "'",
  '\u2019': "'",
  '\u02BC': "'",
  '\u2010': '-',
  '\u2011': '-',
  '\u2013': '-',
  '\u2014': '-',
};

/**
 * Free text (names) as the X12 basic character set carries it: compatibility decomposition
 * (NFKD: full-width letters become ASCII, ligatures split), combining marks stripped (accents),
 * a few letters mapped (Ø Ł ß Æ Œ Đ Þ ...), upper case. What remains outside the set (other
 * scripts, symbols) is left for checkValue to refuse with the field's name.
 */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKD')) {
    if (/\p{M}/u.test(ch)) continue;
    out += LETTER_MAP[ch] ?? ch;
  }
  return out.toUpperCase();
}

/** True when a name can be written into a 270 once transliterated (letters of other scripts cannot). */
export function isTransliterable(text: string): boolean {
  for (const ch of transliterate(text)) if (!isX12Char(ch) && !DELIMITER_CHARS.includes(ch)) return false;
  return true;
}

/** Validates (and for free text, normalises) one value to be written into an element. */
export function checkValue(value: string, o: CheckOptions): string {
  let v = value;
  for (let i = 0; i < v.length; i++) {
    if (isControl(v.charCodeAt(i)))
      throw new X12Error('CONTROL_CHARACTER', `${o.field} contains a control character`, undefined, undefined, o.field);
  }
  if (o.freeText) {
    v = transliterate(v);
    let out = '';
    for (const ch of v) out += DELIMITER_CHARS.includes(ch) ? ' ' : ch;
    v = out.replace(/\s+/g, ' ').trim();
  } else {
    for (const ch of v) {
      if (DELIMITER_CHARS.includes(ch))
        throw new X12Error('DELIMITER_IN_VALUE', `${o.field} contains the delimiter ${JSON.stringify(ch)}`, undefined, undefined, o.field);
    }
  }
  for (const ch of v) {
    if (!isX12Char(ch))
      throw new X12Error(
        'INVALID_CHARACTER',
        `${o.field} contains ${JSON.stringify(ch)}, outside the X12 character set`,
        undefined,
        undefined,
        o.field,
      );
  }
  const min = o.exact ?? o.min ?? 1;
  const max = o.exact ?? o.max;
  if (v.length === 0) throw new X12Error('MISSING_FIELD', `${o.field} is required`, undefined, undefined, o.field);
  if (o.exact !== undefined && v.length !== o.exact) {
    throw new X12Error('INVALID_LENGTH', `${o.field} must be exactly ${o.exact} characters`, undefined, undefined, o.field);
  }
  if (v.length < min) throw new X12Error('FIELD_TOO_SHORT', `${o.field} must be at least ${min} characters`, undefined, undefined, o.field);
  if (max !== undefined && v.length > max)
    throw new X12Error('FIELD_TOO_LONG', `${o.field} must be at most ${max} characters`, undefined, undefined, o.field);
  return v;
}

/** Same as checkValue but an absent/empty value is allowed and returns ''. */
export function optionalValue(value: string | undefined, o: CheckOptions): string {
  if (value === undefined || value === '') return '';
  return checkValue(value, o);
}

/** Joins elements into a segment, trimming trailing empty elements. */
export function segment(id: string, ...elements: string[]): string {
  let last = elements.length - 1;
  while (last >= 0 && elements[last] === '') last--;
  let out = id;
  for (let i = 0; i <= last; i++) out += '*' + elements[i];
  return out;
}
