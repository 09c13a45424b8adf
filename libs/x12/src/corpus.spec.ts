// Every file of the public conformance corpus (test/fixtures, see its MANIFEST.md) is
// read here: it parses with real content asserted, or (NEGATIVE entries) fails with a known code.
import * as fs from 'fs';
import * as path from 'path';
import { X12Error, parse270, parse271, readEligibility, type EligibilityResponse, type X12ErrorCode } from './index';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const CORPUS = path.resolve(REPO_ROOT, 'test/fixtures');
const read = (dir: string, f: string) => fs.readFileSync(path.join(CORPUS, dir, f), 'utf8');

interface Summary {
  sets: number;
  subscribers: number;
  dependents: number;
  benefits: number;
  aaa: string[]; // loop:code, in document order, de-duplicated
  firstEb?: string;
}

function summarise(r: EligibilityResponse[]): Summary {
  const aaa: string[] = [];
  const ebs: string[] = [];
  let dependents = 0;
  const add = (list: { loop: string; reasonCode: string }[]) => list.forEach((a) => aaa.push(`${a.loop}:${a.reasonCode}`));
  for (const x of r) {
    add(x.source.rejections);
    if (x.receiver) add(x.receiver.rejections);
    for (const s of x.subscribers) {
      add(s.member.rejections);
      for (const b of s.benefits) {
        ebs.push(b.source);
        add(b.rejections);
      }
      for (const d of s.dependents) {
        dependents++;
        add(d.member.rejections);
        for (const b of d.benefits) {
          ebs.push(b.source);
          add(b.rejections);
        }
      }
    }
  }
  return {
    sets: r.length,
    subscribers: r.reduce((n, x) => n + x.subscribers.length, 0),
    dependents,
    benefits: ebs.length,
    aaa: [...new Set(aaa)],
    ...(ebs[0] ? { firstEb: ebs[0] } : {}),
  };
}

const IG_SUB_FIRST = 'EB*1**30**GOLD 123 PLAN';

