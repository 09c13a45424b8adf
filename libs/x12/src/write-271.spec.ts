import {
  X12Error,
  lex,
  parse271,
  write271,
  type BenefitSpec,
  type DateReference,
  type EligibilityBenefit,
  type EligibilityResponse,
  type MemberDetail,
  type MemberSpec,
  type Rejection,
  type Response271Spec,
} from './index';

const SPEC: Response271Spec = {
  senderId: 'EXAMPLEHP',
  receiverId: 'SUNRISEBHC',
  usageIndicator: 'T',
  createdAt: new Date(Date.UTC(2025, 5, 2, 9, 31)),
  interchangeControlNumber: '000004711',
  groupControlNumber: '4711',
  transactionSetControlNumber: '0001',
  submitterTransactionId: 'SBHC-20250602-0007',
  source: {
    name: {
      entityIdentifierCode: 'PR',
      entityTypeQualifier: '2',
      lastNameOrOrganizationName: 'EXAMPLE HEALTH PLAN',
      identificationCodeQualifier: 'PI',
      identificationCode: '99999',
    },
    contacts: [
      {
        functionCode: 'IC',
        name: 'PROVIDER SERVICES',
        communications: [
          { qualifier: 'TE', number: '8005550100' },
          { qualifier: 'UR', number: 'WWW.EXAMPLEHP.COM' },
        ],
      },
    ],
    rejections: [],
  },
  receiver: {
    name: {
      entityIdentifierCode: '1P',
      entityTypeQualifier: '2',
      lastNameOrOrganizationName: 'SUNRISE BEHAVIORAL HEALTH CENTER',
      identificationCodeQualifier: 'XX',
      identificationCode: '1234567893',
    },
    rejections: [],
  },
  subscriber: {
    traces: [
      { typeCode: '2', referenceId: 'SBHC-0007-01', originatingCompanyId: '1123456789' },
      { typeCode: '1', referenceId: 'EHP-55512', originatingCompanyId: '9999999999' },
    ],
    name: {
      entityIdentifierCode: 'IL',
      entityTypeQualifier: '1',
      lastNameOrOrganizationName: 'DOE',
      firstName: 'JANE',
      middleName: 'A',
      identificationCodeQualifier: 'MI',
      identificationCode: 'XEH123456789',
    },
    references: [{ qualifier: '6P', value: 'GRP778812', description: 'ACME CORP GOLD PPO' }],
    rejections: [],
    dateOfBirth: '1992-03-14',
    gender: 'F',
    insuredIndicator: 'Y',
    relationshipCode: '18',
    dates: [
      { qualifier: '346', start: '2025-01-01' },
      { qualifier: '291', start: '2025-01-01', end: '2025-12-31' },
    ],
    benefits: [
      {
        informationCode: '1',
        coverageLevelCode: 'FAM',
        serviceTypeCodes: ['30', 'MH', 'CF', 'CH', 'CJ', 'BB', 'A6'],
        insuranceTypeCode: 'PR',
        planCoverageDescription: 'ACME GOLD PPO',
      },
      {
        informationCode: 'C',
        coverageLevelCode: 'IND',
        serviceTypeCodes: ['30'],
        insuranceTypeCode: 'PR',
        timePeriodQualifier: '23',
        monetaryAmount: '1500',
        inPlanNetwork: 'Y',
      },
      {
        informationCode: 'C',
        coverageLevelCode: 'IND',
        serviceTypeCodes: ['30'],
        insuranceTypeCode: 'PR',
        timePeriodQualifier: '29',
        monetaryAmount: '620.50',
        inPlanNetwork: 'Y',
      },
      {
        informationCode: 'B',
        coverageLevelCode: 'IND',
        serviceTypeCodes: ['CF', 'A6'],
        insuranceTypeCode: 'PR',
        timePeriodQualifier: '27',
        monetaryAmount: '30',
        authorizationRequired: 'N',
        inPlanNetwork: 'Y',
        messages: ['COPAY NOT SUBJECT TO DEDUCTIBLE'],
      },
      {
        informationCode: 'A',
        coverageLevelCode: 'IND',
        serviceTypeCodes: ['CH', 'CJ'],
        insuranceTypeCode: 'PR',
        percent: '.2',
        authorizationRequired: 'Y',
        inPlanNetwork: 'Y',
        messages: ['INTENSIVE OUTPATIENT PROGRAM REQUIRES PRIOR AUTHORIZATION'],
        references: [{ qualifier: 'G1', value: 'PA-1' }],
        dates: [{ qualifier: '292', start: '2025-01-01', end: '2025-12-31' }],
        rejections: [{ validRequest: 'Y', reasonCode: '53', followUpAction: 'C' }],
        relatedEntities: [
          {
            name: { entityIdentifierCode: 'X3', entityTypeQualifier: '2', lastNameOrOrganizationName: 'EXAMPLE BEHAVIORAL UM SERVICES' },
            contacts: [{ functionCode: 'IC', communications: [{ qualifier: 'TE', number: '8005550199' }] }],
          },
        ],
      },
      {
        informationCode: 'A',
        coverageLevelCode: 'IND',
        serviceTypeCodes: ['BB'],
        insuranceTypeCode: 'PR',
        percent: '0.2',
        authorizationRequired: 'Y',
        inPlanNetwork: 'Y',
        deliveries: [{ quantityQualifier: 'DY', quantity: '30', timePeriodQualifier: '23' }],
      },
      {
        informationCode: 'F',
        coverageLevelCode: 'IND',
        serviceTypeCodes: ['A6'],
        timePeriodQualifier: '29',
        quantityQualifier: 'VS',
        quantity: '41',
        inPlanNetwork: 'W',
      },
      {
        informationCode: 'A',
        coverageLevelCode: 'IND',
        serviceTypeCodes: [],
        insuranceTypeCode: 'PR',
        percent: '0.2',
        authorizationRequired: 'Y',
        inPlanNetwork: 'Y',
        procedure: { qualifier: 'HC', code: 'S9480', modifiers: ['HA'] },
      },
    ],
    dependents: [
      {
        traces: [{ typeCode: '2', referenceId: 'SBHC-0007-02', originatingCompanyId: '1123456789' }],
        name: { entityIdentifierCode: '03', entityTypeQualifier: '1', lastNameOrOrganizationName: 'DOE', firstName: 'SAM' },
        references: [],
        rejections: [{ validRequest: 'Y', reasonCode: '35', followUpAction: 'N' }],
        dateOfBirth: '2015-01-31',
        gender: 'M',
        insuredIndicator: 'N',
        relationshipCode: '19',
        dates: [],
        benefits: [{ informationCode: '6', serviceTypeCodes: ['MH'] }],
      },
    ],
  },
};

