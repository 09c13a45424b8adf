import type { BenefitSpec } from '@bvs/x12';
import { accumulator, activePlan, coinsurance, explicitBehavioralHealth } from './benefit-templates';
import type { SandboxMember } from './scenario';

// The sandbox's synthetic members (docs/sandbox.md). Checks outside the project rely on these
// names, ids and figures: add members rather than change them, and keep docs/sandbox.md in step.

const AETNA = '60054';
const ANTHEM = '47198';
const CARELON = 'CBH01';
const UMR = '39026';

/** JANE DOE's figures, exactly as docs/sandbox.md states them. */
const aetnaStandardPpo = (): BenefitSpec[] => [
  activePlan('AETNA CHOICE POS II'),
  ...explicitBehavioralHealth({
    deductibleIn: ['1500.00', '250.00'],
    outOfPocketIn: ['5000.00', '3380.00'],
    deductibleOut: '3000.00',
    iopPhpPercentIn: '.2',
    percentOut: '.4',
    opCopay: '30.00',
    phpDays: '30',
  }),
];

const member = (fields: Omit<SandboxMember, 'gender' | 'behavior' | 'coverageDates'> & Partial<SandboxMember>): SandboxMember => ({
  gender: 'F',
  behavior: { kind: 'answer' },
  coverageDates: { start: '2026-01-01' },
  ...fields,
});

const carvedOutTo = (name: string, entityCode: string, id: string, phone: string): BenefitSpec => ({
  informationCode: '1',
  coverageLevelCode: 'IND',
  serviceTypeCodes: ['MH', 'A4', 'CH', 'CJ', 'BB', 'CF', 'A6'],
  messages: [`BEHAVIORAL HEALTH ADMINISTERED BY ${name}`],
  relatedEntities: [
    {
      name: {
        entityIdentifierCode: entityCode,
        entityTypeQualifier: '2',
        lastNameOrOrganizationName: name,
        identificationCodeQualifier: 'PI',
        identificationCode: id,
      },
      contacts: [{ functionCode: 'IC', communications: [{ qualifier: 'TE', number: phone }] }],
    },
  ],
});

const medicalPlanOnly = (planName: string): BenefitSpec[] => [
  activePlan(planName, 'PR', ['30']),
  ...accumulator('deductible', 'Y', '2000.00', '2000.00'),
  ...accumulator('outOfPocket', 'Y', '6000.00', '5400.00'),
];

const explicitPlan = (planName: string, iopAuth: 'Y' | 'N' | 'U' = 'Y'): BenefitSpec[] => [
  activePlan(planName),
  ...explicitBehavioralHealth({
    deductibleIn: ['1000.00', '400.00'],
    outOfPocketIn: ['4000.00', '2750.00'],
    deductibleOut: '2500.00',
    iopPhpPercentIn: '.1',
    percentOut: '.3',
    opCopay: '25.00',
    phpDays: '30',
    iopAuth,
  }),
];