// Expected content of each 271 in the corpus (x12 directory).
const X12_271: Record<string, Summary> = {
  'cms-hets-271-5010-full.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 58, aaa: [], firstEb: 'EB*6**30' },
  'cms-hets-271-5010-unknown-segments.x12': {
    sets: 1,
    subscribers: 1,
    dependents: 0,
    benefits: 30,
    aaa: [],
    firstEb: 'EB*1**1^33^35^47^86^88^98^AL^MH^UC',
  },
  'gainwell-271-batch-153-synthetic.x12': {
    sets: 153,
    subscribers: 153,
    dependents: 0,
    benefits: 140,
    aaa: ['2100C:71', '2100C:73', '2100C:75'],
    firstEb: 'EB*1**30^1^35^47^48^50^86^88^AL^MH*MC*TEST PLAN|A001|MEDICAID',
  },
  'imsweb-271-isa4010-st5010.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 1, aaa: [], firstEb: IG_SUB_FIRST },
  'ivans-cms-271-newline-terminated-eb-v.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 1, aaa: ['2100C:33'], firstEb: 'EB*V' },
  'linuxforhealth-271-aaa-info-receiver-50.x12': { sets: 1, subscribers: 0, dependents: 0, benefits: 0, aaa: ['2100B:50'] },
  'linuxforhealth-271-dependent-active.x12': { sets: 1, subscribers: 1, dependents: 1, benefits: 5, aaa: [], firstEb: IG_SUB_FIRST },
  'linuxforhealth-271-subscriber-active.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 5, aaa: [], firstEb: IG_SUB_FIRST },
  'oopfactory-271-4010-cms-hets-iii.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 26, aaa: [], firstEb: 'EB*1*IND**MA' },
  'oopfactory-271-4010-cms-hets-masked.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 40, aaa: [], firstEb: 'EB*1*IND**MA' },
  'oopfactory-271-4010-dependent-inactive-masked.x12': {
    sets: 1,
    subscribers: 1,
    dependents: 1,
    benefits: 2,
    aaa: [],
    firstEb: 'EB*6**30',
  },
  'oopfactory-271-4010-sc-medicaid-placeholders.x12': {
    sets: 1,
    subscribers: 1,
    dependents: 0,
    benefits: 12,
    aaa: ['2000A:RC', '2100B:RC', '2100C:RC'],
    firstEb: 'EB*6',
  },
  'oopfactory-271-4010-texas-medicaid-tmhp.x12': {
    sets: 1,
    subscribers: 1,
    dependents: 0,
    benefits: 4,
    aaa: [],
    firstEb: 'EB*1*IND*30**PLANABBVDE',
  },
  'oopfactory-271-5010-aaa-every-level-tabs.x12': {
    sets: 1,
    subscribers: 1,
    dependents: 0,
    benefits: 6,
    aaa: ['2000A:80', '2000A:79', '2100A:79', '2100A:80', '2100B:41', '2100C:42', '2110C:51', '2110C:60'],
    firstEb: IG_SUB_FIRST,
  },
  'oopfactory-271-5010-aaa42-masked.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 1, aaa: ['2100C:42'], firstEb: 'EB*P' },
  'oopfactory-271-5010-error-without-benefits.x12': {
    sets: 1,
    subscribers: 1,
    dependents: 0,
    benefits: 0,
    aaa: ['2000A:80', '2000A:79', '2100A:79', '2100A:80', '2100B:41', '2100C:42'],
  },
  'oopfactory-271-5010-ig-dependent.x12': { sets: 1, subscribers: 1, dependents: 1, benefits: 5, aaa: [], firstEb: IG_SUB_FIRST },
  'oopfactory-271-5010-ig-subscriber-caret-both-seps.x12': {
    sets: 1,
    subscribers: 1,
    dependents: 0,
    benefits: 5,
    aaa: [],
    firstEb: IG_SUB_FIRST,
  },
  'oopfactory-271-5010-validation-dependent-benefit.x12': {
    sets: 1,
    subscribers: 1,
    dependents: 1,
    benefits: 1,
    aaa: ['2110D:70'],
    firstEb: 'EB*1**30**bronze 123 plan',
  },
  'oopfactory-271-5010-validation-on-all.x12': {
    sets: 1,
    subscribers: 1,
    dependents: 1,
    benefits: 1,
    aaa: ['2000A:79', '2000A:42', '2100A:79', '2100A:80', '2100B:41', '2100C:42', '2100D:35', '2110D:52', '2110D:60'],
    firstEb: 'EB*1**30**bronze 123 plan',
  },
  'oopfactory-271-5010-validation-source-only.x12': { sets: 1, subscribers: 0, dependents: 0, benefits: 0, aaa: ['2000A:42'] },
  'oopfactory-271-5010-validation-subscriber-name.x12': {
    sets: 1,
    subscribers: 1,
    dependents: 0,
    benefits: 0,
    aaa: ['2100C:72', '2100C:75'],
  },
  'stupidedi-271-aaa-not-eligible-for-inquiries.x12': { sets: 1, subscribers: 0, dependents: 0, benefits: 0, aaa: ['2100B:50'] },
  'stupidedi-271-dependent-repsep-gt.x12': { sets: 1, subscribers: 1, dependents: 1, benefits: 5, aaa: [], firstEb: IG_SUB_FIRST },
  'stupidedi-271-subscriber-repsep-gt.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 5, aaa: [], firstEb: IG_SUB_FIRST },
  'x12edi-271-aaa72-rejected.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 0, aaa: ['2100C:72'] },
  'x12edi-271-dc-medicaid-active.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 1, aaa: [], firstEb: 'EB*1**30' },
  'x12edi-271-ls-le-wrapping-ref.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 1, aaa: [], firstEb: 'EB*1**30' },
  'x12edi-271-multiple-eb.x12': { sets: 1, subscribers: 1, dependents: 0, benefits: 2, aaa: [], firstEb: 'EB*1**30' },
};

