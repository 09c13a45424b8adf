// A small table-driven checker for ASC X12 005010X279A1 270s and 271s, written for the tests
// from the implementation guide's segment order, usage (R required / S situational), repeat
// counts, element lengths and TR3 code lists (code values cross-checked against the X279A1
// machine map published with pyx12). It tokenizes the text itself from the ISA, so it shares no
// code with the codec it checks. It checks structure and codes, not business meaning.

type Usage = 'R' | 'S';
type DataType = 'AN' | 'ID' | 'DT' | 'TM' | 'N0' | 'R';
/** [position, usage, type, min length, max length, codes?, max repeats?] */
type Element = [position: number, usage: Usage, type: DataType, min: number, max: number, codes?: readonly string[], repeats?: number];
interface SegmentRule {
  id: string;
  usage: Usage;
  max: number;
  elements: Element[];
}
type Loop = SegmentRule[];

const seg = (id: string, usage: Usage, max: number, ...elements: Element[]): SegmentRule => ({ id, usage, max, elements });
const codes = (list: string): readonly string[] => list.split(' ');

// Code lists (X279A1 subsets of the X12 elements).
const STC = codes(
  '1 10 11 12 13 14 15 16 17 18 19 2 20 21 22 23 24 25 26 27 28 3 30 32 33 34 35 36 37 38 39 4 40 41 42 43 44 45 46 47 48 49 5 50 51 52 53 54 55 56 57 58 59 6 60 61 62 63 64 65 66 67 68 69 7 70 71 72 73 74 75 76 77 78 79 8 80 81 82 83 84 85 86 87 88 89 9 90 91 92 93 94 95 96 97 98 99 A0 A1 A2 A3 A4 A5 A6 A7 A8 A9 AA AB AC AD AE AF AG AH AI AJ AK AL AM AN AO AQ AR B1 B2 B3 BA BB BC BD BE BF BG BH BI BJ BK BL BM BN BP BQ BR BS BT BU BV BW BX BY BZ C1 CA CB CC CD CE CF CG CH CI CJ CK CL CM CN CO CP CQ DG DM DS GF GN GY IC MH NI ON PT PU RN RT TC TN UC',
);
const PRV01 = codes('AD AT BI CO CV H HH LA OT P1 P2 PC PE R RF SB SK SU');
const PER_QUALIFIERS = codes('ED EM EX FX TE UR WP');
const DTP_2110C_271 = codes('096 193 194 198 290 291 292 295 304 307 318 346 348 349 356 357 435 472 636 771');
const DTP_2100C_271 = codes('096 102 152 291 307 318 340 341 342 343 346 347 356 357 382 435 442 458 472 539 540 636 771');
const AAA_2100C = codes('15 35 42 43 45 47 48 49 51 52 56 57 58 60 61 62 63 71 72 73 74 75 76 78');
const AAA_2100D = codes('15 35 42 43 45 47 48 49 51 52 56 57 58 60 61 62 63 64 65 66 67 68 71 77');
const AAA_2110 = codes('15 33 52 53 54 55 56 57 60 61 62 63 69 70 98 AA AE AF AG AO CI E8 IA MA');

const NM1 = (
  entity: readonly string[],
  types: readonly string[],
  nameUsage: Usage,
  qualifiers: readonly string[] | undefined,
  idUsage: Usage | undefined,
): SegmentRule =>
  seg(
    'NM1',
    'R',
    1,
    [1, 'R', 'ID', 2, 3, entity],
    [2, 'R', 'ID', 1, 1, types],
    [3, nameUsage, 'AN', 1, 60],
    [4, 'S', 'AN', 1, 35],
    [5, 'S', 'AN', 1, 25],
    [7, 'S', 'AN', 1, 10],
    ...(qualifiers && idUsage
      ? ([
          [8, idUsage, 'ID', 1, 2, qualifiers],
          [9, idUsage, 'AN', 2, 80],
        ] as Element[])
      : []),
  );
