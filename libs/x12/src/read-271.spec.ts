// The project's illustrative PPO 271 (an authored scenario with fictitious data, also used by the
// coverage scenarios), plus targeted reader behaviours (strict errors, loop attribution, delimiters).
import * as fs from 'fs';
import * as path from 'path';
import { X12Error, lex, parse271, readEligibility } from './index';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const ILLUSTRATIVE = path.resolve(REPO_ROOT, 'libs/coverage/test/scenarios/illustrative-ppo-section8.x12');

function section8(): string {
  return fs.readFileSync(ILLUSTRATIVE, 'utf8').trim();
}

function err(fn: () => unknown): X12Error {
  try {
    fn();
  } catch (e) {
    if (e instanceof X12Error) return e;
    throw e;
  }
  throw new Error('expected X12Error');
}

describe('§8 illustrative 271', () => {
  const text = section8();

  it('parses strictly without warnings (SE01 = 44)', () => {
    const [r] = parse271(text, { strict: true });
    expect(r.warnings).toEqual([]);
    expect(r.transactionSetControlNumber).toBe('0001');
    expect(r.interchangeControlNumber).toBe('000004711');
    expect(r.implementationReference).toBe('005010X279A1');
    expect(r.submitterTransactionId).toBe('SBHC-20250602-0007');
    expect(r.createdAt).toBe('2025-06-02T09:31:12');
  });

  it('maps source, receiver and subscriber', () => {
    const [r] = parse271(text);
    expect(r.source.name).toEqual({
      entityIdentifierCode: 'PR',
      entityTypeQualifier: '2',
      lastNameOrOrganizationName: 'EXAMPLE HEALTH PLAN',
      identificationCodeQualifier: 'PI',
      identificationCode: '99999',
    });
    expect(r.source.contacts).toEqual([
      {
        functionCode: 'IC',
        name: 'PROVIDER SERVICES',
        communications: [
          { qualifier: 'TE', number: '8005550100' },
          { qualifier: 'UR', number: 'WWW.EXAMPLEHP.COM' },
        ],
      },
    ]);
    expect(r.receiver?.name?.identificationCode).toBe('1234567893');
    const s = r.subscribers[0];
    expect(s.traces).toEqual([
      { typeCode: '2', referenceId: 'SBHC-0007-01', originatingCompanyId: '1123456789' },
      { typeCode: '1', referenceId: 'EHP-20250602-55512', originatingCompanyId: '9999999999' },
    ]);
    expect(s.member).toEqual({
      name: {
        entityIdentifierCode: 'IL',
        entityTypeQualifier: '1',
        lastNameOrOrganizationName: 'RIVERA',
        firstName: 'JORDAN',
        middleName: 'A',
        identificationCodeQualifier: 'MI',
        identificationCode: 'XEH123456789',
      },
      references: [{ qualifier: '6P', value: 'GRP778812', description: 'ACME CORP GOLD PPO' }],
      address: { line1: '100 MAIN ST', city: 'SACRAMENTO', state: 'CA', postalCode: '95814' },
      dateOfBirth: '1992-03-14',
      gender: 'F',
      dates: [
        { qualifier: '346', start: '2025-01-01', raw: '20250101' },
        { qualifier: '347', start: '2025-12-31', raw: '20251231' },
      ],
      rejections: [],
    });
    expect(s.dependents).toEqual([]);
  });

  it('maps 19 benefits with MSG, LS/LE entity, HSD and EB13', () => {
    const b = parse271(text)[0].subscribers[0].benefits;
    expect(b).toHaveLength(19);
    expect(b[0]).toMatchObject({
      informationCode: '1',
      coverageLevelCode: 'FAM',
      serviceTypeCodes: ['30', 'MH', 'AI', 'A8', 'CF', 'CH', 'CJ', 'BB', 'A6'],
      insuranceTypeCode: 'PR',
      planCoverageDescription: 'ACME GOLD PPO',
    });
    expect(b[1]).toMatchObject({
      informationCode: 'C',
      timePeriodQualifier: '23',
      monetaryAmount: '1500',
      inPlanNetwork: 'Y',
      source: 'EB*C*IND*30*PR**23*1500*****Y',
    });
    const copay = b[10];
    expect(copay).toMatchObject({
      informationCode: 'B',
      serviceTypeCodes: ['CF', 'A6'],
      timePeriodQualifier: '27',
      monetaryAmount: '30',
      authorizationRequired: 'N',
      inPlanNetwork: 'Y',
      messages: ['COPAY NOT SUBJECT TO DEDUCTIBLE'],
    });
    const limit = b[12];
    expect(limit).toMatchObject({ informationCode: 'F', quantityQualifier: 'VS', quantity: '52', inPlanNetwork: 'W' });
    const iop = b[14];
    expect(iop.source).toBe('EB*A*IND*CH^CJ*PR****0.2***Y*Y');
    expect(iop.percent).toBe('0.2');
    expect(iop.messages).toEqual(['INTENSIVE OUTPATIENT PROGRAM REQUIRES PRIOR AUTHORIZATION']);
    expect(iop.relatedEntities).toEqual([
      {
        name: { entityIdentifierCode: 'X3', entityTypeQualifier: '2', lastNameOrOrganizationName: 'EXAMPLE BEHAVIORAL UM SERVICES' },
        contacts: [{ functionCode: 'IC', communications: [{ qualifier: 'TE', number: '8005550199' }] }],
      },
    ]);
    expect(b[16].deliveries).toEqual([{ quantityQualifier: 'DY', quantity: '30', timePeriodQualifier: '23' }]);
    expect(b[18]).toMatchObject({
      serviceTypeCodes: [],
      procedure: { qualifier: 'HC', code: 'S9480', modifiers: [] },
      source: 'EB*A*IND**PR****0.2***Y*Y*HC:S9480',
    });
    expect(b[18].position).toEqual({ segmentIndex: 44 });
  });

  it('source is canonical whatever the input delimiters', () => {
    const swapped = text.replace(/\*/g, '|').replace(/\^/g, '!').replace(/:/g, '>').replace(/~/g, '\n');
    const a = parse271(text)[0].subscribers[0].benefits.map((x) => x.source);
    const c = parse271(swapped)[0].subscribers[0].benefits.map((x) => x.source);
    expect(c).toEqual(a);
    expect(lex(swapped).delimiters).toEqual({ element: '|', repetition: '!', component: '>', segment: '\n' });
  });

  it('readEligibility sniffs X12 after a BOM and whitespace', () => {
    expect(readEligibility('\uFEFF \r\n' + text)[0].subscribers[0].benefits).toHaveLength(19);
  });
});