// Project the parsed model back onto the writer's input shape so the comparison is exact.
const rej = (r: Rejection[]) => r.map(({ loop: _loop, ...rest }) => rest);
const dates = (d: DateReference[]) => d.map(({ raw: _raw, ...rest }) => rest);
function benefitSpec(b: EligibilityBenefit): BenefitSpec {
  const {
    deliveries,
    references,
    dates: ds,
    rejections,
    messages,
    additionalInformation: _iii,
    relatedEntities,
    source: _s,
    position: _p,
    ...eb
  } = b;
  const out: BenefitSpec = { ...eb };
  if (deliveries.length) out.deliveries = deliveries;
  if (references.length) out.references = references;
  if (ds.length) out.dates = dates(ds);
  if (rejections.length) out.rejections = rej(rejections);
  if (messages.length) out.messages = messages;
  if (relatedEntities.length) out.relatedEntities = relatedEntities.map((e) => ({ name: e.name, contacts: e.contacts }));
  return out;
}
function memberSpec(m: MemberDetail, traces: MemberSpec['traces'], benefits: EligibilityBenefit[]): MemberSpec {
  const { name, references, dates: ds, rejections, address: _a, provider: _p, ...rest } = m;
  return { traces, name: name!, references, rejections: rej(rejections), ...rest, dates: dates(ds), benefits: benefits.map(benefitSpec) };
}
function toSpec(r: EligibilityResponse): Partial<Response271Spec> {
  const s = r.subscribers[0];
  return {
    submitterTransactionId: r.submitterTransactionId,
    source: { name: r.source.name!, contacts: r.source.contacts, rejections: rej(r.source.rejections) },
    receiver: { name: r.receiver!.name!, rejections: rej(r.receiver!.rejections) },
    subscriber: {
      ...memberSpec(s.member, s.traces, s.benefits),
      dependents: s.dependents.map((d) => memberSpec(d.member, d.traces, d.benefits)),
    },
  };
}