const HL = (level: string, parent: boolean, child: readonly string[]): SegmentRule =>
  seg(
    'HL',
    'R',
    1,
    [1, 'R', 'AN', 1, 12],
    ...(parent ? ([[2, 'R', 'AN', 1, 12]] as Element[]) : []),
    [3, 'R', 'ID', 1, 2, [level]],
    [4, 'R', 'ID', 1, 1, child],
  );
const N3 = seg('N3', 'S', 1, [1, 'R', 'AN', 1, 55], [2, 'S', 'AN', 1, 55]);
const N4 = seg(
  'N4',
  'S',
  1,
  [1, 'R', 'AN', 2, 30],
  [2, 'S', 'ID', 2, 2],
  [3, 'S', 'ID', 3, 15],
  [4, 'S', 'ID', 2, 3],
  [7, 'S', 'ID', 1, 3],
);
const REF = (list: string, max = 9): SegmentRule =>
  seg('REF', 'S', max, [1, 'R', 'ID', 2, 3, codes(list)], [2, 'R', 'AN', 1, 50], [3, 'S', 'AN', 1, 80]);
const PRV = seg('PRV', 'S', 1, [1, 'R', 'ID', 1, 3, PRV01], [2, 'S', 'ID', 2, 3], [3, 'S', 'AN', 1, 50]);
const TRN = (max: number, types: string): SegmentRule =>
  seg('TRN', 'S', max, [1, 'R', 'ID', 1, 2, codes(types)], [2, 'R', 'AN', 1, 50], [3, 'R', 'AN', 10, 10], [4, 'S', 'AN', 1, 50]);
const DMG = (genders: string): SegmentRule =>
  seg('DMG', 'S', 1, [1, 'S', 'ID', 2, 3, ['D8']], [2, 'S', 'DT', 8, 8], [3, 'S', 'ID', 1, 1, codes(genders)]);
const DTP = (qualifiers: readonly string[], max: number): SegmentRule =>
  seg('DTP', 'S', max, [1, 'R', 'ID', 3, 3, qualifiers], [2, 'R', 'ID', 2, 3, ['D8', 'RD8']], [3, 'R', 'AN', 1, 35]);
const AAA = (reasons: readonly string[], followUps: string): SegmentRule =>
  seg('AAA', 'S', 9, [1, 'R', 'ID', 1, 1, ['N', 'Y']], [3, 'R', 'ID', 2, 2, reasons], [4, 'R', 'ID', 1, 1, codes(followUps)]);
const PER = seg(
  'PER',
  'S',
  3,
  [1, 'R', 'ID', 2, 2, ['IC']],
  [2, 'S', 'AN', 1, 60],
  [3, 'S', 'ID', 2, 2, PER_QUALIFIERS],
  [4, 'S', 'AN', 1, 256],
  [5, 'S', 'ID', 2, 2, PER_QUALIFIERS],
  [6, 'S', 'AN', 1, 256],
  [7, 'S', 'ID', 2, 2, PER_QUALIFIERS],
  [8, 'S', 'AN', 1, 256],
);
const INS = (indicator: string, relationships: string): SegmentRule =>
  seg('INS', 'S', 1, [1, 'R', 'ID', 1, 1, [indicator]], [2, 'R', 'ID', 2, 2, codes(relationships)]);

const ST = (type: string): SegmentRule =>
  seg('ST', 'R', 1, [1, 'R', 'ID', 3, 3, [type]], [2, 'R', 'AN', 4, 9], [3, 'R', 'AN', 1, 35, ['005010X279A1']]);
const BHT = (purposes: string, usage6: boolean): SegmentRule =>
  seg(
    'BHT',
    'R',
    1,
    [1, 'R', 'ID', 4, 4, ['0022']],
    [2, 'R', 'ID', 2, 2, codes(purposes)],
    [3, 'S', 'AN', 1, 50],
    [4, 'R', 'DT', 8, 8],
    [5, 'R', 'TM', 4, 8],
    ...(usage6 ? ([[6, 'S', 'ID', 2, 2, ['RT']]] as Element[]) : []),
  );
