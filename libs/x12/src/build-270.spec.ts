import { X12Error, build270, isTransliterable, lex, parse270, validateNpi, type EligibilityInquiry, type X12ErrorCode } from './index';

const AT = new Date(Date.UTC(2025, 5, 2, 9, 31, 0));

function inquiry(over: Partial<EligibilityInquiry> = {}): EligibilityInquiry {
  return {
    payer: { name: 'Example Health Plan', payerId: '99999' },
    provider: { npi: '1234567893', organizationName: 'Sunrise Behavioral Health Center' },
    subscriber: {
      memberId: 'XEH123456789',
      firstName: 'Jane',
      lastName: 'Doe',
      middleName: 'A',
      dateOfBirth: '1992-03-14',
      gender: 'F',
      groupNumber: 'GRP778812',
    },
    serviceTypeCodes: ['MH'],
    dateOfService: '2025-06-02',
    traceNumber: 'SBHC-0007-01',
    traceOriginatorId: '1123456789',
    createdAt: AT,
    interchangeControlNumber: '000004711',
    groupControlNumber: '4711',
    transactionSetControlNumber: '0001',
    ...over,
  };
}

function code(fn: () => unknown): X12ErrorCode {
  try {
    fn();
  } catch (e) {
    if (e instanceof X12Error) return e.code;
    throw e;
  }
  throw new Error('expected X12Error');
}

