// The offset scanner behind lex() and parse271: packed segment ids, element access without
// slicing, reuse of its tables between parses, and the one-entry date memos.
import * as fs from 'fs';
import * as path from 'path';
import { lex, parse271 } from './index';
import { X12Scan, scan, segmentIdCode } from './lexer';
import { isoDate } from './segments';

const CORPUS = path.resolve(__dirname, '../../..', 'test/fixtures/x12');
const read = (name: string) => fs.readFileSync(path.join(CORPUS, name), 'utf8');

describe('segmentIdCode', () => {
  it('matches the packed constants the readers switch on', () => {
    // Keep in sync with the hex literals in envelope.ts and read-271.ts.
    const expected: Record<string, number> = {
      ISA: 0x1495341,
      IEA: 0x1494541,
      GS: 0x4753,
      GE: 0x4745,
      ST: 0x5354,
      SE: 0x5345,
      BHT: 0x1424854,
      HL: 0x484c,
      EB: 0x4542,
      LS: 0x4c53,
      LE: 0x4c45,
      NM1: 0x14e4d31,
      N3: 0x4e33,
      N4: 0x4e34,
      PER: 0x1504552,
      PRV: 0x1505256,
      HSD: 0x1485344,
      REF: 0x1524546,
      DTP: 0x1445450,
      AAA: 0x1414141,
      MSG: 0x14d5347,
      III: 0x1494949,
      TRN: 0x154524e,
      DMG: 0x1444d47,
      INS: 0x1494e53,
      '22': 0x3232,
      '23': 0x3233,
      '20': 0x3230,
      '21': 0x3231,
    };
    for (const [id, code] of Object.entries(expected)) expect([id, segmentIdCode(id)]).toEqual([id, code]);
  });

  it('never confuses lengths or wide characters', () => {
    expect(segmentIdCode('')).toBe(-1);
    expect(segmentIdCode('ABCD')).toBe(-1);
    expect(segmentIdCode('S\u0154')).toBe(-1);
    expect(segmentIdCode('\u0000ST')).not.toBe(segmentIdCode('ST'));
    expect(segmentIdCode('2')).not.toBe(segmentIdCode('\u00002'));
  });
});

describe('scan', () => {
  const text =
    'ISA*00*          *00*          *ZZ*A              *ZZ*B              *260101*1200*^*00501*000000001*0*T*:~' +
    'GS*HS*A*B*20260101*1200*1*X*005010X279A1~ST*271*0001~EB*1**30^^AL***~SE*3*0001~GE*1*1~IEA*1*000000001~';

  it('records element offsets that agree with lex()', () => {
    const sc = scan(text);
    const segments = lex(text).segments;
    expect(sc.count).toBe(segments.length);
    for (let s = 0; s < sc.count; s++) {
      const seg = segments[s];
      expect(sc.idString(s)).toBe(seg.id);
      expect(sc.size(s)).toBe(seg.elements.length);
      for (let i = 0; i <= seg.elements.length + 1; i++) {
        const v = seg.elements[i] ?? '';
        expect(sc.str(s, i)).toBe(v);
        expect(sc.has(s, i)).toBe(v !== '');
        expect(sc.equals(s, i, v)).toBe(true);
      }
      expect(sc.segment(s)).toEqual(seg);
    }
  });

  it('compares elements in place', () => {
    const sc = scan(text);
    expect(sc).toBeInstanceOf(X12Scan);
    // 0 ISA, 1 GS, 2 ST, 3 EB, 4 SE, 5 GE, 6 IEA
    expect(sc.equals(2, 1, '271')).toBe(true);
    expect(sc.equals(2, 1, '27')).toBe(false);
    expect(sc.same(2, 2, 4, 2)).toBe(true); // ST02 = SE02
    expect(sc.same(2, 2, 4, 1)).toBe(false);
    expect(sc.same(6, 2, 0, 13)).toBe(true); // IEA02 = ISA13
    expect(sc.code(2, 1)).toBe(segmentIdCode('271'));
    expect(sc.code(3, 1)).toBe(segmentIdCode('1'));
    expect(sc.code(3, 2)).toBe(-1); // empty
  });

  it('gives the same results after the tables grew for a large input', () => {
    const small = read('x12edi-271-multiple-eb.x12');
    const before = JSON.stringify(parse271(small));
    const big = read('gainwell-271-batch-153-synthetic.x12');
    const batch = parse271(big);
    expect(JSON.stringify(parse271(small))).toBe(before);
    // Results are plain values: parsing something else afterwards does not change them.
    expect(JSON.stringify(batch)).toBe(JSON.stringify(parse271(big)));
  });

  it('slices EB source from the input when it already uses * ^ :', () => {
    const r = parse271(text)[0];
    expect(r.subscribers[0].benefits[0].source).toBe('EB*1**30^^AL');
    expect(r.subscribers[0].benefits[0].serviceTypeCodes).toEqual(['30', 'AL']);
  });
});

describe('byte and string scan loops', () => {
  const dump = (sc: X12Scan) => {
    const out: string[][] = [];
    for (let s = 0; s < sc.count; s++) out.push(sc.segment(s).elements.concat(String(sc.id(s))));
    return { out, warnings: sc.warnings.length };
  };
  const isa = 'ISA*00*          *00*          *ZZ*A              *ZZ*B              *260101*1200*^*00501*000000001*0*T*:~';

  it('agree on every corpus file', () => {
    for (const name of fs.readdirSync(CORPUS)) {
      const text = read(name);
      let a: unknown;
      let b: unknown;
      try {
        a = dump(scan(text));
      } catch (e) {
        a = String(e);
      }
      try {
        b = dump(scan(text, {}, 'string'));
      } catch (e) {
        b = String(e);
      }
      expect([name, a]).toEqual([name, b]);
    }
  });

  it('agree on tab separators, trailing blanks and very long segments', () => {
    const tabs = isa.replace(/\*/g, '\t') + 'GS\tHS\t\t~\n ST\t271\t\t \t~SE\t2\t0001\t\t';
    const long = isa + 'ST*271*0001~' + 'MSG' + '*X'.repeat(5000) + '~SE*3*0001~';
    const blanks = isa + '  \r\n\t ST*271*1   \r\n~ ~~\n\nSE*2*1 ';
    for (const text of [tabs, long, blanks]) {
      expect(dump(scan(text))).toEqual(dump(scan(text, {}, 'string')));
      expect(dump(scan(text, { strict: false }))).toEqual(dump(scan(text)));
    }
    expect(scan(long).size(2)).toBe(5001);
  });
});

describe('date memos', () => {
  it('do not leak a previous answer', () => {
    expect(isoDate('20240229')).toBe('2024-02-29');
    expect(isoDate('20240229')).toBe('2024-02-29');
    expect(isoDate('20230229')).toBeUndefined();
    expect(isoDate('20230228')).toBe('2023-02-28');
    expect(isoDate('00000229')).toBeUndefined(); // Date.UTC maps year 0 to 1900, not a leap year
    expect(isoDate('19000229')).toBeUndefined();
    expect(isoDate('20000229')).toBe('2000-02-29');
  });
});