const SE = seg('SE', 'R', 1, [1, 'R', 'N0', 1, 10], [2, 'R', 'AN', 4, 9]);

interface Grammar {
  type: '270' | '271';
  functionalId: 'HS' | 'HB';
  loops: Record<string, Loop>;
}

const G270: Grammar = {
  type: '270',
  functionalId: 'HS',
  loops: {
    header: [ST('270'), BHT('01 13', true)],
    '2000A': [HL('20', false, ['1']), NM1(codes('2B 36 GP P5 PR'), ['1', '2'], 'R', codes('24 46 FI NI PI XV XX'), 'R')],
    '2000B': [
      HL('21', true, ['1']),
      NM1(codes('1P 2B 36 80 FA GP P5 PR'), ['1', '2'], 'R', codes('24 34 FI PI PP SV XV XX'), 'R'),
      REF('0B 1C 1D 1J 4A CT EL EO HPI JD N5 N7 Q4 SY TJ'),
      N3,
      N4,
      PRV,
    ],
    '2000C': [
      HL('22', true, ['0', '1']),
      TRN(2, '1'),
      NM1(['IL'], ['1', '2'], 'S', ['II', 'MI'], 'S'),
      REF('18 1L 1W 3H 6P CT EA EJ F6 GH HJ IG N6 NQ SY Y4'),
      N3,
      N4,
      PRV,
      DMG('F M'),
      INS('Y', '18'),
      seg('HI', 'S', 1),
      DTP(['102', '291'], 2),
    ],
    '2110C': [
      seg('EQ', 'R', 1, [1, 'S', 'ID', 1, 2, STC, 99], [3, 'S', 'ID', 3, 3, ['FAM']]),
      seg('AMT', 'S', 2, [1, 'R', 'ID', 1, 3, ['R', 'PB']], [2, 'R', 'R', 1, 18]),
      seg('III', 'S', 1, [1, 'R', 'ID', 1, 3, ['ZZ']], [2, 'R', 'AN', 1, 30]),
      REF('9F G1', 1),
      DTP(['291'], 1),
    ],
    '2000D': [
      HL('23', true, ['0']),
      TRN(2, '1'),
      NM1(['03'], ['1'], 'S', undefined, undefined),
      REF('18 1L 1W 6P CT EA EJ F6 GH HJ IF IG MRC N6 SY Y4'),
      N3,
      N4,
      PRV,
      DMG('F M'),
      INS('N', '01 19 34'),
      seg('HI', 'S', 1),
      DTP(['102', '291'], 2),
    ],
    '2110D': [
      seg('EQ', 'R', 1, [1, 'S', 'ID', 1, 2, STC, 99]),
      seg('III', 'S', 1, [1, 'R', 'ID', 1, 3, ['ZZ']], [2, 'R', 'AN', 1, 30]),
      REF('9F G1', 1),
      DTP(['291'], 1),
    ],
    trailer: [SE],
  },
};