describe('build270', () => {
  it('writes the expected 005010X279A1 interchange', () => {
    const text = build270(inquiry());
    expect(text).not.toMatch(/[\r\n]/);
    expect(text.split('~').slice(0, -1)).toEqual([
      'ISA*00*          *00*          *ZZ*1234567893     *ZZ*99999          *250602*0931*^*00501*000004711*0*P*:',
      'GS*HS*1234567893*99999*20250602*0931*4711*X*005010X279A1',
      'ST*270*0001*005010X279A1',
      'BHT*0022*13*SBHC-0007-01*20250602*0931',
      'HL*1**20*1',
      'NM1*PR*2*EXAMPLE HEALTH PLAN*****PI*99999',
      'HL*2*1*21*1',
      'NM1*1P*2*SUNRISE BEHAVIORAL HEALTH CENTER*****XX*1234567893',
      'HL*3*2*22*0',
      'TRN*1*SBHC-0007-01*1123456789',
      'NM1*IL*1*DOE*JANE*A***MI*XEH123456789',
      'REF*6P*GRP778812',
      'DMG*D8*19920314*F',
      'DTP*291*D8*20250602',
      'EQ*MH',
      'SE*14*0001',
      'GE*1*4711',
      'IEA*1*000004711',
    ]);
    expect(text.indexOf('~')).toBe(105); // fixed-width ISA: 106 characters with its terminator
    expect(text.endsWith('~')).toBe(true);
  });

  it('parses back strictly (round trip through the 270 reader)', () => {
    const text = build270(inquiry({ serviceTypeCodes: ['MH', 'CF', 'A6'], procedure: { qualifier: 'HC', code: 'S9480', modifiers: [] } }));
    const [q] = parse270(text, { strict: true });
    expect(q.warnings).toEqual([]);
    expect(q.payer).toMatchObject({ lastNameOrOrganizationName: 'EXAMPLE HEALTH PLAN', identificationCode: '99999' });
    expect(q.provider).toMatchObject({ identificationCodeQualifier: 'XX', identificationCode: '1234567893' });
    expect(q.subscriber).toEqual({
      name: {
        entityIdentifierCode: 'IL',
        entityTypeQualifier: '1',
        lastNameOrOrganizationName: 'DOE',
        firstName: 'JANE',
        middleName: 'A',
        identificationCodeQualifier: 'MI',
        identificationCode: 'XEH123456789',
      },
      memberId: 'XEH123456789',
      groupNumber: 'GRP778812',
      dateOfBirth: '1992-03-14',
      gender: 'F',
    });
    expect(q.serviceTypeCodes).toEqual(['MH', 'CF', 'A6']);
    expect(q.procedures).toEqual([{ qualifier: 'HC', code: 'S9480', modifiers: [] }]);
    expect(q.traces).toEqual([{ typeCode: '1', referenceId: 'SBHC-0007-01', originatingCompanyId: '1123456789' }]);
    expect(q.dateOfService).toBe('2025-06-02');
    expect(q.interchangeControlNumber).toBe('000004711');
    expect(lex(text).delimiters).toEqual({ element: '*', repetition: '^', component: ':', segment: '~' });
  });

  it('puts TRN, DTP and EQ in the dependent loop when the patient is a dependent', () => {
    const text = build270(inquiry({ dependent: { firstName: 'Sam', lastName: 'Doe', dateOfBirth: '2015-01-31', gender: 'M' } }));
    const ids = lex(text).segments.map((s) => s.id + (s.id === 'HL' ? s.elements[3] : ''));
    expect(ids.slice(8)).toEqual(['HL22', 'NM1', 'REF', 'DMG', 'HL23', 'TRN', 'NM1', 'DMG', 'DTP', 'EQ', 'SE', 'GE', 'IEA']);
    const [q] = parse270(text, { strict: true });
    expect(q.dependent).toMatchObject({
      name: { entityIdentifierCode: '03', lastNameOrOrganizationName: 'DOE', firstName: 'SAM' },
      dateOfBirth: '2015-01-31',
      gender: 'M',
    });
    expect(text).toContain('HL*3*2*22*1~');
  });

  it('generates control numbers when absent', () => {
    const text = build270(
      inquiry({
        interchangeControlNumber: undefined,
        groupControlNumber: undefined,
        transactionSetControlNumber: undefined,
        createdAt: undefined,
      }),
    );
    const { segments } = lex(text, { strict: true });
    expect(segments[0].elements[13]).toMatch(/^\d{9}$/);
    expect(segments[1].elements[6]).toMatch(/^\d{1,9}$/);
    expect(segments[2].elements[2]).toMatch(/^\d{4,9}$/);
    expect(parse270(text, { strict: true })).toHaveLength(1);
  });

  it('folds accents, upper-cases names and replaces delimiters in free text', () => {
    const text = build270(inquiry({ subscriber: { ...inquiry().subscriber, lastName: "O'Brien-Núñez", firstName: 'Ana*Maria~' } }));
    expect(text).toContain("NM1*IL*1*O'BRIEN-NUNEZ*ANA MARIA*A***MI*XEH123456789~");
  });

  it.each([
    ['Søren', 'SOREN'],
    ['Łucja', 'LUCJA'],
    ['Weiß', 'WEISS'],
    ['Ærø', 'AERO'],
    ['Œdipa', 'OEDIPA'],
    ['Đurđa', 'DURDA'],
    ['Þóra', 'THORA'],
    ['Ｊａｎｅ', 'JANE'],
    ['Zoe\u0308', 'ZOE'],
    ['O’Neil', "O'NEIL"],
  ])('transliterates %s to %s for the 270', (name, written) => {
    const text = build270(inquiry({ subscriber: { ...inquiry().subscriber, firstName: name } }));
    expect(text).toContain(`NM1*IL*1*DOE*${written}*`);
    expect(parse270(text, { strict: true })).toHaveLength(1);
  });

  it('refuses a name it cannot carry at all, naming the field', () => {
    expect(isTransliterable('王')).toBe(false);
    expect(isTransliterable('Ｊａｎｅ Ø’Łé')).toBe(true);
    let error: unknown;
    try {
      build270(inquiry({ subscriber: { ...inquiry().subscriber, lastName: '王' } }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(X12Error);
    expect((error as X12Error).code).toBe('INVALID_CHARACTER');
    expect((error as X12Error).field).toBe('subscriber.lastName');
  });

  it.each<[string, Partial<EligibilityInquiry>, X12ErrorCode]>([
    ['invalid NPI check digit', { provider: { npi: '1234567890', organizationName: 'X' } }, 'INVALID_NPI'],
    ['NPI not 10 digits', { provider: { npi: '12345', organizationName: 'X' } }, 'INVALID_NPI'],
    ['provider without a name', { provider: { npi: '1234567893' } }, 'MISSING_FIELD'],
    ['last name over 60', { subscriber: { ...inquiry().subscriber, lastName: 'A'.repeat(61) } }, 'FIELD_TOO_LONG'],
    ['first name over 35', { subscriber: { ...inquiry().subscriber, firstName: 'B'.repeat(36) } }, 'FIELD_TOO_LONG'],
    ['member id shorter than 2', { subscriber: { ...inquiry().subscriber, memberId: 'X' } }, 'FIELD_TOO_SHORT'],
    ['member id over 80', { subscriber: { ...inquiry().subscriber, memberId: 'X'.repeat(81) } }, 'FIELD_TOO_LONG'],
    ['member id with a delimiter', { subscriber: { ...inquiry().subscriber, memberId: 'AB*12' } }, 'DELIMITER_IN_VALUE'],
    ['control character', { subscriber: { ...inquiry().subscriber, lastName: 'DOE\u0007' } }, 'CONTROL_CHARACTER'],
    ['newline in a name', { subscriber: { ...inquiry().subscriber, firstName: 'JA\nNE' } }, 'CONTROL_CHARACTER'],
    ['character outside the X12 set', { subscriber: { ...inquiry().subscriber, lastName: 'DOE€' } }, 'INVALID_CHARACTER'],
    ['empty last name', { subscriber: { ...inquiry().subscriber, lastName: '' } }, 'MISSING_FIELD'],
    ['trace over 50', { traceNumber: 'T'.repeat(51) }, 'FIELD_TOO_LONG'],
    ['TRN03 not 10', { traceOriginatorId: '123456789' }, 'INVALID_LENGTH'],
    ['impossible birth date', { subscriber: { ...inquiry().subscriber, dateOfBirth: '1992-02-30' } }, 'INVALID_DATE'],
    ['bad date of service', { dateOfService: '06/02/2025' }, 'INVALID_DATE'],
    ['gender not M/F', { subscriber: { ...inquiry().subscriber, gender: 'X' as 'M' } }, 'INVALID_CODE'],
    ['no service type', { serviceTypeCodes: [] }, 'MISSING_FIELD'],
    ['lower-case service type', { serviceTypeCodes: ['mh'] }, 'INVALID_SERVICE_TYPE'],
    ['more than 99 service types', { serviceTypeCodes: Array.from({ length: 100 }, () => '30') }, 'FIELD_TOO_LONG'],
    ['ISA13 not 9 digits', { interchangeControlNumber: '12345' }, 'INVALID_CONTROL_NUMBER'],
    ['ST02 not numeric', { transactionSetControlNumber: 'ABCD' }, 'INVALID_CONTROL_NUMBER'],
    ['payer id too short', { payer: { name: 'P', payerId: '9' } }, 'FIELD_TOO_SHORT'],
    ['payer name over 60', { payer: { name: 'P'.repeat(61), payerId: '99999' } }, 'FIELD_TOO_LONG'],
    ['submitter id over 15', { submitterId: 'S'.repeat(16) }, 'FIELD_TOO_LONG'],
  ])('refuses %s', (_name, over, expected) => {
    expect(code(() => build270(inquiry(over)))).toBe(expected);
  });

  it('names the offending field', () => {
    try {
      build270(inquiry({ traceOriginatorId: 'short' }));
    } catch (e) {
      expect(e).toBeInstanceOf(X12Error);
      expect((e as X12Error).field).toBe('traceOriginatorId');
    }
    expect.assertions(2);
  });
});

describe('validateNpi', () => {
  it.each([
    ['1234567893', true],
    ['1999999984', true],
    ['1942484381', true],
    ['1234567890', false],
    ['123456789', false],
    ['12345678931', false],
    ['123456789A', false],
  ])('%s -> %s', (npi, ok) => {
    expect(validateNpi(npi)).toBe(ok);
  });
});