describe('reader behaviours', () => {
  const base = section8();

  it('strict mode throws the SE segment index and element position on a wrong count', () => {
    const bad = base.replace('SE*44*0001', 'SE*45*0001');
    const e = err(() => parse271(bad, { strict: true }));
    expect(e.code).toBe('SEGMENT_COUNT_MISMATCH');
    expect(e.segmentIndex).toBe(45);
    expect(e.elementPosition).toBe(1);
    expect(parse271(bad)[0].warnings).toEqual([
      expect.objectContaining({ code: 'SEGMENT_COUNT_MISMATCH', segmentIndex: 45, elementPosition: 1 }),
    ]);
  });

  it('strict mode: GE/IEA control numbers and missing trailers', () => {
    expect(err(() => parse271(base.replace('GE*1*4711', 'GE*1*4712'), { strict: true }))).toMatchObject({
      code: 'CONTROL_NUMBER_MISMATCH',
      segmentIndex: 46,
      elementPosition: 2,
    });
    expect(err(() => parse271(base.replace('IEA*1*000004711~', ''), { strict: true }))).toMatchObject({ code: 'MISSING_IEA' });
    const noSe = base.replace('SE*44*0001~', '');
    expect(err(() => parse271(noSe, { strict: true }))).toMatchObject({ code: 'MISSING_SE' });
    expect(parse271(noSe)[0].warnings.map((w) => w.code)).toEqual(['MISSING_SE']);
  });

  it('several ST sets and several subscribers per set', () => {
    const st = base.slice(base.indexOf('ST*271'), base.indexOf('GE*'));
    const two = base.replace(st, st + st.replace(/0001/g, '0002')).replace('GE*1*', 'GE*2*');
    const r = parse271(two, { strict: true });
    expect(r.map((x) => x.transactionSetControlNumber)).toEqual(['0001', '0002']);

    const hl3 = base.slice(base.indexOf('HL*3*2*22*0'), base.indexOf('SE*'));
    const twoSubs = base.replace(hl3, hl3 + hl3.replace('HL*3*', 'HL*4*').replace('RIVERA', 'DOE')).replace('SE*44', 'SE*80');
    const [x] = parse271(twoSubs, { strict: true });
    expect(x.subscribers.map((s) => s.member.name?.lastNameOrOrganizationName)).toEqual(['RIVERA', 'DOE']);
  });

  it('a 270 is refused with NOT_271', () => {
    const e = err(() => parse271(base.replace('ST*271', 'ST*270')));
    expect(e.code).toBe('NOT_271');
    expect(e.segmentIndex).toBe(2);
  });

  it('rejects garbage with clear codes', () => {
    expect(err(() => parse271('')).code).toBe('EMPTY_INPUT');
    expect(err(() => parse271('hello')).code).toBe('MISSING_ISA');
    expect(err(() => parse271('ISA*00*          *00*')).code).toBe('TRUNCATED_ISA');
    expect(err(() => readEligibility('<xml/>')).code).toBe('NOT_ELIGIBILITY_RESPONSE');
    expect(err(() => readEligibility('{ nope')).code).toBe('INVALID_JSON');
    expect(err(() => readEligibility('{"foo":1}')).code).toBe('NOT_ELIGIBILITY_RESPONSE');
  });

  it('unknown segments are kept, HSD/MSG outside a benefit are flagged', () => {
    const odd = base.replace('DMG*D8*19920314*F~', 'DMG*D8*19920314*F~ZZZ*1*2~MSG*STRAY~').replace('SE*44', 'SE*46');
    const [r] = parse271(odd, { strict: true });
    expect(r.unknownSegments.map((s) => s.elements)).toEqual([
      ['ZZZ', '1', '2'],
      ['MSG', 'STRAY'],
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['UNEXPECTED_SEGMENT']);
  });
});