const EB = seg(
  'EB',
  'R',
  1,
  [1, 'R', 'ID', 1, 2, codes('1 2 3 4 5 6 7 8 A B C CB D E F G H I J K L M MC N O P Q R S T U V W X Y')],
  [2, 'S', 'ID', 3, 3, codes('CHD DEP ECH EMP ESP FAM IND SPC SPO')],
  [3, 'S', 'ID', 1, 2, STC, 99],
  [
    4,
    'S',
    'ID',
    1,
    3,
    codes(
      '12 13 14 15 16 41 42 43 47 AP C1 CO CP D DB EP FF GP HM HN HS IN IP LC LD LI LT MA MB MC MH MI MP OT PE PL PP PR PS QM RP SP TF WC WU',
    ),
  ],
  [5, 'S', 'AN', 1, 50],
  [6, 'S', 'ID', 1, 2, codes('13 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 6 7')],
  [7, 'S', 'R', 1, 18],
  [8, 'S', 'R', 1, 10],
  [9, 'S', 'ID', 2, 2, codes('8H 99 CA CE D3 DB DY HS LA LE M2 MN P6 QA S7 S8 VS YY')],
  [10, 'S', 'R', 1, 15],
  [11, 'S', 'ID', 1, 1, codes('N U Y')],
  [12, 'S', 'ID', 1, 1, codes('N U W Y')],
);
const benefitLoop = (aaa: readonly string[]): Loop => [
  EB,
  seg(
    'HSD',
    'S',
    9,
    [1, 'S', 'ID', 2, 2, codes('DY FL HS MN VS')],
    [2, 'S', 'R', 1, 15],
    [3, 'S', 'ID', 2, 2, codes('DA MO VS WK YR')],
    [4, 'S', 'R', 1, 6],
    [5, 'S', 'ID', 1, 2, codes('21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 6 7')],
    [6, 'S', 'N0', 1, 3],
  ),
  REF('18 1L 1W 49 6P 9F ALS CLI F6 FO G1 IG M7 N6 NQ'),
  DTP(DTP_2110C_271, 20),
  AAA(aaa, 'C N R W X Y'),
  seg('MSG', 'S', 10, [1, 'R', 'AN', 1, 264]),
];
const G271: Grammar = {
  type: '271',
  functionalId: 'HB',
  loops: {
    header: [ST('271'), BHT('06 11', false)],
    '2000A': [
      HL('20', false, ['0', '1']),
      AAA(codes('04 41 42 79'), 'C N P R S Y'),
      NM1(codes('2B 36 GP P5 PR'), ['1', '2'], 'R', codes('24 46 FI NI PI XV XX'), 'R'),
      PER,
      seg(
        'AAA',
        'S',
        9,
        [1, 'R', 'ID', 1, 1, ['N', 'Y']],
        [3, 'R', 'ID', 2, 2, codes('04 41 42 79 80 T4')],
        [4, 'R', 'ID', 1, 1, codes('C N P R S W X Y')],
      ),
    ],
    '2000B': [
      HL('21', true, ['0', '1']),
      NM1(codes('1P 2B 36 80 FA GP P5 PR'), ['1', '2'], 'S', codes('24 34 FI PI PP SV XV XX'), 'R'),
      REF('0B 1C 1D 1J 4A CT EL EO HPI JD N5 N7 Q4 SY TJ'),
      N3,
      N4,
      AAA(codes('15 41 43 44 45 46 47 48 50 51 79 97 T4'), 'C N R S W X Y'),
      PRV,
    ],
    '2000C': [
      HL('22', true, ['0', '1']),
      TRN(3, '1 2'),
      NM1(['IL'], ['1', '2'], 'S', ['II', 'MI'], 'S'),
      REF('18 1L 1W 3H 49 6P CE CT EA EJ F6 GH HJ IF IG N6 NQ Q4 SY Y4'),
      N3,
      N4,
      AAA(AAA_2100C, 'C N R S W X Y'),
      PRV,
      DMG('F M U'),
      INS('Y', '18'),
      seg('HI', 'S', 1),
      DTP(DTP_2100C_271, 9),
      seg('MPI', 'S', 1),
    ],
    '2110C': benefitLoop(AAA_2110),
    '2000D': [
      HL('23', true, ['0']),
      TRN(3, '1 2'),
      NM1(['03'], ['1'], 'S', undefined, undefined),
      REF('18 1L 1W 49 6P CE CT EA EJ F6 GH HJ IF IG MRC N6 NQ Q4 SY Y4'),
      N3,
      N4,
      AAA(AAA_2100D, 'C N R S W X Y'),
      PRV,
      DMG('F M U'),
      INS('N', '01 19 34'),
      seg('HI', 'S', 1),
      DTP(DTP_2100C_271, 9),
      seg('MPI', 'S', 1),
    ],
    '2110D': benefitLoop(AAA_2110),
    '2115': [
      seg(
        'III',
        'R',
        1,
        [1, 'S', 'ID', 2, 3, codes('GR NI ZZ')],
        [2, 'S', 'AN', 1, 30],
        [3, 'S', 'ID', 1, 2, ['44']],
        [4, 'S', 'AN', 1, 264],
      ),
    ],
    LS: [seg('LS', 'R', 1, [1, 'R', 'AN', 1, 4, ['2120']])],
    '2120': [
      NM1(
        codes('13 1I 1P 2B 36 73 FA GP GW I3 IL LR OC P3 P4 P5 PR PRP SEP TTP VER VN VY X3 Y2'),
        ['1', '2'],
        'S',
        codes('24 34 46 FA FI II MI NI PI PP SV XV XX'),
        'S',
      ),
      N3,
      seg('N4', 'S', 1, [1, 'R', 'AN', 2, 30], [2, 'S', 'ID', 2, 2], [3, 'S', 'ID', 3, 15], [4, 'S', 'ID', 2, 3]),
      PER,
      PRV,
    ],
    LE: [seg('LE', 'R', 1, [1, 'R', 'AN', 1, 4, ['2120']])],
    trailer: [SE],
  },
};