// Expected content of each 270 (read with parse270).
const X12_270: Record<string, { sets: number; stc: string[]; memberId?: string; dependent?: string; warnings?: string[] }> = {
  'cms-hets-270-5010.x12': {
    sets: 1,
    stc: ['10', '14', '30', '42', '45', '48', '67', 'A7', 'AD', 'AE', 'AG', 'BF', 'BG'],
    memberId: '123456789A',
  },
  'imsweb-270-4010-ny-medicaid.x12': {
    sets: 1,
    stc: ['30'],
    memberId: '123456',
    warnings: ['SEGMENT_COUNT_MISMATCH', 'CONTROL_NUMBER_MISMATCH', 'CONTROL_NUMBER_MISMATCH'],
  },
  'linuxforhealth-270-dependent.x12': { sets: 1, stc: ['30'], memberId: '11122333301', dependent: 'SMITH' },
  'linuxforhealth-270-single-line.x12': { sets: 1, stc: ['30'], memberId: '11122333301' },
  'linuxforhealth-270-subscriber.x12': { sets: 1, stc: ['30'], memberId: '11122333301' },
  'oopfactory-270-4010-aetna-dependent.x12': { sets: 1, stc: ['81'], memberId: '11122233301', dependent: 'JONES' },
  'oopfactory-270-5010-gs-0x1d-terminator.x12': { sets: 1, stc: ['30'], memberId: '11122333301' },
  'stupidedi-270-dependent.x12': { sets: 1, stc: ['30'], memberId: '11122333301', dependent: 'SMITH' },
  'stupidedi-270-subscriber.x12': { sets: 1, stc: ['30'], memberId: '11122333301' },
  'x12edi-270-batch-one-bad-nm102.x12': { sets: 3, stc: ['30'], memberId: '000123454', warnings: ['INVALID_CODE'] },
  'x12edi-270-batch-two-st.x12': { sets: 2, stc: ['30'], memberId: '000123450' },
  'x12edi-270-pipe-bang-tilde-delims.x12': { sets: 1, stc: ['30'], memberId: '000123453' },
};

// NEGATIVE entries of MANIFEST.md and the X12Error code each must produce.
const NEGATIVE: Record<string, { code: X12ErrorCode; reader: 'parse271' | 'parse270'; strictOnly?: boolean; segmentIndex?: number }> = {
  // HL/NM1 before ST: segments outside a transaction set are never attributed to a loop.
  'badx12-270-malformed-st-after-hl.x12': { code: 'SEGMENT_OUTSIDE_TRANSACTION', reader: 'parse270', segmentIndex: 2 },
  // ISA split across lines: lenient mode repairs it with a warning (the issue asks for that
  // tolerance); strict mode rejects it.
  'cms-hets-271-5010-isa-broken-lines.x12': { code: 'INVALID_ISA', reader: 'parse271', strictOnly: true, segmentIndex: 0 },
};

function codeOf(fn: () => unknown): X12Error {
  try {
    fn();
  } catch (e) {
    if (e instanceof X12Error) return e;
    throw e;
  }
  throw new Error('expected an X12Error');
}