export const SANDBOX_MEMBERS: readonly (SandboxMember & { payerId: string })[] = [
  {
    payerId: AETNA,
    ...member({
      payerKey: 'aetna',
      payerName: 'AETNA',
      memberId: 'W100000001',
      firstName: 'JANE',
      lastName: 'DOE',
      dateOfBirth: '1990-04-12',
      groupReference: { qualifier: '6P', value: 'GRP100001', description: 'SUNSHINE STAFFING' },
      benefits: aetnaStandardPpo(),
    }),
  },
  {
    payerId: AETNA,
    ...member({
      payerKey: 'aetna',
      payerName: 'AETNA',
      memberId: 'W100000002',
      firstName: 'JOHN',
      lastName: 'ROE',
      dateOfBirth: '1985-01-30',
      gender: 'M',
      coverageDates: { start: '2024-01-01', end: '2025-12-31' },
      benefits: [{ informationCode: '6', coverageLevelCode: 'IND', serviceTypeCodes: ['30'] }],
    }),
  },
  {
    payerId: AETNA,
    ...member({
      payerKey: 'aetna',
      payerName: 'AETNA',
      memberId: 'W100000099',
      firstName: 'ALEX',
      lastName: 'NOBODY',
      dateOfBirth: '1970-01-01',
      gender: 'M',
      rejection: { reasonCode: '75', followUpAction: 'C' },
      benefits: [],
    }),
  },
  {
    payerId: AETNA,
    ...member({
      payerKey: 'aetna',
      payerName: 'AETNA',
      memberId: 'W100000042',
      firstName: 'RETRY',
      lastName: 'LATER',
      dateOfBirth: '1980-01-01',
      behavior: { kind: 'unavailable_then_answer', times: 2 },
      benefits: aetnaStandardPpo(),
    }),
  },
  // Coverage that ends between the first verification and the re-check before the start
  // (docs/batches-and-rechecks.md): active PPO like JANE DOE's at first, terminated afterwards.
  {
    payerId: AETNA,
    ...member({
      payerKey: 'aetna',
      payerName: 'AETNA',
      memberId: 'W100000300',
      firstName: 'ELLA',
      lastName: 'ENDING',
      dateOfBirth: '1991-03-01',
      behavior: {
        kind: 'ends_after_first_verification',
        after: {
          benefits: [{ informationCode: '6', coverageLevelCode: 'IND', serviceTypeCodes: ['30'] }],
          coverageDates: { start: '2026-01-01', end: '2026-11-30' },
        },
      },
      benefits: aetnaStandardPpo(),
    }),
  },
  {
    payerId: AETNA,
    ...member({
      payerKey: 'aetna',
      payerName: 'AETNA',
      memberId: 'W100000500',
      firstName: 'SERVER',
      lastName: 'ERROR',
      dateOfBirth: '1980-01-01',
      behavior: { kind: 'http_error', status: 500 },
      benefits: aetnaStandardPpo(),
    }),
  },
  {
    payerId: AETNA,
    ...member({
      payerKey: 'aetna',
      payerName: 'AETNA',
      memberId: 'W100000408',
      firstName: 'SLOW',
      lastName: 'PAYER',
      dateOfBirth: '1980-01-01',
      behavior: { kind: 'stall', ms: 120_000 },
      benefits: aetnaStandardPpo(),
    }),
  },
  {
    payerId: '62308',
    ...member({
      payerKey: 'cigna',
      payerName: 'CIGNA',
      memberId: 'U10000001',
      firstName: 'MARIA',
      lastName: 'GARCIA',
      dateOfBirth: '1988-07-04',
      benefits: [...medicalPlanOnly('CIGNA OPEN ACCESS PLUS'), carvedOutTo('EVERNORTH BEHAVIORAL HEALTH', 'VN', 'EVNBH', '8009262273')],
    }),
  },
  {
    payerId: ANTHEM,
    ...member({
      payerKey: 'anthem',
      payerName: 'ANTHEM BLUE CROSS',
      memberId: 'XEA100000001',
      firstName: 'PRIYA',
      lastName: 'SHAH',
      dateOfBirth: '1979-11-23',
      benefits: [...medicalPlanOnly('ANTHEM PPO 1500'), carvedOutTo('CARELON BEHAVIORAL HEALTH', 'X3', CARELON, '8003971630')],
    }),
  },
  // Carved out to Carelon too, but Carelon's system fails for this member: the follow-up gives up
  // and staff are told to call Carelon.
  {
    payerId: ANTHEM,
    ...member({
      payerKey: 'anthem',
      payerName: 'ANTHEM BLUE CROSS',
      memberId: 'XEA100000002',
      firstName: 'NINA',
      lastName: 'PATEL',
      dateOfBirth: '1984-02-02',
      benefits: [...medicalPlanOnly('ANTHEM PPO 1500'), carvedOutTo('CARELON BEHAVIORAL HEALTH', 'X3', CARELON, '8003971630')],
    }),
  },
  {
    payerId: CARELON,
    ...member({
      payerKey: 'carelon',
      payerName: 'CARELON BEHAVIORAL HEALTH',
      memberId: 'XEA100000002',
      firstName: 'NINA',
      lastName: 'PATEL',
      dateOfBirth: '1984-02-02',
      behavior: { kind: 'http_error', status: 500 },
      benefits: [],
    }),
  },
  // Carelon answers the follow-up inquiry for Anthem's carved-out member.
  {
    payerId: CARELON,
    ...member({
      payerKey: 'carelon',
      payerName: 'CARELON BEHAVIORAL HEALTH',
      memberId: 'XEA100000001',
      firstName: 'PRIYA',
      lastName: 'SHAH',
      dateOfBirth: '1979-11-23',
      benefits: explicitPlan('ANTHEM PPO 1500 BEHAVIORAL HEALTH').slice(1),
    }),
  },
  {
    payerId: ANTHEM,
    ...member({
      payerKey: 'bcbs',
      payerName: 'ANTHEM BLUE CROSS',
      memberId: 'XYZ123456789',
      firstName: 'LIAM',
      lastName: 'CHEN',
      dateOfBirth: '1995-02-14',
      gender: 'M',
      benefits: [
        ...explicitPlan('BLUECARD PPO'),
        { informationCode: '1', coverageLevelCode: 'IND', serviceTypeCodes: ['30'], messages: ['BLUECARD MEMBER - HOME PLAN PREFIX XYZ'] },
      ],
    }),
  },
  {
    payerId: CARELON,
    ...member({
      payerKey: 'carelon',
      payerName: 'CARELON BEHAVIORAL HEALTH',
      memberId: 'CBH100000001',
      firstName: 'NOAH',
      lastName: 'JOHNSON',
      dateOfBirth: '1983-09-09',
      gender: 'M',
      benefits: explicitPlan('CARELON BEHAVIORAL HEALTH PLAN'),
    }),
  },
  {
    payerId: UMR,
    ...member({
      payerKey: 'geha',
      payerName: 'UMR',
      memberId: 'G100000001',
      firstName: 'EMMA',
      lastName: 'WILSON',
      dateOfBirth: '1975-05-21',
      benefits: explicitPlan('GEHA HIGH OPTION'),
    }),
  },
  {
    payerId: '95567',
    ...member({
      payerKey: 'healthnet',
      payerName: 'HEALTH NET',
      memberId: 'HN100000001',
      firstName: 'SOFIA',
      lastName: 'LOPEZ',
      dateOfBirth: '1992-12-01',
      benefits: explicitPlan('HEALTH NET PPO', 'Y'),
    }),
  },
  {
    payerId: UMR,
    ...member({
      payerKey: 'umr',
      payerName: 'UMR',
      memberId: 'UMR10000001',
      firstName: 'ETHAN',
      lastName: 'BROWN',
      dateOfBirth: '1987-03-17',
      gender: 'M',
      benefits: [
        activePlan('UMR CHOICE PLUS', 'PR', ['30', 'MH']),
        ...accumulator('deductible', 'Y', '2500.00', '1800.00'),
        ...accumulator('outOfPocket', 'Y', '6500.00', '5900.00'),
        coinsurance(['MH'], '.2', 'Y', 'U'),
        coinsurance(['MH'], '.5', 'N', 'U'),
      ],
    }),
  },
  {
    payerId: '41124',
    ...member({
      payerKey: 'meritain',
      payerName: 'MERITAIN HEALTH',
      memberId: 'MER10000001',
      firstName: 'AVA',
      lastName: 'MILLER',
      dateOfBirth: '1999-08-08',
      benefits: explicitPlan('MERITAIN SELF-FUNDED PPO'),
    }),
  },
  {
    payerId: '04271',
    ...member({
      payerKey: 'tufts',
      payerName: 'TUFTS HEALTH PLAN',
      memberId: 'TUF10000001',
      firstName: 'LUCAS',
      lastName: 'DAVIS',
      dateOfBirth: '1981-06-30',
      gender: 'M',
      benefits: explicitPlan('TUFTS NAVIGATOR PPO'),
    }),
  },
  {
    payerId: '41124',
    ...member({
      payerKey: 'meritain',
      payerName: 'MERITAIN HEALTH',
      memberId: 'MER10000002',
      firstName: 'MIA',
      lastName: 'MOORE',
      dateOfBirth: '1993-10-10',
      benefits: [
        ...explicitPlan('MERITAIN PPO - MULTIPLAN NETWORK'),
        {
          informationCode: '1',
          coverageLevelCode: 'IND',
          serviceTypeCodes: ['30'],
          relatedEntities: [{ name: { entityIdentifierCode: '1I', entityTypeQualifier: '2', lastNameOrOrganizationName: 'MULTIPLAN' } }],
        },
      ],
    }),
  },
  {
    payerId: '95567',
    ...member({
      payerKey: 'healthnet',
      payerName: 'HEALTH NET',
      memberId: 'HN100000002',
      firstName: 'OLIVER',
      lastName: 'TAYLOR',
      dateOfBirth: '1989-04-04',
      gender: 'M',
      benefits: [...medicalPlanOnly('HEALTH NET COMMUNITY CARE HMO'), carvedOutTo('HALCYON BEHAVIORAL', 'Y2', 'HALCY', '8884254800')],
    }),
  },
];

export function findSandboxMember(payerId: string, memberId: string): (SandboxMember & { payerId: string }) | undefined {
  return SANDBOX_MEMBERS.find((m) => m.payerId === payerId && m.memberId === memberId.toUpperCase());
}