describe('write271', () => {
  it('round-trips exactly through parse271 (strict, no warnings)', () => {
    const text = write271(SPEC);
    const [r] = parse271(text, { strict: true });
    expect(r.warnings).toEqual([]);
    expect(r.unknownSegments).toEqual([]);
    const {
      senderId: _a,
      receiverId: _b,
      usageIndicator: _c,
      createdAt: _d,
      interchangeControlNumber: _e,
      groupControlNumber: _f,
      transactionSetControlNumber: _g,
      ...content
    } = SPEC;
    expect(toSpec(r)).toEqual(content);
    expect(r.transactionSetControlNumber).toBe('0001');
    expect(r.interchangeControlNumber).toBe('000004711');
    expect(r.createdAt).toBe('2025-06-02T09:31:00');
    expect(r.subscribers[0].benefits[4].source).toBe('EB*A*IND*CH^CJ*PR****.2***Y*Y');
    expect(r.subscribers[0].benefits[7].source).toBe('EB*A*IND**PR****0.2***Y*Y*HC:S9480:HA');
    expect(r.subscribers[0].dependents[0].member.rejections[0].loop).toBe('2100D');
    expect(r.subscribers[0].benefits[4].rejections[0].loop).toBe('2110C');
  });

  it('writes a correct SE count and one line with ~ terminators', () => {
    const text = write271(SPEC);
    const { segments } = lex(text, { strict: true });
    const st = segments.findIndex((s) => s.id === 'ST');
    const se = segments.findIndex((s) => s.id === 'SE');
    expect(segments[se].elements[1]).toBe(String(se - st + 1));
    expect(text).not.toMatch(/\n/);
    expect(text.slice(0, 106).endsWith(':~')).toBe(true);
    expect(segments[1].elements[1]).toBe('HB');
  });

  it('writes rejection-only responses (AAA at source, receiver, subscriber)', () => {
    const text = write271({
      senderId: 'EXAMPLEHP',
      receiverId: 'SUNRISEBHC',
      source: {
        name: { entityIdentifierCode: 'PR', entityTypeQualifier: '2', lastNameOrOrganizationName: 'EXAMPLE HEALTH PLAN' },
        rejections: [{ validRequest: 'N', reasonCode: '42', followUpAction: 'R' }],
      },
      receiver: { name: { entityIdentifierCode: '1P', lastNameOrOrganizationName: 'SUNRISE' } },
      subscriber: {
        name: { entityIdentifierCode: 'IL', lastNameOrOrganizationName: 'DOE' },
        rejections: [{ validRequest: 'N', reasonCode: '75', followUpAction: 'C' }],
      },
    });
    const [r] = parse271(text, { strict: true });
    expect(r.source.rejections).toEqual([{ loop: '2100A', validRequest: 'N', reasonCode: '42', followUpAction: 'R' }]);
    expect(r.subscribers[0].member.rejections).toEqual([{ loop: '2100C', validRequest: 'N', reasonCode: '75', followUpAction: 'C' }]);
    expect(r.subscribers[0].benefits).toEqual([]);
  });

  it('refuses delimiters and bad dates in scenario data', () => {
    const withStar = { ...SPEC, subscriber: { ...SPEC.subscriber!, benefits: [{ informationCode: 'B', messages: ['50% *OFF*'] }] } };
    expect(() => write271(withStar)).toThrow(X12Error);
    const badDate = { ...SPEC, subscriber: { ...SPEC.subscriber!, dateOfBirth: '2025-13-01' } };
    expect(() => write271(badDate)).toThrow(expect.objectContaining({ code: 'INVALID_DATE', field: 'subscriber.dateOfBirth' }));
  });
});