describe('corpus coverage', () => {
  it('has an expectation for every file in the corpus (and the corpus is where CI expects it)', () => {
    const files = fs.readdirSync(path.join(CORPUS, 'x12')).sort();
    expect(files.length).toBe(43);
    const known = new Set([...Object.keys(X12_271), ...Object.keys(X12_270), ...Object.keys(NEGATIVE)]);
    expect(files.filter((f) => !known.has(f))).toEqual([]);
    expect(fs.readdirSync(path.join(CORPUS, 'json')).length).toBe(9);
  });

  it('marks as NEGATIVE exactly the files MANIFEST.md names NEGATIVE', () => {
    const manifest = fs.readFileSync(path.join(CORPUS, 'MANIFEST.md'), 'utf8');
    const negatives = manifest
      .split('\n')
      .filter((l) => l.includes('NEGATIVE'))
      .map((l) => /`([^`]+\.x12)`/.exec(l)?.[1])
      .filter((f): f is string => !!f)
      .sort();
    expect(negatives).toEqual(Object.keys(NEGATIVE).sort());
  });
});

describe('corpus 271s (x12)', () => {
  it.each(Object.entries(X12_271))('%s', (file, expected) => {
    const text = read('x12', file);
    const parsed = parse271(text);
    expect(summarise(parsed)).toEqual(expected);
    // readEligibility sniffs X12 and gives the same answer.
    expect(summarise(readEligibility(text))).toEqual(expected);
    for (const r of parsed) {
      expect(r.format).toBe('x12');
      for (const s of r.subscribers)
        for (const b of [...s.benefits, ...s.dependents.flatMap((d) => d.benefits)]) {
          expect(b.source.startsWith('EB*')).toBe(true);
          expect(b.source.endsWith('*')).toBe(false);
        }
    }
  });
});

describe('corpus 270s', () => {
  it.each(Object.entries(X12_270))('%s', (file, expected) => {
    const text = read('x12', file);
    const qs = parse270(text);
    expect(qs).toHaveLength(expected.sets);
    expect(qs[0].serviceTypeCodes).toEqual(expected.stc);
    expect(qs[0].subscriber?.memberId ?? qs[0].subscriber?.name?.identificationCode).toBe(expected.memberId);
    if (expected.dependent) expect(qs[0].dependent?.name?.lastNameOrOrganizationName).toBe(expected.dependent);
    expect(qs.flatMap((q) => q.warnings.map((w) => w.code))).toEqual(expected.warnings ?? []);
    // A 270 is not an eligibility response.
    expect(codeOf(() => parse271(text)).code).toBe('NOT_271');
    expect(codeOf(() => readEligibility(text)).code).toBe('NOT_ELIGIBILITY_RESPONSE');
  });
});

describe('corpus NEGATIVE files', () => {
  it.each(Object.entries(NEGATIVE))('%s fails with its documented code', (file, neg) => {
    const text = read('x12', file);
    const run =
      neg.reader === 'parse271' ? (strict: boolean) => parse271(text, { strict }) : (strict: boolean) => parse270(text, { strict });
    const err = codeOf(() => run(true));
    expect(err.code).toBe(neg.code);
    expect(err.segmentIndex).toBe(neg.segmentIndex);
    if (neg.strictOnly) {
      const lenient = parse271(text);
      expect(lenient[0].warnings.map((w) => w.code)).toContain('ISA_LINE_BREAKS');
      // Once repaired it reads like the unbroken HETS sample.
      expect(summarise(lenient)).toEqual(X12_271['cms-hets-271-5010-full.x12']);
    } else {
      expect(codeOf(() => run(false)).code).toBe(neg.code);
    }
  });
});

describe('corpus specifics', () => {
  it('HETS full: short ISA, | component separator, BH service types, HSD, MSG with UTF-8', () => {
    const [r] = parse271(read('x12', 'cms-hets-271-5010-full.x12'));
    expect(r.warnings.map((w) => w.code)).toEqual(['ISA_NOT_FIXED_WIDTH']);
    const b = r.subscribers[0].benefits;
    const stcs = new Set(b.flatMap((x) => x.serviceTypeCodes));
    for (const code of ['A4', 'A6', 'A7', 'A8', 'AI', 'AD', 'AE']) expect(stcs.has(code)).toBe(true);
    expect(b.some((x) => x.deliveries.length > 0)).toBe(true);
    expect(b.find((x) => x.procedure)?.source).toMatch(/\*HC:/);
    expect(b.flatMap((x) => x.messages).some((m) => m.includes('\u2013'))).toBe(true);
    expect(r.subscribers[0].member.dates[0]).toEqual({
      qualifier: '307',
      start: '2014-02-01',
      end: '2014-10-31',
      raw: '20140201-20141031',
    });
  });

  it('HETS unknown segments: N2/GK kept, EB13 "|" used although ISA16 is ":"', () => {
    const [r] = parse271(read('x12', 'cms-hets-271-5010-unknown-segments.x12'));
    expect(r.unknownSegments.map((s) => s.id)).toEqual(['N2', 'GK']);
    const d = r.subscribers[0].benefits.find((x) => x.informationCode === 'D' && x.procedure);
    expect(d?.procedure).toEqual({ qualifier: 'HC', code: 'G0403', modifiers: [] });
    expect(d?.source).toBe('EB*D***MB*********HC:G0403');
  });

  it('4010 CMS HETS with III: | component separator, III segments, 2120 entities', () => {
    const [r] = parse271(read('x12', 'oopfactory-271-4010-cms-hets-iii.x12'));
    const b = r.subscribers[0].benefits;
    expect(b.find((x) => x.procedure)?.procedure).toEqual({ qualifier: 'HC', code: '90669', modifiers: [] });
    expect(b.flatMap((x) => x.additionalInformation).length).toBeGreaterThan(0);
    const cob = b.find((x) => x.informationCode === 'R');
    expect(cob?.relatedEntities[0].name.entityIdentifierCode).toBe('PRP');
    expect(cob?.references).toEqual([{ qualifier: 'IG', value: 'POLICYNUMBER' }]);
    expect(r.implementationReference).toBe('004010X092A1');
  });

  it('caret used as both repetition and component separator', () => {
    const [r] = parse271(read('x12', 'oopfactory-271-5010-ig-subscriber-caret-both-seps.x12'));
    const eb = r.subscribers[0].benefits[3];
    expect(eb.serviceTypeCodes).toEqual(['1', '33', '35', '47', '86', '88', '98', 'AL', 'MH', 'UC']);
    expect(eb.monetaryAmount).toBe('10');
    expect(eb.inPlanNetwork).toBe('Y');
    expect(r.subscribers[0].benefits[1].relatedEntities[0].name).toMatchObject({
      entityIdentifierCode: 'P3',
      lastNameOrOrganizationName: 'JONES',
    });
  });

  it('> repetition separator gives the same model as ^', () => {
    const gt = parse271(read('x12', 'stupidedi-271-subscriber-repsep-gt.x12'))[0];
    expect(gt.subscribers[0].benefits[2].serviceTypeCodes).toContain('MH');
    expect(gt.subscribers[0].benefits[2].source).toBe('EB*1**1^33^35^47^86^88^98^AL^MH^UC');
  });

  it('TMHP: CR terminator, trailing blanks, three TRN, INS, EB*R with 2120 entity address and PER', () => {
    const [r] = parse271(read('x12', 'oopfactory-271-4010-texas-medicaid-tmhp.x12'));
    const s = r.subscribers[0];
    expect(s.traces.map((t) => t.typeCode)).toEqual(['1', '2', '2']);
    expect(s.member.insuredIndicator).toBe('Y');
    expect(s.member.relationshipCode).toBe('18');
    expect(s.member.references.map((x) => x.qualifier)).toEqual(['SY', 'F6', 'Q4', 'EJ']);
    const e = s.benefits[1].relatedEntities[0];
    expect(e.address).toEqual({ line1: '123 STREET', city: 'DALLAS', state: 'TX', postalCode: '75024' });
    expect(e.contacts[0].communications).toEqual([{ qualifier: 'WP', number: '2145551212' }]);
    expect(r.implementationReference).toBe('004010X092A1');
  });

  it('tabs/indent sample: LS on the same line as NM1, PRV inside 2120', () => {
    const [r] = parse271(read('x12', 'oopfactory-271-5010-aaa-every-level-tabs.x12'));
    const e = r.subscribers[0].benefits[0].relatedEntities[0];
    expect(e.name.lastNameOrOrganizationName).toBe('COVENTRY HEALTH AND LIFE INSURANCE');
    expect(e.provider).toEqual({ providerCode: 'PE', referenceQualifier: 'PXC', reference: '207Q00000X' });
    expect(e.address?.postalCode).toBe('208177828');
  });

  it('placeholder dates are kept raw with a warning', () => {
    const [r] = parse271(read('x12', 'oopfactory-271-4010-sc-medicaid-placeholders.x12'));
    expect(r.warnings.some((w) => w.code === 'INVALID_DATE')).toBe(true);
    const dates = r.subscribers[0].benefits.flatMap((b) => b.dates);
    expect(dates).toContainEqual({ qualifier: '356', start: '', raw: 'YYYYMMDD' });
    expect(codeOf(() => parse271(read('x12', 'oopfactory-271-4010-sc-medicaid-placeholders.x12'), { strict: true })).code).toBe(
      'INVALID_DATE',
    );
  });

  it('LS/LE wrapping a REF: the REF is attributed to the benefit', () => {
    const [r] = parse271(read('x12', 'x12edi-271-ls-le-wrapping-ref.x12'));
    const b = r.subscribers[0].benefits[0];
    expect(b.references).toEqual([{ qualifier: '6P', value: 'PLAN123' }]);
    expect(b.dates).toEqual([{ qualifier: '291', start: '2026-04-12', raw: '20260412' }]);
  });

  it('gainwell batch: 153 sets, PER pairs inside 2120', () => {
    const r = parse271(read('x12', 'gainwell-271-batch-153-synthetic.x12'));
    expect(r.map((x) => x.transactionSetControlNumber).slice(0, 2)).toEqual(['0001', '0002']);
    expect(r[0].subscribers[0].benefits[0].relatedEntities[0].contacts).toEqual([
      {
        functionCode: 'IC',
        name: 'PROVIDER RELATIONS',
        communications: [
          { qualifier: 'TE', number: '8665550001' },
          { qualifier: 'EM', number: 'support001@example.test' },
        ],
      },
      { functionCode: 'IC', name: 'EDI HELPDESK', communications: [{ qualifier: 'TE', number: '8775550001' }] },
    ]);
    expect(r.every((x) => x.warnings.length === 0)).toBe(true);
  });

  it('strict mode reports wrong counts with segment index and element position', () => {
    const text = read('x12', 'linuxforhealth-271-aaa-info-receiver-50.x12');
    const err = codeOf(() => parse271(text, { strict: true }));
    expect(err.code).toBe('CONTROL_NUMBER_MISMATCH');
    expect(err.segmentIndex).toBe(9); // ISA=0, GS=1, ST=2 ... AAA=8, SE=9
    expect(err.elementPosition).toBe(2);
    const lenient = parse271(text)[0];
    expect(lenient.warnings).toEqual([expect.objectContaining({ code: 'CONTROL_NUMBER_MISMATCH', segmentIndex: 9, elementPosition: 2 })]);
  });
});

describe('corpus JSON', () => {
  const json = (f: string) => readEligibility(read('json', f));

  it('reads every JSON file', () => {
    for (const f of fs.readdirSync(path.join(CORPUS, 'json'))) expect(json(f)).toHaveLength(1);
  });

  it('Aetna active PPO: 19 benefits, synthesized EB text equals the embedded x12 EBs', () => {
    const [r] = json('stedi-sandbox-aetna-active-ppo-mh.json');
    expect(r.format).toBe('json');
    const s = r.subscribers[0];
    expect(s.benefits).toHaveLength(19);
    expect(s.member.name).toMatchObject({ lastNameOrOrganizationName: 'DOE', firstName: 'JANE', identificationCode: 'AETNA12345' });
    expect(s.member.dateOfBirth).toBe('2004-04-04');
    expect(s.member.references).toEqual([
      { qualifier: '18', value: '1122334' },
      { qualifier: '6P', value: '111222333444555', description: 'New Jersey Plan' },
    ]);
    expect(s.member.dates).toEqual([
      { qualifier: '346', start: '2024-04-01', raw: '20240401' },
      { qualifier: '472', start: '2024-09-17', raw: '20240917' },
    ]);
    expect(r.source.name).toMatchObject({ lastNameOrOrganizationName: 'AETNA INC', identificationCode: '953402799' });
    expect(r.receiver?.name?.identificationCode).toBe('1999999984');
    const mh = s.benefits.filter((b) => b.serviceTypeCodes.includes('MH'));
    expect(mh.map((b) => b.informationCode)).toEqual(['1', 'A', 'A', 'B', 'A']);
    expect(s.benefits[0].relatedEntities[0]).toMatchObject({
      name: { entityIdentifierCode: 'PR', lastNameOrOrganizationName: 'Aetna' },
      address: { city: 'El Paso' },
    });
    expect(s.benefits.find((b) => b.informationCode === 'B' && b.serviceTypeCodes.includes('MH'))?.messages).toEqual([
      'Office Visits',
      'Walk in Clinic',
      'Mental Health (outpatient)',
    ]);

    // The embedded x12 read by the X12 path gives the same EB texts (modulo ".2" vs "0.2").
    const raw = JSON.parse(read('json', 'stedi-sandbox-aetna-active-ppo-mh.json')) as { x12: string };
    const viaX12 = parse271(raw.x12)[0].subscribers[0].benefits.map((b) => b.source.replace('*.', '*0.'));
    expect(s.benefits.map((b) => b.source.replace('*.', '*0.'))).toEqual(viaX12);
  });

  it('JSON-only psychotherapy: amounts stay strings as received', () => {
    const [r] = json('stedi-json-only-psychotherapy-a6.json');
    const [, , coins, ded] = r.subscribers[0].benefits;
    expect(coins).toMatchObject({
      informationCode: 'A',
      serviceTypeCodes: ['A6'],
      percent: '0.2',
      timePeriodQualifier: '27',
      source: 'EB*A*IND*A6***27**0.2****Y',
    });
    expect(ded).toMatchObject({ informationCode: 'C', monetaryAmount: '500', source: 'EB*C*IND*A6****500*****Y' });
    expect(r.subscribers[0].member.dateOfBirth).toBe('1976-02-14');
  });

  it('UHC inactive and AAA errors map into member rejections', () => {
    const [inactive] = json('stedi-sandbox-uhc-inactive.json');
    expect(inactive.subscribers[0].benefits.map((b) => b.source)).toEqual(['EB*6**30*********W', 'EB*X***********W']);
    expect(inactive.subscribers[0].benefits[1].relatedEntities[0].name).toMatchObject({
      entityIdentifierCode: '1P',
      identificationCodeQualifier: 'XX',
      identificationCode: '0001112223',
    });
    expect(inactive.source.contacts).toEqual([
      { functionCode: 'IC', communications: [{ qualifier: 'UR', number: 'WWW.UHCPROVIDER.COM' }] },
    ]);

    const [nf] = json('stedi-sandbox-uhc-aaa75-subscriber-not-found.json');
    expect(nf.subscribers[0].member.rejections).toEqual([{ loop: '2100C', validRequest: 'N', reasonCode: '75', followUpAction: 'N' }]);
    const [down] = json('stedi-sandbox-uhc-aaa42-payer-unavailable.json');
    expect(down.subscribers[0].member.rejections).toEqual([{ loop: '2100C', validRequest: 'N', reasonCode: '42', followUpAction: 'R' }]);
    expect(down.subscribers[0].member.references).toEqual([{ qualifier: '6P', value: '666777' }]);
  });

  it('x12-only fixtures are parsed from their x12 string', () => {
    const [active] = json('stedi-fixture-active-mental-health.json');
    expect(active.format).toBe('x12');
    expect(active.subscribers[0].benefits.map((b) => b.source)).toEqual([
      'EB*1**MH**Mental Health',
      'EB*B**MH***23*25*****Y',
      'EB*A**MH****0.2****Y',
      'EB*C**MH***23*500*****Y',
    ]);
    expect(active.warnings.map((w) => w.code)).toContain('SEGMENT_COUNT_MISMATCH');

    const [carve] = json('stedi-fixture-behavioral-health-carve-out.json');
    const mh = carve.subscribers[0].benefits[1];
    expect(mh.relatedEntities[0].name).toMatchObject({
      entityIdentifierCode: 'VN',
      lastNameOrOrganizationName: 'Sandbox Behavioral Health Plan',
      identificationCode: 'SANDBOXBH',
    });
    expect(carve.warnings.map((w) => w.code)).toContain('NM1_WITHOUT_LS');

    const [inactive] = json('stedi-fixture-inactive-mental-health.json');
    expect(inactive.subscribers[0].benefits[0]).toMatchObject({ informationCode: '6', serviceTypeCodes: ['MH'] });

    const [nf] = json('stedi-fixture-member-not-found-x12-only.json');
    expect(nf.source.rejections).toEqual([{ loop: '2100A', validRequest: 'N', reasonCode: '75', followUpAction: 'C' }]);
  });
});