const BASIC = /^[A-Z0-9!"&'()*+,\-./:;?= ]*$/;
const EXTENDED = /^[A-Za-z0-9!"&'()*+,\-./:;?= %@[\]_{}\\|<>#$`^~]*$/;

function validDate(s: string): boolean {
  if (!/^\d{8}$/.test(s)) return false;
  const d = new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10).replace(/-/g, '') === s;
}

function checkValue(where: string, value: string, [, , type, min, max, list]: Element, errors: string[]): void {
  if (value.length < min || value.length > max) errors.push(`${where}: length ${value.length} outside ${min}-${max}`);
  if (!EXTENDED.test(value)) errors.push(`${where}: characters outside the X12 extended set`);
  switch (type) {
    case 'ID':
      if (list && !list.includes(value)) errors.push(`${where}: ${JSON.stringify(value)} is not in the code list`);
      else if (!BASIC.test(value)) errors.push(`${where}: an identifier outside the basic set`);
      break;
    case 'DT':
      if (!validDate(value)) errors.push(`${where}: not a CCYYMMDD date`);
      break;
    case 'TM':
      if (!/^([01]\d|2[0-3])[0-5]\d(\d{2}(\d{1,2})?)?$/.test(value)) errors.push(`${where}: not an HHMM[SS[dd]] time`);
      break;
    case 'N0':
      if (!/^\d+$/.test(value)) errors.push(`${where}: not an integer`);
      break;
    case 'R':
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(value)) errors.push(`${where}: not a decimal`);
      break;
    case 'AN':
      if (list && !list.includes(value)) errors.push(`${where}: ${JSON.stringify(value)} is not allowed`);
      break;
  }
}

function luhnNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits[i];
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

interface Delims {
  element: string;
  repetition: string;
  component: string;
  segment: string;
}

/** Segments (as element arrays) of an interchange, split by the delimiters its ISA declares. */
function tokenize(text: string, errors: string[]): { segments: string[][]; delims: Delims } | undefined {
  const start = text.indexOf('ISA');
  if (start !== 0) errors.push('interchange does not start with ISA');
  const isa = text.slice(start, start + 106);
  if (isa.length < 106) {
    errors.push('ISA is shorter than 106 characters');
    return undefined;
  }
  const delims = { element: isa[3], repetition: isa[82], component: isa[104], segment: isa[105] };
  if (new Set(Object.values(delims)).size !== 4) errors.push('delimiters are not four distinct characters');
  const segments = text
    .slice(start)
    .split(delims.segment)
    .map((s) => s.replace(/^[\r\n]+/, ''))
    .filter((s) => s !== '')
    .map((s) => s.split(delims.element));
  return { segments, delims };
}

const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];

