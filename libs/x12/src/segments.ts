// Segment -> model mappers used by the 270 reader (the 271 reader has offset-based twins in
// read-271.ts), plus the date helpers shared by all readers and writers. Optional fields are only
// set when the element is non-empty, so a parsed model compares equal to the spec it came from.
import { el } from './envelope';
import type { DateReference, Delimiters, EntityName, ProcedureIdentifier, Segment, Trace } from './model';

/** Assigns obj[key] = value only when value is a non-empty string. */
export function put<T>(obj: T, key: keyof T, value: string): void {
  if (value !== '') obj[key] = value as T[keyof T];
}

export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Days in month m (1-12) of year y, with Date.UTC's mapping of years 0-99 to 1900-1999. */
function daysInMonth(y: number, m: number): number {
  if (m === 2) {
    const year = y <= 99 ? y + 1900 : y;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Two-entry memo: dates repeat within an interchange (BHT04, plan dates) but alternate with
// per-member ones (DMG02), and a string compare is cheaper than re-validating and re-slicing.
let memoA = '';
let isoA: string | undefined;
let memoB = '';
let isoB: string | undefined;

/** CCYYMMDD -> YYYY-MM-DD, or undefined when it is not a real calendar date. */
export function isoDate(d8: string): string | undefined {
  if (d8 === memoA) return isoA;
  if (d8 === memoB) return isoB;
  const iso = computeIsoDate(d8);
  memoB = memoA;
  isoB = isoA;
  memoA = d8;
  isoA = iso;
  return iso;
}

/**
 * isoDate without the memo, for a date that does not repeat from answer to answer (DMG02, the
 * member's date of birth): the memo would never hit, cost two string compares, and push out the
 * dates that do repeat.
 */
export function computeIsoDate(d8: string): string | undefined {
  if (d8.length !== 8 || !isDigits(d8)) return undefined;
  const c0 = d8.charCodeAt(0);
  const c1 = d8.charCodeAt(1);
  const c2 = d8.charCodeAt(2);
  const c3 = d8.charCodeAt(3);
  const c4 = d8.charCodeAt(4);
  const c5 = d8.charCodeAt(5);
  const c6 = d8.charCodeAt(6);
  const c7 = d8.charCodeAt(7);
  const y = (c0 - 48) * 1000 + (c1 - 48) * 100 + (c2 - 48) * 10 + (c3 - 48);
  const m = (c4 - 48) * 10 + (c5 - 48);
  const d = (c6 - 48) * 10 + (c7 - 48);
  if (m < 1 || m > 12 || d < 1) return undefined;
  if (d > daysInMonth(y, m)) return undefined;
  return String.fromCharCode(c0, c1, c2, c3, 45, c4, c5, 45, c6, c7); // one allocation
}

/** YYYY-MM-DD -> CCYYMMDD (the inverse of isoDate); undefined when invalid. */
export function d8(iso: string): string | undefined {
  if (iso.length !== 10 || iso[4] !== '-' || iso[7] !== '-') return undefined;
  const raw = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  return isoDate(raw) ? raw : undefined;
}

export function entityName(seg: Segment): EntityName {
  const n: EntityName = { entityIdentifierCode: el(seg, 1) };
  if (el(seg, 2)) n.entityTypeQualifier = el(seg, 2);
  if (el(seg, 3)) n.lastNameOrOrganizationName = el(seg, 3);
  if (el(seg, 4)) n.firstName = el(seg, 4);
  if (el(seg, 5)) n.middleName = el(seg, 5);
  if (el(seg, 7)) n.suffix = el(seg, 7);
  if (el(seg, 8)) n.identificationCodeQualifier = el(seg, 8);
  if (el(seg, 9)) n.identificationCode = el(seg, 9);
  return n;
}

export function trace(seg: Segment): Trace {
  const t: Trace = { typeCode: el(seg, 1), referenceId: el(seg, 2) };
  if (el(seg, 3)) t.originatingCompanyId = el(seg, 3);
  if (el(seg, 4)) t.supplementalId = el(seg, 4);
  return t;
}

/** Splits a composite element (EB13, EQ02) on the component separator. */
export function procedure(value: string, component: string): ProcedureIdentifier | undefined {
  if (value === '') return undefined;
  const parts = value.split(component);
  const modifiers: string[] = [];
  for (let i = 2; i < 6 && i < parts.length; i++) if (parts[i] !== '') modifiers.push(parts[i]);
  return { qualifier: parts[0] ?? '', code: parts[1] ?? '', modifiers };
}

/** Splits a repeating element; with no repetition separator (4010) the value is one repeat. */
export function repeats(value: string, d: Delimiters): string[] {
  if (value === '') return [];
  if (d.repetition === '') return [value];
  return value.split(d.repetition).filter((v) => v !== '');
}

/** DTP -> DateReference; returns undefined (caller warns) when DTP03 is not a valid D8/RD8. */
export function dateReference(seg: Segment): DateReference | undefined {
  const qualifier = el(seg, 1);
  const format = el(seg, 2);
  const raw = el(seg, 3);
  if (format === 'RD8' || (format === '' && raw.length === 17)) {
    const dash = raw.indexOf('-');
    const start = isoDate(raw.slice(0, dash));
    const end = isoDate(raw.slice(dash + 1));
    if (dash !== 8 || !start || !end) return undefined;
    return { qualifier, start, end, raw };
  }
  if (format === 'DT' && raw.length >= 8) {
    const start = isoDate(raw.slice(0, 8));
    return start ? { qualifier, start, raw } : undefined;
  }
  const start = isoDate(raw);
  return start ? { qualifier, start, raw } : undefined;
}