/** Every finding for one interchange; [] when it conforms. */
export function validateX279A1(text: string, type: '270' | '271'): string[] {
  const errors: string[] = [];
  const g = type === '270' ? G270 : G271;
  const tokens = tokenize(text, errors);
  if (!tokens) return errors;
  const { segments, delims } = tokens;
  const isa = segments[0];
  if (isa.length !== 17) errors.push(`ISA has ${isa.length - 1} elements, not 16`);
  ISA_WIDTHS.forEach((w, i) => {
    if ((isa[i + 1] ?? '').length !== w) errors.push(`ISA${String(i + 1).padStart(2, '0')} is not ${w} characters`);
  });
  if (isa[12] !== '00501') errors.push('ISA12 is not 00501');
  if (!['P', 'T'].includes(isa[15] ?? '')) errors.push('ISA15 is not P or T');
  if (!/^\d{9}$/.test(isa[13] ?? '')) errors.push('ISA13 is not 9 digits');
  const iea = segments[segments.length - 1];
  if (iea[0] !== 'IEA') errors.push('interchange does not end with IEA');
  else if (iea[2] !== isa[13]) errors.push('IEA02 does not match ISA13');
  const groups = segments.filter((s) => s[0] === 'GS');
  if (iea[1] !== String(groups.length)) errors.push('IEA01 is not the number of groups');

  let i = 1;
  while (i < segments.length - 1) {
    const gs = segments[i];
    if (gs[0] !== 'GS') {
      errors.push(`segment ${i}: ${gs[0]} where GS belongs`);
      return errors;
    }
    if (gs[1] !== g.functionalId) errors.push(`GS01 ${gs[1]} is not ${g.functionalId}`);
    if (gs[8] !== '005010X279A1') errors.push('GS08 is not 005010X279A1');
    if (!validDate(gs[4] ?? '')) errors.push('GS04 is not a date');
    let sets = 0;
    i++;
    while (i < segments.length && segments[i][0] === 'ST') {
      const end = segments.findIndex((s, k) => k > i && s[0] === 'SE');
      if (end < 0) {
        errors.push('ST without SE');
        return errors;
      }
      errors.push(...checkSet(segments.slice(i, end + 1), g, delims).map((e) => `set ${sets + 1}: ${e}`));
      sets++;
      i = end + 1;
    }
    const ge = segments[i];
    if (ge?.[0] !== 'GE') {
      errors.push(`segment ${i}: ${ge?.[0] ?? 'end'} where GE belongs`);
      return errors;
    }
    if (ge[1] !== String(sets)) errors.push('GE01 is not the number of transaction sets');
    if (ge[2] !== gs[6]) errors.push('GE02 does not match GS06');
    i++;
  }
  return errors;
}

function checkSet(set: string[][], g: Grammar, d: Delims): string[] {
  const errors: string[] = [];
  const st = set[0];
  const se = set[set.length - 1];
  if (se[1] !== String(set.length)) errors.push(`SE01 ${se[1]} but the set has ${set.length} segments`);
  if (se[2] !== st[2]) errors.push('SE02 does not match ST02');

  let loopName = 'header';
  let position = -1;
  let counts = new Map<SegmentRule, number>();
  let level = '';
  let in2120 = false;
  const hl: { id: string; level: string; parent?: string; child: string }[] = [];
  const close = (): void => {
    for (const rule of g.loops[loopName])
      if (rule.usage === 'R' && !counts.get(rule)) errors.push(`loop ${loopName}: required ${rule.id} missing`);
  };
  const open = (name: string): void => {
    close();
    loopName = name;
    position = -1;
    counts = new Map();
  };

  set.forEach((s, n) => {
    const id = s[0];
    const where = `${id} (segment ${n + 1})`;
    // Loop boundaries.
    if (id === 'HL') {
      const code = s[3];
      const name = { '20': '2000A', '21': '2000B', '22': '2000C', '23': '2000D' }[code ?? ''];
      if (!name) return void errors.push(`${where}: HL03 ${code ?? ''} is not a level of this transaction`);
      level = name.slice(-1);
      in2120 = false;
      hl.push({ id: s[1] ?? '', level: code ?? '', parent: s[2] || undefined, child: s[4] ?? '' });
      open(name);
    } else if (id === 'SE') open('trailer');
    else if (id === 'EQ' && g.type === '270') open(level === 'D' ? '2110D' : '2110C');
    else if (id === 'EB') {
      in2120 = false;
      open(level === 'D' ? '2110D' : '2110C');
    } else if (g.type === '271' && id === 'III') open('2115');
    else if (g.type === '271' && id === 'LS') {
      in2120 = true;
      open('LS');
    } else if (g.type === '271' && id === 'LE') {
      in2120 = false;
      open('LE');
    } else if (g.type === '271' && in2120 && id === 'NM1') open('2120');

    const rules = g.loops[loopName];
    const index = rules.findIndex((r, k) => k > position - 1 && r.id === id && (counts.get(r) ?? 0) < r.max);
    const anywhere = rules.findIndex((r) => r.id === id);
    if (anywhere < 0) return void errors.push(`${where}: not allowed in loop ${loopName}`);
    if (index < 0) return void errors.push(`${where}: out of order or repeated too often in loop ${loopName}`);
    const rule = rules[index];
    position = index;
    counts.set(rule, (counts.get(rule) ?? 0) + 1);
    // Elements.
    for (const el of rule.elements) {
      const [pos, usage, , , , , repeats] = el;
      const raw = s[pos] ?? '';
      const label = `${id}${String(pos).padStart(2, '0')}`;
      if (raw === '') {
        if (usage === 'R') errors.push(`${where}: required ${label} is empty`);
        continue;
      }
      const values = repeats ? raw.split(d.repetition) : [raw];
      if (repeats && values.length > repeats) errors.push(`${where}: ${label} repeats ${values.length} times (max ${repeats})`);
      for (const v of values) checkValue(`${where} ${label}`, v, el, errors);
    }
    const known = new Set(rule.elements.map((e) => e[0]));
    // Elements the guide marks not used must be empty (composites are not checked further).
    const composites = new Set(id === 'EB' ? [13, 14] : id === 'EQ' ? [2, 5] : id === 'HI' ? [1, 2, 3, 4, 5, 6, 7, 8] : []);
    for (let k = 1; k < s.length; k++)
      if (s[k] !== '' && !known.has(k) && !composites.has(k) && rule.elements.length > 0)
        errors.push(`${where}: ${id}${String(k).padStart(2, '0')} is not used in X279A1`);
    if (id === 'NM1' && s[8] === 'XX' && !luhnNpi(s[9] ?? '')) errors.push(`${where}: NM109 is not a valid NPI`);
    if (id === 'DTP') {
      const format = s[2];
      const value = s[3] ?? '';
      const ok =
        format === 'D8'
          ? validDate(value)
          : /^\d{8}-\d{8}$/.test(value) && validDate(value.slice(0, 8)) && validDate(value.slice(9)) && value.slice(0, 8) <= value.slice(9);
      if (!ok) errors.push(`${where}: DTP03 does not match DTP02 ${format ?? ''}`);
    }
    if (id === 'EQ' && !s[1] && !s[2]) errors.push(`${where}: EQ01 or EQ02 is required`);
  });
  close();

  // HL hierarchy: ids unique, parents are the level above, HL04 says whether children follow.
  const parentLevel: Record<string, string> = { '21': '20', '22': '21', '23': '22' };
  hl.forEach((h, k) => {
    if (hl.findIndex((x) => x.id === h.id) !== k) errors.push(`HL01 ${h.id} is not unique`);
    const want = parentLevel[h.level];
    if (want && !hl.slice(0, k).some((p) => p.id === h.parent && p.level === want))
      errors.push(`HL ${h.id}: HL02 ${h.parent ?? ''} is not a preceding level ${want}`);
    const hasChild = hl.slice(k + 1).some((c) => c.parent === h.id);
    if ((h.child === '1') !== hasChild) errors.push(`HL ${h.id}: HL04 ${h.child} but ${hasChild ? 'a child follows' : 'no child follows'}`);
  });
  return errors;
}
